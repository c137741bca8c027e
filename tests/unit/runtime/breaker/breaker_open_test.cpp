// Spec for breaker_state in OPEN: exact open time, growth on re-trips up to the cap, the
// stable reset, jitter with a pinned seed, forced opens (429 Retry-After) and close_early.
#include "runtime/breaker/breaker_state.hpp"

#include "breaker_test_support.hpp"

#include <catch2/catch.hpp>

using namespace courtside;
using namespace courtside::breaker;
using namespace courtside::breaker::test;

namespace {

/// Trips a CLOSED or HALF_OPEN breaker at `at` and returns that trip's open time.
duration trip_now(harness& h, time_point at) {
  if (h.breaker.state() == circuit_state::half_open) {
    REQUIRE(h.decision(at) == permit_decision::allowed_probe);
    h.fail(1, at);
  } else {
    h.fail(h.breaker.config().consecutive_failures, at);
  }
  REQUIRE(h.breaker.state() == circuit_state::open);
  return last_open_time(h);
}

/// Open times of n trips in a row, each re-trip by a failed probe once the last one elapsed.
std::vector<int64_t> open_times(harness& h, int n) {
  std::vector<int64_t> out;
  time_point at = t0;
  for (int i = 0; i < n; ++i) {
    const duration open = trip_now(h, at);
    out.push_back(std::chrono::duration_cast<milliseconds>(open).count());
    at += open;
    h.breaker.advance(at);
    h.breaker.drain_transitions();
  }
  return out;
}

} // namespace

TEST_CASE("open for exactly 30 s: 1 ms before it still rejects, at 30 s a probe goes",
          "[breaker][open]") {
  harness h(exact_config());
  h.fail(3, t0);
  h.breaker.drain_transitions();
  const permit before = h.breaker.allow(t0 + 30s - 1ms);
  CHECK(before.decision == permit_decision::rejected_open);
  CHECK(before.retry_at == t0 + 30s);
  CHECK_FALSE(before.allowed());
  CHECK(h.breaker.next_deadline() == t0 + 30s);
  CHECK(h.decision(t0 + 30s) == permit_decision::allowed_probe);
  const auto log = h.breaker.drain_transitions();
  REQUIRE(log.size() == 1);
  CHECK(log[0].from == circuit_state::open);
  CHECK(log[0].to == circuit_state::half_open);
  CHECK(log[0].at == t0 + 30s);
  CHECK(log[0].reason == transition_reason::open_time_elapsed);
}

TEST_CASE("advance() moves OPEN to HALF_OPEN on time without any call", "[breaker][open]") {
  harness h(exact_config());
  h.fail(3, t0);
  h.breaker.advance(t0 + 30s - 1ms);
  CHECK(h.breaker.state() == circuit_state::open);
  h.breaker.advance(t0 + 30s);
  CHECK(h.breaker.state() == circuit_state::half_open);
}

TEST_CASE("open time doubles on each re-trip and stops at the cap", "[breaker][open]") {
  harness h(exact_config()); // 30 s, x2, cap 300 s
  CHECK(open_times(h, 7) ==
        std::vector<int64_t>{30'000, 60'000, 120'000, 240'000, 300'000, 300'000, 300'000});
}

TEST_CASE("open time with a fractional multiplier floors to whole milliseconds",
          "[breaker][open]") {
  breaker_config c = exact_config();
  c.open_base = 1000ms;
  c.open_multiplier = 1.5;
  c.open_max = 4000ms;
  harness h(c);
  CHECK(open_times(h, 6) == std::vector<int64_t>{1000, 1500, 2250, 3375, 4000, 4000});
}

TEST_CASE("a trip after stable_after in CLOSED starts at the base again, 1 ms sooner it grows",
          "[breaker][open]") {
  for (const auto closed_for : {600'000ms - 1ms, 600'000ms}) {
    harness h(exact_config());
    h.fail(3, t0);
    h.breaker.advance(t0 + 30s);
    REQUIRE(h.decision(t0 + 30s) == permit_decision::allowed_probe);
    h.succeed(1, t0 + 31s);
    REQUIRE(h.breaker.state() == circuit_state::closed);
    h.breaker.drain_transitions();
    const duration open = trip_now(h, t0 + 31s + closed_for);
    CHECK(open == (closed_for < 600'000ms ? duration{60s} : duration{30s}));
  }
}

TEST_CASE("jitter shortens the open time by up to its fraction, never past the cap",
          "[breaker][open]") {
  breaker_config c = exact_config();
  c.open_base = 10'000ms;
  c.open_max = 60'000ms;
  c.jitter = 0.5;
  for (uint64_t seed = 0; seed < 200; ++seed) {
    harness h(c, seed);
    const auto times = open_times(h, 5);
    const int64_t nominal[] = {10'000, 20'000, 40'000, 60'000, 60'000};
    for (size_t i = 0; i < times.size(); ++i) {
      if (times[i] < nominal[i] / 2 || times[i] > nominal[i])
        FAIL("seed " << seed << " trip " << i);
    }
  }
}

TEST_CASE("jittered open times for seed 42 are pinned, one draw per trip", "[breaker][open]") {
  breaker_config c = exact_config();
  c.open_base = 10'000ms;
  c.open_max = 60'000ms;
  c.jitter = 0.5;
  harness h(c, 42);
  // open_k = nominal_k - splitmix64(42).next() % (nominal_k / 2 + 1), computed independently
  CHECK(open_times(h, 6) == std::vector<int64_t>{8109, 19008, 32287, 56814, 46590, 51618});
  random_source same{42};
  for (int i = 0; i < 6; ++i) (void)same.next();
  CHECK(h.rng.next() == same.next());
}

TEST_CASE("a 429 with Retry-After forces it open until exactly then", "[breaker][forced]") {
  harness h(exact_config());
  h.breaker.force_open_until(t0, t0 + 120s);
  CHECK(h.breaker.state() == circuit_state::open);
  const auto log = h.breaker.drain_transitions();
  REQUIRE(log.size() == 1);
  CHECK(log[0].reason == transition_reason::forced_open);
  CHECK(log[0].open_until == t0 + 120s);
  CHECK(log[0].trip_count == 0); // not a trip
  const permit before = h.breaker.allow(t0 + 120s - 1ms);
  CHECK(before.decision == permit_decision::rejected_forced);
  CHECK(before.retry_at == t0 + 120s);
  CHECK(h.decision(t0 + 120s) == permit_decision::allowed_probe);
}

TEST_CASE("a force shorter than the open time leaves the open time in charge",
          "[breaker][forced]") {
  harness h(exact_config());
  h.fail(3, t0); // open until +30 s
  h.breaker.force_open_until(t0 + 1s, t0 + 10s);
  CHECK(h.decision(t0 + 10s - 1ms) == permit_decision::rejected_forced);
  const permit after_force = h.breaker.allow(t0 + 10s);
  CHECK(after_force.decision == permit_decision::rejected_open);
  CHECK(after_force.retry_at == t0 + 30s);
  CHECK(h.decision(t0 + 30s) == permit_decision::allowed_probe);
}

TEST_CASE("a force longer than the open time holds past it", "[breaker][forced]") {
  harness h(exact_config());
  h.fail(3, t0); // open until +30 s
  h.breaker.force_open_until(t0 + 1s, t0 + 90s);
  CHECK(h.breaker.next_deadline() == t0 + 90s);
  CHECK(h.decision(t0 + 30s) == permit_decision::rejected_forced);
  CHECK(h.decision(t0 + 90s - 1ms) == permit_decision::rejected_forced);
  CHECK(h.decision(t0 + 90s) == permit_decision::allowed_probe);
}

TEST_CASE("a later force extends, an earlier one does not shorten", "[breaker][forced]") {
  harness h(exact_config());
  h.breaker.force_open_until(t0, t0 + 90s);
  h.breaker.force_open_until(t0 + 1s, t0 + 60s);
  CHECK(h.decision(t0 + 90s - 1ms) == permit_decision::rejected_forced);
  h.breaker.force_open_until(t0 + 2s, t0 + 100s);
  CHECK(h.decision(t0 + 100s - 1ms) == permit_decision::rejected_forced);
  CHECK(h.decision(t0 + 100s) == permit_decision::allowed_probe);
  CHECK(h.reasons() == std::vector<transition_reason>{transition_reason::forced_open,
                                                      transition_reason::open_time_elapsed});
}

TEST_CASE("a force that has already passed is ignored", "[breaker][forced]") {
  harness h(exact_config());
  h.breaker.force_open_until(t0, t0);
  h.breaker.force_open_until(t0, t0 - 1s);
  CHECK(h.breaker.state() == circuit_state::closed);
  CHECK(h.breaker.drain_transitions().empty());
}

TEST_CASE("a force in HALF_OPEN reopens it and drops the outstanding probe", "[breaker][forced]") {
  harness h(exact_config());
  h.fail(3, t0);
  REQUIRE(h.decision(t0 + 30s) == permit_decision::allowed_probe);
  h.breaker.force_open_until(t0 + 31s, t0 + 60s);
  CHECK(h.breaker.state() == circuit_state::open);
  h.succeed(1, t0 + 32s); // the probe's late answer changes nothing
  CHECK(h.breaker.state() == circuit_state::open);
  // after the force, a failed probe is trip 2: forced opens do not count as trips
  REQUIRE(h.decision(t0 + 60s) == permit_decision::allowed_probe);
  h.breaker.drain_transitions();
  h.fail(1, t0 + 61s);
  CHECK(last_open_time(h) == duration{60s});
}

TEST_CASE("close_early closes an OPEN or HALF_OPEN breaker at once", "[breaker][close_early]") {
  harness h(exact_config());
  CHECK(h.breaker.close_early(t0) == close_early_result::already_closed);
  h.fail(3, t0);
  h.breaker.drain_transitions();
  CHECK(h.breaker.close_early(t0 + 5s) == close_early_result::closed);
  CHECK(h.breaker.state() == circuit_state::closed);
  CHECK(h.decision(t0 + 5s) == permit_decision::allowed);
  const auto log = h.breaker.drain_transitions();
  REQUIRE(log.size() == 1);
  CHECK(log[0].from == circuit_state::open);
  CHECK(log[0].reason == transition_reason::closed_early);

  h.fail(3, t0 + 6s);
  REQUIRE(h.decision(t0 + 6s + 60s) == permit_decision::allowed_probe); // trip 2: 60 s
  CHECK(h.breaker.close_early(t0 + 67s) == close_early_result::closed);
}

TEST_CASE("close_early does not override a forced open before its time", "[breaker][close_early]") {
  harness h(exact_config());
  h.breaker.force_open_until(t0, t0 + 60s);
  CHECK(h.breaker.close_early(t0 + 60s - 1ms) == close_early_result::refused_forced);
  CHECK(h.breaker.state() == circuit_state::open);
  CHECK(h.breaker.close_early(t0 + 60s) == close_early_result::closed);
  CHECK(h.reasons() == std::vector<transition_reason>{transition_reason::forced_open,
                                                      transition_reason::open_time_elapsed,
                                                      transition_reason::closed_early});
}
