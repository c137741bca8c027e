#pragma once
// Phase 5 (predictions) for one date, and grading once the date's games are final.
//
// Systems, each writing one predictions row per player with a feature_store row of the date
// and no defaulted feature:
// - "moving_average": weighted moving average of his last 10 games' points (newest weighs
//   10, oldest 1). Confidence = (1 / (1 + std/mean)) * min(games, 10) / 10.
// - "regression": least squares (regression.hpp) of points on regression_feature_names(),
//   fitted on the warehouse's own history: feature_store rows before the date without
//   defaults, joined with the points actually scored (player_game_summary), newest
//   max_training_rows of them. Confidence = 1 / (1 + residual std / prediction). Absent (and
//   the outcome degraded) with fewer than min_training_rows rows.
// - "ensemble": regression_weight * regression + the rest * moving average (the moving
//   average alone without a regression); confidence is the weighted confidence times the
//   systems' agreement, max(0, 1 - |ma - reg| / ma).
// Predicted points are clamped at 0 and rounded to 2 places, confidences (0..1) to 3.
// Recommendation against the current consensus line: OVER / UNDER when the prediction is at
// least edge_threshold points above / below it, else PASS (and PASS without a line).
// A re-run replaces the date's predictions.
#include "actors/phases/phase_outcome.hpp"
#include "runtime/storage/database.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::phases {

struct prediction_settings {
  double edge_threshold = 1.5;          ///< points between prediction and line for OVER/UNDER
  std::size_t min_training_rows = 50;   ///< fewer: no regression
  std::size_t max_training_rows = 3000; ///< newest rows used; bounds the fit's cost per date
  double regression_weight = 0.5;       ///< the regression's share of the ensemble
};

/// The features the regression uses, a subset of feature_names().
[[nodiscard]] const std::vector<std::string>& regression_feature_names();

/// "OVER", "UNDER" or "PASS".
[[nodiscard]] const char* recommend(double predicted, std::optional<double> line,
                                    double edge_threshold);

/// rows_written: predictions. inputs_seen = feature_store rows of the date; skipped = of which
/// with defaulted features (no prediction). empty when the date has no games. degraded when
/// the regression could not be fitted (reason says why).
[[nodiscard]] storage::storage_result<phase_outcome> run_predictions(
    storage::database& db, std::string_view date, storage::unix_ms now,
    const prediction_settings& settings = {});

/// Grades the date's predictions whose game has been summarized (team_game_summary exists):
/// actual points, absolute error (2 places), hit (OVER: actual > line, UNDER: actual < line;
/// NULL for PASS, no line or a push), voided when the player did not play (no
/// player_game_summary row). rows_written: prediction_grades. inputs_seen = predictions of the
/// date; skipped = of which still waiting for their game (degraded when any). empty when the
/// date has no games.
[[nodiscard]] storage::storage_result<phase_outcome> grade_predictions(storage::database& db,
                                                                       std::string_view date,
                                                                       storage::unix_ms now);

} // namespace courtside::phases
