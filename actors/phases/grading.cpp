// grade_predictions (predictions.hpp): the date's predictions against the final box scores.
#include "actors/phases/predictions.hpp"

#include "actors/phases/history.hpp"
#include "actors/phases/sql_rows.hpp"
#include "actors/phases/stats_math.hpp"

#include <cmath>
#include <set>

namespace courtside::phases {

namespace {

using storage::statement;
using storage::storage_result;

struct prediction_row {
  std::string game_id, player_id, system, recommendation;
  double predicted = 0;
  std::optional<double> line;
  bool played = false;     ///< the player has a summary row for the game
  std::optional<int> pts;  ///< his points there (NULL: did not play)
};

std::optional<int> hit_of(const prediction_row& p, int actual) {
  if (!p.line || actual == *p.line) return std::nullopt;
  if (p.recommendation == "OVER") return actual > *p.line ? 1 : 0;
  if (p.recommendation == "UNDER") return actual < *p.line ? 1 : 0;
  return std::nullopt;
}

constexpr std::string_view upsert_sql =
    "INSERT INTO prediction_grades (game_date, game_id, player_id, system, actual_pts,"
    " abs_error, hit, voided, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT (game_date, game_id, player_id, system) DO UPDATE SET"
    " actual_pts = excluded.actual_pts, abs_error = excluded.abs_error, hit = excluded.hit,"
    " voided = excluded.voided, updated_at = excluded.updated_at";

} // namespace

storage_result<phase_outcome> grade_predictions(storage::database& db, std::string_view date,
                                                storage::unix_ms now) {
  phase_outcome out;
  out.rows_written["prediction_grades"] = 0;
  auto tx = db.begin("grade_predictions: prediction_grades");
  if (!tx) return tx.error();
  auto games = games_of_date(db, date);
  if (!games) return games.error();
  out.empty = games.value().empty();
  std::set<std::string> summarized;
  auto finals = detail::query_rows(
      db, "SELECT DISTINCT game_id FROM team_game_summary WHERE game_date = ?1",
      "grade_predictions: SELECT team_game_summary", [&](statement& s) { s.bind_text(1, date); },
      [&](statement& s) { summarized.insert(s.column_text(0)); });
  if (!finals) return finals.error();
  std::vector<prediction_row> predictions;
  auto read = detail::query_rows(
      db,
      "SELECT p.game_id, p.player_id, p.system, p.recommendation, p.predicted_pts, p.line,"
      " s.player_id IS NOT NULL, s.pts FROM predictions p LEFT JOIN player_game_summary s"
      " ON s.game_id = p.game_id AND s.player_id = p.player_id"
      " WHERE p.game_date = ?1 ORDER BY p.game_id, p.player_id, p.system",
      "grade_predictions: SELECT predictions, player_game_summary",
      [&](statement& s) { s.bind_text(1, date); },
      [&](statement& s) {
        predictions.push_back({s.column_text(0), s.column_text(1), s.column_text(2),
                               s.column_text(3), s.column_double(4), detail::opt_double(s, 5),
                               s.column_int64(6) != 0, detail::opt_int(s, 7)});
      });
  if (!read) return read.error();

  for (const prediction_row& p : predictions) {
    ++out.inputs_seen;
    if (summarized.count(p.game_id) == 0) {
      ++out.skipped;
      continue;
    }
    const bool voided = !p.played || !p.pts;
    auto st = db.prepare(upsert_sql, "grade_predictions: UPSERT prediction_grades");
    if (!st) return st.error();
    statement& s = st.value();
    s.bind_text(1, date).bind_text(2, p.game_id).bind_text(3, p.player_id).bind_text(4, p.system);
    if (voided) {
      s.bind_null(5).bind_null(6).bind_null(7).bind_int64(8, 1);
    } else {
      const int pts = *p.pts;
      s.bind_int64(5, pts).bind_double(6, round_to(std::abs(p.predicted - pts), 2));
      detail::bind_opt(s, 7, hit_of(p, pts));
      s.bind_int64(8, 0);
    }
    s.bind_int64(9, now);
    if (auto ran = s.run(); !ran) return ran.error();
    ++out.rows_written["prediction_grades"];
  }
  if (out.skipped > 0) {
    add_degraded(out, std::to_string(out.skipped) + " prediction(s) wait for a final box score");
  }
  if (auto done = tx.value().commit(); !done) return done.error();
  return out;
}

} // namespace courtside::phases
