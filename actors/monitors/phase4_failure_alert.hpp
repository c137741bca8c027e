#pragma once
// Monitor: phase 4 (precompute) ledger rows of yesterday, today and tomorrow that FAILED or
// are BLOCKED (a gate refused to run them, e.g. too few box scores). One error alert per date,
// key "monitor:phase4:<date>", the ledger's reason as its text. A date whose precompute row
// is settled and usable (COMPLETE, EMPTY_OK, DEGRADED) gets a resolve of that key; EXPECTED
// and RUNNING rows say nothing either way.
#include "actors/scheduler/job_context.hpp"

namespace courtside::monitors {

[[nodiscard]] storage::storage_result<jobs::job_report> phase4_failure_alert(
  storage::database& db, const jobs::job_context& ctx);

} // namespace courtside::monitors
