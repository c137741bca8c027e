// Spec for breaker_state in HALF_OPEN: at most K probes, K successes close it, any failure
// or a probe that never reports re-opens it, and nothing gets it stuck.
#include "runtime/breaker/breaker_state.hpp"

#include "breaker_test_support.hpp"

#include <catch2/catch.hpp>

using namespace courtside;
using namespace courtside::breaker;
using namespace courtside::breaker::test;

namespace {

const time_point t1 = t0 + 30s; // when the first trip's open time ends

/// Trips at t0 and lets the open time elapse, without using a probe.
void to_half_open(harness& h) {
  h.fail(h.breaker.config().consecutive_failures, t0);
  h.breaker.advance(t1);
  REQUIRE(h.breaker.state() == circuit_state::half_open);
  h.breaker.drain_transitions();
}

breaker_config with_probes(int k) {
  breaker_config c = exact_config();
  c.probes = k;
  return c;
}

} // namespace

TEST_CASE("HALF_OPEN lets exactly K probes through", "[breaker][half_open]") {
  harness h(with_probes(2));
  to_half_open(h);
  CHECK(h.decision(t1) == permit_decision::allowed_probe);
  CHECK(h.decision(t1 + 1s) == permit_decision::allowed_probe);
  const permit third = h.breaker.allow(t1 + 2s);
  CHECK(third.decision == permit_decision::rejected_probe_limit);
  CHECK(third.retry_at == t1 + 10s); // the first probe's timeout
}

TEST_CASE("K successful probes close it, K-1 do not", "[breaker][half_open]") {
  harness h(with_probes(2));
  to_half_open(h);
  REQUIRE(h.decision(t1) == permit_decision::allowed_probe);
  REQUIRE(h.decision(t1) == permit_decision::allowed_probe);
  h.succeed(1, t1 + 1s);
  CHECK(h.breaker.state() == circuit_state::half_open);
  CHECK(h.decision(t1 + 1s) == permit_decision::rejected_probe_limit); // K permits used
  h.succeed(1, t1 + 2s);
  CHECK(h.breaker.state() == circuit_state::closed);
  CHECK(h.decision(t1 + 2s) == permit_decision::allowed);
  const auto log = h.breaker.drain_transitions();
  REQUIRE(log.size() == 1);
  CHECK(log[0].from == circuit_state::half_open);
  CHECK(log[0].to == circuit_state::closed);
  CHECK(log[0].reason == transition_reason::probes_succeeded);
  CHECK(log[0].at == t1 + 2s);
}

TEST_CASE("any failed probe re-opens it, for longer", "[breaker][half_open]") {
  harness h(with_probes(3));
  to_half_open(h);
  REQUIRE(h.decision(t1) == permit_decision::allowed_probe);
  REQUIRE(h.decision(t1) == permit_decision::allowed_probe);
  h.succeed(1, t1 + 1s);
  h.fail(1, t1 + 2s);
  CHECK(h.breaker.state() == circuit_state::open);
  const auto log = h.breaker.drain_transitions();
  REQUIRE(log.size() == 1);
  CHECK(log[0].reason == transition_reason::probe_failed);
  CHECK(log[0].failure == failure_kind::error);
  CHECK(log[0].trip_count == 2);
  CHECK(log[0].open_until == t1 + 2s + 60s);
}

TEST_CASE("a slow probe counts as a failed one", "[breaker][half_open]") {
  breaker_config c = exact_config();
  c.slow_call_threshold = 5000ms;
  harness h(c);
  to_half_open(h);
  REQUIRE(h.decision(t1) == permit_decision::allowed_probe);
  h.succeed(1, t1 + 5s, 5000ms);
  CHECK(h.breaker.state() == circuit_state::open);
  const auto log = h.breaker.drain_transitions();
  REQUIRE(log.size() == 1);
  CHECK(log[0].reason == transition_reason::probe_failed);
  CHECK(log[0].failure == failure_kind::slow);
}

TEST_CASE("a probe that does not report within probe_timeout re-opens it",
          "[breaker][half_open]") {
  harness h(exact_config()); // probe timeout 10 s
  to_half_open(h);
  REQUIRE(h.decision(t1) == permit_decision::allowed_probe);
  CHECK(h.breaker.next_deadline() == t1 + 10s);
  h.breaker.advance(t1 + 10s - 1ms);
  CHECK(h.breaker.state() == circuit_state::half_open);
  h.breaker.advance(t1 + 10s);
  CHECK(h.breaker.state() == circuit_state::open);
  const auto log = h.breaker.drain_transitions();
  REQUIRE(log.size() == 1);
  CHECK(log[0].reason == transition_reason::probe_timed_out);
  CHECK(log[0].failure == failure_kind::probe_timeout);
  CHECK(log[0].at == t1 + 10s);
  CHECK(log[0].open_until == t1 + 10s + 60s);
}

TEST_CASE("allow() notices a timed-out probe itself", "[breaker][half_open]") {
  harness h(exact_config());
  to_half_open(h);
  REQUIRE(h.decision(t1) == permit_decision::allowed_probe);
  CHECK(h.decision(t1 + 10s - 1ms) == permit_decision::rejected_probe_limit);
  CHECK(h.decision(t1 + 10s) == permit_decision::rejected_open);
  // the probe's answer, arriving late, is ignored
  h.succeed(1, t1 + 11s);
  CHECK(h.breaker.state() == circuit_state::open);
}

TEST_CASE("a report settles the oldest outstanding probe", "[breaker][half_open]") {
  harness h(with_probes(2));
  to_half_open(h);
  REQUIRE(h.decision(t1) == permit_decision::allowed_probe);      // deadline t1 + 10 s
  REQUIRE(h.decision(t1 + 5s) == permit_decision::allowed_probe); // deadline t1 + 15 s
  h.succeed(1, t1 + 6s);
  CHECK(h.breaker.next_deadline() == t1 + 15s);
  h.breaker.advance(t1 + 15s - 1ms);
  CHECK(h.breaker.state() == circuit_state::half_open);
  h.breaker.advance(t1 + 15s);
  CHECK(h.breaker.state() == circuit_state::open);
}

TEST_CASE("reports in HALF_OPEN with no probe out are ignored", "[breaker][half_open]") {
  harness h(exact_config());
  to_half_open(h);
  h.fail(1, t1 + 1s); // a call from before the trip, finishing late
  h.succeed(1, t1 + 1s);
  CHECK(h.breaker.state() == circuit_state::half_open);
  CHECK(h.breaker.drain_transitions().empty());
  CHECK_FALSE(h.breaker.next_deadline()); // only a call can move it now
  CHECK(h.decision(t1 + 2s) == permit_decision::allowed_probe);
}

TEST_CASE("next_deadline follows the state", "[breaker][half_open]") {
  harness h(exact_config());
  CHECK_FALSE(h.breaker.next_deadline());
  h.fail(3, t0);
  CHECK(h.breaker.next_deadline() == t0 + 30s);
  REQUIRE(h.decision(t1) == permit_decision::allowed_probe);
  CHECK(h.breaker.next_deadline() == t1 + 10s);
  h.succeed(1, t1 + 1s);
  CHECK_FALSE(h.breaker.next_deadline());
}
