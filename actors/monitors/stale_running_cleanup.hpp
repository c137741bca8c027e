#pragma once
// Monitor: work that claims to be running but nobody is doing, cleaned up in one transaction.
//
// (a) Leases past their own deadline (state 'leased', lease_expires <= now) end through the
//     queue's sweep (work_queue.hpp sweep_expired_leases): back to ready; on the item's last
//     try with no try left, and its worker dead-letters it (ledger, alert). A lease carries its own deadline, so no extra age applies:
//     waiting `stale_after` on top would keep a crashed worker's item idle for hours.
// (b) Ledger rows RUNNING whose updated_at is older than now - stale_after (strictly) and for
//     whose date and phase no queue item is pending (ready, or leased — after (a) every lease
//     left is live) go back to EXPECTED, attempts unchanged, reason "stale RUNNING since
//     <updated_at> reset". A ready item counts as pending on purpose: the raw row stays
//     RUNNING for hours while its box-score items wait (deferred) for games to go final.
//     The reset is a compare-and-set: a row another actor moved meanwhile is left alone.
//
// Report: the counts. One alert (key "monitor:stale_running") when anything was cleaned:
// warning, or error when an item ran out of tries (a unit of work failed for good).
#include <chrono>

#include "actors/scheduler/job_context.hpp"

namespace courtside::monitors {

struct stale_running_settings {
  std::chrono::milliseconds stale_after{2 * 3'600'000}; ///< RUNNING this long unchanged: stale
  int max_rows = 1000;        ///< RUNNING ledger rows examined per run (oldest dates first)
  std::size_t max_listed = 5; ///< rows and items named in the alert
};

[[nodiscard]] storage::storage_result<jobs::job_report> stale_running_cleanup(
  storage::database& db, const jobs::job_context& ctx, const stale_running_settings& settings);

} // namespace courtside::monitors
