#pragma once
// Monitor: how each prediction system ("moving_average", "regression", "ensemble") did over
// the `window_days` days up to yesterday, from prediction_grades joined with the predictions
// they grade (for the OVER/UNDER/PASS recommendation). One info alert, key
// "monitor:shadow_performance:<yesterday>", one field per system.
//
// Per system (summarize_performance, pure):
//   graded   predictions graded against a result, not voided (the player played)
//   MAE      mean absolute error over those: point accuracy, whatever was recommended
//   picks    OVER / UNDER recommendations, not voided, with a decided hit (a push or a
//            missing line leaves hit NULL and is no pick); PASS is never a pick
//   hit rate wins / picks
//   ROI      units won per unit staked at -110: a win pays 100/110 (+0.9091), a loss -1
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "actors/scheduler/job_context.hpp"

namespace courtside::monitors {

struct shadow_performance_settings {
  int window_days = 7; ///< days up to and including yesterday
};

/// One graded prediction as the report reads it.
struct graded_prediction {
  std::string system;
  std::string recommendation;      ///< "OVER", "UNDER", "PASS"
  std::optional<double> abs_error; ///< NULL when voided
  std::optional<int> hit;          ///< 1 / 0; NULL for PASS, no line, a push, voided
  bool voided = false;             ///< the player did not play
};

struct system_performance {
  std::string system;
  std::int64_t graded = 0;
  std::optional<double> mae; ///< nullopt without graded rows
  std::int64_t picks = 0;
  std::int64_t wins = 0;
  std::optional<double> hit_rate; ///< nullopt without picks
  double units = 0;               ///< profit in units, one unit staked per pick
  std::optional<double> roi;      ///< units / picks; nullopt without picks
};

/// What a winning -110 bet of one unit pays.
inline constexpr double win_payout = 100.0 / 110.0;

/// Per system, ordered by name.
[[nodiscard]] std::vector<system_performance> summarize_performance(
  const std::vector<graded_prediction>& rows);

/// "graded 40 · MAE 4.21 · picks 25 · hit 56.0 % · ROI +6.9 %"
[[nodiscard]] std::string describe_performance(const system_performance& p);

[[nodiscard]] storage::storage_result<jobs::job_report> shadow_performance_report(
  storage::database& db, const jobs::job_context& ctx,
  const shadow_performance_settings& settings);

} // namespace courtside::monitors
