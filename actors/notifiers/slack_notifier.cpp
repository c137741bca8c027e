// notify.slack_<name>: delivers one webhook's outbox rows, oldest first, one at a time.
//
//   idle ──wake/poll──► head row? ──no──► idle (poll timer)
//                          │yes
//                          ▼
//                   flood control ──wait──► timer ──► (again)
//                          │granted
//                          ▼
//                       posting ──answer──► decide_delivery (pure)
//                          delivered    → mark sent, next row
//                          retry/outage → record failure, timer (2/4/8 s, then probes)
//                          dead_letter  → mark dropped, log once, report, next row
//                          pass_on      → leave it pending, stop
//
// Strict order: a row behind a failing one waits (head-of-line) so Slack shows alerts in the
// order they were raised. Timers carry a generation: a stale one (from before a wake that
// already moved on) is ignored.
#include <caf/all.hpp>

#include "actors/notifiers/notifier_internals.hpp"
#include "actors/notifiers/notify_protocol.hpp"
#include "runtime/alerting/routing.hpp"
#include "runtime/http/http_outcome.hpp"
#include "runtime/logging/log.hpp"
#include "runtime/storage/alert_outbox.hpp"

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::shared_ptr<const courtside::http::http_result>)

namespace courtside::notify {
namespace {

using posted_atom = caf::atom_constant<caf::atom("posted")>;
using timer_atom = caf::atom_constant<caf::atom("ntimer")>;
using result_ptr = std::shared_ptr<const http::http_result>;

struct notifier_state {
  notify_settings settings;
  webhook_settings webhook;
  post_function post;
  wall_clock wall;
  std::optional<storage::database> db;
  std::optional<retry::rate_limiter> flood;
  /// When any incarnation of this notifier last POSTed: kept by its child_spec, so a restarted
  /// notifier (its limiter died with the old one) still waits out the interval.
  std::shared_ptr<std::optional<caf::actor_clock::time_point>> last_post;
  std::optional<storage::outbox_message> head; ///< the row being delivered
  int failures = 0;       ///< failed tries of `head`
  bool posting = false;   ///< a POST is out
  bool timer_armed = false;
  std::uint64_t generation = 0; ///< of the armed timer / the POST out
  bool outage = false;
  bool delivered_unmarked = false; ///< `head` got its 2xx; marking it sent failed so far
  bool storage_failing = false; ///< log a storage error once per streak
  std::int64_t posts = 0;
  std::shared_ptr<spdlog::logger> log;
  static inline const char* name = "slack_notifier";
};

using notifier_actor = caf::stateful_actor<notifier_state>;

void pump(notifier_actor* self);

void arm(notifier_actor* self, milliseconds delay) {
  auto& st = self->state;
  st.timer_armed = true;
  self->delayed_send(self, delay, timer_atom::value, ++st.generation);
}

// Storage trouble is not the webhook's fault: log it once, try again later, keep the row.
bool storage_ok(notifier_actor* self, const storage::storage_status& s, const char* what) {
  auto& st = self->state;
  if (s) {
    st.storage_failing = false;
    return true;
  }
  if (!st.storage_failing) st.log->error("outbox {} failed: {}", what, s.error().describe());
  st.storage_failing = true;
  return false;
}

void report(notifier_actor* self, bool outage, const alerting::delivery_decision& d) {
  auto& st = self->state;
  auto counts = storage::count_alerts(*st.db, st.webhook.name);
  delivery_failure f{st.webhook.name, outage, alerting::to_string(d.reason), scrub(d.detail, st.webhook.url),
                     st.head ? st.head->title : "", counts ? counts.value().pending : 0};
  send_to_path(self, router_path, caf::make_message(delivery_failed_atom::value, std::move(f)));
}

// Slack has the message; only the mark is left. If the mark fails, retry the MARK later,
// never the POST (that would post it twice).
void on_delivered(notifier_actor* self) {
  auto& st = self->state;
  const auto id = st.head->id;
  st.delivered_unmarked = true;
  if (!storage_ok(self, storage::mark_alert_sent(*st.db, id, st.wall()), "mark_sent")) return arm(self, seconds_5);
  st.delivered_unmarked = false;
  st.log->debug("message #{} delivered after {} failed tries", id, st.failures);
  if (st.outage) {
    st.outage = false;
    st.log->info("webhook answers again; delivering the held messages in order");
    send_to_path(self, router_path, caf::make_message(delivery_ok_atom::value, st.webhook.name));
  }
  st.head.reset();
  st.failures = 0;
  pump(self);
}

void on_failed(notifier_actor* self, const alerting::delivery_decision& d) {
  auto& st = self->state;
  const auto now = st.wall();
  const std::string why = std::string{alerting::to_string(d.reason)} + (d.detail.empty() ? "" : ": " + scrub(d.detail, st.webhook.url));
  if (d.verdict == alerting::delivery_verdict::dead_letter) {
    if (!storage_ok(self, storage::dead_letter_alert(*st.db, st.head->id, now, why), "dead_letter"))
      return arm(self, seconds_5);
    // Logged once, here: the row is never tried again.
    st.log->error("message #{} '{}' dead-lettered after {} tries: {}", st.head->id, st.head->title,
                  st.failures + 1, why);
    report(self, false, d);
    st.head.reset();
    st.failures = 0;
    return pump(self);
  }
  ++st.failures;
  (void) storage_ok(self, storage::record_alert_failure(*st.db, st.head->id, now, now + d.delay.count(), why),
                    "record_failure");
  if (d.verdict == alerting::delivery_verdict::outage && !st.outage) {
    st.outage = true;
    st.log->error("webhook unreachable after {} tries ({}); holding its messages, probing every {} or less",
                  st.failures, why, format_duration(st.settings.delivery.outage_probe_max));
    report(self, true, d);
  } else {
    st.log->info("message #{} try {} failed ({}); next try in {}", st.head->id, st.failures, why,
                 format_duration(d.delay));
  }
  arm(self, d.delay);
}

void on_posted(notifier_actor* self, std::uint64_t generation, const result_ptr& result) {
  auto& st = self->state;
  if (!st.posting || generation != st.generation || !st.head) return;
  st.posting = false;
  const auto wall_now = std::chrono::system_clock::time_point{milliseconds{st.wall()}};
  const auto outcome = retry::outcome_from(*result, wall_now);
  const std::string body = result->ok() ? result->response().body : "";
  const auto d = alerting::decide_delivery(outcome, body, st.failures + 1, st.settings.delivery);
  switch (d.verdict) {
    case alerting::delivery_verdict::delivered: return on_delivered(self);
    case alerting::delivery_verdict::pass_on:
      st.log->debug("message #{} not sent: the HTTP client is stopping", st.head->id);
      return;
    default: return on_failed(self, d);
  }
}

void post_head(notifier_actor* self) {
  auto& st = self->state;
  http::http_request req;
  req.method = http::http_method::post;
  req.url = st.webhook.url;
  req.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  req.body = st.head->payload;
  req.timeout = st.settings.request_timeout;
  req.connect_timeout = std::min(st.settings.request_timeout, milliseconds{5'000});
  req.max_body_bytes = 64u << 10;
  req.max_redirects = 0; // a webhook that redirects is misconfigured; never re-POST elsewhere
  st.posting = true;
  ++st.posts;
  *st.last_post = self->clock().now();
  const auto generation = ++st.generation;
  caf::actor me = self;
  st.post(std::move(req), [me, generation](http::http_result r) {
    caf::anon_send(me, posted_atom::value, generation, std::make_shared<const http::http_result>(std::move(r)));
  });
}

void pump(notifier_actor* self) {
  auto& st = self->state;
  if (st.posting || st.timer_armed) return;
  if (st.head && st.delivered_unmarked) return on_delivered(self);
  if (!st.head) {
    auto rows = storage::pending_alerts(*st.db, st.webhook.name, 1);
    if (!rows) {
      (void) storage_ok(self, rows.error(), "read");
      return arm(self, seconds_5);
    }
    st.storage_failing = false;
    if (rows.value().empty()) return arm(self, st.settings.idle_poll);
    st.head = std::move(rows.value().front());
    st.failures = st.head->attempts; // a restarted notifier continues the count
  }
  const auto now = self->clock().now();
  const auto gate = st.flood->acquire(now);
  if (gate.verdict == retry::rate_verdict::wait)
    return arm(self, std::chrono::ceil<milliseconds>(gate.wait_until - now));
  post_head(self);
}

caf::behavior slack_notifier(notifier_actor* self, std::string path, notify_settings settings,
                             webhook_settings webhook, post_function post,
                             std::shared_ptr<std::optional<caf::actor_clock::time_point>> last_post) {
  crash_on_exception(self);
  auto& st = self->state;
  st.log = actor_log(path);
  st.wall = settings.wall ? settings.wall : system_wall_clock();
  st.db.emplace(open_outbox(settings, st.wall()));
  st.flood.emplace(alerting::flood_limit(webhook.min_interval));
  st.last_post = std::move(last_post);
  if (*st.last_post) (void) st.flood->acquire(**st.last_post); // the previous incarnation's POST
  st.settings = std::move(settings);
  st.webhook = std::move(webhook);
  st.post = std::move(post);
  self->set_error_handler([=](caf::error& e) {
    self->state.log->warn("the router could not be told: {}", describe_reason(e));
  });
  self->send(self, wake_atom::value);
  return {
    [=](wake_atom) {
      // A wake while idle cuts the poll short; while a retry timer runs it must not.
      auto& s = self->state;
      if (s.timer_armed && !s.head) s.timer_armed = false;
      pump(self);
    },
    [=](timer_atom, std::uint64_t generation) {
      if (generation != self->state.generation) return;
      self->state.timer_armed = false;
      pump(self);
    },
    [=](posted_atom, std::uint64_t generation, const result_ptr& r) { on_posted(self, generation, r); },
    [=](status_atom) {
      auto& s = self->state;
      notifier_status out{s.webhook.name, 0, 0, 0, s.outage, s.failures, s.posts};
      if (auto c = storage::count_alerts(*s.db, s.webhook.name)) {
        out.pending = c.value().pending;
        out.sent = c.value().sent;
        out.dropped = c.value().dropped;
      }
      return out;
    },
  };
}

} // namespace

child_spec notifier_child(const notify_settings& settings, const webhook_settings& webhook,
                          post_function post) {
  child_spec c;
  c.name = notifier_child_name(webhook.name);
  auto last_post = std::make_shared<std::optional<caf::actor_clock::time_point>>();
  c.start = [settings, webhook, post = std::move(post), last_post](const child_context& ctx) {
    return ctx.parent->spawn(slack_notifier, ctx.path, settings, webhook, post, last_post);
  };
  return c;
}

} // namespace courtside::notify
