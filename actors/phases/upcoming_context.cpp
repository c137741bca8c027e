// upcoming_player_context (analytics.hpp): what is known before tip-off about each expected
// player of the date's unfinished games.
#include "actors/phases/analytics.hpp"

#include "actors/phases/history.hpp"
#include "actors/phases/sql_rows.hpp"
#include "actors/phases/stats_math.hpp"

#include <map>

namespace courtside::phases::detail {

namespace {

using storage::statement;

constexpr std::string_view upsert_sql =
    "INSERT INTO upcoming_player_context (game_date, game_id, player_id, team, opponent,"
    " rest_days, back_to_back, last5_pts, last10_pts, current_line, opponent_def_rating,"
    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    " ON CONFLICT (game_date, game_id, player_id) DO UPDATE SET team = excluded.team,"
    " opponent = excluded.opponent, rest_days = excluded.rest_days,"
    " back_to_back = excluded.back_to_back, last5_pts = excluded.last5_pts,"
    " last10_pts = excluded.last10_pts, current_line = excluded.current_line,"
    " opponent_def_rating = excluded.opponent_def_rating, updated_at = excluded.updated_at";

std::optional<double> mean_pts(const std::vector<played_game>& newest_first, std::size_t n) {
  std::vector<double> pts;
  for (std::size_t i = 0; i < newest_first.size() && i < n; ++i) pts.push_back(newest_first[i].pts);
  const auto m = mean(pts);
  return m ? std::optional<double>(round_to(*m, 2)) : std::nullopt;
}

storage::storage_result<std::optional<double>> mean_def_rating(storage::database& db,
                                                               std::string_view team,
                                                               std::string_view before_date) {
  std::optional<double> rating;
  auto read = query_rows(
      db, "SELECT AVG(def_rating) FROM team_game_summary WHERE team = ?1 AND game_date < ?2",
      "upcoming_player_context: SELECT team_game_summary",
      [&](statement& s) { s.bind_text(1, team).bind_text(2, before_date); },
      [&](statement& s) { rating = opt_double(s, 0); });
  if (!read) return read.error();
  return rating ? std::optional<double>(round_to(*rating, 2)) : std::nullopt;
}

} // namespace

storage::storage_result<std::int64_t> write_upcoming_context(storage::database& db,
                                                             std::string_view date,
                                                             storage::unix_ms now) {
  auto games = games_of_date(db, date);
  if (!games) return games.error();
  std::int64_t written = 0;
  std::map<std::string, std::optional<double>> defense_by_team; // one scan per team and run
  for (const scheduled_game& game : games.value()) {
    if (game.final || game.home.empty()) continue;
    auto players = expected_players(db, game, date);
    if (!players) return players.error();
    for (const expected_player& p : players.value()) {
      auto history = player_history(db, p.player_id, date, 10);
      if (!history) return history.error();
      auto line = consensus_line(db, game.game_id, p.player_id);
      if (!line) return line.error();
      if (defense_by_team.count(p.opponent) == 0) {
        auto defense = mean_def_rating(db, p.opponent, date);
        if (!defense) return defense.error();
        defense_by_team[p.opponent] = defense.value();
      }
      std::optional<int> rest;
      if (!history.value().empty()) {
        if (auto days = days_between(history.value().front().game_date, date)) {
          rest = static_cast<int>(*days - 1);
        }
      }
      auto st = db.prepare(upsert_sql, "run_analytics: UPSERT upcoming_player_context");
      if (!st) return st.error();
      statement& s = st.value();
      s.bind_text(1, date).bind_text(2, game.game_id).bind_text(3, p.player_id)
          .bind_text(4, p.team).bind_text(5, p.opponent);
      bind_opt(s, 6, rest);
      s.bind_int64(7, rest && *rest == 0 ? 1 : 0);
      bind_opt(s, 8, mean_pts(history.value(), 5));
      bind_opt(s, 9, mean_pts(history.value(), 10));
      bind_opt(s, 10, line.value());
      bind_opt(s, 11, defense_by_team[p.opponent]);
      s.bind_int64(12, now);
      if (auto ran = s.run(); !ran) return ran.error();
      ++written;
    }
  }
  return written;
}

} // namespace courtside::phases::detail
