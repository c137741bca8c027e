// Spec for persisting a breaker: snapshot() -> restore() reproduces its behaviour exactly in
// every state, shifted() moves it to another clock, and the transition log drains once.
#include "runtime/breaker/breaker_state.hpp"

#include "breaker_test_support.hpp"

#include <catch2/catch.hpp>

using namespace courtside;
using namespace courtside::breaker;
using namespace courtside::breaker::test;

namespace {

void check_same(const breaker_snapshot& a, const breaker_snapshot& b) {
  CHECK(a.state == b.state);
  CHECK(a.opened_at == b.opened_at);
  CHECK(a.open_until == b.open_until);
  CHECK(a.forced_until == b.forced_until);
  CHECK(a.closed_since == b.closed_since);
  CHECK(a.trip_count == b.trip_count);
  CHECK(a.consecutive_failures == b.consecutive_failures);
  CHECK(a.window == b.window);
  CHECK(a.probes_permitted == b.probes_permitted);
  CHECK(a.probes_succeeded == b.probes_succeeded);
  CHECK(a.probe_deadlines == b.probe_deadlines);
}

/// Drives both breakers through the same events and checks they answer alike.
void check_same_behaviour(harness& a, harness& b, time_point from) {
  for (int step = 0; step < 40; ++step) {
    const time_point at = from + step * 7s;
    INFO("step " << step);
    const permit pa = a.breaker.allow(at), pb = b.breaker.allow(at);
    CHECK(pa.decision == pb.decision);
    CHECK(pa.retry_at == pb.retry_at);
    if (pa.allowed()) {
      if (step % 3 == 0) {
        a.fail(1, at);
        b.fail(1, at);
      } else {
        a.succeed(1, at);
        b.succeed(1, at);
      }
    }
    CHECK(a.breaker.state() == b.breaker.state());
  }
  CHECK(a.reasons() == b.reasons());
}

breaker_config windowed() {
  breaker_config c = exact_config();
  c.window_size = 5;
  c.minimum_calls = 3;
  c.failure_rate = 0.6;
  c.probes = 2;
  c.jitter = 0.2;
  return c;
}

} // namespace

TEST_CASE("snapshot/restore round trip in CLOSED keeps the window and the run",
          "[breaker][snapshot]") {
  harness a(windowed(), 7);
  a.succeed(1, t0);
  a.fail(1, t0);
  a.succeed(1, t0);
  a.fail(1, t0);
  const breaker_snapshot s = a.breaker.snapshot();
  CHECK(s.state == circuit_state::closed);
  CHECK(s.window == std::vector<bool>{false, true, false, true});
  CHECK(s.consecutive_failures == 1);
  harness b(windowed(), 7);
  b.breaker.restore(s);
  b.rng = a.rng; // the random source is the caller's, not part of the snapshot
  check_same(b.breaker.snapshot(), s);
  a.breaker.drain_transitions();
  check_same_behaviour(a, b, t0 + 1s);
}

TEST_CASE("snapshot/restore round trip in OPEN, forced, with a trip count",
          "[breaker][snapshot]") {
  harness a(windowed(), 7);
  a.fail(3, t0);
  a.breaker.force_open_until(t0 + 1s, t0 + 100s);
  a.breaker.drain_transitions();
  const breaker_snapshot s = a.breaker.snapshot();
  CHECK(s.state == circuit_state::open);
  CHECK(s.opened_at == t0);
  CHECK(s.forced_until == t0 + 100s);
  CHECK(s.trip_count == 1);
  harness b(windowed(), 7);
  b.breaker.restore(s);
  b.rng = a.rng; // the random source is the caller's, not part of the snapshot
  check_same(b.breaker.snapshot(), s);
  CHECK(b.decision(t0 + 100s - 1ms) == permit_decision::rejected_forced);
  CHECK(a.decision(t0 + 100s - 1ms) == permit_decision::rejected_forced);
  check_same_behaviour(a, b, t0 + 100s);
}

TEST_CASE("snapshot/restore round trip in HALF_OPEN keeps the probes out", "[breaker][snapshot]") {
  harness a(windowed(), 7);
  a.fail(3, t0);
  const time_point t1 = a.breaker.next_deadline().value();
  REQUIRE(a.decision(t1) == permit_decision::allowed_probe);
  a.succeed(1, t1 + 1s);
  REQUIRE(a.decision(t1 + 2s) == permit_decision::allowed_probe);
  a.breaker.drain_transitions();
  const breaker_snapshot s = a.breaker.snapshot();
  CHECK(s.state == circuit_state::half_open);
  CHECK(s.probes_permitted == 2);
  CHECK(s.probes_succeeded == 1);
  CHECK(s.probe_deadlines == std::vector<time_point>{t1 + 2s + 10s});
  harness b(windowed(), 7);
  b.breaker.restore(s);
  b.rng = a.rng; // the random source is the caller's, not part of the snapshot
  check_same(b.breaker.snapshot(), s);
  check_same_behaviour(a, b, t1 + 3s);
}

TEST_CASE("restoring into a smaller window keeps the newest calls", "[breaker][snapshot]") {
  breaker_snapshot s;
  s.window = {true, true, false, false, true};
  breaker_config c = windowed();
  c.window_size = 3;
  c.minimum_calls = 3;
  harness h(c);
  h.breaker.restore(s);
  CHECK(h.breaker.snapshot().window == std::vector<bool>{false, false, true});
}

TEST_CASE("shifted() moves every instant to another clock", "[breaker][snapshot]") {
  harness a(windowed(), 7);
  a.fail(3, t0);
  a.breaker.force_open_until(t0, t0 + 50s);
  const breaker_snapshot s = a.breaker.snapshot();
  // the new process's clock reads 5 h less for the same instant
  const breaker_snapshot moved = shifted(s, -std::chrono::hours{5});
  CHECK(moved.opened_at == s.opened_at - std::chrono::hours{5});
  CHECK(moved.open_until == s.open_until - std::chrono::hours{5});
  CHECK(moved.forced_until == *s.forced_until - std::chrono::hours{5});
  CHECK(moved.trip_count == s.trip_count);
  harness b(windowed(), 7);
  b.breaker.restore(moved);
  const time_point t0_new = t0 - std::chrono::hours{5};
  CHECK(b.decision(t0_new + 50s - 1ms) == permit_decision::rejected_forced);
  CHECK(b.decision(t0_new + 50s) == permit_decision::allowed_probe);
}

TEST_CASE("the transition log drains once, in order, and restore leaves it alone",
          "[breaker][snapshot]") {
  harness h(exact_config());
  h.fail(3, t0);
  REQUIRE(h.decision(t0 + 30s) == permit_decision::allowed_probe);
  h.succeed(1, t0 + 31s);
  h.breaker.restore(h.breaker.snapshot());
  const auto log = h.breaker.drain_transitions();
  REQUIRE(log.size() == 3);
  CHECK(log[0].to == circuit_state::open);
  CHECK(log[1].to == circuit_state::half_open);
  CHECK(log[2].to == circuit_state::closed);
  CHECK(h.breaker.drain_transitions().empty());
}

TEST_CASE("every enum has a stable name for logs and metrics", "[breaker][snapshot]") {
  CHECK(to_string(circuit_state::half_open) == "half_open");
  CHECK(to_string(permit_decision::rejected_probe_limit) == "rejected_probe_limit");
  CHECK(to_string(failure_kind::probe_timeout) == "probe_timeout");
  CHECK(to_string(transition_reason::closed_early) == "closed_early");
}
