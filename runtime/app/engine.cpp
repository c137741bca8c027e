#include "runtime/app/engine.hpp"

#include <csignal>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <pthread.h>
#include <unistd.h>

#include <caf/all.hpp>

#include "actors/ops/fault_injector.hpp"
#include "actors/ops/heartbeat.hpp"
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

supervisor_spec ops_spec(const config::engine_config& cfg, caf::actor bus) {
  auto spec = group(cfg, restart_strategy::one_for_one);
  spec.children.push_back(heartbeat_child(bus, cfg.engine.status_interval));
  if (!cfg.faults.crash.empty()) {
    std::vector<crash_plan> plans;
    for (const auto& f : cfg.faults.crash)
      plans.push_back(crash_plan{f.target, f.every, f.times, f.start_after});
    spec.children.push_back(fault_injector_child(std::move(plans)));
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

supervisor_spec root_spec(const config::engine_config& cfg, caf::actor bus) {
  auto root = group(cfg, restart_strategy::one_for_one);
  root.events = std::move(bus);
  root.children.push_back(supervisor_child("ops", ops_spec(cfg, root.events)));
  for (auto& child : root.children) child.shutdown_timeout = cfg.supervision.shutdown_timeout * 4;
  return root;
}

int run_engine(const config::engine_config& cfg, const std::string& config_name) {
  signal_watch::block_signals(); // before any thread exists, so all inherit the mask
  auto log = actor_log("engine");
  engine_system_config sys_cfg;
  caf::actor_system sys{sys_cfg};
  auto bus = spawn_event_bus(sys);
  auto root = spawn_supervisor(sys, root_spec(cfg, bus));
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
  caf::anon_send_exit(bus, caf::exit_reason::user_shutdown);
  if (reason == caf::exit_reason::user_shutdown) {
    log->info("{} stopped cleanly", cfg.engine.name);
    return exit_ok;
  }
  log->error("root supervisor ended with {}; exiting", describe_reason(reason));
  return exit_escalated;
}

} // namespace courtside::app
