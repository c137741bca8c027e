#include "runtime/app/engine.hpp"

#include <csignal>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <pthread.h>
#include <unistd.h>

#include <caf/all.hpp>

#include "actors/orchestrators/daily_scrape.hpp"
#include "actors/ops/fault_injector.hpp"
#include "actors/ops/heartbeat.hpp"
#include "actors/scrapers/adapters.hpp"
#include "actors/scrapers/scraper.hpp"
#include "runtime/http/client.hpp"
#include "runtime/schedule/time_zone.hpp"
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

// Yesterday and today on the engine's wall calendar (game dates are US Eastern by default).
std::function<std::vector<std::string>()> recent_dates(const std::string& zone_name) {
  auto loaded = schedule::time_zone::load(zone_name);
  auto zone = loaded ? std::move(loaded.value()) : schedule::time_zone::utc();
  return [zone] {
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    std::vector<std::string> out;
    for (auto back : {86'400, 0}) {
      auto c = zone.to_local(now - std::chrono::seconds{back}).civil;
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(c.year), c.month, c.day);
      out.emplace_back(buf);
    }
    return out;
  };
}

// The scrape driver needs an NBA.com CDN source (schedule and per-game box scores).
std::optional<daily_scrape_settings> daily_scrape_of(const config::engine_config& cfg) {
  for (const auto& src : cfg.sources) {
    if (!src.enabled || src.kind != config::source_kind::nba_cdn) continue;
    daily_scrape_settings s;
    s.schedule_scraper = s.box_score_scraper = "sources.scraper_" + src.name;
    s.interval = cfg.engine.status_interval * 2;
    s.request_timeout = src.timeout * src.max_attempts + milliseconds{60'000};
    s.dates = recent_dates(cfg.engine.time_zone);
    return s;
  }
  return std::nullopt;
}

supervisor_spec ops_spec(const config::engine_config& cfg, caf::actor bus) {
  auto spec = group(cfg, restart_strategy::one_for_one);
  spec.children.push_back(heartbeat_child(bus, cfg.engine.status_interval));
  if (auto driver = daily_scrape_of(cfg)) spec.children.push_back(daily_scrape_child(*driver));
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
                                             const config::source_config& src, size_t index) {
  scrape::scraper_settings s;
  s.source = src.name;
  s.limits.max_attempts = src.max_attempts;
  // Every try may take the full per-request timeout; leave room for the backoff between.
  s.limits.overall_timeout = src.timeout * src.max_attempts + milliseconds{60'000};
  s.rate.requests_per_minute = src.requests_per_minute;
  s.rate.burst = std::max(1, src.concurrency);
  s.concurrency.max_in_flight = src.concurrency;
  s.seed = cfg.supervision.seed + index;
  return s;
}

// sources: one scraper per enabled upstream, all fetching through the engine's HTTP client.
supervisor_spec sources_spec(const config::engine_config& cfg,
                             std::shared_ptr<http::http_client> client) {
  auto spec = group(cfg, restart_strategy::one_for_one);
  scrape::fetch_function fetch = [client](http::http_request req,
                                          std::function<void(http::http_result)> done) {
    client->fetch(std::move(req), std::move(done));
  };
  for (size_t i = 0; i < cfg.sources.size(); ++i) {
    const auto& src = cfg.sources[i];
    if (!src.enabled) continue;
    scrape::upstream_settings up{upstream_of(src.kind), src.base_url, src.api_key.reveal(),
                                 src.timeout};
    spec.children.push_back(scrape::scraper_child(
      "scraper_" + src.name, scraper_settings_of(cfg, src, i),
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

supervisor_spec root_spec(const config::engine_config& cfg, caf::actor bus,
                          std::shared_ptr<http::http_client> client) {
  auto root = group(cfg, restart_strategy::one_for_one);
  root.events = std::move(bus);
  root.children.push_back(supervisor_child("sources", sources_spec(cfg, std::move(client))));
  root.children.push_back(supervisor_child("ops", ops_spec(cfg, root.events)));
  for (auto& child : root.children) child.shutdown_timeout = cfg.supervision.shutdown_timeout * 4;
  return root;
}

int run_engine(const config::engine_config& cfg, const std::string& config_name) {
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
  auto root = spawn_supervisor(sys, root_spec(cfg, bus, client));
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
    return exit_ok;
  }
  log->error("root supervisor ended with {}; exiting", describe_reason(reason));
  return exit_escalated;
}

} // namespace courtside::app
