#pragma once
// Phase 3 (analytics) for one date:
// - player_game_summary and team_game_summary for every game of the date with a box score
//   that no schedule row calls unfinished (pre/live): one source per game, the first of
//   source_preference that stored it (source_used records which); players who did not play
//   get no row. TS%, eFG% and usage are fractions rounded to 4 places; prop_line is the
//   median points line over books and over_under OVER / UNDER / PUSH ('' without a line).
//   Possessions are the mean of both teams' fga - oreb + tov + 0.44 fta; pace per 48 minutes
//   of game length; ratings per 100 possessions; all rounded to 2 places. A re-run replaces
//   a game's rows (so a late primary source replaces the fallback's players).
// - upcoming_player_context for every game of the date not yet final: rest days (days
//   between his last game and the date, minus one; 0 = back-to-back), last-5/10 points
//   averages and the opponent's mean defensive rating over all its games before the date,
//   the current consensus line.
// History means summaries dated before `date`: run dates in order (a backfill does).
#include "actors/phases/phase_outcome.hpp"
#include "runtime/storage/database.hpp"

#include <array>
#include <string_view>

namespace courtside::phases {

/// Box-score sources in order of preference: NBA.com first, balldontlie as the fallback.
inline constexpr std::array<std::string_view, 3> source_preference{"nba_cdn", "stats_nba",
                                                                   "balldontlie"};

/// rows_written: player_game_summary, team_game_summary, upcoming_player_context.
/// inputs_seen = games of the date (scheduled or with a box score); skipped = games with a
/// box score that are not final yet. empty when the date has no games at all. degraded when
/// a game used a fallback source, or a final game has no box score.
[[nodiscard]] storage::storage_result<phase_outcome> run_analytics(storage::database& db,
                                                                   std::string_view date,
                                                                   storage::unix_ms now);

namespace detail {
/// upcoming_player_context rows for the date's unfinished games (analytics.cpp calls it).
[[nodiscard]] storage::storage_result<std::int64_t> write_upcoming_context(
    storage::database& db, std::string_view date, storage::unix_ms now);
} // namespace detail

} // namespace courtside::phases
