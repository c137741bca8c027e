#pragma once
// Phase 4 (precompute) for one date, from the phase-3 summaries dated before it:
// - player_daily_cache per expected player of the date's games (history.hpp
//   expected_players): games played before the date; over his last 10 games: mean and sample
//   std dev of points, mean seconds, and minutes trend (least-squares slope of minutes per
//   game, oldest to newest).
// - feature_store per (date, game, player): the JSON object of feature_names() in that order,
//   values rounded to 4 places, including the opponent's defence over its last 15 games and
//   the composite factors (opponent defence and pace relative to the league). A feature
//   without enough history (player: < 5 games; opponent: < 3 games) gets a default value and
//   is counted in defaulted_features; phase 5 predicts only rows with none defaulted.
//   quality_score = round(70 * (1 - defaulted / 10) + 30 * min(games_played, 10) / 10).
#include "actors/phases/phase_outcome.hpp"
#include "runtime/storage/database.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace courtside::phases {

inline constexpr int min_player_games = 5; ///< fewer: the player's features are defaulted
inline constexpr int min_team_games = 3;   ///< fewer: the opponent's features are defaulted
inline constexpr int defaultable_features = 10;

/// The feature names in JSON order: games_played, pts_avg_l5, pts_avg_l10, pts_std_l10,
/// minutes_avg_l10, minutes_trend, ts_pct_l10, usage_pct_l10, rest_days, back_to_back, home,
/// opp_def_rating_l15, opp_pace_l15, matchup_factor, pace_factor.
[[nodiscard]] const std::vector<std::string>& feature_names();

/// The values of `names` in a feature_store.features object ({"name": number, ...}), in that
/// order (0 for a name it lacks; the last of a repeated name wins), read without building a
/// map: the regression reads 3000 of these per date. False when malformed.
[[nodiscard]] bool feature_values(std::string_view json, const std::vector<std::string>& names,
                                  std::vector<double>& out);

/// rows_written: player_daily_cache, feature_store. inputs_seen = expected players (over the
/// date's games); skipped = of which with defaulted features. empty when the date has no
/// games. degraded when a game has no expected player (no history for either team).
[[nodiscard]] storage::storage_result<phase_outcome> run_precompute(storage::database& db,
                                                                    std::string_view date,
                                                                    storage::unix_ms now);

} // namespace courtside::phases
