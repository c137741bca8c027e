#pragma once
// Reads shared by phases 3-6: the games of a date, a player's and a team's games before a
// date (from the phase-3 summaries), the consensus prop line, and the players expected in a
// game. Every list comes in a stable order, so the phases' output does not depend on SQLite's
// choice of plan.
#include "runtime/storage/database.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::phases {

/// The market whose line the pipeline predicts against.
inline constexpr std::string_view points_market = "player_points";

struct scheduled_game {
  std::string game_id; ///< "YYYYMMDD_AWAY_HOME"
  std::string home;
  std::string away;
  bool final = false;  ///< some source says final
};

/// Distinct games of `date` in schedule_games (any source), by game_id; teams from the key.
[[nodiscard]] storage::storage_result<std::vector<scheduled_game>> games_of_date(
    storage::database& db, std::string_view date);

struct played_game {
  std::string game_id;
  std::string game_date;
  std::string team;
  std::string opponent;
  int seconds = 0;
  int pts = 0;
  std::optional<double> ts_pct;
  std::optional<double> usage_pct;
};

/// The player's summarized games (player_game_summary: games he played) before `date`,
/// newest first, at most `limit`.
[[nodiscard]] storage::storage_result<std::vector<played_game>> player_history(
    storage::database& db, std::string_view player_id, std::string_view before_date, int limit);

struct team_game {
  std::string game_id;
  std::string game_date;
  std::optional<double> pace;
  std::optional<double> off_rating;
  std::optional<double> def_rating;
};

/// The team's summarized games before `date`, newest first, at most `limit`.
[[nodiscard]] storage::storage_result<std::vector<team_game>> team_history(
    storage::database& db, std::string_view team, std::string_view before_date, int limit);

/// Median over books of the points line for (game, player); nullopt when no book has one.
[[nodiscard]] storage::storage_result<std::optional<double>> consensus_line(
    storage::database& db, std::string_view game_id, std::string_view player_id);

struct expected_player {
  std::string player_id;
  std::string team;
  std::string opponent;
  bool home = false;
};

/// Who is expected to play in `game` on `date`: for each side, the players whose latest
/// summarized game before `date` was for that team and within the team's last 10 games, plus
/// players with a points line for the game whose latest team is that side. Ordered by team
/// (away first), then player_id. A player without history (no team known) is not listed.
[[nodiscard]] storage::storage_result<std::vector<expected_player>> expected_players(
    storage::database& db, const scheduled_game& game, std::string_view date);

} // namespace courtside::phases
