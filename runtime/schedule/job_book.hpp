#pragma once
// The scheduler's bookkeeping, pure: which job fires when, which runs are in flight and when
// they must be stopped, retries, overlap and missed-run policies, auto-pause. The scheduler
// actor calls these steps with the engine clock's `now` and carries out what they return
// (spawn a run's actor, stop it, write job_runs); tests call them directly on made-up instants.
//
// One firing of a job, as a state machine:
//
//   due ──► skipped (paused, or overlap=forbid while a run is in flight)
//    │
//    └─► running(attempt a) ──ok──────────────────────► ok           (failures reset, resumes)
//            │    │
//            │    └──failed / timed out ──► a < N ? ──► retry pending(a+1) ──due──► running
//            │                                   └──── final failure (consecutive failures + 1;
//            │                                         paused at pause_after)
//            └──replaced (overlap=replace: a new firing stops it; not a failure)
//
// Every instant is engine-clock milliseconds since the epoch; cron runs in the book's zone.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/schedule/cron.hpp"
#include "runtime/schedule/time_zone.hpp"

namespace courtside::schedule {

using unix_ms = std::int64_t;

enum class overlap_policy : std::uint8_t {
  forbid,  ///< a firing while a run is in flight is skipped (the default)
  replace, ///< the run in flight is stopped and the new firing starts
  allow,   ///< both run
};
enum class missed_policy : std::uint8_t {
  skip,       ///< firings missed while the engine was down are not made up (the default)
  run_latest, ///< the latest missed firing runs once at start-up
};

[[nodiscard]] const char* to_string(overlap_policy p) noexcept;
[[nodiscard]] const char* to_string(missed_policy p) noexcept;
[[nodiscard]] std::optional<overlap_policy> parse_overlap_policy(std::string_view name);
[[nodiscard]] std::optional<missed_policy> parse_missed_policy(std::string_view name);

struct job_spec {
  job_spec(std::string job_name, cron_schedule schedule)
    : name(std::move(job_name)), cron(std::move(schedule)) {}

  std::string name;
  cron_schedule cron;
  std::chrono::milliseconds timeout{600'000};      ///< a run is stopped after this
  overlap_policy overlap = overlap_policy::forbid;
  missed_policy missed = missed_policy::skip;
  int retries = 2;                                 ///< extra attempts of a failed firing
  std::chrono::milliseconds retry_backoff{30'000}; ///< before attempt 2; doubles after each
  int pause_after = 5;                             ///< consecutive failed firings; 0 = never
  bool enabled = true;
};

/// What the history in the warehouse says about a job (restored at start-up).
struct job_history {
  std::optional<unix_ms> last_fire;   ///< the latest firing recorded
  int consecutive_failures = 0;       ///< failed firings since the last success
};

enum class run_trigger : std::uint8_t { schedule, retry, missed, manual };
enum class run_outcome : std::uint8_t { ok, failed, timed_out, replaced };

[[nodiscard]] const char* to_string(run_trigger t) noexcept;
/// "ok", "failed", "timed_out", "replaced" (as stored in job_runs.outcome).
[[nodiscard]] const char* to_string(run_outcome o) noexcept;

struct run_ticket {
  std::uint64_t id = 0;
  std::string job;
  unix_ms scheduled_at = 0; ///< the firing this run belongs to (retries share it)
  unix_ms started_at = 0;
  unix_ms deadline = 0;     ///< started_at + timeout
  int attempt = 1;
  int max_attempts = 1;
  run_trigger trigger = run_trigger::schedule;
};

struct run_end {
  run_ticket run;
  run_outcome outcome = run_outcome::ok;
  std::string detail;
  unix_ms at = 0;
  bool stop_actor = false;        ///< the run is still executing: stop it now
  std::optional<unix_ms> retry_at; ///< a retry of this firing is pending
  bool final_failure = false;     ///< out of attempts (alert once, here)
  bool paused = false;            ///< this failure paused the job
  bool recovered = false;         ///< a success after failed firings (resolve the alert)
};

struct skipped_firing {
  std::string job;
  unix_ms scheduled_at = 0;
  std::string reason; ///< "paused after 5 consecutive failures", "run 7 still in flight"
};

/// What the actor must do after a step, in this order: stop and record `ended`, record
/// `skipped`, start `started`.
struct job_actions {
  std::vector<run_end> ended;
  std::vector<skipped_firing> skipped;
  std::vector<run_ticket> started;
};

enum class manual_answer : std::uint8_t { started, unknown_job, already_running };

struct job_view {
  std::string name;
  std::string schedule;
  std::optional<unix_ms> next_fire;
  bool enabled = true;
  bool paused = false;
  int consecutive_failures = 0;
  int running = 0;
  std::optional<unix_ms> retry_at;
};

class job_book {
public:
  job_book(std::vector<job_spec> specs, time_zone zone);

  /// Before begin(): what the warehouse remembers of `job` (unknown names are ignored).
  void restore(std::string_view job, const job_history& history);

  /// Once, at start-up: arms every enabled job's next firing after `now` and applies the
  /// missed-run policy (a paused job makes nothing up).
  [[nodiscard]] job_actions begin(unix_ms now);

  /// Timeouts, then due retries, then due firings (several missed readings of one job collapse
  /// into its latest: a late timer never causes a burst).
  [[nodiscard]] job_actions tick(unix_ms now);

  /// A run reported its end (ok or failed). A run the book already ended (timed out,
  /// replaced) or never started is ignored: empty actions.
  [[nodiscard]] job_actions finished(std::uint64_t run_id, bool ok, std::string detail,
                                     unix_ms now);

  /// An operator asked for a run now (one attempt; a success resumes a paused job).
  [[nodiscard]] manual_answer run_now(std::string_view job, unix_ms now, job_actions& out);

  /// The earliest instant at which tick() has something to do; nullopt = nothing scheduled.
  [[nodiscard]] std::optional<unix_ms> next_wake() const;

  [[nodiscard]] std::vector<job_view> view() const;
  [[nodiscard]] bool knows(std::string_view job) const;

private:
  struct pending_retry {
    unix_ms scheduled_at = 0;
    int attempt = 2;
    unix_ms due = 0;
  };
  struct slot {
    explicit slot(job_spec s) : spec(std::move(s)) {}
    job_spec spec;
    std::optional<unix_ms> next_fire;
    std::optional<unix_ms> last_fire;
    std::vector<run_ticket> running;
    std::optional<pending_retry> retry;
    int consecutive_failures = 0;
    bool paused = false;
  };

  slot* find(std::string_view job);
  run_ticket start(slot& s, unix_ms scheduled_at, int attempt, run_trigger why, unix_ms now,
                   job_actions& out);
  void fire(slot& s, unix_ms scheduled_at, unix_ms now, job_actions& out);
  void end_run(slot& s, std::size_t index, run_outcome outcome, std::string detail, unix_ms now,
               bool stop_actor, job_actions& out);
  std::optional<unix_ms> next_fire_after(const slot& s, unix_ms t) const;

  std::vector<slot> slots_;
  time_zone zone_;
  std::uint64_t next_id_ = 1;
};

} // namespace courtside::schedule
