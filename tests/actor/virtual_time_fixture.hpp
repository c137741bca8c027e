#pragma once
// A CAF actor system on the test coordinator: nothing runs until the test says so and time
// only moves when the test advances it. See CAF-0.17-NOTES.md section 4.
#include <caf/all.hpp>
#include <caf/scheduler/test_coordinator.hpp>

#include "runtime/time/duration.hpp"

namespace courtside::testing {

struct virtual_time_config : caf::actor_system_config {
  virtual_time_config() {
    set("scheduler.policy", caf::atom("testing"));
    set("logger.inline-output", true);
  }
};

struct virtual_time_fixture {
  virtual_time_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys, true};
  caf::scheduler::test_coordinator& sched =
    dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());

  /// Runs every actor until all mailboxes are empty (no timers fire).
  void run() { sched.run(); }

  /// Moves the clock, fires what became due, then runs to quiescence.
  void advance(milliseconds d) {
    sched.advance_time(d);
    sched.run();
  }

  /// Sends a request from the test, runs the system and returns the answer (or error).
  template <class T, class... Ts>
  caf::expected<T> ask(const caf::actor& dest, Ts&&... xs) {
    auto h = self->request(dest, caf::infinite, std::forward<Ts>(xs)...);
    sched.run();
    caf::expected<T> out{caf::sec::request_timeout};
    h.receive([&](T& x) { out = std::move(x); }, [&](caf::error& e) { out = std::move(e); });
    return out;
  }
};

} // namespace courtside::testing
