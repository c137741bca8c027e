#pragma once
// Monitor: final games without the primary source's player box scores, per recent game date.
//
// Dates looked at: today and the `lookback_days` before it. A date's games count as ended at
// its latest tip-off + `game_length` (when no tip-off parses: the last time a schedule row of
// the date turned final). Hours since then pick the tier of a date with missing box scores:
//
//   age <  warn_after (2 h)                  nothing (box scores are still arriving)
//   warn_after <= age < error_after (6 h)    warning
//   error_after <= age < critical_after (24 h) error
//   age >= critical_after                    critical
//
// One alert per date, key "monitor:completeness:<date>", missing game ids in its fields (a
// few listed); a date whose games ended at least warn_after ago and has every box score gets
// a resolve of that key (dropped by the router when nothing was open).
#include <chrono>
#include <optional>
#include <string>

#include "actors/scheduler/job_context.hpp"

namespace courtside::monitors {

struct completeness_settings {
  std::string primary_source = "nba_cdn"; ///< the box scores that count (config source name)
  int lookback_days = 7;                  ///< dates before today also checked
  std::chrono::milliseconds game_length{3 * 3'600'000};     ///< tip-off to "ended"
  std::chrono::milliseconds warn_after{2 * 3'600'000};      ///< after the end: warning
  std::chrono::milliseconds error_after{6 * 3'600'000};     ///< error
  std::chrono::milliseconds critical_after{24 * 3'600'000}; ///< critical
  std::size_t max_listed = 5; ///< missing game ids named in an alert
};

/// The tier for a date with `missing` > 0 box scores whose games ended at `ended_at`;
/// nullopt when nothing is missing or it is too early to tell.
[[nodiscard]] std::optional<alerting::severity> completeness_tier(
  std::int64_t missing, storage::unix_ms ended_at, storage::unix_ms now,
  const completeness_settings& settings);

/// The job body (job_context.hpp).
[[nodiscard]] storage::storage_result<jobs::job_report> box_score_completeness(
  storage::database& db, const jobs::job_context& ctx, const completeness_settings& settings);

} // namespace courtside::monitors
