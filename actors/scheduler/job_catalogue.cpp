#include "actors/scheduler/job_catalogue.hpp"

#include "actors/monitors/box_score_completeness.hpp"
#include "actors/monitors/daily_health.hpp"
#include "actors/monitors/data_quality_check.hpp"
#include "actors/monitors/phase4_failure_alert.hpp"
#include "actors/monitors/shadow_performance.hpp"
#include "actors/monitors/stale_running_cleanup.hpp"
#include "actors/orchestrators/phase_trigger.hpp"
#include "actors/orchestrators/planner.hpp"
#include "actors/orchestrators/reconciler.hpp"
#include "actors/pipeline/flow.hpp"
#include "actors/self_heal/self_heal.hpp"

namespace courtside::jobs {
namespace {

using storage::database;
using result = storage::storage_result<job_report>;

// Plans yesterday, today and tomorrow (a planned date keeps its progress) and hands expired
// leases out again.
result plan_horizon(database& db, const job_context& ctx) {
  auto swept = pipeline::plan_pass(db, {ctx.yesterday, ctx.today, ctx.tomorrow}, ctx.max_attempts, ctx.now);
  if (!swept) return swept.error();
  job_report r;
  r.summary = "planned " + ctx.yesterday + ".." + ctx.tomorrow + "; " +
              std::to_string(swept.value().redelivered) + " expired leases handed out again, " +
              std::to_string(swept.value().exhausted.size()) + " out of tries (their workers dead-letter them)";
  return r;
}

job_body trigger(const pipeline::trigger_spec& spec) {
  return [&spec](database& db, const job_context& ctx) { return pipeline::trigger_phase(db, ctx, spec); };
}

template <class Settings, class Body>
job_body with_defaults(Body body) {
  return [body](database& db, const job_context& ctx) { return body(db, ctx, Settings{}); };
}

std::vector<catalogue_entry> build() {
  using namespace monitors;
  return {
    {"planner", false, "plan yesterday/today/tomorrow in the ledger; re-deliver expired leases", plan_horizon},
    {"same-day-phase3", true, "start today's analytics (upcoming-game context)", trigger(pipeline::same_day_phase3)},
    {"same-day-phase3-tomorrow", true, "start tomorrow's analytics", trigger(pipeline::same_day_phase3_tomorrow)},
    {"overnight-phase4", true, "start yesterday's precompute (features)", trigger(pipeline::overnight_phase4)},
    {"overnight-predictions", true, "predict today's games from the overnight data",
     trigger(pipeline::overnight_predictions)},
    {"morning-predictions", true, "predict today's games again with the latest prop lines",
     trigger(pipeline::morning_predictions)},
    {"self-heal-predictions", true, "re-run phases 3-5 of a date whose outputs are missing",
     with_defaults<self_heal::self_heal_settings>(self_heal::self_heal_predictions)},
    {"reconciler", true, "compare the whole ledger with the tables; bounded re-runs",
     with_defaults<pipeline::reconciler_settings>(pipeline::reconcile_ledger)},
    {"box-score-completeness", false, "alert on final games without box scores, by hours since the end",
     with_defaults<completeness_settings>(box_score_completeness)},
    {"stale-running-cleanup", false, "release expired leases; reset orphaned RUNNING ledger rows",
     with_defaults<stale_running_settings>(stale_running_cleanup)},
    {"phase4-failure-alert", false, "alert on FAILED or BLOCKED precompute rows",
     [](database& db, const job_context& ctx) { return phase4_failure_alert(db, ctx); }},
    {"data-quality-check", false, "placeholder lines, null rates, too few predictions",
     with_defaults<data_quality_settings>(data_quality_check)},
    {"daily-health-check", false, "score yesterday 0-100 per phase; alert when low",
     with_defaults<health_settings>(daily_health_check)},
    {"daily-health-summary", false, "the daily digest: health scores of yesterday and today",
     with_defaults<health_settings>(daily_health_summary)},
    {"shadow-performance-report", false, "MAE, hit rate and ROI at -110 per prediction system, last 7 days",
     with_defaults<shadow_performance_settings>(shadow_performance_report)},
  };
}

} // namespace

const std::vector<catalogue_entry>& job_catalogue() {
  static const std::vector<catalogue_entry> entries = build();
  return entries;
}

const catalogue_entry* find_job(std::string_view name) {
  for (const auto& e : job_catalogue())
    if (e.name == name) return &e;
  return nullptr;
}

} // namespace courtside::jobs
