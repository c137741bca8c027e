#pragma once
// Monitor: data that is there but cannot be right. Three checks, each a warning per date and
// kind, with a resolve of its key when the check ran and came out clean:
//
// - prop lines of today and tomorrow that are placeholders ("monitor:data_quality:props:<d>"):
//   no line or a line <= 0 in any market; in the points market also exactly
//   `placeholder_line` (0.5, what books post before the real number) or above
//   `max_points_line` (80: nobody's points line is that high);
// - yesterday's player_game_summary ("monitor:data_quality:summaries:<d>"): the share of rows
//   whose minutes are NULL or zero, or whose points are NULL, above `max_null_rate` (10 %;
//   exactly 10 % passes). Analytics writes only players who played, so a zero is a gap too;
// - predictions of today and tomorrow ("monitor:data_quality:predictions:<d>"), once the
//   date's predictions phase has run (ledger COMPLETE or DEGRADED): games with fewer than
//   `min_predictions_per_game` players predicted (any system).
#include <optional>
#include <string>
#include <string_view>

#include "actors/scheduler/job_context.hpp"

namespace courtside::monitors {

struct data_quality_settings {
  std::string points_market = "player_points";
  double max_points_line = 80.0;   ///< a points line above this is absurd
  double placeholder_line = 0.5;   ///< the books' stand-in before the real line
  double max_null_rate = 0.10;     ///< share of summary rows with a key column missing
  int min_predictions_per_game = 3; ///< players predicted per game, at least
  std::size_t max_listed = 5;      ///< offending rows or games named in an alert
};

/// True when `line` in `market` is a placeholder or absurd (see the header comment).
[[nodiscard]] bool suspicious_line(std::string_view market, std::optional<double> line,
                                   const data_quality_settings& settings);

/// True when `bad` of `total` rows is more than `max_rate` of them (false for no rows).
[[nodiscard]] bool rate_exceeds(std::int64_t bad, std::int64_t total, double max_rate);

[[nodiscard]] storage::storage_result<jobs::job_report> data_quality_check(
  storage::database& db, const jobs::job_context& ctx, const data_quality_settings& settings);

} // namespace courtside::monitors
