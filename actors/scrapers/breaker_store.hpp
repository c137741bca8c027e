#pragma once
// Stores a source breaker's transition as its breaker_state row (latest state per name wins),
// through the warehouse actor: the dashboard, /metrics and a restarted engine read it there.
#include <string>

#include <caf/fwd.hpp>

#include "runtime/breaker/breaker_state.hpp"

namespace courtside::scrape {

/// Fire and forget: a lost write is repaired by the next transition, and the breaker itself
/// never waits on the warehouse.
void persist_breaker(caf::event_based_actor* self, const std::string& name,
                     const breaker::transition& t, const std::string& reason);

} // namespace courtside::scrape
