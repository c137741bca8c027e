#pragma once
// Ledger and queue steps shared by the flow's handlers (internal to actors/pipeline).
#include <string>
#include <string_view>

#include "actors/pipeline/flow.hpp"
#include "runtime/storage/ledger.hpp"
#include "runtime/storage/work_queue.hpp"

namespace courtside::pipeline::detail {

[[nodiscard]] storage::ledger_key ledger_key_of(const std::string& date, std::string_view phase);

/// Sets the date's row of `phase` to `state` with `reason`, keeping attempts and deadline;
/// `count_attempt` adds one (a run started).
[[nodiscard]] storage::storage_status set_state(storage::database& db, const std::string& date,
                                                std::string_view phase,
                                                storage::output_state state,
                                                std::string_view reason, unix_ms now,
                                                bool count_attempt = false);

/// Current state of the date's row of `phase`; nullopt when the date was never planned.
[[nodiscard]] storage::storage_result<std::optional<storage::output_state>> state_of(
  storage::database& db, const std::string& date, std::string_view phase);

/// True for the states after which nothing more will happen without an operator.
[[nodiscard]] bool settled(storage::output_state s) noexcept;
/// True for the settled states whose output a later phase may read.
[[nodiscard]] bool usable(storage::output_state s) noexcept;

/// The latest date before `date` whose row of `phase` is not yet settled, or "" when none.
[[nodiscard]] storage::storage_result<std::string> earlier_unsettled(storage::database& db,
                                                                     const std::string& date,
                                                                     std::string_view phase);

/// Enqueues (kind, key) with `payload`; a pending duplicate is a no-op.
[[nodiscard]] storage::storage_status enqueue_step(storage::database& db, std::string_view kind,
                                                   const std::string& key,
                                                   const std::string& payload, int max_attempts,
                                                   unix_ms now);

/// Enqueues the step of `kind` for `key` whose input has just become ready; when it is already
/// waiting (deferred "waiting for ..."), it becomes due now instead of at its next recheck.
[[nodiscard]] storage::storage_status ready_step(storage::database& db, std::string_view kind,
                                                 const std::string& key, int max_attempts,
                                                 unix_ms now);

} // namespace courtside::pipeline::detail
