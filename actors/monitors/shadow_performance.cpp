#include "actors/monitors/shadow_performance.hpp"

#include <cstdio>
#include <map>

#include "actors/monitors/monitor_common.hpp"
#include "actors/pipeline/flow.hpp"

namespace courtside::monitors {
namespace {

struct tally {
  std::int64_t graded = 0, picks = 0, wins = 0;
  double error_sum = 0;
};

std::string fixed(const char* format, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, x);
  return buf;
}

storage::storage_result<std::vector<graded_prediction>> read_graded(storage::database& db,
                                                                    const std::string& first,
                                                                    const std::string& last) {
  auto grades = detail::declared("prediction_grades");
  if (!grades) return grades.error();
  auto predictions = detail::declared("predictions");
  if (!predictions) return predictions.error();
  // A grade belongs to the prediction with the same natural key; one whose prediction was
  // replaced since reads as no recommendation (no pick).
  std::string on;
  for (const auto column : grades.value()->natural_key)
    on += std::string{on.empty() ? "" : " AND "} + "p." + std::string{column} + " = g." +
          std::string{column};
  const std::string sql =
    "SELECT g.system, COALESCE(p.recommendation, ''), g.abs_error, g.hit, g.voided FROM " +
    std::string{grades.value()->name} + " g LEFT JOIN " + std::string{predictions.value()->name} +
    " p ON " + on + " WHERE g." + std::string{grades.value()->date_column} +
    " BETWEEN ?1 AND ?2 ORDER BY g.system";
  auto st = db.prepare(sql, "monitors.shadow_performance: SELECT prediction_grades");
  if (!st) return st.error();
  st.value().bind_text(1, first).bind_text(2, last);
  std::vector<graded_prediction> rows;
  auto read = detail::each_row(st.value(), [&](storage::statement& r) {
    graded_prediction g;
    g.system = r.column_text(0);
    g.recommendation = r.column_text(1);
    if (!r.column_is_null(2)) g.abs_error = r.column_double(2);
    if (!r.column_is_null(3)) g.hit = static_cast<int>(r.column_int64(3));
    g.voided = r.column_int64(4) != 0;
    rows.push_back(std::move(g));
  });
  if (!read) return read.error();
  return rows;
}

} // namespace

std::vector<system_performance> summarize_performance(const std::vector<graded_prediction>& rows) {
  std::map<std::string, tally> by_system;
  for (const auto& r : rows) {
    tally& t = by_system[r.system];
    if (r.voided) continue;
    if (r.abs_error) {
      ++t.graded;
      t.error_sum += *r.abs_error;
    }
    const bool pick = r.recommendation == "OVER" || r.recommendation == "UNDER";
    if (pick && r.hit) {
      ++t.picks;
      t.wins += *r.hit != 0 ? 1 : 0;
    }
  }
  std::vector<system_performance> out;
  for (const auto& [system, t] : by_system) {
    system_performance p;
    p.system = system;
    p.graded = t.graded;
    p.picks = t.picks;
    p.wins = t.wins;
    if (t.graded > 0) p.mae = t.error_sum / static_cast<double>(t.graded);
    p.units = static_cast<double>(t.wins) * win_payout - static_cast<double>(t.picks - t.wins);
    if (t.picks > 0) {
      p.hit_rate = static_cast<double>(t.wins) / static_cast<double>(t.picks);
      p.roi = p.units / static_cast<double>(t.picks);
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::string describe_performance(const system_performance& p) {
  std::string text = "graded " + std::to_string(p.graded);
  text += " · MAE " + (p.mae ? fixed("%.2f", *p.mae) : std::string{"-"});
  text += " · picks " + std::to_string(p.picks);
  text += " · hit " + (p.hit_rate ? detail::format_percent(*p.hit_rate) : std::string{"-"});
  text += " · ROI " + (p.roi ? fixed("%+.1f %%", *p.roi * 100.0) : std::string{"-"});
  return text;
}

storage::storage_result<jobs::job_report> shadow_performance_report(
  storage::database& db, const jobs::job_context& ctx, const shadow_performance_settings& s) {
  const std::string last = ctx.yesterday;
  const std::string first = detail::shift_date(last, 1 - std::max(1, s.window_days));
  if (first.empty())
    return storage::make_error(storage::storage_errc::invalid_argument,
                               "monitors.shadow_performance", "bad yesterday '" + last + "'");
  auto rows = read_graded(db, first, last);
  if (!rows) return rows.error();
  const auto systems = summarize_performance(rows.value());
  auto a = detail::make_alert("monitor:shadow_performance:" + last, alerting::severity::info,
                              "Prediction systems " + first + " to " + last,
                              systems.empty() ? "No graded predictions in the window."
                                              : "Graded predictions per system; hit rate and ROI "
                                                "over OVER/UNDER picks at -110.",
                              last, std::string{pipeline::phase_kinds[2]});
  for (const auto& p : systems) a.fields.push_back({p.system, describe_performance(p)});
  jobs::job_report report;
  report.summary = std::to_string(systems.size()) + " system(s), " +
                   std::to_string(rows.value().size()) + " grade(s) from " + first + " to " + last;
  report.alerts.push_back(std::move(a));
  return report;
}

} // namespace courtside::monitors
