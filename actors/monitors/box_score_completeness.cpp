#include "actors/monitors/box_score_completeness.hpp"

#include "actors/monitors/monitor_common.hpp"
#include "actors/pipeline/flow.hpp"

namespace courtside::monitors {
namespace {

using alerting::severity;
using storage::unix_ms;

// When the date's games are over; nullopt when nothing says (no tip-off, nothing final).
std::optional<unix_ms> ended_at(const detail::date_box_scores& d,
                                const completeness_settings& s) {
  if (d.latest_tip_off) return *d.latest_tip_off + s.game_length.count();
  return d.final_seen_at;
}

alerting::alert missing_alert(const detail::date_box_scores& d, severity level, unix_ms ended,
                              const jobs::job_context& ctx, const completeness_settings& s) {
  const auto missing = static_cast<std::int64_t>(d.missing.size());
  auto a = detail::make_alert(
    "monitor:completeness:" + d.date, level,
    "Box scores missing for " + d.date + ": " + std::to_string(missing) + " of " +
      std::to_string(d.final_games) + " final games",
    std::to_string(missing) + " final game(s) of " + d.date + " have no " + s.primary_source +
      " player box score " + detail::format_hours(ctx.now - ended) + " after the games ended.",
    d.date, std::string{pipeline::raw_phase});
  a.fields = {{"missing", std::to_string(missing)},
              {"final games", std::to_string(d.final_games)},
              {"ended", detail::format_utc(ended)},
              {"games", detail::list_some(d.missing, s.max_listed)}};
  return a;
}

} // namespace

std::optional<severity> completeness_tier(std::int64_t missing, unix_ms ended_at, unix_ms now,
                                          const completeness_settings& s) {
  if (missing <= 0) return std::nullopt;
  const unix_ms age = now - ended_at;
  if (age >= s.critical_after.count()) return severity::critical;
  if (age >= s.error_after.count()) return severity::error;
  if (age >= s.warn_after.count()) return severity::warning;
  return std::nullopt;
}

storage::storage_result<jobs::job_report> box_score_completeness(
  storage::database& db, const jobs::job_context& ctx, const completeness_settings& s) {
  jobs::job_report report;
  int checked = 0;
  std::int64_t missing_total = 0;
  for (int back = s.lookback_days; back >= 0; --back) {
    const std::string date = detail::shift_date(ctx.today, -back);
    if (date.empty())
      return storage::make_error(storage::storage_errc::invalid_argument,
                                 "monitors.box_score_completeness", "bad today '" + ctx.today + "'");
    auto counts = detail::box_scores_of_date(db, date, s.primary_source);
    if (!counts) return counts.error();
    const auto& d = counts.value();
    const auto ended = ended_at(d, s);
    if (d.final_games == 0 || !ended || ctx.now - *ended < s.warn_after.count()) continue;
    ++checked;
    const auto missing = static_cast<std::int64_t>(d.missing.size());
    if (const auto tier = completeness_tier(missing, *ended, ctx.now, s)) {
      missing_total += missing;
      report.alerts.push_back(missing_alert(d, *tier, *ended, ctx, s));
    } else {
      report.alerts.push_back(detail::make_resolved("monitor:completeness:" + date,
                                                    "Box scores complete for " + date, date,
                                                    std::string{pipeline::raw_phase}));
    }
  }
  report.summary = std::to_string(checked) + " ended date(s) checked, " +
                   std::to_string(missing_total) + " box score(s) missing";
  return report;
}

} // namespace courtside::monitors
