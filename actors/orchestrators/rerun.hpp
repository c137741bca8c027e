#pragma once
// Starting a date's phases again from the outside (the reconciler, self-heal, the phase
// triggers), in the caller's transaction. A re-run is a ledger reset plus ONE queue item: the
// flow's gates make each later phase wait for the one before it and every handler queues its
// successor in its commit, so starting phase P of D is enough to run P, P+1, ... in order.
//
// The queue's rule that shapes this: a (kind, key) that is dead stays dead, and enqueueing it
// again is a no-op, so a re-run gives the dead items of the phases it resets a fresh start
// (requeue_dead) instead of enqueueing them.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "runtime/storage/ledger.hpp"

namespace courtside::pipeline {

/// The ledger phases of one date in flow order: raw, analytics, precompute, predictions, publish.
[[nodiscard]] const std::array<std::string_view, 5>& date_phases();

/// Position of `phase` in date_phases(); nullopt for any other name.
[[nodiscard]] std::optional<std::size_t> phase_index(std::string_view phase);

/// The queue kind whose item starts `phase` of a date: "schedule" for raw, else the phase name.
[[nodiscard]] std::string_view start_kind(std::string_view phase);

enum class start_outcome : std::uint8_t {
  enqueued,        ///< a new item was queued
  requeued,        ///< the item was dead: it starts afresh (attempts 0)
  already_pending, ///< an item is ready or leased: it will run without our help
};

[[nodiscard]] const char* to_string(start_outcome outcome) noexcept;

/// Makes sure start_kind(phase):date will run: queued if absent or done, requeued if dead.
[[nodiscard]] storage::storage_result<start_outcome> start_phase(storage::database& db,
                                                                 const std::string& date,
                                                                 std::string_view phase,
                                                                 int max_attempts,
                                                                 storage::unix_ms now);

/// True when start_kind(phase):date is ready or leased.
[[nodiscard]] storage::storage_result<bool> phase_pending(storage::database& db,
                                                          const std::string& date,
                                                          std::string_view phase);

struct rerun_request {
  std::string date;
  std::string phase;  ///< the first phase to run again; every later phase follows by cascade
  std::string reason; ///< the ledger reason of the reset rows ("reconciler: ...")
  int max_attempts = 5;
};

/// Sets `phase` and every later phase of the date back to EXPECTED with `reason` (attempts
/// kept: they count runs started), requeues the dead items of those phases (and for raw the
/// date's dead box scores), and starts `phase`. invalid_argument for an unknown phase.
[[nodiscard]] storage::storage_result<start_outcome> rerun_from(storage::database& db,
                                                                const rerun_request& request,
                                                                storage::unix_ms now);

/// The queue kinds of the ready or leased items tied to each date (by key, or by payload for
/// items keyed otherwise: box scores, event odds), over the whole queue.
[[nodiscard]] storage::storage_result<std::map<std::string, std::set<std::string>>>
pending_kinds_by_date(storage::database& db);

/// The kinds whose pending item would (eventually) run `phase` of its date: the items of the
/// raw steps that queue analytics, the phase's own kind and the kinds of the phases before it
/// (each queues its successor), and event odds for predictions (new lines re-predict).
[[nodiscard]] std::set<std::string> triggers_of(std::string_view phase);

} // namespace courtside::pipeline
