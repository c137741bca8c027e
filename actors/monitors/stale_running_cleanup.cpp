#include "actors/monitors/stale_running_cleanup.hpp"

#include "actors/monitors/monitor_common.hpp"
#include "runtime/storage/ledger.hpp"
#include "runtime/storage/work_queue.hpp"

namespace courtside::monitors {
namespace {

using storage::item_state;
using storage::output_state;
using storage::unix_ms;

struct cleanup_counts {
  storage::sweep_result swept;
  std::vector<std::string> reset; ///< "<date> <phase>" of each ledger row set back
};

// (b): true when the row was set back to EXPECTED.
storage::storage_result<bool> reset_if_orphaned(storage::database& db,
                                                const storage::ledger_row& row, unix_ms now) {
  auto pending = detail::count_phase_items(db, row.key.game_date, row.key.phase,
                                           {item_state::ready, item_state::leased});
  if (!pending) return pending.error();
  if (pending.value() > 0) return false;
  storage::ledger_transition change{output_state::running, output_state::expected,
                                    "stale RUNNING since " + detail::format_utc(row.updated_at) +
                                      " reset",
                                    false};
  auto moved = storage::transition(db, row.key, change, now);
  if (moved) return true;
  // Moved by someone else since we read it: theirs is the newer word.
  if (moved.error().code == storage::storage_errc::state_conflict) return false;
  return moved.error();
}

storage::storage_result<cleanup_counts> clean(storage::database& db, const jobs::job_context& ctx,
                                              const stale_running_settings& s) {
  cleanup_counts out;
  auto swept = storage::sweep_expired_leases(db, ctx.now);
  if (!swept) return swept.error();
  out.swept = std::move(swept).value();
  auto running = storage::ledger_rows_in_state(db, output_state::running, s.max_rows);
  if (!running) return running.error();
  const unix_ms cutoff = ctx.now - s.stale_after.count();
  for (const auto& row : running.value()) {
    if (row.updated_at >= cutoff) continue;
    auto reset = reset_if_orphaned(db, row, ctx.now);
    if (!reset) return reset.error();
    if (reset.value()) out.reset.push_back(row.key.game_date + " " + row.key.phase);
  }
  return out;
}

alerting::alert cleanup_alert(const cleanup_counts& c, const stale_running_settings& s) {
  const bool dead = !c.swept.exhausted.empty();
  const auto ended = c.swept.redelivered + static_cast<std::int64_t>(c.swept.exhausted.size());
  auto a = detail::make_alert(
    "monitor:stale_running", dead ? alerting::severity::error : alerting::severity::warning,
    "Stale work cleaned up: " + std::to_string(ended) + " expired lease(s), " +
      std::to_string(c.reset.size()) + " stale RUNNING ledger row(s)",
    "Expired leases were handed out again (on their last try, to be dead-lettered by their "
    "worker, which alerts for each); ledger "
    "rows RUNNING for over " + detail::format_hours(s.stale_after.count()) +
      " with no pending work item were reset to EXPECTED.",
    {}, {});
  std::vector<std::string> dead_ids;
  for (const auto id : c.swept.exhausted) dead_ids.push_back(std::to_string(id));
  a.fields = {{"leases redelivered", std::to_string(c.swept.redelivered)},
              {"items out of tries", std::to_string(dead_ids.size())},
              {"ledger rows reset", std::to_string(c.reset.size())}};
  if (!dead_ids.empty()) a.fields.push_back({"out-of-tries items", detail::list_some(dead_ids, s.max_listed)});
  if (!c.reset.empty()) a.fields.push_back({"rows reset", detail::list_some(c.reset, s.max_listed)});
  return a;
}

} // namespace

storage::storage_result<jobs::job_report> stale_running_cleanup(
  storage::database& db, const jobs::job_context& ctx, const stale_running_settings& s) {
  auto tx = db.begin("monitors.stale_running_cleanup");
  if (!tx) return tx.error();
  auto cleaned = clean(db, ctx, s);
  if (!cleaned) return cleaned.error();
  if (auto done = tx.value().commit(); !done) return done.error();
  const auto& c = cleaned.value();
  jobs::job_report report;
  report.summary = std::to_string(c.swept.redelivered) + " lease(s) redelivered, " +
                   std::to_string(c.swept.exhausted.size()) + " out of tries, " +
                   std::to_string(c.reset.size()) + " stale RUNNING row(s) reset";
  if (c.swept.redelivered > 0 || !c.swept.exhausted.empty() || !c.reset.empty())
    report.alerts.push_back(cleanup_alert(c, s));
  return report;
}

} // namespace courtside::monitors
