#include "runtime/supervision/protocol.hpp"

namespace courtside {

const char* to_string(supervision_errc x) {
  switch (x) {
    case supervision_errc::none: return "none";
    case supervision_errc::no_such_child: return "no_such_child";
    case supervision_errc::child_stopped: return "child_stopped";
    case supervision_errc::buffer_full: return "buffer_full";
    case supervision_errc::shutting_down: return "shutting_down";
    case supervision_errc::intensity_exceeded: return "intensity_exceeded";
    case supervision_errc::fault_injected: return "fault_injected";
  }
  return "?";
}

caf::error make_error(supervision_errc x) {
  return caf::error{static_cast<uint8_t>(x), caf::atom("supervise")};
}

const char* to_string(supervision_event::kind k) {
  using kind = supervision_event::kind;
  switch (k) {
    case kind::started: return "started";
    case kind::exited: return "exited";
    case kind::restart_scheduled: return "restart_scheduled";
    case kind::escalated: return "escalated";
    case kind::gave_up: return "gave_up";
    case kind::stopped: return "stopped";
    case kind::rejected: return "rejected";
  }
  return "?";
}

} // namespace courtside
