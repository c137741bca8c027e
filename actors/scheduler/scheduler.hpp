#pragma once
// ops.scheduler: fires the configured jobs on their cron schedules (engine time zone, engine
// clock) and enforces each run's timeout by STOPPING the run's actor, not by logging.
//
//   timer ─► tick(now) ─► job_book ─► stop timed-out / replaced runs (exit: kill)
//                                  ├► record ended / skipped runs in job_runs
//                                  └► spawn one actor per run ─► work(...) ─► done(ok, detail)
//   (run_atom, job) ─► run now  (control: POST /api/jobs/{name}/run)
//   (get_atom)      ─► job views (control: upcoming jobs)
//
// Every decision is made by the pure schedule::job_book; this actor only carries it out. On
// start it restores each job's history from job_runs (missed-run policy, auto-pause) before its
// first tick, so a restart of the actor or the engine decides the same way.
//
// Time: `now` is the engine clock (simulated in demo and chaos runs); a timer that must wait
// engine time T waits T / speed of real time (virtual time under the test coordinator).
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/fwd.hpp>

#include "actors/scheduler/job_context.hpp"
#include "runtime/schedule/job_book.hpp"
#include "runtime/supervision/supervisor.hpp"

namespace courtside::jobs {

/// Called exactly once by a run: ok, and one line for job_runs.detail.
using job_finish = std::function<void(bool ok, std::string detail)>;

/// A run's work, executed inside the run's own actor. It must finish asynchronously (requests,
/// timers); the scheduler kills the actor at the job's timeout whatever it is doing.
using job_work = std::function<void(caf::event_based_actor* self, const job_context& ctx,
                                    job_finish done)>;

/// A body that runs on the warehouse (see job_context.hpp).
using job_body =
  std::function<storage::storage_result<job_report>(storage::database& db, const job_context& ctx)>;

/// Work that runs `body` as one warehouse transaction, then raises the report's alerts.
[[nodiscard]] job_work warehouse_work(std::string label, job_body body);

struct scheduled_job {
  schedule::job_spec spec;
  job_work work;
};

struct scheduler_settings {
  std::vector<scheduled_job> jobs;
  schedule::time_zone zone = schedule::time_zone::utc();
  std::function<storage::unix_ms()> now; ///< the engine clock
  double speed = 1.0;                    ///< engine ms per real ms
  /// today / yesterday / tomorrow of an instant, in the engine's time zone.
  std::function<job_context(storage::unix_ms now)> context;
  bool history = true; ///< keep job_runs in the warehouse (off: unit tests without a tree)
};

using run_atom = caf::atom_constant<caf::atom("runjob")>;
using jobs_atom = caf::atom_constant<caf::atom("jobs")>;

/// Answer to (run_atom, job): 202 started, 404 unknown job, 409 already running.
struct run_answer {
  unsigned status = 202;
  std::string message;
};
using run_answer_ptr = std::shared_ptr<const run_answer>;
/// Answer to (jobs_atom): every job as the book sees it now.
using job_views_ptr = std::shared_ptr<const std::vector<schedule::job_view>>;

/// Path of the scheduler in the tree.
inline constexpr const char* scheduler_path = "ops.scheduler";

[[nodiscard]] child_spec scheduler_child(scheduler_settings settings);

} // namespace courtside::jobs

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(courtside::jobs::run_answer_ptr)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(courtside::jobs::job_views_ptr)
