#pragma once
// Storage for the scheduler's run history (table job_runs, migration 2): one row per firing of
// a job (job, scheduled_at); a retry of that firing updates the same row. Outcomes as stored:
// running, ok, failed, timed_out, replaced, skipped, interrupted (the engine stopped while the
// run was in flight). The scheduler restores each job's history from here at start-up, so a
// restart keeps missed-run and auto-pause decisions.
#include "runtime/storage/database.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::storage {

/// A run started (attempt n of its firing): the row is (re)set to running.
[[nodiscard]] storage_status record_run_started(database& db, std::string_view job,
                                                unix_ms scheduled_at, unix_ms started_at,
                                                int attempt, std::string_view trigger);

/// A run ended with `outcome` ("ok", "failed", "timed_out", "replaced"); `detail` says why.
[[nodiscard]] storage_status record_run_ended(database& db, std::string_view job,
                                              unix_ms scheduled_at, std::string_view outcome,
                                              unix_ms finished_at, std::string_view detail);

/// A firing that did not run (paused, overlap); an existing row of that firing is kept.
[[nodiscard]] storage_status record_run_skipped(database& db, std::string_view job,
                                                unix_ms scheduled_at, std::string_view reason,
                                                unix_ms now);

/// At start-up: every row still `running` belonged to a run the engine lost when it stopped;
/// marks them `interrupted`. Returns how many.
[[nodiscard]] storage_result<int> close_interrupted_runs(database& db, unix_ms now);

struct job_run_summary {
  std::optional<unix_ms> last_fire; ///< latest scheduled_at of a run that started
  int consecutive_failures = 0;     ///< failed / timed_out firings since the last ok
};

/// Per job: its last firing and its trailing failures (skipped, replaced and interrupted rows
/// neither count nor break the streak).
[[nodiscard]] storage_result<std::map<std::string, job_run_summary>> job_run_summaries(database& db);

struct job_run_row {
  std::string job;
  unix_ms scheduled_at = 0;
  std::optional<unix_ms> started_at;
  std::optional<unix_ms> finished_at;
  std::string outcome;
  std::string detail;
};

/// The newest `limit` rows of `job` (all jobs when empty), newest first.
[[nodiscard]] storage_result<std::vector<job_run_row>> recent_job_runs(database& db,
                                                                      std::string_view job,
                                                                      int limit);

} // namespace courtside::storage
