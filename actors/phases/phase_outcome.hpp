#pragma once
// What one run of a phase function did, so the caller (the phase actor) can set the ledger
// row: rows written per table, how many inputs it looked at, whether the date simply had no
// games (EMPTY_OK), and why the output is below the bar (DEGRADED) if it is.
#include "runtime/storage/ledger.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace courtside::phases {

struct phase_outcome {
  std::map<std::string, std::int64_t> rows_written; ///< table -> rows upserted (0 listed too)
  std::int64_t inputs_seen = 0;  ///< games, players or predictions considered (per function)
  std::int64_t skipped = 0;      ///< inputs that could not be used (see the function's doc)
  bool empty = false;            ///< no games that date: nothing to produce
  std::string degraded_reason;   ///< non-empty: produced, but below the bar; says why

  [[nodiscard]] std::int64_t rows(const std::string& table) const {
    const auto found = rows_written.find(table);
    return found == rows_written.end() ? 0 : found->second;
  }
};

/// The ledger state an outcome calls for: empty_ok, degraded or complete.
[[nodiscard]] inline storage::output_state ledger_state_of(const phase_outcome& outcome) {
  if (outcome.empty) return storage::output_state::empty_ok;
  if (!outcome.degraded_reason.empty()) return storage::output_state::degraded;
  return storage::output_state::complete;
}

/// Appends `reason` to the outcome's degraded reason ("a; b").
inline void add_degraded(phase_outcome& outcome, const std::string& reason) {
  if (!outcome.degraded_reason.empty()) outcome.degraded_reason += "; ";
  outcome.degraded_reason += reason;
}

} // namespace courtside::phases
