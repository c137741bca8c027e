#pragma once
// Supervision events as alerts: what an operator should hear about the tree healing itself.
//
//   restart_scheduled → warning  "<path> crashed: restart n in <delay>"  key supervision:<path>
//   escalated         → critical "<path> crashed too often; its supervisor gives up"
//   gave_up (abnormal)→ error    "<path> ended and is not restarted"
//   rejected          → warning  "messages for <path> dropped while it restarts"
//   anything else, and every event of an orderly shutdown → none
//
// Keys are per path, so the grouper turns a crash loop into one message per group interval
// with a count. Pure: no actor, no clock.
#include <optional>

#include "runtime/alerting/alert.hpp"
#include "runtime/supervision/protocol.hpp"

namespace courtside::notify {

[[nodiscard]] std::optional<alerting::alert> alert_from_supervision_event(const supervision_event& e);

} // namespace courtside::notify
