#include "actors/monitors/phase4_failure_alert.hpp"

#include "actors/monitors/monitor_common.hpp"
#include "actors/pipeline/flow.hpp"
#include "runtime/storage/ledger.hpp"

namespace courtside::monitors {
namespace {

using storage::output_state;

constexpr std::string_view precompute = pipeline::phase_kinds[1];

alerting::alert failure_alert(const storage::ledger_row& row) {
  const std::string state = storage::to_string(row.state);
  const std::string& date = row.key.game_date;
  auto a = detail::make_alert(
    "monitor:phase4:" + date, alerting::severity::error,
    "Phase 4 (precompute) " + state + " for " + date,
    row.reason.empty() ? "No reason recorded." : row.reason, date, std::string{precompute});
  a.fields = {{"state", state},
              {"output", row.key.output},
              {"attempts", std::to_string(row.attempts)},
              {"since", detail::format_utc(row.updated_at)}};
  return a;
}

} // namespace

storage::storage_result<jobs::job_report> phase4_failure_alert(storage::database& db,
                                                               const jobs::job_context& ctx) {
  auto rows = storage::ledger_rows_between(db, ctx.yesterday, ctx.tomorrow);
  if (!rows) return rows.error();
  jobs::job_report report;
  int bad = 0;
  for (const auto& row : rows.value()) {
    if (row.key.phase != precompute) continue;
    switch (row.state) {
      case output_state::failed:
      case output_state::blocked:
        ++bad;
        report.alerts.push_back(failure_alert(row));
        break;
      case output_state::complete:
      case output_state::empty_ok:
      case output_state::degraded:
        report.alerts.push_back(detail::make_resolved("monitor:phase4:" + row.key.game_date,
                                                      "Phase 4 (precompute) recovered for " +
                                                        row.key.game_date,
                                                      row.key.game_date, std::string{precompute}));
        break;
      case output_state::expected:
      case output_state::running: break;
    }
  }
  report.summary = std::to_string(bad) + " precompute date(s) failed or blocked between " +
                   ctx.yesterday + " and " + ctx.tomorrow;
  return report;
}

} // namespace courtside::monitors
