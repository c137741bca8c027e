#include "actors/phases/predictions.hpp"

#include "actors/phases/history.hpp"
#include "actors/phases/precompute.hpp"
#include "actors/phases/regression.hpp"
#include "actors/phases/sql_rows.hpp"
#include "actors/phases/stats_math.hpp"

#include <algorithm>
#include <cmath>

namespace courtside::phases {

namespace {

using storage::statement;
using storage::storage_result;
using storage::storage_status;

fit_result fit_history(storage::database& db, std::string_view date,
                       const prediction_settings& settings, storage_status& status) {
  std::vector<std::vector<double>> x;
  std::vector<double> y;
  status = detail::query_rows(
      db,
      "SELECT f.features, s.pts FROM feature_store f JOIN player_game_summary s"
      " ON s.game_id = f.game_id AND s.player_id = f.player_id"
      " WHERE f.game_date < ?1 AND f.defaulted_features = 0 AND s.pts IS NOT NULL"
      " ORDER BY f.game_date DESC, f.game_id DESC, f.player_id DESC LIMIT ?2",
      "run_predictions: SELECT feature_store, player_game_summary",
      [&](statement& s) {
        s.bind_text(1, date).bind_int64(2, static_cast<std::int64_t>(settings.max_training_rows));
      },
      [&](statement& s) {
        std::vector<double> row;
        if (feature_values(s.column_view(0), regression_feature_names(), row)) {
          x.push_back(std::move(row));
          y.push_back(static_cast<double>(s.column_int64(1)));
        }
      });
  if (!status) return {};
  return fit_least_squares(x, y, settings.min_training_rows);
}

struct system_prediction {
  const char* system;
  double predicted;
  double confidence;
};

constexpr std::string_view upsert_sql =
    "INSERT INTO predictions (game_date, game_id, player_id, system, predicted_pts, confidence,"
    " line, recommendation, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT (game_date, game_id, player_id, system) DO UPDATE SET"
    " predicted_pts = excluded.predicted_pts, confidence = excluded.confidence,"
    " line = excluded.line, recommendation = excluded.recommendation,"
    " updated_at = excluded.updated_at";

struct feature_row {
  std::string game_id, player_id, json;
  std::int64_t defaulted = 0;
};

storage_result<std::vector<system_prediction>> predict_player(
    storage::database& db, const feature_row& row, const std::optional<linear_fit>& fit,
    std::string_view date, const prediction_settings& settings) {
  auto history = player_history(db, row.player_id, date, 10);
  if (!history) return history.error();
  std::vector<double> pts;
  for (const played_game& g : history.value()) pts.push_back(g.pts);
  std::vector<system_prediction> out;
  const double ma = std::max(0.0, weighted_moving_average(pts).value_or(0.0));
  const double avg = std::max(1.0, mean(pts).value_or(1.0));
  const double spread = sample_stddev(pts).value_or(avg);
  const double sample = std::min<double>(10.0, static_cast<double>(pts.size())) / 10.0;
  const double ma_conf = sample / (1.0 + spread / avg);
  out.push_back({"moving_average", ma, ma_conf});
  double ens = ma;
  double ens_conf = ma_conf;
  if (fit) {
    std::vector<double> features;
    if (!feature_values(row.json, regression_feature_names(), features))
      features.assign(regression_feature_names().size(), 0.0); // as if every feature were missing
    const double reg = std::max(0.0, predict(*fit, features));
    const double reg_conf = 1.0 / (1.0 + fit->residual_std / std::max(1.0, reg));
    out.push_back({"regression", reg, reg_conf});
    const double w = std::clamp(settings.regression_weight, 0.0, 1.0);
    ens = w * reg + (1.0 - w) * ma;
    const double agreement = std::max(0.0, 1.0 - std::abs(ma - reg) / std::max(1.0, ma));
    ens_conf = (w * reg_conf + (1.0 - w) * ma_conf) * agreement;
  }
  out.push_back({"ensemble", ens, ens_conf});
  return out;
}

} // namespace

const std::vector<std::string>& regression_feature_names() {
  static const std::vector<std::string> names{
      "pts_avg_l10", "pts_avg_l5",   "minutes_avg_l10", "minutes_trend",  "usage_pct_l10",
      "rest_days",   "back_to_back", "home",            "matchup_factor", "pace_factor"};
  return names;
}

const char* recommend(double predicted, std::optional<double> line, double edge_threshold) {
  if (!line) return "PASS";
  const double edge = predicted - *line;
  if (edge >= edge_threshold) return "OVER";
  if (-edge >= edge_threshold) return "UNDER";
  return "PASS";
}

storage_result<phase_outcome> run_predictions(storage::database& db, std::string_view date,
                                              storage::unix_ms now,
                                              const prediction_settings& settings) {
  phase_outcome out;
  out.rows_written["predictions"] = 0;
  auto tx = db.begin("run_predictions: predictions");
  if (!tx) return tx.error();
  auto games = games_of_date(db, date);
  if (!games) return games.error();
  out.empty = games.value().empty();
  std::vector<feature_row> rows;
  auto read = detail::query_rows(
      db,
      "SELECT game_id, player_id, features, defaulted_features FROM feature_store"
      " WHERE game_date = ?1 ORDER BY game_id, player_id",
      "run_predictions: SELECT feature_store", [&](statement& s) { s.bind_text(1, date); },
      [&](statement& s) {
        rows.push_back({s.column_text(0), s.column_text(1), s.column_text(2), s.column_int64(3)});
      });
  if (!read) return read.error();
  storage_status fitted = {};
  const fit_result fit = fit_history(db, date, settings, fitted);
  if (!fitted) return fitted.error();
  if (!fit.fit) add_degraded(out, "regression not fitted: " + fit.reason);

  auto cleared = detail::run_sql(db, "DELETE FROM predictions WHERE game_date = ?1",
                                 "run_predictions: DELETE predictions",
                                 [&](statement& s) { s.bind_text(1, date); });
  if (!cleared) return cleared.error();
  for (const feature_row& row : rows) {
    ++out.inputs_seen;
    if (row.defaulted > 0) {
      ++out.skipped;
      continue;
    }
    auto line = consensus_line(db, row.game_id, row.player_id);
    if (!line) return line.error();
    auto systems = predict_player(db, row, fit.fit, date, settings);
    if (!systems) return systems.error();
    for (const system_prediction& p : systems.value()) {
      const double predicted = round_to(p.predicted, 2);
      auto st = db.prepare(upsert_sql, "run_predictions: UPSERT predictions");
      if (!st) return st.error();
      statement& s = st.value();
      s.bind_text(1, date).bind_text(2, row.game_id).bind_text(3, row.player_id)
          .bind_text(4, p.system).bind_double(5, predicted)
          .bind_double(6, round_to(std::clamp(p.confidence, 0.0, 1.0), 3));
      detail::bind_opt(s, 7, line.value());
      s.bind_text(8, recommend(predicted, line.value(), settings.edge_threshold)).bind_int64(9, now);
      if (auto ran = s.run(); !ran) return ran.error();
      ++out.rows_written["predictions"];
    }
  }
  if (auto done = tx.value().commit(); !done) return done.error();
  return out;
}

} // namespace courtside::phases
