#pragma once
// The one-liner other actors use to raise (or resolve) an alert: it goes to notify.router by
// path through the root supervisor, so a restarting router only delays it (buffered).
#include <caf/fwd.hpp>

#include "runtime/alerting/alert.hpp"

namespace courtside::notify {

/// From inside an actor. False when there is no root (e.g. a test without a tree): dropped.
bool raise_alert(caf::event_based_actor* self, alerting::alert a);

/// From outside any actor (engine start-up, a callback thread). False without a root.
bool raise_alert(caf::actor_system& sys, alerting::alert a);

} // namespace courtside::notify
