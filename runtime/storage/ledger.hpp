#pragma once
// Storage for the expected-outputs ledger: one row per (game date, phase, output) saying what
// that date should have produced and how far it got. Only storage lives here; the planner,
// the reconciler and the orchestrators decide which transitions to make.
//
// transition() is a compare-and-set: it names the state the caller believes the row is in,
// and fails with state_conflict if another actor moved it first, so two deciders never both
// act on one stale view.
#include "runtime/storage/database.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::storage {

enum class output_state : std::uint8_t {
  expected, ///< planned, nothing ran yet
  running,  ///< a run is in progress
  complete, ///< produced and checked
  empty_ok, ///< legitimately nothing to produce (no games that date)
  degraded, ///< produced, below the quality or completeness bar
  blocked,  ///< a gate refused to run it; the reason says which and why
  failed,   ///< out of attempts; alerted
};

/// "EXPECTED", "RUNNING", ... as stored.
[[nodiscard]] const char* to_string(output_state state) noexcept;
[[nodiscard]] std::optional<output_state> parse_output_state(std::string_view name);

struct ledger_key {
  std::string game_date; ///< "YYYY-MM-DD"
  std::string phase;     ///< "phase3", or a pipeline_phase name
  std::string output;    ///< the processor or table that should exist for the date
};

struct ledger_row {
  ledger_key key;
  output_state state = output_state::expected;
  std::string reason;                 ///< why it is in this state (gate reason, error)
  int attempts = 0;                   ///< runs started
  std::optional<unix_ms> expected_by; ///< deadline; nullopt = none
  unix_ms updated_at = 0;
};

/// Inserts the row, or overwrites every field of an existing one (updated_at = now).
[[nodiscard]] storage_status upsert_ledger_row(database& db, const ledger_row& row, unix_ms now);

/// Inserts an EXPECTED row unless the key exists; true when inserted. Planning the same
/// horizon twice therefore never resets progress.
[[nodiscard]] storage_result<bool> ensure_expected(database& db, const ledger_key& key,
                                                   std::optional<unix_ms> expected_by,
                                                   unix_ms now);

struct ledger_transition {
  output_state from = output_state::expected; ///< the state the row must be in now
  output_state to = output_state::running;
  std::string reason;
  bool count_attempt = false; ///< attempts + 1 (a run is starting)
};

/// Moves a row from `from` to `to`. not_found for an unknown key; state_conflict (naming the
/// actual state) when the row is not in `from`. Returns the row as updated.
[[nodiscard]] storage_result<ledger_row> transition(database& db, const ledger_key& key,
                                                    const ledger_transition& change,
                                                    unix_ms now);

[[nodiscard]] storage_result<ledger_row> get_ledger_row(database& db, const ledger_key& key);

/// Rows with first_date <= game_date <= last_date, ordered by date, phase, output.
[[nodiscard]] storage_result<std::vector<ledger_row>> ledger_rows_between(
    database& db, std::string_view first_date, std::string_view last_date);

/// Rows in `state`, oldest date first; at most `limit`.
[[nodiscard]] storage_result<std::vector<ledger_row>> ledger_rows_in_state(database& db,
                                                                           output_state state,
                                                                           int limit);

} // namespace courtside::storage
