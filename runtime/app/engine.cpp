#include "runtime/app/engine.hpp"

#include <csignal>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <pthread.h>
#include <unistd.h>

#include <caf/all.hpp>

#include "actors/control/control_server.hpp"
#include "actors/control/readiness.hpp"
#include "actors/notifiers/notify.hpp"
#include "actors/orchestrators/backfill.hpp"
#include "actors/orchestrators/planner.hpp"
#include "actors/pipeline/flow.hpp"
#include "actors/pipeline/processor_breaker.hpp"
#include "actors/pipeline/queue_worker.hpp"
#include "actors/storage/warehouse.hpp"
#include "actors/ops/fault_injector.hpp"
#include "actors/ops/heartbeat.hpp"
#include "actors/scrapers/adapters.hpp"
#include "actors/scrapers/scraper.hpp"
#include "config/loader.hpp"
#include "runtime/app/engine_jobs.hpp"
#include "runtime/breaker/breaker_config.hpp"
#include "runtime/http/client.hpp"
#include "runtime/schedule/time_zone.hpp"
#include "runtime/time/engine_clock.hpp"
#include "runtime/logging/log.hpp"
#include "runtime/supervision/event_bus.hpp"
#include "runtime/supervision/protocol.hpp"
#include "runtime/supervision/tree_model.hpp"

namespace courtside::app {
namespace {

struct engine_system_config : caf::actor_system_config {
  engine_system_config() {
    // A mostly idle server: a shared queue wastes less CPU than work stealing (see notes).
    set("scheduler.policy", caf::atom("sharing"));
    set("scheduler.max-threads", static_cast<size_t>(std::max(2u, std::thread::hardware_concurrency())));
    add_message_type<supervision_event>("supervision_event");
    add_message_type<tree_node_status>("tree_node_status");
  }
};

supervisor_spec group(const config::engine_config& cfg, restart_strategy strategy) {
  auto spec = supervisor_defaults(cfg.supervision);
  spec.strategy = strategy;
  return spec;
}

// The engine's calendar dates around its clock's now: `back` days before to `ahead` after.
std::function<std::vector<std::string>()> dates_around(const std::string& zone_name,
                                                      engine_clock clock, int back, int ahead) {
  auto loaded = schedule::time_zone::load(zone_name);
  auto zone = loaded ? std::move(loaded.value()) : schedule::time_zone::utc();
  return [zone, clock, back, ahead] {
    const auto now = clock.now();
    std::vector<std::string> out;
    for (int d = -back; d <= ahead; ++d) out.push_back(game_date(zone, now, d));
    return out;
  };
}

// Tries per pipeline work item, for every planner of dates.
constexpr int planned_attempts = 5;

bool schedules_job(const config::engine_config& cfg, std::string_view name) {
  for (const auto& j : cfg.jobs)
    if (j.enabled && j.name == name) return true;
  return false;
}

pipeline::flow_settings flow_settings_of(const config::engine_config& cfg) {
  pipeline::flow_settings s;
  s.primary_source = config::first_enabled_source(cfg, config::source_kind::nba_cdn);
  s.secondary_source = config::first_enabled_source(cfg, config::source_kind::balldontlie);
  s.odds_source = config::first_enabled_source(cfg, config::source_kind::odds_api);
  s.completeness_threshold = cfg.pipeline.completeness_threshold;
  for (const auto& tier : cfg.pipeline.completeness_tiers)
    s.completeness_tiers.push_back({tier.after, tier.threshold});
  s.not_final_recheck = cfg.pipeline.not_final_recheck;
  s.exports_dir = std::filesystem::path{cfg.engine.data_dir} / "exports";
  return s;
}

// The longest a scraper may work on one request: all tries at the full timeout, plus backoff.
milliseconds slowest_scrape(const config::engine_config& cfg) {
  milliseconds longest{0};
  for (const auto& src : cfg.sources)
    longest = std::max(longest, src.timeout * src.max_attempts + milliseconds{60'000});
  return longest;
}

// storage: the warehouse writer, first, so everything after it can write.
supervisor_spec storage_spec(const config::engine_config& cfg, const engine_io& io,
                             const run_options& options) {
  auto spec = group(cfg, restart_strategy::one_for_one);
  store::warehouse_settings w;
  w.file = std::filesystem::path{cfg.engine.data_dir} / "warehouse.sqlite";
  w.wall_clock = [clock = io.clock] { return clock.now(); };
  w.faults = options.warehouse_faults;
  spec.children.push_back(store::warehouse_child(std::move(w)));
  return spec;
}

std::filesystem::path warehouse_file(const config::engine_config& cfg) {
  return std::filesystem::path{cfg.engine.data_dir} / "warehouse.sqlite";
}

// notify: the alert router and one Slack notifier per enabled [notifiers.<name>], sharing the
// alert outbox in the warehouse file; supervision events from `bus` become alerts.
std::optional<child_spec> notify_of(const config::engine_config& cfg, caf::actor bus,
                                    const engine_io& io) {
  const auto clock = io.clock;
  notify::notify_settings s;
  s.database_path = warehouse_file(cfg).string();
  s.engine_name = cfg.engine.name;
  s.events = std::move(bus); // the router subscribes itself on every (re)start
  s.wall = [clock] { return clock.now(); };
  for (const auto& n : cfg.notifiers)
    if (n.enabled && n.kind == config::notifier_kind::slack)
      s.webhooks.push_back({n.name, n.webhook_url.reveal(), n.channel, n.min_interval});
  if (s.webhooks.empty()) return std::nullopt;
  return notify::notify_child(group(cfg, restart_strategy::one_for_one), std::move(s), io.post);
}

// control: /healthz /readyz /metrics /api/* and the dashboard, reading the warehouse on its
// own read-only connection.
// POST /api/backfill in a running engine: plans the range (a warehouse job); the pipeline's
// workers then carry it out like any planned date, and the ledger grid shows the progress.
control::backfill_runner backfill_runner_of(caf::actor_system* sys, engine_clock clock) {
  return [sys, clock](const control::backfill_request& r, control::action_done done) {
    auto root = caf::actor_cast<caf::actor>(sys->registry().get(root_registry_key));
    if (!root) return done({503, "the engine is not running"});
    const auto dates = pipeline::date_range(r.first_date, r.last_date);
    auto job = store::make_job("api backfill", [dates, clock](storage::database& db) {
      for (const auto& date : dates)
        if (auto planned = pipeline::plan_date(db, date, planned_attempts, clock.now()); !planned) return planned;
      return storage::storage_status{};
    });
    const std::string planned = "planned " + std::to_string(dates.size()) + " dates " +
                                r.first_date + ".." + r.last_date;
    sys->spawn([root, job, done, planned](caf::event_based_actor* self) {
      self->request(root, std::chrono::seconds{30}, route_atom::value,
                    std::string{store::warehouse_path}, caf::make_message(store::db_atom::value, job))
        .then([=](const store::db_reply& rep) {
                done(*rep ? control::action_result{202, planned}
                          : control::action_result{500, rep->error().describe()});
              },
              [=](const caf::error& e) { done({503, describe_reason(e)}); });
    });
  };
}

child_spec control_of(const config::engine_config& cfg, caf::actor bus, engine_clock clock,
                      caf::actor_system* sys) {
  control::control_settings cs;
  cs.server.bind_address = cfg.http.bind;
  cs.server.port = cfg.http.port;
  cs.token = cfg.http.token.reveal();
  cs.warehouse_path = warehouse_file(cfg).string();
  cs.events = std::move(bus);
  cs.engine_name = cfg.engine.name;
  cs.grid_phases = {"raw", "analytics", "precompute", "predictions", "publish"};
  cs.wall_clock = [clock] { return clock.now(); };
  auto day_of = dates_around(cfg.engine.time_zone, clock, 0, 0);
  cs.today = [day_of](storage::unix_ms) { return day_of().front(); };
  cs.readiness = control::standard_readiness_checks(cs.warehouse_path, "");
  cs.secrets = config::secret_values(cfg);
  if (sys != nullptr) {
    cs.backfill = backfill_runner_of(sys, clock);
    cs.run_job = job_runner_of(sys);
    cs.schedules = job_schedules_of(sys);
  }
  cs.on_listening = [bind = cfg.http.bind](std::uint16_t port) {
    actor_log("control")->info("dashboard: http://{}:{}/", bind, port);
  };
  return control::control_child(std::move(cs));
}

// pipeline: one queue worker per step of the flow. The steps share nothing but the warehouse
// (every hand-over is a queue item), so one crashing restarts alone.
supervisor_spec pipeline_spec(const config::engine_config& cfg, engine_clock clock) {
  auto spec = group(cfg, restart_strategy::one_for_one);
  const auto flow = flow_settings_of(cfg);
  if (flow.primary_source.empty()) return spec;
  for (auto& step : pipeline::make_flow_handlers(flow)) {
    pipeline::queue_worker_settings w;
    w.kind = step.kind;
    w.max_in_flight = step.fetches ? 16 : 1; // phases run one date at a time, in date order
    // A scrape may take every try of its source, the backoff between, and a wait for a slot.
    w.scrape_timeout = slowest_scrape(cfg) + milliseconds{60'000};
    w.lease_duration = w.scrape_timeout + milliseconds{60'000};
    w.poll_interval = milliseconds{step.fetches ? 1'000 : 500};
    w.wall_clock = [clock] { return clock.now(); };
    // Phase processors get a breaker; fetching kinds are guarded by their source's.
    if (!step.fetches) w.breaker = pipeline::processor_breaker_config();
    w.seed = cfg.supervision.seed;
    spec.children.push_back(pipeline::queue_worker_child(step.kind, w, step.handler));
  }
  return spec;
}

supervisor_spec ops_spec(const config::engine_config& cfg, caf::actor bus, engine_clock clock,
                         const run_options& options,
                         std::shared_ptr<pipeline::backfill_summary> backfill_result) {
  auto spec = group(cfg, restart_strategy::one_for_one);
  spec.children.push_back(heartbeat_child(bus, cfg.engine.status_interval));
  const bool pipeline_runs = !config::first_enabled_source(cfg, config::source_kind::nba_cdn).empty();
  auto scheduler = options.backfill ? std::nullopt : scheduler_of(cfg, clock, planned_attempts);
  if (scheduler) spec.children.push_back(std::move(*scheduler));
  // Without a scheduled planner job the planner actor keeps the horizon planned; a backfill
  // runs it too, with no horizon, for its lease sweep.
  if (pipeline_runs && (options.backfill || !schedules_job(cfg, "planner"))) {
    pipeline::planner_settings p;
    // A backfill works its range only; the planner then just sweeps expired leases.
    if (options.backfill) p.horizon = [] { return std::vector<std::string>{}; };
    else p.horizon = dates_around(cfg.engine.time_zone, clock, 1, 1);
    p.interval = cfg.engine.status_interval;
    p.max_attempts = planned_attempts;
    p.wall_clock = [clock] { return clock.now(); };
    spec.children.push_back(pipeline::planner_child(std::move(p)));
  }
  if (options.backfill) {
    pipeline::backfill_settings b;
    b.first_date = options.backfill->first_date;
    b.last_date = options.backfill->last_date;
    b.tty = ::isatty(STDERR_FILENO) == 1;
    b.wall_clock = [clock] { return clock.now(); };
    b.on_done = [backfill_result](const pipeline::backfill_summary& s) { *backfill_result = s; };
    b.stop_engine_when_done = options.stop_when_settled;
    spec.children.push_back(pipeline::backfill_child(std::move(b)));
  }
  if (!cfg.faults.crash.empty()) {
    std::vector<crash_plan> plans;
    for (const auto& f : cfg.faults.crash)
      plans.push_back(crash_plan{f.target, f.every, f.times, f.start_after});
    spec.children.push_back(fault_injector_child(std::move(plans)));
  }
  return spec;
}

scrape::upstream_kind upstream_of(config::source_kind k) {
  switch (k) {
    case config::source_kind::balldontlie: return scrape::upstream_kind::balldontlie;
    case config::source_kind::nba_cdn: return scrape::upstream_kind::nba_cdn;
    case config::source_kind::stats_nba: return scrape::upstream_kind::stats_nba;
    case config::source_kind::odds_api: return scrape::upstream_kind::odds_api;
  }
  return scrape::upstream_kind::balldontlie;
}

scrape::scraper_settings scraper_settings_of(const config::engine_config& cfg,
                                             const config::source_config& src, size_t index,
                                             engine_clock clock) {
  scrape::scraper_settings s;
  s.source = src.name;
  s.wall_clock = [clock] { return clock.now(); };
  s.limits.max_attempts = src.max_attempts;
  // Every try may take the full per-request timeout; leave room for the backoff between.
  s.limits.overall_timeout = src.timeout * src.max_attempts + milliseconds{60'000};
  s.rate.requests_per_minute = src.requests_per_minute;
  s.rate.burst = std::max(1, src.concurrency);
  s.concurrency.max_in_flight = src.concurrency;
  s.seed = cfg.supervision.seed + index;
  // NBA.com serves the whole season's schedule as one document of some MB: every date's schedule
  // work within half a minute shares one download, and a date whose games are all final (a
  // backfill's) keeps being answered from it for the whole run; a date with games to play
  // fetches it again after the half minute, so the live engine sees them become final.
  if (src.kind == config::source_kind::nba_cdn) s.reuse_window = milliseconds{30'000};
  s.breaker = breaker::breaker_config{}; // 5 failures in a row or half of 20 calls: open 30 s, growing
  return s;
}

// sources: one scraper per enabled upstream, all fetching through the engine's HTTP client.
supervisor_spec sources_spec(const config::engine_config& cfg, const scrape::fetch_function& fetch,
                             engine_clock clock) {
  auto spec = group(cfg, restart_strategy::one_for_one);
  for (size_t i = 0; i < cfg.sources.size(); ++i) {
    const auto& src = cfg.sources[i];
    if (!src.enabled) continue;
    scrape::upstream_settings up{upstream_of(src.kind), src.base_url, src.api_key.reveal(),
                                 src.timeout};
    spec.children.push_back(scrape::scraper_child(
      "scraper_" + src.name, scraper_settings_of(cfg, src, i, clock),
      [up] { return scrape::make_adapter(up); }, fetch));
  }
  return spec;
}

// Signals are taken by one thread with sigwait, never by an async handler: the thread turns
// the first SIGINT/SIGTERM into an orderly shutdown of the root and enforces its deadline.
class signal_watch {
public:
  explicit signal_watch(caf::actor root, milliseconds shutdown_budget)
    : root_(std::move(root)), budget_(shutdown_budget) {
    thread_ = std::thread([this] { loop(); });
  }
  ~signal_watch() {
    {
      std::lock_guard<std::mutex> guard{mutex_};
      done_ = true;
    }
    cv_.notify_all();
    pthread_kill(thread_.native_handle(), SIGUSR1);
    thread_.join();
  }
  static void block_signals() {
    sigset_t set = signal_set();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
  }

private:
  static sigset_t signal_set() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGUSR1);
    return set;
  }
  void loop() {
    auto set = signal_set();
    int sig = 0;
    if (sigwait(&set, &sig) != 0 || sig == SIGUSR1) return;
    auto log = actor_log("engine");
    log->info("received {}, stopping the tree (budget {})", sig == SIGINT ? "SIGINT" : "SIGTERM",
              format_duration(budget_));
    caf::anon_send_exit(root_, caf::exit_reason::user_shutdown);
    std::unique_lock<std::mutex> lock{mutex_};
    if (!cv_.wait_for(lock, budget_, [this] { return done_; })) {
      log->error("shutdown did not finish within {}; exiting hard", format_duration(budget_));
      std::_Exit(exit_shutdown_timeout);
    }
  }

  caf::actor root_;
  milliseconds budget_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

} // namespace

supervisor_spec supervisor_defaults(const config::supervision_section& s) {
  supervisor_spec spec;
  spec.backoff = backoff_options{s.backoff_min, s.backoff_max, s.backoff_multiplier,
                                 s.backoff_jitter};
  spec.intensity = restart_intensity{static_cast<uint32_t>(s.max_restarts), s.restart_window};
  spec.stable_period = s.stable_period;
  spec.buffer_capacity = s.buffer_capacity;
  spec.seed = s.seed;
  return spec;
}

engine_clock clock_of(const config::engine_config& cfg) {
  if (cfg.engine.clock_start.empty()) return {};
  return engine_clock{parse_utc_instant(cfg.engine.clock_start).value_or(0), cfg.engine.clock_speed};
}

supervisor_spec root_spec(const config::engine_config& cfg, caf::actor bus, engine_io io,
                          const run_options& options) {
  const auto clock = io.clock;
  if (!io.backfill_result) io.backfill_result = std::make_shared<pipeline::backfill_summary>();
  auto root = group(cfg, restart_strategy::one_for_one);
  root.events = std::move(bus);
  root.children.push_back(supervisor_child("storage", storage_spec(cfg, io, options)));
  if (auto notify = notify_of(cfg, root.events, io)) root.children.push_back(std::move(*notify));
  root.children.push_back(supervisor_child("sources", sources_spec(cfg, io.fetch, io.clock)));
  root.children.push_back(supervisor_child("pipeline", pipeline_spec(cfg, clock)));
  root.children.push_back(
    supervisor_child("ops", ops_spec(cfg, root.events, clock, options, io.backfill_result)));
  // A backfill is a batch run: no control server (and no port to collide with a service).
  if (!options.backfill && io.control_server)
    root.children.push_back(control_of(cfg, root.events, clock, io.sys));
  for (auto& child : root.children) child.shutdown_timeout = cfg.supervision.shutdown_timeout * 4;
  return root;
}

int run_engine(const config::engine_config& cfg, const std::string& config_name,
               const run_options& options) {
  signal_watch::block_signals(); // before any thread exists, so all inherit the mask
  auto log = actor_log("engine");
  engine_system_config sys_cfg;
  caf::actor_system sys{sys_cfg};
  auto client = std::make_shared<http::http_client>();
  if (auto started = client->start(); !started.ok()) {
    log->error("HTTP client did not start: {}", started.detail);
    return exit_config_error;
  }
  auto bus = spawn_event_bus(sys);
  auto backfill_result = std::make_shared<pipeline::backfill_summary>();
  engine_io io;
  io.fetch = io.post = [client](http::http_request req, std::function<void(http::http_result)> done) {
    client->fetch(std::move(req), std::move(done));
  };
  io.clock = clock_of(cfg);
  io.sys = &sys;
  io.backfill_result = backfill_result;
  auto root = spawn_supervisor(sys, root_spec(cfg, bus, io, options));
  sys.registry().put(root_registry_key, caf::actor_cast<caf::strong_actor_ptr>(root));
  log->info("{} started (config {}, pid {}); Ctrl-C or SIGTERM stops it", cfg.engine.name,
            config_name, static_cast<long>(getpid()));
  caf::error reason;
  {
    // Whole tree: each level waits for its children, so the budget is per-level timeout x depth.
    signal_watch watch{root, cfg.supervision.shutdown_timeout * 4 + milliseconds{2000}};
    caf::scoped_actor self{sys};
    self->monitor(root);
    self->receive([&](caf::down_msg& dm) { reason = dm.reason; });
  }
  sys.registry().erase(root_registry_key);
  client->stop(); // pending fetches are answered `cancelled` to actors that are gone
  caf::anon_send_exit(bus, caf::exit_reason::user_shutdown);
  if (reason == caf::exit_reason::user_shutdown) {
    log->info("{} stopped cleanly", cfg.engine.name);
    if (options.backfill && backfill_result->failed > 0) {
      log->error("backfill {}..{}: {} ledger rows FAILED", options.backfill->first_date,
                 options.backfill->last_date, backfill_result->failed);
      return exit_backfill_failed;
    }
    return exit_ok;
  }
  log->error("root supervisor ended with {}; exiting", describe_reason(reason));
  return exit_escalated;
}

} // namespace courtside::app
