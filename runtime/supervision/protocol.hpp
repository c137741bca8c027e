#pragma once
// What supervisors understand and what they tell the world.
//
// Addressing: children are named; a path is the dot-joined chain of names below the root
// ("pipeline.phase2"). Send the root `(route_atom, path, payload)` and the payload reaches the
// current incarnation of that child with the original sender and request id, so replies go
// straight back to the client. While the child is down (waiting out its backoff) messages are
// buffered up to the supervisor's capacity and delivered in order after the restart; beyond
// it, and for a child that will not come back, requests get an explicit error.
#include <cstdint>
#include <string>

#include <caf/atom.hpp>
#include <caf/error.hpp>
#include <caf/meta/type_name.hpp>

namespace courtside {

using route_atom = caf::atom_constant<caf::atom("route")>;
using lookup_atom = caf::atom_constant<caf::atom("lookup")>;
using crash_atom = caf::atom_constant<caf::atom("crash")>;
using subscribe_atom = caf::atom_constant<caf::atom("subscribe")>;
using status_atom = caf::atom_constant<caf::atom("status")>;
using restart_due_atom = caf::atom_constant<caf::atom("restartdue")>;
using stop_timeout_atom = caf::atom_constant<caf::atom("stoptmo")>;

/// The root supervisor is registered under this key in the actor system's registry, so any
/// actor can reach every child by path without holding a handle that a restart would stale.
inline constexpr caf::atom_value root_registry_key = caf::atom("root");

/// Errors of the supervision module (category atom "supervise").
enum class supervision_errc : uint8_t {
  none = 0,
  no_such_child,       ///< the path names no child
  child_stopped,       ///< the child ended and will not be restarted
  buffer_full,         ///< the child is restarting and its message buffer is full
  shutting_down,       ///< the supervisor is stopping; nothing more is delivered
  intensity_exceeded,  ///< too many restarts in the window: the supervisor gave up
  fault_injected,      ///< exit reason used by fault injection (a deliberate crash)
};

[[nodiscard]] const char* to_string(supervision_errc x);
[[nodiscard]] caf::error make_error(supervision_errc x);

/// One thing that happened in the tree. Logging, the tree model, metrics and alerts all
/// subscribe to these.
struct supervision_event {
  enum class kind : uint8_t {
    started,           ///< child (re)started; `restart_count` = its total restarts so far
    exited,            ///< child ended; `reason` says how
    restart_scheduled, ///< child will be restarted after `next_delay_ms`
    escalated,         ///< supervisor exceeded its restart intensity and is giving up
    gave_up,           ///< child ended and will not be restarted (restart type)
    stopped,           ///< child stopped during an orderly shutdown or group restart
    rejected,          ///< a message for a down child could not be buffered
  };
  kind what = kind::started;
  std::string path;          ///< e.g. "ops.heartbeat"
  std::string reason;        ///< rendered exit reason, empty when none
  uint32_t restart_count = 0;
  int64_t next_delay_ms = 0;
  bool is_supervisor = false;
};

[[nodiscard]] const char* to_string(supervision_event::kind k);

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, supervision_event& x) {
  return f(caf::meta::type_name("supervision_event"), x.what, x.path, x.reason,
           x.restart_count, x.next_delay_ms, x.is_supervisor);
}

} // namespace courtside
