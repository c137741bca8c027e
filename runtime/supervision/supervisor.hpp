#pragma once
// A supervisor actor: starts named children in order, restarts them with backoff when they
// exit (restart type + strategy decide who and whether), escalates when restarts exceed the
// intensity, routes messages to children by name (buffering while a child restarts), and
// stops its children in reverse start order on shutdown.
//
// Child states:
//
//   running ──exit──► awaiting_restart ──backoff elapsed──► running
//      │  └─(group restart of a sibling)─► stopping ──down──► awaiting_restart
//      └──exit, not restarted──► stopped (terminal; messages answered with child_stopped)
//
// Shutdown: an exit message (e.g. user_shutdown from the parent or the process) makes the
// supervisor stop its running children one at a time, last started first, each within its
// shutdown timeout (then killed), and quit with the same reason. Escalation does the same and
// quits with intensity_exceeded, so its own parent decides.
#include <functional>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include "runtime/supervision/restart_policy.hpp"

namespace courtside {

/// What a child's start function gets from its supervisor.
struct child_context {
  caf::local_actor* parent; ///< spawn from here
  std::string path;         ///< the child's own path, e.g. "ops.heartbeat"
  caf::actor events;        ///< the supervisor's event sink (may be null)
};

/// How to start one child. `start` spawns it (unlinked, unmonitored) from the supervisor.
struct child_spec {
  std::string name;
  std::function<caf::actor(const child_context&)> start;
  restart_type restart = restart_type::permanent;
  milliseconds shutdown_timeout{5'000};
  bool is_supervisor = false; ///< routes with a longer path are forwarded into it
};

struct supervisor_spec {
  std::string path;                  ///< own path; "" for the root
  restart_strategy strategy = restart_strategy::one_for_one;
  backoff_options backoff;
  restart_intensity intensity;
  milliseconds stable_period{60'000};
  size_t buffer_capacity = 64;       ///< per child, while it is down
  uint64_t seed = 1;                 ///< jitter RNG seed
  caf::actor events;                 ///< receives supervision_event; may be null
  std::vector<child_spec> children;  ///< in start order
};

/// Spawns a supervisor with the given spec (from an actor or the system).
caf::actor spawn_supervisor(caf::actor_system& sys, supervisor_spec spec);
caf::actor spawn_supervisor(caf::local_actor* parent, supervisor_spec spec);

/// A child_spec that runs a nested supervisor; its path is derived from the parent's.
child_spec supervisor_child(std::string name, supervisor_spec spec,
                            milliseconds shutdown_timeout = milliseconds{60'000});

/// Joins a parent path and a child name: ("", "ops") -> "ops", ("ops", "x") -> "ops.x".
[[nodiscard]] std::string join_path(const std::string& parent, const std::string& name);

/// Renders an exit reason for humans: "normal", "user_shutdown", "fault_injected", ...
[[nodiscard]] std::string describe_reason(const caf::error& reason);

/// Classifies an exit reason for the restart rules.
[[nodiscard]] exit_kind classify_exit(const caf::error& reason);

/// Makes an exception inside `self` a crash with a descriptive reason (never a normal exit,
/// which would silently skip restarts of transient children). Call at the top of a behavior.
void crash_on_exception(caf::scheduled_actor* self);

} // namespace courtside
