#include "actors/control/control_server.hpp"

#include <atomic>
#include <chrono>

#include <caf/all.hpp>

#include "actors/control/control_routes.hpp"
#include "actors/control/dashboard_page.hpp"
#include "actors/control/json_writer.hpp"
#include "runtime/http/url.hpp"
#include "runtime/logging/log.hpp"
#include "runtime/logging/secret_redactor.hpp"
#include "runtime/metrics/exposition.hpp"
#include "runtime/supervision/protocol.hpp"

namespace courtside::control {

/// One request on its way through the actor; travels only inside this process.
struct pending_call {
  pending_call(http::server_request req, http::responder r)
    : request(std::move(req)), responder(std::move(r)) {}

  http::server_request request;
  http::responder responder;
  route target;
  std::atomic<bool> action_done{false};
  action_result result; ///< written by the action's callback before it messages the actor
};

} // namespace courtside::control

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::shared_ptr<courtside::control::pending_call>)

namespace courtside::control {
namespace {

using call_ptr = std::shared_ptr<pending_call>;
using action_done_atom = caf::atom_constant<caf::atom("actdone")>;
using action_timeout_atom = caf::atom_constant<caf::atom("acttmo")>;
using tree_result = std::optional<std::vector<tree_node_status>>;

struct control_state {
  control_settings settings;
  std::unique_ptr<http::http_server> server;
  std::unique_ptr<warehouse_view> warehouse;
  secret_redactor redactor;
  std::optional<metrics::engine_metrics> metrics;
  std::shared_ptr<spdlog::logger> log;
  static inline const char* name = "control";
};

using control_actor = caf::stateful_actor<control_state>;

storage::unix_ms wall_now(const control_state& st) {
  if (st.settings.wall_clock) return st.settings.wall_clock();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
           std::chrono::system_clock::now().time_since_epoch())
    .count();
}

http::server_response json_response(unsigned status, std::string body) {
  return http::server_response::text(status, std::move(body), "application/json; charset=utf-8");
}

http::server_response json_error(unsigned status, std::string_view message) {
  json_writer w;
  w.begin_object().field("error", message).end_object();
  return json_response(status, w.take());
}

// Every answer leaves through here: secrets masked, no caching, counted.
void answer(control_actor* self, const call_ptr& call, http::server_response r) {
  auto& st = self->state;
  if (!st.redactor.empty()) r.body = st.redactor.redact(r.body);
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  const auto status = r.status;
  if (call->responder.respond(std::move(r)))
    st.metrics->control_requests.with({to_string(call->target.what), std::to_string(status)}).inc();
}

// Asks the event bus for the tree; `then` runs on the actor with the tree or nullopt + why.
template <class F>
void with_tree(control_actor* self, F then) {
  auto& st = self->state;
  if (!st.settings.events) return then(tree_result{}, std::string("no event bus configured"));
  self->request(st.settings.events, st.settings.tree_timeout, status_atom::value)
    .then([=](std::vector<tree_node_status>& nodes) { then(tree_result{std::move(nodes)}, std::string{}); },
          [=](caf::error& e) { then(tree_result{}, "event bus: " + describe_reason(e)); });
}

void serve_readyz(control_actor* self, const call_ptr& call) {
  with_tree(self, [=](const tree_result& tree, const std::string&) {
    readiness_input in{tree ? &*tree : nullptr};
    const auto& checks = self->state.settings.readiness;
    auto failures = evaluate_readiness(checks, in);
    answer(self, call, json_response(failures.empty() ? 200 : 503,
                                     render_readiness_json(checks, failures)));
  });
}

void serve_metrics(control_actor* self, const call_ptr& call) {
  with_tree(self, [=](const tree_result& tree, const std::string& why) {
    auto& st = self->state;
    overview_request req;
    req.breakers_and_jobs = true;
    auto wh = st.warehouse->overview(req);
    if (!wh) st.log->debug("metrics without warehouse gauges: {}", wh.error().describe());
    if (!tree) st.log->debug("metrics without tree: {}", why);
    record_scrape_metrics(*st.metrics, wh ? &wh.value() : nullptr, tree ? &*tree : nullptr,
                          wall_now(st));
    auto& reg = st.settings.registry ? *st.settings.registry : metrics::global();
    auto r = http::server_response::text(200, reg.render(),
                                         std::string(metrics::exposition_content_type));
    r.gzip = true;
    answer(self, call, std::move(r));
  });
}

void serve_status(control_actor* self, const call_ptr& call) {
  with_tree(self, [=](const tree_result& tree, const std::string& why) {
    auto& st = self->state;
    status_inputs in;
    in.engine_name = st.settings.engine_name;
    in.now = wall_now(st);
    in.tree = tree;
    in.tree_error = why;
    in.dates = last_dates(st.settings.today ? st.settings.today(in.now) : date_of(in.now),
                          st.settings.ledger_days);
    in.grid_phases = st.settings.grid_phases;
    if (st.settings.schedules) in.schedules = st.settings.schedules(in.now);
    in.actions_enabled = !st.settings.token.empty();
    overview_request req;
    req.recent_alerts = st.settings.recent_alerts;
    if (!in.dates.empty()) req.ledger_range = std::make_pair(in.dates.back(), in.dates.front());
    auto wh = st.warehouse->overview(req);
    if (wh) in.warehouse = std::move(wh).value();
    else in.warehouse_error = wh.error().describe();
    auto r = json_response(200, render_status_json(in));
    r.gzip = true;
    answer(self, call, std::move(r));
  });
}

void serve_date(control_actor* self, const call_ptr& call) {
  const auto& date = call->target.param;
  if (!valid_date(date))
    return answer(self, call, json_error(400, "not a date (want YYYY-MM-DD): " + date));
  auto detail = self->state.warehouse->date(date);
  if (!detail)
    return answer(self, call, json_error(503, "warehouse: " + detail.error().describe()));
  answer(self, call, json_response(200, render_date_json(detail.value())));
}

// Hands the call to a callback; its `done` comes back as a message (or 504 after the timeout).
action_done completion_for(control_actor* self, const call_ptr& call) {
  caf::actor_addr addr = self->address();
  return [addr, call](action_result r) {
    if (call->action_done.exchange(true)) return; // called twice: the first answer stands
    call->result = std::move(r);
    if (auto me = caf::actor_cast<caf::actor>(addr))
      caf::anon_send(me, action_done_atom::value, call);
    else
      call->responder.respond(http::server_response::text(503, "control plane stopped\n"));
  };
}

std::optional<backfill_request> parse_backfill(const http::server_request& req, std::string& why) {
  http::header_list params = req.query;
  if (!req.body.empty()) {
    auto form = http::parse_query(req.body);
    params.insert(params.end(), form.begin(), form.end());
  }
  backfill_request b;
  for (const auto& [k, v] : params) {
    if (k == "from") b.first_date = v;
    else if (k == "to") b.last_date = v;
    else if (k == "phase" && !v.empty()) b.phases.push_back(v);
  }
  if (b.last_date.empty()) b.last_date = b.first_date;
  if (!valid_date(b.first_date) || !valid_date(b.last_date)) {
    why = "from and to must be dates (YYYY-MM-DD)";
    return std::nullopt;
  }
  if (b.first_date > b.last_date) {
    why = "from is after to";
    return std::nullopt;
  }
  if (b.first_date < last_dates(b.last_date, 366).back()) {
    why = "a backfill covers at most 366 days";
    return std::nullopt;
  }
  return b;
}

void serve_action(control_actor* self, const call_ptr& call) {
  auto& st = self->state;
  switch (authorize(call->request.header("Authorization"), st.settings.token)) {
    case auth_decision::allowed: break;
    case auth_decision::disabled:
      return answer(self, call, json_error(403, "mutating endpoints are disabled: no [http] token is configured"));
    case auth_decision::missing:
    case auth_decision::wrong_token: {
      auto r = json_error(401, "a valid bearer token is required");
      r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"courtside\"");
      return answer(self, call, std::move(r));
    }
  }
  if (call->target.what == endpoint::run_job) {
    if (!valid_job_name(call->target.param))
      return answer(self, call, json_error(400, "not a job name: " + call->target.param));
    if (!st.settings.run_job) return answer(self, call, json_error(503, "run-now is not wired in this engine"));
    st.log->info("run-now requested for job '{}' from {}", call->target.param, call->request.peer);
    st.settings.run_job(call->target.param, completion_for(self, call));
  } else {
    std::string why;
    auto b = parse_backfill(call->request, why);
    if (!b) return answer(self, call, json_error(400, why));
    if (!st.settings.backfill) return answer(self, call, json_error(503, "backfill is not wired in this engine"));
    st.log->info("backfill {}..{} requested from {}", b->first_date, b->last_date, call->request.peer);
    st.settings.backfill(*b, completion_for(self, call));
  }
  if (!call->responder.responded())
    self->delayed_send(self, st.settings.action_timeout, action_timeout_atom::value, call);
}

void dispatch(control_actor* self, const call_ptr& call) {
  const auto& req = call->request;
  call->target = route_request(req.method, req.path);
  switch (call->target.what) {
    case endpoint::not_found:
      return answer(self, call, json_error(404, "no such path"));
    case endpoint::method_not_allowed: {
      auto r = json_error(405, "method " + req.method + " not allowed here");
      r.headers.emplace_back("Allow", call->target.allow);
      return answer(self, call, std::move(r));
    }
    case endpoint::dashboard: {
      auto r = http::server_response::text(200, std::string(dashboard_html()), "text/html; charset=utf-8");
      r.headers.emplace_back("Content-Security-Policy",
                             "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                             "connect-src 'self'; img-src 'self' data:");
      r.gzip = true;
      return answer(self, call, std::move(r));
    }
    case endpoint::healthz: return answer(self, call, http::server_response::text(200, "ok\n"));
    case endpoint::readyz: return serve_readyz(self, call);
    case endpoint::metrics: return serve_metrics(self, call);
    case endpoint::status: return serve_status(self, call);
    case endpoint::date: return serve_date(self, call);
    case endpoint::run_job:
    case endpoint::backfill: return serve_action(self, call);
  }
}

caf::error start_server(control_actor* self) {
  auto& st = self->state;
  caf::actor_addr addr = self->address();
  st.server = std::make_unique<http::http_server>(
    st.settings.server, [addr](const http::server_request& req, http::responder r) {
      auto me = caf::actor_cast<caf::actor>(addr);
      if (!me) {
        r.respond(http::server_response::text(503, "control plane restarting\n"));
        return;
      }
      caf::anon_send(me, std::make_shared<pending_call>(req, std::move(r)));
    });
  if (auto started = st.server->start(); !started.ok()) {
    st.log->error("control server did not start: {}", started.detail);
    return caf::make_error(caf::sec::cannot_open_port);
  }
  st.log->info("control plane on http://{}:{}/", st.settings.server.bind_address, st.server->port());
  if (st.settings.on_listening) st.settings.on_listening(st.server->port());
  return caf::none;
}

caf::behavior control_server(control_actor* self, std::string path, control_settings settings) {
  crash_on_exception(self);
  auto& st = self->state;
  st.log = actor_log(path);
  st.settings = std::move(settings);
  st.warehouse = std::make_unique<warehouse_view>(st.settings.warehouse_path);
  st.redactor.add(st.settings.token);
  for (const auto& s : st.settings.secrets) st.redactor.add(s);
  st.metrics.emplace(metrics::engine_metrics_in(st.settings.registry ? *st.settings.registry
                                                                     : metrics::global()));
  // The state's destructor destroys the server, whose destructor stops it and joins its
  // threads: nothing outlives the actor that could reach into its state.
  if (auto err = start_server(self)) {
    self->quit(err);
    return {};
  }
  return {
    [=](const call_ptr& call) { dispatch(self, call); },
    [=](action_done_atom, const call_ptr& call) {
      json_writer w;
      w.begin_object().field("status", call->result.status).field("message", call->result.message).end_object();
      answer(self, call, json_response(call->result.status, w.take()));
    },
    [=](action_timeout_atom, const call_ptr& call) {
      if (!call->responder.responded())
        answer(self, call, json_error(504, "the action did not report back in time"));
    },
  };
}

} // namespace

http::http_server_options control_settings::default_server_options() {
  http::http_server_options o;
  o.bind_address = "127.0.0.1";
  o.port = 8080;
  o.threads = 1;
  o.max_header_bytes = 8u << 10;
  o.max_body_bytes = 64u << 10;
  o.read_timeout = milliseconds{10'000};
  o.write_timeout = milliseconds{10'000};
  o.max_connections = 64;
  o.server_name = "courtside-control";
  return o;
}

child_spec control_child(control_settings settings) {
  child_spec c;
  c.name = "control";
  c.start = [settings = std::move(settings)](const child_context& ctx) {
    return ctx.parent->spawn<caf::detached>(control_server, ctx.path, settings);
  };
  return c;
}

} // namespace courtside::control
