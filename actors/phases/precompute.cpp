#include "actors/phases/precompute.hpp"

#include "actors/phases/history.hpp"
#include "actors/phases/sql_rows.hpp"
#include "actors/phases/stats_math.hpp"
#include "messages/json_lines.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace courtside::phases {

namespace {

using detail::bind_opt;
using storage::statement;
using storage::storage_result;
using storage::storage_status;

// Defaults stand in for features a player or opponent lacks the history for.
constexpr double default_pts = 10.0, default_std = 5.0, default_minutes = 20.0;
constexpr double default_ts = 0.55, default_usage = 0.20, default_rest = 2.0;
constexpr double default_def_rating = 112.0, default_pace = 99.0;

struct league_averages {
  double def_rating = default_def_rating;
  double pace = default_pace;
};

// Means over the latest 300 team games before the date (about ten days of a full league).
storage_result<league_averages> league_before(storage::database& db, std::string_view date) {
  league_averages league;
  auto read = detail::query_rows(
      db,
      "SELECT AVG(def_rating), AVG(pace) FROM (SELECT def_rating, pace FROM team_game_summary"
      " WHERE game_date < ?1 ORDER BY game_date DESC, game_id DESC, team DESC LIMIT 300)",
      "run_precompute: SELECT team_game_summary", [&](statement& s) { s.bind_text(1, date); },
      [&](statement& s) {
        if (auto d = detail::opt_double(s, 0)) league.def_rating = *d;
        if (auto p = detail::opt_double(s, 1)) league.pace = *p;
      });
  if (!read) return read.error();
  return league;
}

struct player_cache {
  std::int64_t games_played = 0;
  std::optional<double> avg_pts, std_pts, avg_seconds, minutes_trend;
};

std::optional<double> mean_of(const std::vector<played_game>& g, std::size_t n,
                              std::optional<double> (*pick)(const played_game&)) {
  std::vector<double> xs;
  for (std::size_t i = 0; i < g.size() && i < n; ++i) {
    if (auto x = pick(g[i])) xs.push_back(*x);
  }
  return mean(xs);
}

player_cache cache_of(const std::vector<played_game>& newest_first, std::int64_t games_played) {
  player_cache c;
  c.games_played = games_played;
  std::vector<double> pts, seconds, minutes_oldest_first;
  for (const played_game& g : newest_first) {
    pts.push_back(g.pts);
    seconds.push_back(g.seconds);
  }
  for (auto it = newest_first.rbegin(); it != newest_first.rend(); ++it) {
    minutes_oldest_first.push_back(it->seconds / 60.0);
  }
  auto r = [](std::optional<double> x, int d) {
    return x ? std::optional<double>(round_to(*x, d)) : std::nullopt;
  };
  c.avg_pts = r(mean(pts), 2);
  c.std_pts = r(sample_stddev(pts), 2);
  c.avg_seconds = r(mean(seconds), 1);
  c.minutes_trend = r(trend_slope(minutes_oldest_first), 3);
  return c;
}

struct feature_row {
  std::string json;
  int defaulted = 0;
  int quality = 0;
};

feature_row features_of(const expected_player& p, const std::vector<played_game>& history,
                        const player_cache& cache, const std::vector<team_game>& opponent,
                        const league_averages& league, std::string_view date) {
  int defaulted = 0;
  const bool enough = static_cast<int>(history.size()) >= min_player_games;
  auto value = [&](std::optional<double> x, double fallback, bool ok) {
    if (ok && x) return *x;
    ++defaulted;
    return fallback;
  };
  std::optional<double> rest;
  if (!history.empty()) {
    if (auto days = days_between(history.front().game_date, date)) {
      rest = std::min<double>(10.0, static_cast<double>(*days - 1));
    }
  }
  std::vector<double> def, pace;
  for (const team_game& g : opponent) {
    if (g.def_rating) def.push_back(*g.def_rating);
    if (g.pace) pace.push_back(*g.pace);
  }
  const bool opp_ok = static_cast<int>(opponent.size()) >= min_team_games;
  const double pts5 = value(mean_of(history, 5, [](const played_game& g) { return std::optional<double>(g.pts); }), default_pts, enough);
  const double pts10 = value(cache.avg_pts, default_pts, enough);
  const double std10 = value(cache.std_pts, default_std, enough);
  const double min10 = value(cache.avg_seconds ? std::optional<double>(*cache.avg_seconds / 60.0) : std::nullopt, default_minutes, enough);
  const double trend = value(cache.minutes_trend, 0.0, enough);
  const double ts = value(mean_of(history, 10, [](const played_game& g) { return g.ts_pct; }), default_ts, enough);
  const double usage = value(mean_of(history, 10, [](const played_game& g) { return g.usage_pct; }), default_usage, enough);
  const double rest_days = value(rest, default_rest, true);
  const double opp_def = value(mean(def), league.def_rating, opp_ok);
  const double opp_pace = value(mean(pace), league.pace, opp_ok);

  feature_row row;
  const std::vector<double> values{static_cast<double>(cache.games_played), pts5, pts10, std10,
                                   min10, trend, ts, usage, rest_days,
                                   rest && *rest == 0 ? 1.0 : 0.0, p.home ? 1.0 : 0.0, opp_def,
                                   opp_pace, opp_def / league.def_rating, opp_pace / league.pace};
  json::object_writer w(row.json);
  for (std::size_t i = 0; i < values.size(); ++i) w.field(feature_names()[i], round_to(values[i], 4));
  w.close();
  row.defaulted = defaulted;
  const double sample = std::min<double>(10.0, static_cast<double>(cache.games_played)) / 10.0;
  row.quality = static_cast<int>(std::lround(
      70.0 * (1.0 - static_cast<double>(defaulted) / defaultable_features) + 30.0 * sample));
  return row;
}

constexpr std::string_view upsert_cache_sql =
    "INSERT INTO player_daily_cache (game_date, player_id, games_played, avg_pts, std_pts,"
    " avg_seconds, minutes_trend, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT (game_date, player_id) DO UPDATE SET games_played = excluded.games_played,"
    " avg_pts = excluded.avg_pts, std_pts = excluded.std_pts,"
    " avg_seconds = excluded.avg_seconds, minutes_trend = excluded.minutes_trend,"
    " updated_at = excluded.updated_at";

constexpr std::string_view upsert_feature_sql =
    "INSERT INTO feature_store (game_date, game_id, player_id, features, quality_score,"
    " defaulted_features, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT (game_date, game_id, player_id) DO UPDATE SET features = excluded.features,"
    " quality_score = excluded.quality_score, defaulted_features = excluded.defaulted_features,"
    " updated_at = excluded.updated_at";

storage_result<std::int64_t> games_before(storage::database& db, const std::string& player,
                                          std::string_view date) {
  std::int64_t count = 0;
  auto read = detail::query_rows(
      db, "SELECT COUNT(*) FROM player_game_summary WHERE player_id = ?1 AND game_date < ?2",
      "run_precompute: SELECT player_game_summary",
      [&](statement& s) { s.bind_text(1, player).bind_text(2, date); },
      [&](statement& s) { count = s.column_int64(0); });
  if (!read) return read.error();
  return count;
}

// Opponents' last 15 games, read once per team and run (team_game_summary has no index by
// team, and every player of a game shares the opponent).
using team_games_cache = std::map<std::string, std::vector<team_game>>;

storage_result<const std::vector<team_game>*> opponent_games(storage::database& db,
                                                             team_games_cache& cache,
                                                             const std::string& team,
                                                             std::string_view date) {
  auto found = cache.find(team);
  if (found == cache.end()) {
    auto games = team_history(db, team, date, 15);
    if (!games) return games.error();
    found = cache.emplace(team, std::move(games).value()).first;
  }
  return &found->second;
}

storage_status precompute_player(storage::database& db, const scheduled_game& game,
                                 const expected_player& p, const league_averages& league,
                                 team_games_cache& teams, std::string_view date,
                                 storage::unix_ms now, phase_outcome& out) {
  auto history = player_history(db, p.player_id, date, 10);
  if (!history) return history.error();
  auto played = games_before(db, p.player_id, date);
  if (!played) return played.error();
  auto opponent = opponent_games(db, teams, p.opponent, date);
  if (!opponent) return opponent.error();
  const player_cache cache = cache_of(history.value(), played.value());
  auto st = db.prepare(upsert_cache_sql, "run_precompute: UPSERT player_daily_cache");
  if (!st) return st.error();
  st.value().bind_text(1, date).bind_text(2, p.player_id).bind_int64(3, cache.games_played);
  bind_opt(st.value(), 4, cache.avg_pts);
  bind_opt(st.value(), 5, cache.std_pts);
  bind_opt(st.value(), 6, cache.avg_seconds);
  bind_opt(st.value(), 7, cache.minutes_trend);
  st.value().bind_int64(8, now);
  if (auto ran = st.value().run(); !ran) return ran;
  ++out.rows_written["player_daily_cache"];

  const feature_row row = features_of(p, history.value(), cache, *opponent.value(), league, date);
  auto fs = db.prepare(upsert_feature_sql, "run_precompute: UPSERT feature_store");
  if (!fs) return fs.error();
  fs.value().bind_text(1, date).bind_text(2, game.game_id).bind_text(3, p.player_id)
      .bind_text(4, row.json).bind_int64(5, row.quality).bind_int64(6, row.defaulted)
      .bind_int64(7, now);
  if (auto ran = fs.value().run(); !ran) return ran;
  ++out.rows_written["feature_store"];
  if (row.defaulted > 0) ++out.skipped;
  return {};
}

} // namespace

const std::vector<std::string>& feature_names() {
  static const std::vector<std::string> names{
      "games_played", "pts_avg_l5",   "pts_avg_l10",        "pts_std_l10",  "minutes_avg_l10",
      "minutes_trend", "ts_pct_l10",  "usage_pct_l10",      "rest_days",    "back_to_back",
      "home",          "opp_def_rating_l15", "opp_pace_l15", "matchup_factor", "pace_factor"};
  return names;
}

storage_result<phase_outcome> run_precompute(storage::database& db, std::string_view date,
                                             storage::unix_ms now) {
  phase_outcome out;
  out.rows_written["player_daily_cache"] = 0;
  out.rows_written["feature_store"] = 0;
  auto tx = db.begin("run_precompute: feature_store");
  if (!tx) return tx.error();
  auto games = games_of_date(db, date);
  if (!games) return games.error();
  out.empty = games.value().empty();
  auto league = league_before(db, date);
  if (!league) return league.error();
  int without_players = 0;
  team_games_cache teams;
  for (const scheduled_game& game : games.value()) {
    auto players = expected_players(db, game, date);
    if (!players) return players.error();
    if (players.value().empty()) ++without_players;
    for (const expected_player& p : players.value()) {
      ++out.inputs_seen;
      if (auto done = precompute_player(db, game, p, league.value(), teams, date, now, out); !done) {
        return done.error();
      }
    }
  }
  if (without_players > 0) {
    add_degraded(out, std::to_string(without_players) + " game(s) without any expected player");
  }
  if (auto done = tx.value().commit(); !done) return done.error();
  return out;
}

} // namespace courtside::phases
