#pragma once
// The event bus: every supervisor sends its supervision_events here. The bus logs each one
// (one line, under the event's actor path), keeps the tree_model, answers status requests,
// and forwards events to subscribers (metrics, alerts, tests).
//
//   (supervision_event)        -> log, model, forward
//   (subscribe_atom, actor)    -> forward future events to it (until it terminates)
//   (status_atom)              -> std::vector<tree_node_status>
#include <caf/fwd.hpp>

namespace courtside {

caf::actor spawn_event_bus(caf::actor_system& sys);

} // namespace courtside
