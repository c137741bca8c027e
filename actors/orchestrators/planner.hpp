#pragma once
// ops.planner: keeps the expected-outputs ledger ahead of the calendar and the queue honest.
// Every `interval` it plans each date of its horizon (yesterday, today, tomorrow in the
// engine's time zone: an EXPECTED ledger row per phase and the date's schedule item — a date
// planned before keeps its progress) and ends expired leases, so the work of a crashed worker
// is handed out again (the stale-running cleanup). Both are warehouse jobs, so a planner
// restart loses nothing.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "runtime/storage/database.hpp"
#include "runtime/storage/work_queue.hpp"
#include "runtime/supervision/supervisor.hpp"

namespace courtside::pipeline {

struct planner_settings {
  std::function<std::vector<std::string>()> horizon; ///< dates to keep planned, each pass
  std::chrono::milliseconds interval{60'000};
  int max_attempts = 5;
  std::function<storage::unix_ms()> wall_clock;
};

[[nodiscard]] child_spec planner_child(planner_settings settings);

/// One pass, as a warehouse function (the actor's and the scheduled `planner` job's): plans each
/// of `dates` (a planned date keeps its progress) and ends expired leases.
[[nodiscard]] storage::storage_result<storage::sweep_result> plan_pass(
  storage::database& db, const std::vector<std::string>& dates, int max_attempts, storage::unix_ms now);

} // namespace courtside::pipeline
