#include "actors/phases/analytics.hpp"

#include "actors/phases/history.hpp"
#include "actors/phases/sql_rows.hpp"
#include "actors/phases/stats_math.hpp"
#include "messages/identity.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace courtside::phases {

namespace {

using detail::bind_opt;
using detail::opt_int;
using storage::statement;
using storage::storage_result;
using storage::storage_status;

struct box_row {
  std::string player_id, team, participation;
  std::optional<int> seconds, pts, reb, ast, fgm, fga, fg3m, fg3a, ftm, fta, tov, oreb;

  [[nodiscard]] bool played() const {
    if (participation == "did_not_play" || participation == "inactive") return false;
    return seconds ? *seconds > 0 : pts.has_value();
  }
};

struct team_totals {
  int fga = 0, fta = 0, tov = 0, oreb = 0, pts = 0;
  std::optional<int> seconds; ///< summed over the players who have minutes
};

struct game_teams {
  std::string away, home;
};

storage_result<std::vector<box_row>> player_rows(storage::database& db, const std::string& game,
                                                 std::string_view source) {
  std::vector<box_row> rows;
  auto read = detail::query_rows(
      db,
      "SELECT player_id, team, participation, seconds_played, pts, reb, ast, fgm, fga, fg3m,"
      " fg3a, ftm, fta, tov, oreb FROM player_box_scores WHERE game_id = ?1 AND source = ?2"
      " ORDER BY player_id",
      "run_analytics: SELECT player_box_scores",
      [&](statement& s) { s.bind_text(1, game).bind_text(2, source); },
      [&](statement& s) {
        box_row r{s.column_text(0), s.column_text(1), s.column_text(2), opt_int(s, 3),
                  opt_int(s, 4), opt_int(s, 5), opt_int(s, 6), opt_int(s, 7), opt_int(s, 8),
                  opt_int(s, 9), opt_int(s, 10), opt_int(s, 11), opt_int(s, 12), opt_int(s, 13),
                  opt_int(s, 14)};
        rows.push_back(std::move(r));
      });
  if (!read) return read.error();
  return rows;
}

// Team totals as the source stored them, each missing field summed from the player lines.
storage_result<std::map<std::string, team_totals>> totals_of(storage::database& db,
                                                             const std::string& game,
                                                             std::string_view source,
                                                             const std::vector<box_row>& players) {
  std::map<std::string, team_totals> totals;
  for (const box_row& p : players) {
    team_totals& t = totals[p.team];
    t.fga += p.fga.value_or(0);
    t.fta += p.fta.value_or(0);
    t.tov += p.tov.value_or(0);
    t.oreb += p.oreb.value_or(0);
    t.pts += p.pts.value_or(0);
    if (p.seconds) t.seconds = t.seconds.value_or(0) + *p.seconds;
  }
  auto read = detail::query_rows(
      db,
      "SELECT team, fga, fta, tov, oreb, COALESCE(pts, score) FROM team_box_scores"
      " WHERE game_id = ?1 AND source = ?2",
      "run_analytics: SELECT team_box_scores",
      [&](statement& s) { s.bind_text(1, game).bind_text(2, source); },
      [&](statement& s) {
        team_totals& t = totals[s.column_text(0)];
        int* fields[] = {&t.fga, &t.fta, &t.tov, &t.oreb, &t.pts};
        for (int i = 0; i < 5; ++i) {
          if (auto v = opt_int(s, i + 1)) *fields[i] = *v;
        }
      });
  if (!read) return read.error();
  return totals;
}

constexpr std::string_view upsert_player_sql =
    "INSERT INTO player_game_summary (game_id, player_id, game_date, team, opponent, source_used,"
    " seconds_played, pts, reb, ast, fgm, fga, fg3m, fg3a, ftm, fta, tov, ts_pct, efg_pct,"
    " usage_pct, prop_line, over_under, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19, ?20, ?21, ?22, ?23)"
    " ON CONFLICT (game_id, player_id) DO UPDATE SET game_date = excluded.game_date,"
    " team = excluded.team, opponent = excluded.opponent, source_used = excluded.source_used,"
    " seconds_played = excluded.seconds_played, pts = excluded.pts, reb = excluded.reb,"
    " ast = excluded.ast, fgm = excluded.fgm, fga = excluded.fga, fg3m = excluded.fg3m,"
    " fg3a = excluded.fg3a, ftm = excluded.ftm, fta = excluded.fta, tov = excluded.tov,"
    " ts_pct = excluded.ts_pct, efg_pct = excluded.efg_pct, usage_pct = excluded.usage_pct,"
    " prop_line = excluded.prop_line, over_under = excluded.over_under,"
    " updated_at = excluded.updated_at";

constexpr std::string_view upsert_team_sql =
    "INSERT INTO team_game_summary (game_id, team, game_date, opponent, side, pts, opp_pts,"
    " possessions, pace, off_rating, def_rating, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    " ON CONFLICT (game_id, team) DO UPDATE SET game_date = excluded.game_date,"
    " opponent = excluded.opponent, side = excluded.side, pts = excluded.pts,"
    " opp_pts = excluded.opp_pts, possessions = excluded.possessions, pace = excluded.pace,"
    " off_rating = excluded.off_rating, def_rating = excluded.def_rating,"
    " updated_at = excluded.updated_at";

std::optional<double> rounded(std::optional<double> x, int decimals) {
  return x ? std::optional<double>(round_to(*x, decimals)) : std::nullopt;
}

storage_status write_player(storage::database& db, const std::string& game, std::string_view date,
                            std::string_view source, const box_row& p, const std::string& opponent,
                            const team_totals& team, storage::unix_ms now) {
  auto line = consensus_line(db, game, p.player_id);
  if (!line) return line.error();
  const int pts = p.pts.value_or(0), fga = p.fga.value_or(0), fta = p.fta.value_or(0);
  const usage_inputs usage{fga, fta, p.tov.value_or(0), p.seconds.value_or(0),
                           team.fga, team.fta, team.tov, team.seconds.value_or(0)};
  auto st = db.prepare(upsert_player_sql, "run_analytics: UPSERT player_game_summary");
  if (!st) return st.error();
  statement& s = st.value();
  s.bind_text(1, game).bind_text(2, p.player_id).bind_text(3, date).bind_text(4, p.team)
      .bind_text(5, opponent).bind_text(6, source);
  int i = 7;
  for (const auto* v : {&p.seconds, &p.pts, &p.reb, &p.ast, &p.fgm, &p.fga, &p.fg3m, &p.fg3a,
                        &p.ftm, &p.fta, &p.tov}) {
    bind_opt(s, i++, *v);
  }
  bind_opt(s, 18, rounded(true_shooting(pts, fga, fta), 4));
  bind_opt(s, 19, rounded(effective_fg(p.fgm.value_or(0), p.fg3m.value_or(0), fga), 4));
  bind_opt(s, 20, rounded(usage_rate(usage), 4));
  bind_opt(s, 21, line.value());
  s.bind_text(22, line.value() ? over_under(pts, *line.value()) : "");
  s.bind_int64(23, now);
  return s.run();
}

storage_status summarize_game(storage::database& db, const std::string& game,
                              std::string_view date, std::string_view source,
                              storage::unix_ms now, phase_outcome& out) {
  auto players = player_rows(db, game, source);
  if (!players) return players.error();
  auto totals = totals_of(db, game, source, players.value());
  if (!totals) return totals.error();
  game_teams teams;
  if (auto parts = identity::parse_game_key(game)) teams = {parts->away_tricode, parts->home_tricode};
  for (const char* table : {"player_game_summary", "team_game_summary"}) {
    auto cleared = detail::run_sql(db, std::string("DELETE FROM ") + table + " WHERE game_id = ?1",
                                   std::string("run_analytics: DELETE ") + table,
                                   [&](statement& s) { s.bind_text(1, game); });
    if (!cleared) return cleared.error();
  }
  auto opponent_of = [&](const std::string& team) {
    return team == teams.home ? teams.away : team == teams.away ? teams.home : std::string();
  };
  for (const box_row& p : players.value()) {
    if (!p.played()) continue;
    if (auto wrote = write_player(db, game, date, source, p, opponent_of(p.team),
                                   totals.value()[p.team], now);
        !wrote) {
      return wrote;
    }
    ++out.rows_written["player_game_summary"];
  }

  const team_totals& home = totals.value()[teams.home];
  const team_totals& away = totals.value()[teams.away];
  const double poss = (team_possessions(home.fga, home.oreb, home.tov, home.fta) +
                       team_possessions(away.fga, away.oreb, away.tov, away.fta)) / 2.0;
  const double minutes = game_minutes(std::max(home.seconds.value_or(0), away.seconds.value_or(0)));
  for (const bool is_home : {false, true}) {
    const std::string& team = is_home ? teams.home : teams.away;
    const team_totals& own = is_home ? home : away;
    const team_totals& opp = is_home ? away : home;
    auto st = db.prepare(upsert_team_sql, "run_analytics: UPSERT team_game_summary");
    if (!st) return st.error();
    statement& s = st.value();
    s.bind_text(1, game).bind_text(2, team).bind_text(3, date).bind_text(4, opponent_of(team))
        .bind_text(5, is_home ? "home" : "away").bind_int64(6, own.pts).bind_int64(7, opp.pts);
    bind_opt(s, 8, poss > 0 ? std::optional<double>(round_to(poss, 2)) : std::nullopt);
    bind_opt(s, 9, rounded(pace_per_48(poss, minutes), 2));
    bind_opt(s, 10, rounded(per_100(own.pts, poss), 2));
    bind_opt(s, 11, rounded(per_100(opp.pts, poss), 2));
    s.bind_int64(12, now);
    if (auto ran = s.run(); !ran) return ran;
    ++out.rows_written["team_game_summary"];
  }
  return {};
}

// The preferred source among those that stored the game; else the first other by name.
std::string choose_source(const std::set<std::string>& available) {
  for (std::string_view preferred : source_preference) {
    if (available.count(std::string(preferred)) != 0) return std::string(preferred);
  }
  return available.empty() ? std::string() : *available.begin();
}

} // namespace

storage_result<phase_outcome> run_analytics(storage::database& db, std::string_view date,
                                            storage::unix_ms now) {
  phase_outcome out;
  for (const char* t : {"player_game_summary", "team_game_summary", "upcoming_player_context"}) {
    out.rows_written[t] = 0;
  }
  auto tx = db.begin("run_analytics: player_game_summary");
  if (!tx) return tx.error();
  auto scheduled = games_of_date(db, date);
  if (!scheduled) return scheduled.error();
  std::map<std::string, bool> final_by_game; // scheduled games only
  for (const auto& g : scheduled.value()) final_by_game[g.game_id] = g.final;
  std::map<std::string, std::set<std::string>> sources_by_game;
  auto boxed = detail::query_rows(
      db, "SELECT DISTINCT game_id, source FROM player_box_scores WHERE game_date = ?1",
      "run_analytics: SELECT player_box_scores", [&](statement& s) { s.bind_text(1, date); },
      [&](statement& s) { sources_by_game[s.column_text(0)].insert(s.column_text(1)); });
  if (!boxed) return boxed.error();

  std::set<std::string> all_games;
  for (const auto& [g, f] : final_by_game) all_games.insert(g);
  for (const auto& [g, s] : sources_by_game) all_games.insert(g);
  out.inputs_seen = static_cast<std::int64_t>(all_games.size());
  out.empty = all_games.empty();

  int fallback = 0;
  for (const auto& [game, sources] : sources_by_game) {
    const auto scheduled_game = final_by_game.find(game);
    if (scheduled_game != final_by_game.end() && !scheduled_game->second) {
      ++out.skipped; // a live box score: summarized once the game is final
      continue;
    }
    const std::string source = choose_source(sources);
    if (source != source_preference.front()) ++fallback;
    if (auto done = summarize_game(db, game, date, source, now, out); !done) return done.error();
  }
  int final_without_box = 0;
  for (const auto& [game, final] : final_by_game) {
    if (final && sources_by_game.count(game) == 0) ++final_without_box;
  }
  if (fallback > 0) {
    add_degraded(out, std::to_string(fallback) + " game(s) summarized from a fallback source");
  }
  if (final_without_box > 0) {
    add_degraded(out, std::to_string(final_without_box) + " final game(s) without a box score");
  }
  auto upcoming = detail::write_upcoming_context(db, date, now);
  if (!upcoming) return upcoming.error();
  out.rows_written["upcoming_player_context"] = upcoming.value();
  if (auto done = tx.value().commit(); !done) return done.error();
  return out;
}

} // namespace courtside::phases
