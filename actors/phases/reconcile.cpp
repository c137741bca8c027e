// reconcile_sources (raw_store.hpp): NBA.com vs balldontlie, per player of each game both
// sources stored for a date.
#include "actors/phases/raw_store.hpp"

#include "actors/phases/sql_rows.hpp"

#include <cstdlib>
#include <map>
#include <set>
#include <utility>

namespace courtside::phases {

namespace {

using storage::statement;

struct source_line {
  std::optional<int> seconds;
  std::optional<int> pts;
};

using game_player = std::pair<std::string, std::string>;

storage::storage_result<std::map<game_player, source_line>> lines_of(storage::database& db,
                                                                    std::string_view date,
                                                                    std::string_view source) {
  std::map<game_player, source_line> lines;
  auto read = detail::query_rows(
      db,
      "SELECT game_id, player_id, seconds_played, pts FROM player_box_scores"
      " WHERE game_date = ?1 AND source = ?2",
      "reconcile_sources: SELECT player_box_scores",
      [&](statement& s) { s.bind_text(1, date).bind_text(2, source); },
      [&](statement& s) {
        lines[{s.column_text(0), s.column_text(1)}] =
            source_line{detail::opt_int(s, 2), detail::opt_int(s, 3)};
      });
  if (!read) return read.error();
  return lines;
}

// "seconds,pts", "seconds", "pts" or "" (no mismatch).
std::string mismatch_fields(const source_line* a, const source_line* b) {
  const int a_sec = a ? a->seconds.value_or(0) : 0;
  const int b_sec = b ? b->seconds.value_or(0) : 0;
  const int a_pts = a ? a->pts.value_or(0) : 0;
  const int b_pts = b ? b->pts.value_or(0) : 0;
  std::string fields;
  if (std::abs(a_sec - b_sec) >= 60) fields = "seconds";
  if (a_pts != b_pts) fields += fields.empty() ? "pts" : ",pts";
  return fields;
}

constexpr std::string_view insert_sql =
    "INSERT INTO source_reconciliation (game_id, player_id, game_date, primary_source,"
    " secondary_source, primary_seconds, secondary_seconds, primary_pts, secondary_pts,"
    " mismatch, mismatch_fields, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    " ON CONFLICT (game_id, player_id) DO UPDATE SET game_date = excluded.game_date,"
    " primary_source = excluded.primary_source, secondary_source = excluded.secondary_source,"
    " primary_seconds = excluded.primary_seconds, secondary_seconds = excluded.secondary_seconds,"
    " primary_pts = excluded.primary_pts, secondary_pts = excluded.secondary_pts,"
    " mismatch = excluded.mismatch, mismatch_fields = excluded.mismatch_fields,"
    " updated_at = excluded.updated_at";

} // namespace

storage::storage_result<reconcile_outcome> reconcile_sources(storage::database& db,
                                                             std::string_view date, unix_ms now,
                                                             std::string_view primary,
                                                             std::string_view secondary) {
  auto tx = db.begin("reconcile_sources: source_reconciliation");
  if (!tx) return tx.error();
  auto first = lines_of(db, date, primary);
  if (!first) return first.error();
  auto second = lines_of(db, date, secondary);
  if (!second) return second.error();
  std::set<std::string> games_a;
  std::set<std::string> games_b;
  for (const auto& entry : first.value()) games_a.insert(entry.first.first);
  for (const auto& entry : second.value()) games_b.insert(entry.first.first);
  std::set<game_player> keys;
  for (const auto* lines : {&first.value(), &second.value()}) {
    for (const auto& entry : *lines) {
      const std::string& game = entry.first.first;
      if (games_a.count(game) != 0 && games_b.count(game) != 0) keys.insert(entry.first);
    }
  }
  reconcile_outcome out;
  for (const auto& game : games_a) out.games_compared += games_b.count(game);

  auto cleared = detail::run_sql(
      db,
      "DELETE FROM source_reconciliation WHERE game_date = ?1 AND primary_source = ?2"
      " AND secondary_source = ?3",
      "reconcile_sources: DELETE source_reconciliation",
      [&](statement& s) { s.bind_text(1, date).bind_text(2, primary).bind_text(3, secondary); });
  if (!cleared) return cleared.error();
  for (const game_player& key : keys) {
    const auto a = first.value().find(key);
    const auto b = second.value().find(key);
    const source_line* pa = a == first.value().end() ? nullptr : &a->second;
    const source_line* pb = b == second.value().end() ? nullptr : &b->second;
    const std::string fields = mismatch_fields(pa, pb);
    auto st = db.prepare(insert_sql, "reconcile_sources: UPSERT source_reconciliation");
    if (!st) return st.error();
    statement& s = st.value();
    s.bind_text(1, key.first).bind_text(2, key.second).bind_text(3, date).bind_text(4, primary)
        .bind_text(5, secondary);
    detail::bind_opt(s, 6, pa ? pa->seconds : std::nullopt);
    detail::bind_opt(s, 7, pb ? pb->seconds : std::nullopt);
    detail::bind_opt(s, 8, pa ? pa->pts : std::nullopt);
    detail::bind_opt(s, 9, pb ? pb->pts : std::nullopt);
    s.bind_int64(10, fields.empty() ? 0 : 1).bind_text(11, fields).bind_int64(12, now);
    if (auto ran = s.run(); !ran) return ran.error();
    ++out.players_compared;
    if (!fields.empty()) ++out.mismatches;
  }
  if (auto done = tx.value().commit(); !done) return done.error();
  return out;
}

} // namespace courtside::phases
