// ops.scheduler on virtual time: runs fire on their cron readings, a hung run's actor is
// stopped at its timeout (engine time scaled by the clock speed), failures are retried, and
// run-now answers 202 / 404 / 409.
#include <catch2/catch.hpp>

#include "actor/virtual_time_fixture.hpp"
#include "actors/scheduler/scheduler.hpp"

using namespace courtside;
using namespace courtside::jobs;
using namespace courtside::testing;
using namespace std::chrono_literals;

namespace {

// 2025-11-15 12:00:00 EST.
constexpr storage::unix_ms noon = 1'763'226'000'000;

using hold_atom = caf::atom_constant<caf::atom("hold")>;
using release_atom = caf::atom_constant<caf::atom("release")>;

/// What the runs of one job did, observed from outside.
struct run_log {
  int started = 0;
  std::vector<caf::error> exits; ///< each run actor's exit reason, in order
};

/// Holds each run's question until the test releases it with an answer (ok or not): runs stay
/// in flight as long as the test wants, and finish inside their own actor.
struct holder_state {
  std::vector<caf::response_promise> held;
};
caf::behavior holder(caf::stateful_actor<holder_state>* self) {
  return {
    [self](hold_atom) -> caf::result<bool> {
      self->state.held.push_back(self->make_response_promise());
      return self->state.held.back();
    },
    [self](release_atom, int index, bool ok) { self->state.held.at(static_cast<size_t>(index)).deliver(ok); },
  };
}

job_work held_work(std::shared_ptr<run_log> log, caf::actor holder) {
  return [log, holder](caf::event_based_actor* self, const job_context&, job_finish done) {
    ++log->started;
    self->attach_functor([log](const caf::error& reason) { log->exits.push_back(reason); });
    self->request(holder, caf::infinite, hold_atom::value).then([done](bool ok) {
      done(ok, ok ? "fine" : "db locked");
    });
  };
}

struct scheduler_fixture : virtual_time_fixture {
  std::shared_ptr<run_log> log = std::make_shared<run_log>();
  caf::actor held = sys.spawn(holder);

  ~scheduler_fixture() {
    caf::anon_send_exit(held, caf::exit_reason::kill);
    run();
  }

  void release(int index, bool ok) {
    caf::anon_send(held, release_atom::value, index, ok);
    run();
  }

  /// The engine clock: `noon - 1 s` when the test starts, `speed` engine ms per virtual ms.
  scheduler_settings settings(schedule::job_spec spec, double speed = 1.0) {
    scheduler_settings s;
    s.zone = schedule::time_zone::from_posix_tz("America/New_York", "EST5EDT,M3.2.0,M11.1.0").value();
    const auto origin = sched.clock().now();
    s.now = [this, origin, speed] {
      const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(sched.clock().now() - origin);
      return noon - 1000 + static_cast<storage::unix_ms>(static_cast<double>(elapsed.count()) * speed);
    };
    s.speed = speed;
    s.history = false;
    s.jobs.push_back({std::move(spec), held_work(log, held)});
    return s;
  }
};

schedule::job_spec job(const char* name, const char* cron, std::chrono::milliseconds timeout) {
  schedule::job_spec s{name, schedule::cron_schedule::parse(cron).value()};
  s.timeout = timeout;
  return s;
}

caf::actor spawn_scheduler(caf::actor_system& sys, scheduler_settings s) {
  auto child = scheduler_child(std::move(s));
  caf::actor out;
  // The child spec spawns from a parent actor; a bare event-based actor serves as one.
  sys.spawn([&out, child](caf::event_based_actor* self) {
    out = child.start(child_context{self, "ops.scheduler", caf::actor{}});
    self->quit();
  });
  return out;
}

} // namespace

TEST_CASE_METHOD(scheduler_fixture, "a run fires at its cron reading, not before",
                 "[scheduler][actor]") {
  auto target = spawn_scheduler(sys, settings(job("planner", "0 * * * * *", 10s)));
  run();
  CHECK(log->started == 0);
  advance(999ms);
  CHECK(log->started == 0);
  advance(1ms); // 12:00:00
  CHECK(log->started == 1);
  caf::anon_send_exit(target, caf::exit_reason::user_shutdown);
  run();
}

TEST_CASE_METHOD(scheduler_fixture, "a hung run is stopped at its timeout by killing its actor",
                 "[scheduler][actor]") {
  auto target = spawn_scheduler(sys, settings(job("reconciler", "0 * * * * *", 10s)));
  run();
  advance(1s);
  REQUIRE(log->started == 1);
  advance(9'999ms);
  CHECK(log->exits.empty()); // just before the timeout: still running
  advance(1ms);
  REQUIRE(log->exits.size() == 1); // at the timeout: stopped
  CHECK(log->exits[0] == caf::exit_reason::kill);
  caf::anon_send_exit(target, caf::exit_reason::user_shutdown);
  run();
}

TEST_CASE_METHOD(scheduler_fixture, "with a simulated clock at speed 60 a 600 s timeout takes 10 real seconds",
                 "[scheduler][actor]") {
  auto target = spawn_scheduler(sys, settings(job("reconciler", "0 * * * *", 600s), 60.0));
  run();
  advance(1s); // 1 s real = 60 s engine: 12:00:59 -> past 12:00:00
  REQUIRE(log->started == 1);
  advance(9'000ms);
  CHECK(log->exits.empty());
  advance(1'000ms);
  REQUIRE(log->exits.size() == 1);
  CHECK(log->exits[0] == caf::exit_reason::kill);
  caf::anon_send_exit(target, caf::exit_reason::user_shutdown);
  run();
}

TEST_CASE_METHOD(scheduler_fixture, "a failed run is retried after the backoff, a finished run ends its actor",
                 "[scheduler][actor]") {
  auto spec = job("reconciler", "0 0 * * * *", 60s);
  spec.retry_backoff = 5s;
  auto target = spawn_scheduler(sys, settings(spec));
  run();
  advance(1s);
  REQUIRE(log->started == 1);
  release(0, false);
  REQUIRE(log->exits.size() == 1);
  CHECK_FALSE(log->exits[0]); // ended normally after reporting
  advance(4'999ms);
  CHECK(log->started == 1);
  advance(1ms);
  CHECK(log->started == 2);
  release(1, true);
  CHECK(log->exits.size() == 2);
  caf::anon_send_exit(target, caf::exit_reason::user_shutdown);
  run();
}

TEST_CASE_METHOD(scheduler_fixture, "run-now answers started, unknown job and already running",
                 "[scheduler][actor]") {
  auto target = spawn_scheduler(sys, settings(job("planner", "0 0 3 * * *", 60s)));
  run();
  auto answer = [&](const char* name) {
    auto a = ask<run_answer_ptr>(target, run_atom::value, std::string{name});
    REQUIRE(a);
    return (*a)->status;
  };
  CHECK(answer("planner") == 202);
  CHECK(log->started == 1);
  CHECK(answer("nope") == 404);
  CHECK(answer("planner") == 409);
  auto views = ask<job_views_ptr>(target, jobs_atom::value);
  REQUIRE(views);
  REQUIRE((*views)->size() == 1);
  CHECK((*views)->at(0).running == 1);
  caf::anon_send_exit(target, caf::exit_reason::user_shutdown);
  run();
}

TEST_CASE_METHOD(scheduler_fixture, "stopping the scheduler stops its runs", "[scheduler][actor]") {
  auto target = spawn_scheduler(sys, settings(job("planner", "0 * * * * *", 600s)));
  run();
  advance(1s);
  REQUIRE(log->started == 1);
  caf::anon_send_exit(target, caf::exit_reason::user_shutdown);
  run();
  REQUIRE(log->exits.size() == 1);
  CHECK(log->exits[0] == caf::exit_reason::kill);
}
