#pragma once
// ops.heartbeat: every `interval` asks the event bus for the tree and logs one status line
// ("9 running, 0 restarting, 0 stopped; 2 restarts"). The operator's pulse of the engine, and
// the demo's crash target for showing a supervised restart.
#include <caf/fwd.hpp>

#include "runtime/supervision/supervisor.hpp"

namespace courtside {

[[nodiscard]] child_spec heartbeat_child(caf::actor bus, milliseconds interval);

} // namespace courtside
