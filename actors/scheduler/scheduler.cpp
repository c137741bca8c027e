#include "actors/scheduler/scheduler.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <caf/all.hpp>

#include "actors/notifiers/raise_alert.hpp"
#include "actors/scheduler/job_alerts.hpp"
#include "actors/storage/warehouse_client.hpp"
#include "runtime/logging/log.hpp"
#include "runtime/metrics/engine_metrics.hpp"
#include "runtime/storage/job_runs.hpp"
#include "runtime/supervision/protocol.hpp"

namespace courtside::jobs {
namespace {

using schedule::job_actions;
using storage::unix_ms;
using wake_atom = caf::atom_constant<caf::atom("wake")>;
using job_done_atom = caf::atom_constant<caf::atom("jobdone")>;

constexpr std::chrono::milliseconds warehouse_timeout{30'000};
// A timer never waits longer than this in real time, so a wall clock that jumps (NTP, a
// suspended VM) is noticed within a minute.
constexpr double max_real_wait_ms = 60'000;

struct scheduler_state {
  std::unique_ptr<schedule::job_book> book;
  std::map<std::string, job_work> work;
  /// run id -> the run's actor; shared with the exit hook that stops them with the scheduler
  std::shared_ptr<std::map<std::uint64_t, caf::actor>> runs =
    std::make_shared<std::map<std::uint64_t, caf::actor>>();
  std::map<caf::actor_addr, std::uint64_t> run_of; ///< and back, for down messages
  std::uint64_t timer = 0; ///< generation of the armed timer; older ones are ignored
  bool started = false;
  std::shared_ptr<spdlog::logger> log;
  static inline const char* name = "scheduler";
};

using scheduler_actor = caf::stateful_actor<scheduler_state>;

unix_ms now_of(const scheduler_settings& s) {
  if (s.now) return s.now();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
           std::chrono::system_clock::now().time_since_epoch())
    .count();
}

// One actor per run: it carries out the job's work and reports once; the scheduler kills it
// at the job's timeout.
caf::behavior job_run(caf::event_based_actor* self, job_work work, job_context ctx,
                      caf::actor scheduler, std::uint64_t id) {
  auto reported = std::make_shared<bool>(false);
  work(self, ctx, [self, scheduler, id, reported](bool ok, std::string detail) {
    if (*reported) return;
    *reported = true;
    self->send(scheduler, job_done_atom::value, id, ok, std::move(detail));
    self->quit();
  });
  return {[](wake_atom) {}}; // stays alive while the work awaits its answers
}

// Every write of one step in one warehouse job, in the order the book decided them.
void record(scheduler_actor* self, const job_actions& a) {
  if (a.ended.empty() && a.skipped.empty() && a.started.empty()) return;
  auto job = store::make_job("scheduler: job_runs", [a](storage::database& db) -> storage::storage_status {
    auto tx = db.begin("scheduler: job_runs");
    if (!tx) return tx.error();
    for (const auto& e : a.ended)
      if (auto r = storage::record_run_ended(db, e.run.job, e.run.scheduled_at, to_string(e.outcome),
                                             e.at, e.detail); !r)
        return r;
    for (const auto& s : a.skipped)
      if (auto r = storage::record_run_skipped(db, s.job, s.scheduled_at, s.reason, s.scheduled_at); !r)
        return r;
    for (const auto& t : a.started)
      if (auto r = storage::record_run_started(db, t.job, t.scheduled_at, t.started_at, t.attempt,
                                               to_string(t.trigger)); !r)
        return r;
    return tx.value().commit();
  });
  auto log = self->state.log;
  store::ask_warehouse(self, std::move(job), warehouse_timeout, [log](const storage::storage_status& r) {
    if (!r) log->warn("job history not recorded: {}", r.error().describe());
  });
}

void start_run(scheduler_actor* self, const scheduler_settings& s, const schedule::run_ticket& t) {
  auto ctx = s.context ? s.context(t.started_at) : job_context{};
  ctx.now = t.started_at;
  ctx.attempt = t.attempt;
  auto run = self->spawn(job_run, self->state.work.at(t.job), std::move(ctx),
                                      caf::actor{self}, t.id);
  self->monitor(run);
  self->state.run_of.emplace(run.address(), t.id);
  self->state.runs->emplace(t.id, std::move(run));
  self->state.log->info("job {} started: run {}, attempt {} of {} ({})", t.job, t.id, t.attempt,
                        t.max_attempts, to_string(t.trigger));
}

void end_run(scheduler_actor* self, const schedule::run_end& e) {
  auto& st = self->state;
  if (auto it = st.runs->find(e.run.id); it != st.runs->end()) {
    if (e.stop_actor) self->send_exit(it->second, caf::exit_reason::kill);
    st.run_of.erase(it->second.address());
    st.runs->erase(it);
  }
  const char* outcome = to_string(e.outcome);
  metrics::engine().job_runs.with({e.run.job, e.outcome == schedule::run_outcome::timed_out ? "timeout" : outcome}).inc();
  if (e.outcome == schedule::run_outcome::ok)
    st.log->info("job {} run {} ok: {}", e.run.job, e.run.id, e.detail);
  else
    st.log->warn("job {} run {} {}: {}{}", e.run.job, e.run.id, outcome, e.detail,
                 e.retry_at ? " (retry pending)" : "");
  for (auto& a : alerts_for(e)) notify::raise_alert(self, std::move(a));
}

void carry_out(scheduler_actor* self, const scheduler_settings& s, const job_actions& a) {
  for (const auto& e : a.ended) end_run(self, e);
  for (const auto& k : a.skipped) {
    metrics::engine().job_runs.with({k.job, "skipped"}).inc();
    self->state.log->info("job {} skipped: {}", k.job, k.reason);
  }
  for (const auto& t : a.started) start_run(self, s, t);
  if (s.history) record(self, a);
}

void arm(scheduler_actor* self, const scheduler_settings& s) {
  const auto wake = self->state.book->next_wake();
  if (!wake) return;
  const double engine_wait = static_cast<double>(std::max<unix_ms>(0, *wake - now_of(s)));
  const double real_wait = std::min(max_real_wait_ms, std::ceil(engine_wait / s.speed));
  self->delayed_send(self, std::chrono::milliseconds{std::max<std::int64_t>(1, static_cast<std::int64_t>(real_wait))},
                     wake_atom::value, ++self->state.timer);
}

void begin(scheduler_actor* self, const scheduler_settings& s,
           const std::map<std::string, storage::job_run_summary>& history) {
  for (const auto& [job, h] : history)
    self->state.book->restore(job, schedule::job_history{h.last_fire, h.consecutive_failures});
  self->state.started = true;
  carry_out(self, s, self->state.book->begin(now_of(s)));
  for (const auto& v : self->state.book->view())
    if (v.paused) self->state.log->warn("job {} is paused ({} consecutive failures)", v.name, v.consecutive_failures);
  arm(self, s);
}

// Interrupted runs closed and histories read in one warehouse job, then the first tick.
void restore_then_begin(scheduler_actor* self, const scheduler_settings& s) {
  if (!s.history) return begin(self, s, {});
  auto history = std::make_shared<std::map<std::string, storage::job_run_summary>>();
  const auto now = now_of(s);
  auto job = store::make_job("scheduler: restore", [history, now](storage::database& db) -> storage::storage_status {
    auto closed = storage::close_interrupted_runs(db, now);
    if (!closed) return closed.error();
    auto read = storage::job_run_summaries(db);
    if (!read) return read.error();
    *history = std::move(read).value();
    return {};
  });
  store::ask_warehouse(self, std::move(job), warehouse_timeout, [self, s, history](const storage::storage_status& r) {
    if (!r) self->state.log->warn("job history unavailable, starting without it: {}", r.error().describe());
    begin(self, s, *history);
  });
}

caf::behavior scheduler(scheduler_actor* self, std::string path, scheduler_settings settings) {
  crash_on_exception(self);
  auto& st = self->state;
  st.log = actor_log(path);
  std::vector<schedule::job_spec> specs;
  for (const auto& j : settings.jobs) {
    specs.push_back(j.spec);
    st.work.emplace(j.spec.name, j.work);
  }
  st.book = std::make_unique<schedule::job_book>(std::move(specs), settings.zone);
  // Runs end with the scheduler (not linked: a failed run must not take the scheduler down).
  self->attach_functor([runs = st.runs](const caf::error&) {
    for (auto& [id, run] : *runs) caf::anon_send_exit(run, caf::exit_reason::kill);
  });
  self->set_down_handler([self, settings](caf::down_msg& msg) {
    auto it = self->state.run_of.find(msg.source);
    if (it == self->state.run_of.end()) return;
    const auto id = it->second;
    const std::string why = msg.reason ? "run actor exited: " + describe_reason(msg.reason)
                                       : "run ended without reporting";
    carry_out(self, settings, self->state.book->finished(id, false, why, now_of(settings)));
    arm(self, settings);
  });
  restore_then_begin(self, settings);
  return {
    [self, settings](wake_atom, std::uint64_t generation) {
      if (generation != self->state.timer) return;
      carry_out(self, settings, self->state.book->tick(now_of(settings)));
      arm(self, settings);
    },
    [self, settings](job_done_atom, std::uint64_t id, bool ok, std::string& detail) {
      carry_out(self, settings, self->state.book->finished(id, ok, std::move(detail), now_of(settings)));
      arm(self, settings);
    },
    [self, settings](run_atom, const std::string& job) -> run_answer_ptr {
      if (!self->state.started) return std::make_shared<run_answer>(run_answer{503, "the scheduler is starting"});
      job_actions out;
      const auto answer = self->state.book->run_now(job, now_of(settings), out);
      carry_out(self, settings, out);
      arm(self, settings);
      switch (answer) {
        case schedule::manual_answer::started:
          return std::make_shared<run_answer>(run_answer{202, "job " + job + " started"});
        case schedule::manual_answer::unknown_job:
          return std::make_shared<run_answer>(run_answer{404, "no job named " + job});
        case schedule::manual_answer::already_running: break;
      }
      return std::make_shared<run_answer>(run_answer{409, "job " + job + " is already running"});
    },
    [self](jobs_atom) -> job_views_ptr {
      return std::make_shared<const std::vector<schedule::job_view>>(self->state.book->view());
    },
  };
}

} // namespace

child_spec scheduler_child(scheduler_settings settings) {
  child_spec c;
  c.name = "scheduler";
  c.start = [settings = std::move(settings)](const child_context& ctx) {
    return ctx.parent->spawn(scheduler, ctx.path, settings);
  };
  return c;
}

} // namespace courtside::jobs
