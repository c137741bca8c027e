#pragma once
// What a scheduled job's body gets and gives back. A body is a warehouse function: the
// scheduler runs it as one job on the single writer (storage.warehouse), records the run in
// job_runs, and raises the returned alerts once the run's work is committed.
//
//   storage_result<job_report> body(storage::database& db, const job_context& ctx);
//
// Bodies are pure apart from the database they are handed: they read `ctx.now`, never a clock.
#include <string>
#include <vector>

#include "runtime/alerting/alert.hpp"
#include "runtime/storage/database.hpp"

namespace courtside::jobs {

struct job_context {
  storage::unix_ms now = 0; ///< the engine clock (simulated in demo and chaos runs)
  std::string today;        ///< game date "YYYY-MM-DD" of `now` in the engine's time zone
  std::string yesterday;
  std::string tomorrow;
  int max_attempts = 5;     ///< tries per queue item (the pipeline's setting)
  bool has_odds_source = false; ///< a prop-line source (The Odds API) is configured: jobs may ask it
  int attempt = 1;          ///< this run's attempt at its firing (1 = first)
};

struct job_report {
  std::string summary;                 ///< one line: job_runs.detail and the log
  std::vector<alerting::alert> alerts; ///< raised after the body's work is committed
};

} // namespace courtside::jobs
