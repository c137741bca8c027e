#include "runtime/app/chaos/virtual_world.hpp"

#include <map>
#include <memory>

#include <caf/all.hpp>
#include <caf/scheduler/test_coordinator.hpp>

#include "actors/orchestrators/backfill.hpp"
#include "runtime/app/engine.hpp"
#include "runtime/http/url.hpp"
#include "runtime/random.hpp"
#include "runtime/retry/retry_after.hpp"
#include "runtime/storage/database.hpp"
#include "runtime/supervision/event_bus.hpp"
#include "runtime/supervision/tree_model.hpp"
#include "tools/fake-slack/fake_slack.hpp"
#include "tools/upstream-sim/router.hpp"
#include "tools/upstream-sim/server.hpp"

namespace courtside::chaos {
namespace {

using deliver_atom = caf::atom_constant<caf::atom("deliver")>;
constexpr milliseconds slack_latency{20};
using callback = std::function<void(http::http_result)>;
namespace sim = upstream_sim;

struct virtual_config : caf::actor_system_config {
  virtual_config() {
    set("scheduler.policy", caf::atom("testing"));
    add_message_type<supervision_event>("supervision_event");
    add_message_type<tree_node_status>("tree_node_status");
  }
};

// The league's answers do not depend on time (no "not final until" rules here), so each URL
// is built once per process: the season schedule alone is 3.5 MB of JSON.
const http::server_response& cached_answer(const sim::router& router, const http::server_request& req,
                                           bool force_live) {
  static std::map<std::tuple<const sim::league*, std::string, bool>, http::server_response> cache;
  auto key = std::make_tuple(&router.league_data(), req.target, force_live);
  auto found = cache.find(key);
  if (found == cache.end())
    found = cache.emplace(std::move(key), router.handle(req, milliseconds{0}, force_live)).first;
  return found->second;
}

http::http_result as_result(const http::server_response& r) {
  http::http_response out;
  out.status = r.status;
  out.headers = r.headers;
  out.body = r.body;
  return out;
}

http::http_result failure(http::transport_error e, std::string detail, milliseconds elapsed) {
  return http::transport_failure{e, std::move(detail), elapsed};
}

std::optional<milliseconds> retry_after_of(const http::header_list& headers) {
  auto v = http::find_header(headers, "Retry-After");
  if (!v) return std::nullopt;
  return retry::parse_retry_after(*v, std::chrono::system_clock::now());
}

// Everything the fakes share. The test coordinator runs one thing at a time, so no locks.
struct world {
  caf::actor_system* sys = nullptr;
  caf::actor_clock::time_point origin;
  caf::actor courier;
  const std::optional<chaos_plan>* plan = nullptr;
  std::unique_ptr<sim::router> router;
  std::map<std::uint64_t, std::pair<callback, http::http_result>> pending;
  std::uint64_t next_id = 0;
  std::array<std::uint64_t, sim::endpoint_count> requests_by_endpoint{};
  random_source commit_rng{1};
  world_result result;

  [[nodiscard]] milliseconds now() const {
    return std::chrono::duration_cast<milliseconds>(sys->clock().now() - origin);
  }

  void answer_later(milliseconds delay, callback cb, http::http_result r) {
    const auto id = ++next_id;
    pending.emplace(id, std::make_pair(std::move(cb), std::move(r)));
    if (delay <= milliseconds{0}) caf::anon_send(courier, deliver_atom::value, id);
    else caf::delayed_anon_send(courier, delay, deliver_atom::value, id);
  }

  void deliver(std::uint64_t id) {
    auto found = pending.find(id);
    if (found == pending.end()) return;
    auto [cb, r] = std::move(found->second);
    pending.erase(found);
    cb(std::move(r));
  }

  void fetch(const http::http_request& req, callback done) {
    auto parsed = http::parse_url(req.url);
    http::server_request sr;
    sr.method = "GET";
    sr.target = parsed.ok() ? parsed.url.target : "/";
    const auto q = sr.target.find('?');
    sr.path = http::percent_decode(sr.target.substr(0, q), false);
    if (q != std::string::npos) sr.query = http::parse_query(std::string_view{sr.target}.substr(q + 1));
    sr.headers = req.headers;
    sr.peer = "chaos";
    const auto which = sim::match_route(sr.path).which;
    const auto number = ++requests_by_endpoint[static_cast<std::size_t>(which)];
    sim::fault_decision d;
    if (*plan && which != sim::endpoint::unknown && which != sim::endpoint::admin)
      d = sim::decide((*plan)->upstream.spec_for(sim::to_string(which)), (*plan)->seed,
                      sim::to_string(which), number);
    upstream_request seen{now(), now(), http::redact_url(req.url), sim::to_string(d.kind), 0, std::nullopt};
    auto delay = d.delay;
    if (d.kind == sim::fault_kind::hang && delay + (*plan)->upstream.spec_for(sim::to_string(which)).hang >= req.timeout) {
      seen.answered_at = seen.at + req.timeout;
      result.requests.push_back(seen);
      return answer_later(req.timeout, std::move(done),
                          failure(http::transport_error::read_timeout, "chaos: no answer", req.timeout));
    }
    if (d.kind == sim::fault_kind::reset) {
      seen.answered_at = seen.at + delay;
      result.requests.push_back(seen);
      return answer_later(delay, std::move(done),
                          failure(http::transport_error::reset, "chaos: connection reset", delay));
    }
    http::server_response answer;
    if (d.kind == sim::fault_kind::error_status) {
      answer = http::server_response::text(d.status, "<html><body><h1>" + std::to_string(d.status) +
                                                       "</h1></body></html>\n", "text/html");
    } else if (d.kind == sim::fault_kind::rate_limited) {
      answer = sim::json_response(429, "{\"message\":\"Too Many Requests\"}");
      if (d.retry_after) answer.headers.emplace_back("Retry-After", std::to_string(d.retry_after->count()));
    } else {
      answer = sim::apply_fault(cached_answer(*router, sr, d.kind == sim::fault_kind::not_final), d);
    }
    if (d.kind == sim::fault_kind::slow_body) {
      const auto bps = (*plan)->upstream.spec_for(sim::to_string(which)).slow_bytes_per_second;
      delay += milliseconds{static_cast<milliseconds::rep>(answer.body.size() * 1000 / bps)};
    }
    seen.status = answer.status;
    seen.retry_after = retry_after_of(answer.headers);
    seen.answered_at = seen.at + std::max(delay, milliseconds{0});
    result.requests.push_back(seen);
    answer_later(delay, std::move(done), as_result(answer));
  }

  void post(const http::http_request& req, callback done) {
    const auto t = now();
    const slack_outage* outage = nullptr;
    if (*plan)
      for (const auto& o : (*plan)->slack)
        if (o.from <= t && t < o.until) outage = &o;
    slack_post seen{t, t, req.body, 0, std::nullopt};
    if (outage != nullptr && outage->trouble == slack_trouble::no_answer) {
      seen.answered_at = t + req.timeout;
      result.posts.push_back(seen);
      return answer_later(req.timeout, std::move(done),
                          failure(http::transport_error::read_timeout, "chaos: no answer", req.timeout));
    }
    http::server_response answer;
    if (outage != nullptr && outage->trouble == slack_trouble::server_error) {
      answer = http::server_response::text(500, "rollup_error");
    } else if (outage != nullptr) {
      answer = http::server_response::text(429, "rate_limited");
      if (outage->retry_after_seconds > 0)
        answer.headers.emplace_back("Retry-After", std::to_string(outage->retry_after_seconds));
    } else {
      const auto problem = fake_slack::check_webhook_body(req.body);
      answer = problem.empty() ? http::server_response::text(200, "ok") : http::server_response::text(400, problem);
    }
    seen.status = answer.status;
    seen.retry_after = retry_after_of(answer.headers);
    seen.answered_at = t + slack_latency;
    result.posts.push_back(seen);
    answer_later(slack_latency, std::move(done), as_result(answer));
  }

  std::optional<storage::storage_error> commit_fault() {
    if (!*plan || (*plan)->commits.rate <= 0 || now() >= (*plan)->commits.until) return std::nullopt;
    if (commit_rng.uniform01() >= (*plan)->commits.rate) return std::nullopt;
    ++result.commits_failed;
    return storage::make_error(storage::storage_errc::busy, "chaos", "injected SQLITE_BUSY: database is locked");
  }
};

caf::behavior courier(caf::event_based_actor*, std::shared_ptr<world> w) {
  return {[w](deliver_atom, std::uint64_t id) { w->deliver(id); }};
}

caf::behavior observer(caf::event_based_actor*, std::shared_ptr<world> w) {
  return {[w](const supervision_event& e) {
    w->result.events.push_back({w->now(), e});
    if (e.what == supervision_event::kind::started) w->result.started_paths.push_back(e.path);
  }};
}

std::int64_t pending_alerts(const std::filesystem::path& file) {
  auto db = storage::database::open({file.string(), milliseconds{1000}, true});
  if (!db) return -1;
  auto n = db.value().query_int64("SELECT count(*) FROM alert_outbox WHERE state = 'pending'", "chaos");
  return n ? n.value() : -1;
}

} // namespace

std::string clock_start_after(const std::string& last_date) {
  return format_utc_instant(parse_utc_instant(last_date + "T12:00:00Z").value_or(0) + 86'400'000);
}

world_result run_world(const world_options& options) {
  virtual_config sys_cfg;
  caf::actor_system sys{sys_cfg};
  auto& sched = dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());
  auto w = std::make_shared<world>();
  w->sys = &sys;
  w->origin = sys.clock().now();
  w->plan = &options.plan;
  w->router = std::make_unique<sim::router>(*options.league, sim::router_options{});
  if (options.plan) w->commit_rng = random_source{options.plan->seed ^ 0xD15C};
  w->courier = sys.spawn(courier, w);

  auto cfg = options.config;
  cfg.faults.crash.clear();
  if (options.plan)
    for (const auto& c : options.plan->crashes) cfg.faults.crash.push_back({c.target, c.at, 1, milliseconds{0}});
  const auto start = parse_utc_instant(clock_start_after(options.last_date)).value_or(0);
  app::engine_io io;
  io.fetch = [w](http::http_request req, callback done) { w->fetch(req, std::move(done)); };
  io.post = [w](http::http_request req, callback done) { w->post(req, std::move(done)); };
  io.clock = engine_clock::driven([w, start] { return start + w->now().count(); });
  io.control_server = false;
  io.backfill_result = std::make_shared<pipeline::backfill_summary>();
  app::run_options run;
  run.backfill = app::backfill_request{options.first_date, options.last_date};
  run.stop_when_settled = false;
  run.warehouse_faults = [w](const store::db_job&) { return w->commit_fault(); };

  auto bus = spawn_event_bus(sys);
  auto watcher = sys.spawn(observer, w);
  caf::anon_send(bus, subscribe_atom::value, watcher);
  sched.run();
  auto root = spawn_supervisor(sys, app::root_spec(cfg, bus, io, run));
  sys.registry().put(root_registry_key, caf::actor_cast<caf::strong_actor_ptr>(root));
  auto down = std::make_shared<std::optional<caf::error>>();
  sys.spawn([root, down](caf::event_based_actor* self) {
    self->monitor(root);
    self->set_down_handler([down](const caf::down_msg& dm) { *down = dm.reason; });
  });

  const auto warehouse = std::filesystem::path{cfg.engine.data_dir} / "warehouse.sqlite";
  auto& result = w->result;
  bool stopping = false, exit_sent = false;
  milliseconds next_outbox_check{0};
  for (;;) {
    sched.run();
    if (down->has_value()) break;
    const auto t = w->now();
    if (!result.settled && io.backfill_result->done()) {
      result.settled = true;
      result.settled_at = t;
    }
    if (!stopping && result.settled && t >= next_outbox_check) {
      next_outbox_check = t + milliseconds{1'000};
      if (pending_alerts(warehouse) == 0 || t >= result.settled_at + options.drain) stopping = true;
    }
    if (!stopping && t >= options.limit) stopping = true;
    if (stopping && !exit_sent) {
      exit_sent = true;
      result.ended_at = t;
      caf::anon_send_exit(root, caf::exit_reason::user_shutdown);
      continue;
    }
    if (!sched.has_pending_timeout() || t >= options.limit + milliseconds{600'000}) break;
    const auto next = sched.clock().schedule().begin()->first;
    const auto now = sched.clock().now();
    sched.advance_time(next > now ? next - now : caf::timespan{0});
  }
  if (down->has_value()) {
    result.stopped_cleanly = **down == caf::exit_reason::user_shutdown;
    result.escalated = !result.stopped_cleanly;
  }
  sys.registry().erase(root_registry_key);
  if (!down->has_value()) caf::anon_send_exit(root, caf::exit_reason::kill);
  for (const auto& a : {bus, watcher, w->courier}) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  sched.run();
  w->pending.clear(); // callbacks hold actor handles
  return std::move(w->result);
}

} // namespace courtside::chaos
