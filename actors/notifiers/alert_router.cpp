// notify.router: the one entry for alerts. Per occurrence:
//   alert_grouper.offer (pure) ─► message now? ─► route_targets by severity (pure) ─►
//   render_block_kit per webhook (pure) ─► INSERT alert_outbox ─► wake the notifier
// and a timer at alert_grouper.next_due() flushes grouped counts. Supervision events from
// the bus and delivery failures from the notifiers become alerts through the same path.
#include <caf/all.hpp>

#include "actors/notifiers/notifier_internals.hpp"
#include "actors/notifiers/notify_protocol.hpp"
#include "actors/notifiers/supervision_alerts.hpp"
#include "runtime/alerting/routing.hpp"
#include "runtime/logging/log.hpp"
#include "runtime/storage/alert_outbox.hpp"

namespace courtside::notify {
namespace {

using group_tick_atom = caf::atom_constant<caf::atom("grouptick")>;

struct router_state {
  notify_settings settings;
  std::vector<alerting::route> routes;
  std::optional<alerting::alert_grouper> grouper;
  std::optional<storage::database> db;
  wall_clock wall;
  std::string group_path; ///< "notify": the notifiers are its children
  std::optional<time_point> tick_at;
  std::uint64_t tick_generation = 0;
  std::uint64_t sequence = 0; ///< makes dedupe keys unique within one incarnation
  std::shared_ptr<spdlog::logger> log;
  static inline const char* name = "alert_router";
};

using router_actor = caf::stateful_actor<router_state>;

const webhook_settings* webhook_named(router_actor* self, const std::string& name) {
  for (const auto& w : self->state.settings.webhooks)
    if (w.name == name) return &w;
  return nullptr;
}

void enqueue_for(router_actor* self, const alerting::outgoing_message& m, const std::string& target) {
  auto& st = self->state;
  const auto* hook = webhook_named(self, target);
  const auto now = st.wall();
  storage::new_outbox_message row;
  row.webhook = target;
  row.dedupe_key = target + "|" + m.content.key + "|" + std::to_string(now) + "#" + std::to_string(++st.sequence);
  row.alert_key = m.content.key;
  row.severity = alerting::to_string(m.content.level);
  row.title = m.content.title;
  row.body = m.content.text;
  row.payload = alerting::render_block_kit(m, {st.settings.engine_name, hook ? hook->channel : std::nullopt});
  auto written = storage::enqueue_alert(*st.db, row, now);
  if (!written) {
    // The outbox is the only way to Slack; the log line is the last record of this alert.
    st.log->error("alert '{}' ({}) for {} NOT queued: {}", m.content.title, m.content.key, target,
                  written.error().describe());
    return;
  }
  send_to_path(self, join_path(st.group_path, notifier_child_name(target)), caf::make_message(wake_atom::value));
}

// Alerts about a webhook ("notify:<name>:...") never go back to it: they would queue behind
// the very failure they report.
std::string webhook_concerned(const std::string& key) {
  constexpr std::string_view prefix = "notify:";
  if (key.compare(0, prefix.size(), prefix) != 0) return {};
  const auto end = key.find(':', prefix.size());
  return key.substr(prefix.size(), end == std::string::npos ? std::string::npos : end - prefix.size());
}

void emit(router_actor* self, const alerting::outgoing_message& m) {
  const auto targets = alerting::route_targets(self->state.routes, m.content.level, webhook_concerned(m.content.key));
  if (targets.empty())
    self->state.log->debug("alert '{}' ({}) matches no webhook", m.content.title, to_string(m.content.level));
  for (const auto& t : targets) enqueue_for(self, m, t);
}

void arm_tick(router_actor* self) {
  auto& st = self->state;
  const auto due = st.grouper->next_due();
  if (!due || (st.tick_at && *st.tick_at <= *due)) return;
  st.tick_at = due;
  const auto now = self->clock().now();
  self->delayed_send(self, *due > now ? *due - now : duration::zero(), group_tick_atom::value, ++st.tick_generation);
}

void on_alert(router_actor* self, alerting::alert a) {
  if (a.key.empty()) a.key = a.title;
  if (auto m = self->state.grouper->offer(a, self->clock().now())) emit(self, *m);
  arm_tick(self);
}

void on_delivery_failed(router_actor* self, const delivery_failure& f) {
  alerting::alert a;
  a.key = "notify:" + f.notifier + (f.outage ? ":down" : ":dead_letter");
  a.level = alerting::severity::error;
  a.title = f.outage ? "Slack webhook '" + f.notifier + "' is not answering"
                     : "A message to Slack webhook '" + f.notifier + "' was dead-lettered";
  a.text = f.outage ? "Its messages are held in the outbox and will be delivered in order once it answers."
                    : "Slack refused it for good; it is kept in the outbox as dropped.";
  a.fields = {{"Reason", f.reason}, {"Slack said", f.detail}, {"Message", f.title},
              {"Pending", std::to_string(f.pending)}};
  on_alert(self, std::move(a));
}

caf::behavior alert_router(router_actor* self, std::string path, notify_settings settings) {
  crash_on_exception(self);
  auto& st = self->state;
  st.log = actor_log(path);
  st.wall = settings.wall ? settings.wall : system_wall_clock();
  st.db.emplace(open_outbox(settings, st.wall()));
  st.grouper.emplace(settings.grouping);
  for (const auto& w : settings.webhooks) st.routes.push_back({w.name, w.min_level, w.max_level});
  const auto dot = path.rfind('.');
  st.group_path = dot == std::string::npos ? std::string{} : path.substr(0, dot);
  if (settings.events) self->send(settings.events, subscribe_atom::value, caf::actor{self});
  st.settings = std::move(settings);
  self->set_error_handler([=](caf::error& e) {
    self->state.log->warn("a notifier could not be woken: {}", describe_reason(e));
  });
  return {
    [=](alert_atom, alerting::alert& a) { on_alert(self, std::move(a)); },
    [=](const supervision_event& e) {
      if (auto a = alert_from_supervision_event(e)) on_alert(self, std::move(*a));
    },
    [=](delivery_failed_atom, const delivery_failure& f) { on_delivery_failed(self, f); },
    [=](delivery_ok_atom, const std::string& notifier) {
      alerting::alert a;
      a.key = "notify:" + notifier + ":down";
      a.level = alerting::severity::error;
      a.resolved = true;
      a.title = "Slack webhook '" + notifier + "' answers again";
      on_alert(self, std::move(a));
    },
    [=](group_tick_atom, std::uint64_t generation) {
      auto& s = self->state;
      if (generation != s.tick_generation) return;
      s.tick_at.reset();
      for (const auto& m : s.grouper->tick(self->clock().now())) emit(self, m);
      arm_tick(self);
    },
  };
}

} // namespace

child_spec router_child(notify_settings settings) {
  child_spec c;
  c.name = "router";
  c.start = [settings = std::move(settings)](const child_context& ctx) {
    return ctx.parent->spawn(alert_router, ctx.path, settings);
  };
  return c;
}

supervisor_spec notify_spec(supervisor_spec base, notify_settings settings, post_function post) {
  base.strategy = restart_strategy::one_for_one;
  base.children.clear();
  base.children.push_back(router_child(settings));
  for (const auto& w : settings.webhooks) base.children.push_back(notifier_child(settings, w, post));
  return base;
}

child_spec notify_child(supervisor_spec base, notify_settings settings, post_function post) {
  return supervisor_child("notify", notify_spec(std::move(base), std::move(settings), std::move(post)));
}

} // namespace courtside::notify
