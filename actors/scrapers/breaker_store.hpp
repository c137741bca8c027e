#pragma once
// Stores a source breaker's transition as its breaker_state row (latest state per name wins),
// through the warehouse actor: the dashboard, /metrics and a restarted engine read it there.
#include <functional>
#include <string>
#include <vector>

#include <spdlog/fwd.h>

#include <caf/fwd.hpp>

#include "runtime/breaker/breaker_state.hpp"
#include "runtime/storage/database.hpp"

namespace courtside::scrape {

/// The engine clock's "now" in unix milliseconds: the breaker_state row's time base.
using wall_clock_fn = std::function<storage::unix_ms()>;

/// Fire and forget: a lost write is repaired by the next transition, and the breaker itself
/// never waits on the warehouse. Instants are stored on `wall_clock` (the system clock if empty).
void persist_breaker(caf::event_based_actor* self, const std::string& name,
                     const breaker::transition& t, const std::string& reason,
                     const wall_clock_fn& wall_clock);

/// Carries out a breaker's transitions, each: a log line, its breaker_state row, an alert
/// (warning when it opens, "resolved" when it closes). Shared by source and processor breakers.
void report_transitions(caf::event_based_actor* self, spdlog::logger& log, const std::string& name,
                        const std::vector<breaker::transition>& transitions,
                        const wall_clock_fn& wall_clock);

/// "source:nba_cdn closed -> open (consecutive_failures, error)".
[[nodiscard]] std::string describe(const std::string& name, const breaker::transition& t);

} // namespace courtside::scrape
