#pragma once
// The basketball and statistics formulas of the pipeline, as pure functions: no storage, no
// clock. Every function that can divide by zero returns nullopt instead. Percentages are
// fractions (0.5432, not 54.32).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::phases {

/// `x` rounded half away from zero to `decimals` places; stored doubles go through this so
/// that re-runs and other platforms print the same digits.
[[nodiscard]] double round_to(double x, int decimals);

/// True shooting: pts / (2 (fga + 0.44 fta)).
[[nodiscard]] std::optional<double> true_shooting(int pts, int fga, int fta);
/// Effective field-goal percentage: (fgm + 0.5 fg3m) / fga.
[[nodiscard]] std::optional<double> effective_fg(int fgm, int fg3m, int fga);

struct usage_inputs {
  int fga = 0, fta = 0, tov = 0, seconds = 0;                    ///< the player
  int team_fga = 0, team_fta = 0, team_tov = 0, team_seconds = 0; ///< his team (all players)
};
/// Usage rate (Basketball-Reference):
/// ((fga + 0.44 fta + tov) * (team_seconds / 5)) / (seconds * (team_fga + 0.44 team_fta + team_tov)).
[[nodiscard]] std::optional<double> usage_rate(const usage_inputs& in);

/// One team's possession estimate: fga - oreb + tov + 0.44 fta.
[[nodiscard]] double team_possessions(int fga, int oreb, int tov, int fta);
/// Game length in minutes from a team's summed player seconds, snapped to 48 + 5k (a source
/// with whole-minute lines undercounts by up to a minute per player). 48 when unknown.
[[nodiscard]] double game_minutes(std::optional<int> team_seconds);
/// Possessions per 48 minutes.
[[nodiscard]] std::optional<double> pace_per_48(double possessions, double minutes);
/// Points per 100 possessions.
[[nodiscard]] std::optional<double> per_100(int points, double possessions);

/// "OVER" when pts > line, "UNDER" when below, "PUSH" when equal.
[[nodiscard]] const char* over_under(int pts, double line);

[[nodiscard]] std::optional<double> mean(const std::vector<double>& xs);
/// Middle value; the mean of the two middle values for an even count.
[[nodiscard]] std::optional<double> median(std::vector<double> xs);
/// Sample standard deviation (n - 1); nullopt below two values.
[[nodiscard]] std::optional<double> sample_stddev(const std::vector<double>& xs);
/// Least-squares slope of `oldest_first` against 0, 1, 2, ...; nullopt below two values.
[[nodiscard]] std::optional<double> trend_slope(const std::vector<double>& oldest_first);
/// Weighted moving average, the most recent value weighted n, the oldest 1.
[[nodiscard]] std::optional<double> weighted_moving_average(const std::vector<double>& newest_first);

/// Days since 1970-01-01 of a "YYYY-MM-DD" date (proleptic Gregorian); nullopt if malformed.
[[nodiscard]] std::optional<std::int64_t> day_number(std::string_view iso_date);
/// `later` - `earlier` in days.
[[nodiscard]] std::optional<std::int64_t> days_between(std::string_view earlier,
                                                       std::string_view later);

} // namespace courtside::phases
