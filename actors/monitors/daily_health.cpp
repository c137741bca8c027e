#include "actors/monitors/daily_health.hpp"

#include "actors/monitors/monitor_common.hpp"
#include "actors/pipeline/flow.hpp"

namespace courtside::monitors {
namespace {

std::vector<std::string_view> ledger_phases() {
  std::vector<std::string_view> phases{pipeline::raw_phase};
  phases.insert(phases.end(), std::begin(pipeline::phase_kinds), std::end(pipeline::phase_kinds));
  return phases;
}

storage::storage_result<health_report> score_date(storage::database& db, const std::string& date,
                                                  storage::unix_ms now,
                                                  const health_settings& s) {
  auto facts = read_health_facts(db, date, s);
  if (!facts) return facts.error();
  return score_health(facts.value(), now, s);
}

std::vector<alerting::alert_field> score_fields(const health_report& r) {
  std::vector<alerting::alert_field> fields{{"overall", std::to_string(r.overall)}};
  for (const auto& p : r.phases)
    fields.push_back({p.phase, std::to_string(p.score) + (p.why.empty() ? "" : " (" + p.why + ")")});
  return fields;
}

} // namespace

storage::storage_result<health_facts> read_health_facts(storage::database& db,
                                                        const std::string& date,
                                                        const health_settings& s) {
  health_facts facts;
  facts.date = date;
  auto rows = storage::ledger_rows_between(db, date, date);
  if (!rows) return rows.error();
  for (const auto phase : ledger_phases()) {
    phase_facts p;
    p.phase = std::string{phase};
    for (const auto& row : rows.value())
      if (row.key.phase == phase) p.rows.push_back({row.state, row.expected_by});
    auto dead = detail::count_phase_items(db, date, phase, {storage::item_state::dead});
    if (!dead) return dead.error();
    p.dead_items = dead.value();
    facts.phases.push_back(std::move(p));
  }
  auto boxes = detail::box_scores_of_date(db, date, s.primary_source);
  if (!boxes) return boxes.error();
  facts.final_games = boxes.value().final_games;
  facts.final_with_box_scores = boxes.value().with_box_scores;
  return facts;
}

storage::storage_result<jobs::job_report> daily_health_check(storage::database& db,
                                                             const jobs::job_context& ctx,
                                                             const health_settings& s) {
  auto scored = score_date(db, ctx.yesterday, ctx.now, s);
  if (!scored) return scored.error();
  const auto& r = scored.value();
  jobs::job_report report;
  report.summary = "health of " + r.date + ": " + std::to_string(r.overall) + " (" +
                   describe_scores(r) + ")";
  const std::string key = "monitor:health:" + r.date;
  if (const auto level = health_severity(r.overall, s)) {
    auto a = detail::make_alert(key, *level,
                                "Pipeline health of " + r.date + " is " +
                                  std::to_string(r.overall) + "/100",
                                describe_scores(r), r.date, {});
    a.fields = score_fields(r);
    report.alerts.push_back(std::move(a));
  } else {
    report.alerts.push_back(
      detail::make_resolved(key, "Pipeline health of " + r.date + " is back to " +
                                   std::to_string(r.overall) + "/100",
                            r.date, {}));
  }
  return report;
}

storage::storage_result<jobs::job_report> daily_health_summary(storage::database& db,
                                                               const jobs::job_context& ctx,
                                                               const health_settings& s) {
  auto yesterday = score_date(db, ctx.yesterday, ctx.now, s);
  if (!yesterday) return yesterday.error();
  auto today = score_date(db, ctx.today, ctx.now, s);
  if (!today) return today.error();
  const auto& y = yesterday.value();
  const auto& t = today.value();
  auto a = detail::make_alert(
    "monitor:health_summary:" + ctx.today, alerting::severity::info,
    "Daily health: " + y.date + " " + std::to_string(y.overall) + "/100, " + t.date + " " +
      std::to_string(t.overall) + "/100",
    "Scores 0-100 per phase from the ledger, dead-lettered work and box-score completeness.",
    ctx.today, {});
  a.fields = {{y.date + " (yesterday)", "overall " + std::to_string(y.overall) + " · " + describe_scores(y)},
              {t.date + " (today)", "overall " + std::to_string(t.overall) + " · " + describe_scores(t)}};
  jobs::job_report report;
  report.summary = "health " + y.date + " " + std::to_string(y.overall) + ", " + t.date + " " +
                   std::to_string(t.overall);
  report.alerts.push_back(std::move(a));
  return report;
}

} // namespace courtside::monitors
