#pragma once
// The health of one game date as numbers 0-100, per pipeline phase and overall. Pure: the
// facts are read elsewhere (daily_health.hpp), the clock is an argument.
//
// A phase's score is the lowest of:
//   - its ledger state: COMPLETE, EMPTY_OK 100 · DEGRADED 70 · BLOCKED 30 · FAILED 0 ·
//     EXPECTED or RUNNING: 100 before its deadline (on time, nothing wrong yet), 30 at or
//     after it (late: as bad as a gate refusing), 60 without a deadline (unsettled and
//     nothing to judge it by: alone it is below the warning line, not an error) ·
//     no ledger row 0 (the date was never planned). With several rows, the worst counts;
//   - 100 - dead_item_penalty (20) per dead-lettered queue item of the date's phase work,
//     floored at 0;
//   - raw only: the share of final games with primary box scores, as a percentage rounded
//     down (no final games: 100).
// Overall: the mean of the phase scores, but never more than the weakest phase + 50, so one
// failed phase alone (mean 80) still reads 50, not "fine". Rounded down to an integer.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/alerting/alert.hpp"
#include "runtime/storage/database.hpp"
#include "runtime/storage/ledger.hpp"

namespace courtside::monitors {

struct health_settings {
  int degraded_score = 70;
  int blocked_score = 30;
  int late_score = 30;          ///< EXPECTED / RUNNING at or past expected_by
  int no_deadline_score = 60;   ///< EXPECTED / RUNNING without expected_by
  int dead_item_penalty = 20;   ///< per dead-lettered queue item of the phase
  int weakest_phase_margin = 50; ///< overall <= weakest phase + this
  int warn_below = 80;          ///< the daily check: overall below this is a warning
  int error_below = 50;         ///< ... and below this an error
  std::string primary_source = "nba_cdn"; ///< whose box scores count for raw
};

struct ledger_fact {
  storage::output_state state = storage::output_state::expected;
  std::optional<storage::unix_ms> expected_by;
};

struct phase_facts {
  std::string phase;              ///< "raw", "analytics", ...
  std::vector<ledger_fact> rows;  ///< the date's ledger rows of the phase (empty: not planned)
  std::int64_t dead_items = 0;    ///< dead-lettered queue items of the date's phase work
};

struct health_facts {
  std::string date;
  std::vector<phase_facts> phases; ///< in pipeline order, raw first
  std::int64_t final_games = 0;    ///< of the date
  std::int64_t final_with_box_scores = 0;
};

struct phase_score {
  std::string phase;
  int score = 0;
  std::string why; ///< what cost points, "" when 100
};

struct health_report {
  std::string date;
  std::vector<phase_score> phases;
  int overall = 0;
};

/// The score of one ledger row at `now`.
[[nodiscard]] int ledger_state_score(const ledger_fact& row, storage::unix_ms now,
                                     const health_settings& settings);

[[nodiscard]] health_report score_health(const health_facts& facts, storage::unix_ms now,
                                         const health_settings& settings);

/// The daily check's alert level for `overall`: error below error_below, warning below
/// warn_below, else nullopt.
[[nodiscard]] std::optional<alerting::severity> health_severity(int overall,
                                                                const health_settings& settings);

/// "raw 100 · analytics 70 (DEGRADED) · ..." for a one-line field.
[[nodiscard]] std::string describe_scores(const health_report& report);

} // namespace courtside::monitors
