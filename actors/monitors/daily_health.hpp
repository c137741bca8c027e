#pragma once
// Monitors: the daily health check and the daily health summary, both scored by
// health_score.hpp from the warehouse's facts about a date: its ledger rows per phase
// (raw, analytics, precompute, predictions, publish), its dead-lettered queue items per phase,
// and its final games with primary box scores.
//
// - daily_health_check scores yesterday: a warning when overall < warn_below (80), an error
//   when < error_below (50), key "monitor:health:<date>"; a resolve of that key otherwise.
// - daily_health_summary scores yesterday and today and always raises one info alert, the
//   daily digest (key "monitor:health_summary:<today>"), a field per date with the scores.
#include "actors/monitors/health_score.hpp"
#include "actors/scheduler/job_context.hpp"

namespace courtside::monitors {

/// The facts health_score needs about `date`, read from the warehouse.
[[nodiscard]] storage::storage_result<health_facts> read_health_facts(
  storage::database& db, const std::string& date, const health_settings& settings);

[[nodiscard]] storage::storage_result<jobs::job_report> daily_health_check(
  storage::database& db, const jobs::job_context& ctx, const health_settings& settings);

[[nodiscard]] storage::storage_result<jobs::job_report> daily_health_summary(
  storage::database& db, const jobs::job_context& ctx, const health_settings& settings);

} // namespace courtside::monitors
