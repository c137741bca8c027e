#include "actors/phases/history.hpp"

#include "actors/phases/sql_rows.hpp"
#include "actors/phases/stats_math.hpp"
#include "messages/identity.hpp"

#include <set>

namespace courtside::phases {

namespace {
using storage::statement;
using storage::storage_result;
} // namespace

storage_result<std::vector<scheduled_game>> games_of_date(storage::database& db,
                                                          std::string_view date) {
  std::vector<scheduled_game> games;
  auto read = detail::query_rows(
      db,
      "SELECT game_id, MAX(status = 'final') FROM schedule_games WHERE game_date = ?1"
      " GROUP BY game_id ORDER BY game_id",
      "games_of_date: SELECT schedule_games", [&](statement& s) { s.bind_text(1, date); },
      [&](statement& s) {
        scheduled_game g;
        g.game_id = s.column_text(0);
        g.final = s.column_int64(1) != 0;
        if (auto parts = identity::parse_game_key(g.game_id)) {
          g.home = parts->home_tricode;
          g.away = parts->away_tricode;
        }
        games.push_back(std::move(g));
      });
  if (!read) return read.error();
  return games;
}

storage_result<std::vector<played_game>> player_history(storage::database& db,
                                                        std::string_view player_id,
                                                        std::string_view before_date, int limit) {
  std::vector<played_game> games;
  auto read = detail::query_rows(
      db,
      "SELECT game_id, game_date, team, opponent, seconds_played, pts, ts_pct, usage_pct"
      " FROM player_game_summary WHERE player_id = ?1 AND game_date < ?2"
      " ORDER BY game_date DESC, game_id DESC LIMIT ?3",
      "player_history: SELECT player_game_summary",
      [&](statement& s) { s.bind_text(1, player_id).bind_text(2, before_date).bind_int64(3, limit); },
      [&](statement& s) {
        games.push_back(played_game{s.column_text(0), s.column_text(1), s.column_text(2),
                                    s.column_text(3), detail::opt_int(s, 4).value_or(0),
                                    detail::opt_int(s, 5).value_or(0), detail::opt_double(s, 6),
                                    detail::opt_double(s, 7)});
      });
  if (!read) return read.error();
  return games;
}

storage_result<std::vector<team_game>> team_history(storage::database& db, std::string_view team,
                                                    std::string_view before_date, int limit) {
  std::vector<team_game> games;
  auto read = detail::query_rows(
      db,
      "SELECT game_id, game_date, pace, off_rating, def_rating FROM team_game_summary"
      " WHERE team = ?1 AND game_date < ?2 ORDER BY game_date DESC, game_id DESC LIMIT ?3",
      "team_history: SELECT team_game_summary",
      [&](statement& s) { s.bind_text(1, team).bind_text(2, before_date).bind_int64(3, limit); },
      [&](statement& s) {
        games.push_back(team_game{s.column_text(0), s.column_text(1), detail::opt_double(s, 2),
                                  detail::opt_double(s, 3), detail::opt_double(s, 4)});
      });
  if (!read) return read.error();
  return games;
}

storage_result<std::optional<double>> consensus_line(storage::database& db,
                                                     std::string_view game_id,
                                                     std::string_view player_id) {
  std::vector<double> lines;
  auto read = detail::query_rows(
      db,
      "SELECT line FROM prop_lines WHERE game_id = ?1 AND player_id = ?2 AND market = ?3"
      " AND line IS NOT NULL",
      "consensus_line: SELECT prop_lines",
      [&](statement& s) { s.bind_text(1, game_id).bind_text(2, player_id).bind_text(3, points_market); },
      [&](statement& s) { lines.push_back(s.column_double(0)); });
  if (!read) return read.error();
  const auto m = median(lines);
  return m ? std::optional<double>(round_to(*m, 2)) : std::nullopt;
}

storage_result<std::vector<expected_player>> expected_players(storage::database& db,
                                                              const scheduled_game& game,
                                                              std::string_view date) {
  std::set<std::string> line_players;
  auto lines = detail::query_rows(
      db, "SELECT DISTINCT player_id FROM prop_lines WHERE game_id = ?1 AND market = ?2",
      "expected_players: SELECT prop_lines",
      [&](statement& s) { s.bind_text(1, game.game_id).bind_text(2, points_market); },
      [&](statement& s) { line_players.insert(s.column_text(0)); });
  if (!lines) return lines.error();

  std::vector<expected_player> players;
  for (const bool home : {false, true}) {
    const std::string& team = home ? game.home : game.away;
    const std::string& opponent = home ? game.away : game.home;
    std::set<std::string> ids;
    auto roster = detail::query_rows(
        db,
        "SELECT DISTINCT p.player_id FROM player_game_summary p WHERE p.team = ?1"
        " AND p.game_date < ?2 AND p.game_id IN (SELECT game_id FROM team_game_summary"
        " WHERE team = ?1 AND game_date < ?2 ORDER BY game_date DESC, game_id DESC LIMIT 10)",
        "expected_players: SELECT player_game_summary",
        [&](statement& s) { s.bind_text(1, team).bind_text(2, date); },
        [&](statement& s) { ids.insert(s.column_text(0)); });
    if (!roster) return roster.error();
    for (const auto& id : line_players) ids.insert(id);
    for (const auto& id : ids) {
      auto last = player_history(db, id, date, 1);
      if (!last) return last.error();
      if (last.value().empty() || last.value().front().team != team) continue;
      players.push_back(expected_player{id, team, opponent, home});
    }
  }
  return players;
}

} // namespace courtside::phases
