#include "actors/phases/raw_store.hpp"

#include "actors/phases/sql_rows.hpp"
#include "messages/identity.hpp"

#include <map>
#include <set>

namespace courtside::phases {

namespace {

using detail::bind_opt;
using detail::bind_text_or_null;
using storage::make_error;
using storage::statement;
using storage::storage_errc;
using storage::storage_result;
using storage::storage_status;

// The game's own date when valid, else the date inside its key.
std::string date_of(const Game& game) {
  if (auto d = identity::iso_date(game.date)) return *d;
  if (auto parts = identity::parse_game_key(game.key)) return parts->date;
  return {};
}

statement& bind_stats(statement& st, int first, const StatLine& s) {
  int i = first;
  for (const auto* v : {&s.pts, &s.reb, &s.oreb, &s.dreb, &s.ast, &s.stl, &s.blk, &s.tov, &s.pf,
                        &s.fgm, &s.fga, &s.fg3m, &s.fg3a, &s.ftm, &s.fta}) {
    bind_opt(st, i++, *v);
  }
  return st;
}

// A team total the source left out becomes the sum of its players' values (when any has one).
StatLine filled_totals(const TeamLine& team, const std::vector<PlayerLine>& players) {
  StatLine t = team.totals;
  const std::string tricode = identity::normalize_tricode(team.tricode);
  std::vector<const PlayerLine*> own;
  for (const PlayerLine& p : players) {
    if (identity::normalize_tricode(p.team_tricode) == tricode) own.push_back(&p);
  }
  using field = std::optional<int> StatLine::*;
  for (field f : {&StatLine::seconds, &StatLine::pts, &StatLine::reb, &StatLine::oreb,
                  &StatLine::dreb, &StatLine::ast, &StatLine::stl, &StatLine::blk, &StatLine::tov,
                  &StatLine::pf, &StatLine::fgm, &StatLine::fga, &StatLine::fg3m, &StatLine::fg3a,
                  &StatLine::ftm, &StatLine::fta}) {
    if (t.*f) continue;
    std::optional<int> sum;
    for (const PlayerLine* p : own) {
      if (p->stats.*f) sum = sum.value_or(0) + *(p->stats.*f);
    }
    t.*f = sum;
  }
  return t;
}

constexpr std::string_view upsert_game_sql =
    "INSERT INTO schedule_games (game_id, source, game_date, season, start_time_utc, home_team,"
    " away_team, status, home_score, away_score, nba_game_id, raw_hash, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
    " ON CONFLICT (game_id, source) DO UPDATE SET game_date = excluded.game_date,"
    " season = excluded.season, start_time_utc = excluded.start_time_utc,"
    " home_team = excluded.home_team, away_team = excluded.away_team, status = excluded.status,"
    " home_score = excluded.home_score, away_score = excluded.away_score,"
    " nba_game_id = excluded.nba_game_id, raw_hash = excluded.raw_hash,"
    " updated_at = excluded.updated_at";

constexpr std::string_view upsert_player_sql =
    "INSERT INTO player_box_scores (game_id, player_id, source, game_date, team, player_name,"
    " starter, participation, seconds_played, pts, reb, oreb, dreb, ast, stl, blk, tov, pf, fgm,"
    " fga, fg3m, fg3a, ftm, fta, plus_minus, raw_hash, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)"
    " ON CONFLICT (game_id, player_id, source) DO UPDATE SET game_date = excluded.game_date,"
    " team = excluded.team, player_name = excluded.player_name, starter = excluded.starter,"
    " participation = excluded.participation, seconds_played = excluded.seconds_played,"
    " pts = excluded.pts, reb = excluded.reb, oreb = excluded.oreb, dreb = excluded.dreb,"
    " ast = excluded.ast, stl = excluded.stl, blk = excluded.blk, tov = excluded.tov,"
    " pf = excluded.pf, fgm = excluded.fgm, fga = excluded.fga, fg3m = excluded.fg3m,"
    " fg3a = excluded.fg3a, ftm = excluded.ftm, fta = excluded.fta,"
    " plus_minus = excluded.plus_minus, raw_hash = excluded.raw_hash,"
    " updated_at = excluded.updated_at";

constexpr std::string_view upsert_team_sql =
    "INSERT INTO team_box_scores (game_id, team, source, game_date, side, score, pts, reb, oreb,"
    " dreb, ast, stl, blk, tov, pf, fgm, fga, fg3m, fg3a, ftm, fta, raw_hash, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19, ?20, ?21, ?22, ?23)"
    " ON CONFLICT (game_id, team, source) DO UPDATE SET game_date = excluded.game_date,"
    " side = excluded.side, score = excluded.score, pts = excluded.pts, reb = excluded.reb,"
    " oreb = excluded.oreb, dreb = excluded.dreb, ast = excluded.ast, stl = excluded.stl,"
    " blk = excluded.blk, tov = excluded.tov, pf = excluded.pf, fgm = excluded.fgm,"
    " fga = excluded.fga, fg3m = excluded.fg3m, fg3a = excluded.fg3a, ftm = excluded.ftm,"
    " fta = excluded.fta, raw_hash = excluded.raw_hash, updated_at = excluded.updated_at";

constexpr std::string_view upsert_prop_sql =
    "INSERT INTO prop_lines (game_id, player_id, market, book, game_date, event_id, line,"
    " over_price, under_price, last_update, raw_hash, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    " ON CONFLICT (game_id, player_id, market, book) DO UPDATE SET"
    " game_date = excluded.game_date, event_id = excluded.event_id, line = excluded.line,"
    " over_price = excluded.over_price, under_price = excluded.under_price,"
    " last_update = excluded.last_update, raw_hash = excluded.raw_hash,"
    " updated_at = excluded.updated_at";

storage_status store_team(storage::database& db, const BoxScore& box, const TeamLine& team,
                          const char* side, std::string_view source, std::string_view date,
                          std::string_view raw_hash, unix_ms now) {
  auto st = db.prepare(upsert_team_sql, "store_box_score: UPSERT team_box_scores");
  if (!st) return st.error();
  const StatLine totals = filled_totals(team, box.players);
  st.value().bind_text(1, box.game.key).bind_text(2, identity::normalize_tricode(team.tricode))
      .bind_text(3, source).bind_text(4, date).bind_text(5, side);
  bind_opt(st.value(), 6, team.score);
  bind_stats(st.value(), 7, totals);
  bind_text_or_null(st.value(), 22, raw_hash).bind_int64(23, now);
  return st.value().run();
}

} // namespace

storage_result<phase_outcome> store_games(storage::database& db, const std::vector<Game>& games,
                                          std::string_view source, std::string_view raw_hash,
                                          unix_ms now) {
  phase_outcome out;
  out.rows_written["schedule_games"] = 0;
  auto tx = db.begin("store_games: schedule_games");
  if (!tx) return tx.error();
  for (const Game& game : games) {
    ++out.inputs_seen;
    const std::string date = date_of(game);
    if (game.key.empty() || date.empty()) {
      ++out.skipped;
      continue;
    }
    auto st = db.prepare(upsert_game_sql, "store_games: UPSERT schedule_games");
    if (!st) return st.error();
    statement& s = st.value();
    s.bind_text(1, game.key).bind_text(2, source).bind_text(3, date);
    bind_opt(s, 4, game.season);
    s.bind_text(5, game.start_time_utc).bind_text(6, identity::normalize_tricode(game.home_tricode))
        .bind_text(7, identity::normalize_tricode(game.away_tricode)).bind_text(8, to_string(game.status));
    bind_opt(s, 9, game.home_score);
    bind_opt(s, 10, game.away_score);
    s.bind_text(11, game.nba_game_id);
    bind_text_or_null(s, 12, raw_hash).bind_int64(13, now);
    if (auto ran = s.run(); !ran) return ran.error();
    ++out.rows_written["schedule_games"];
  }
  if (auto done = tx.value().commit(); !done) return done.error();
  return out;
}

storage_result<phase_outcome> store_box_score(storage::database& db, const BoxScore& box,
                                              std::string_view source, std::string_view raw_hash,
                                              unix_ms now) {
  const std::string date = date_of(box.game);
  if (box.game.key.empty() || date.empty()) {
    return make_error(storage_errc::invalid_argument, "store_box_score: player_box_scores",
                      "box score without a canonical game key (nba id '" + box.game.nba_game_id +
                          "', source " + std::string(source) + ")");
  }
  phase_outcome out;
  out.rows_written["player_box_scores"] = 0;
  out.rows_written["team_box_scores"] = 0;
  auto tx = db.begin("store_box_score: player_box_scores");
  if (!tx) return tx.error();
  for (const char* table : {"player_box_scores", "team_box_scores"}) {
    auto cleared = detail::run_sql(
        db, std::string("DELETE FROM ") + table + " WHERE game_id = ?1 AND source = ?2",
        std::string("store_box_score: DELETE ") + table,
        [&](statement& s) { s.bind_text(1, box.game.key).bind_text(2, source); });
    if (!cleared) return cleared.error();
  }
  for (const PlayerLine& p : box.players) {
    ++out.inputs_seen;
    const std::string player_id =
        p.lookup_key.empty() ? identity::player_lookup_key(p.name) : p.lookup_key;
    if (player_id.empty()) {
      ++out.skipped;
      continue;
    }
    auto st = db.prepare(upsert_player_sql, "store_box_score: UPSERT player_box_scores");
    if (!st) return st.error();
    statement& s = st.value();
    s.bind_text(1, box.game.key).bind_text(2, player_id).bind_text(3, source).bind_text(4, date)
        .bind_text(5, identity::normalize_tricode(p.team_tricode)).bind_text(6, p.name);
    if (p.starter) s.bind_int64(7, *p.starter ? 1 : 0); else s.bind_null(7);
    s.bind_text(8, to_string(p.played));
    bind_opt(s, 9, p.stats.seconds);
    bind_stats(s, 10, p.stats);
    bind_opt(s, 25, p.stats.plus_minus);
    bind_text_or_null(s, 26, raw_hash).bind_int64(27, now);
    if (auto ran = s.run(); !ran) return ran.error();
    ++out.rows_written["player_box_scores"];
  }
  const bool sides = box.sides_known;
  for (const auto& [team, side] : {std::pair<const TeamLine*, const char*>{&box.home, sides ? "home" : "unknown"},
                                   std::pair<const TeamLine*, const char*>{&box.away, sides ? "away" : "unknown"}}) {
    if (team->tricode.empty()) continue;
    if (auto ran = store_team(db, box, *team, side, source, date, raw_hash, now); !ran) return ran.error();
    ++out.rows_written["team_box_scores"];
  }
  if (auto done = tx.value().commit(); !done) return done.error();
  return out;
}

storage_result<phase_outcome> store_props(storage::database& db, const std::vector<PropLine>& props,
                                          std::string_view game_date, std::string_view source,
                                          std::string_view raw_hash, unix_ms now) {
  phase_outcome out;
  out.rows_written["prop_lines"] = 0;
  const std::string ctx = "store_props(" + std::string(source) + "): UPSERT prop_lines";
  auto tx = db.begin(ctx);
  if (!tx) return tx.error();
  std::int64_t other_date = 0;
  for (const PropLine& prop : props) {
    ++out.inputs_seen;
    const std::string player_id =
        prop.player_key.empty() ? identity::player_lookup_key(prop.player_name) : prop.player_key;
    const auto key = identity::parse_game_key(prop.game_key);
    if (!prop.outcome.empty() || !prop.line || player_id.empty() || !key || prop.book.empty() ||
        prop.market.empty()) {
      ++out.skipped;
      continue;
    }
    if (key->date != game_date) ++other_date;
    auto st = db.prepare(upsert_prop_sql, ctx);
    if (!st) return st.error();
    statement& s = st.value();
    s.bind_text(1, prop.game_key).bind_text(2, player_id).bind_text(3, prop.market)
        .bind_text(4, prop.book).bind_text(5, key->date).bind_text(6, prop.event_id);
    bind_opt(s, 7, prop.line);
    bind_opt(s, 8, prop.over_price);
    bind_opt(s, 9, prop.under_price);
    s.bind_text(10, prop.last_update);
    bind_text_or_null(s, 11, raw_hash).bind_int64(12, now);
    if (auto ran = s.run(); !ran) return ran.error();
    ++out.rows_written["prop_lines"];
  }
  if (other_date > 0) {
    add_degraded(out, std::to_string(other_date) + " prop lines belong to games of another date than " +
                          std::string(game_date));
  }
  if (auto done = tx.value().commit(); !done) return done.error();
  return out;
}

storage_result<date_completeness> completeness(storage::database& db, std::string_view date) {
  date_completeness c;
  auto counted = detail::query_rows(
      db,
      "SELECT COUNT(*), COALESCE(SUM(final), 0), COALESCE(SUM(final AND boxed), 0) FROM ("
      " SELECT s.game_id, MAX(s.status = 'final') AS final,"
      " EXISTS (SELECT 1 FROM player_box_scores p WHERE p.game_id = s.game_id) AS boxed"
      " FROM schedule_games s WHERE s.game_date = ?1 GROUP BY s.game_id)",
      "completeness: SELECT schedule_games, player_box_scores",
      [&](statement& s) { s.bind_text(1, date); },
      [&](statement& s) {
        c.scheduled = s.column_int64(0);
        c.final_games = s.column_int64(1);
        c.final_with_box_score = s.column_int64(2);
      });
  if (!counted) return counted.error();
  return c;
}

} // namespace courtside::phases
