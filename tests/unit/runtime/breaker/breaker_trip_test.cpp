// Spec for breaker_state in CLOSED: when it trips (N in a row, failure rate over a window
// with a minimum of calls, slow calls) and when it does not. And breaker_config's check().
#include "runtime/breaker/breaker_state.hpp"

#include "breaker_test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace courtside;
using namespace courtside::breaker;
using namespace courtside::breaker::test;

TEST_CASE("a new breaker is closed and allows calls", "[breaker][trip]") {
  harness h(exact_config());
  CHECK(h.breaker.state() == circuit_state::closed);
  CHECK(h.decision(t0) == permit_decision::allowed);
  CHECK(h.breaker.allow(t0).allowed());
  CHECK_FALSE(h.breaker.next_deadline());
  CHECK(h.breaker.drain_transitions().empty());
}

TEST_CASE("3 failures in a row trip it, 2 do not", "[breaker][trip]") {
  harness h(exact_config());
  h.fail(2, t0);
  CHECK(h.breaker.state() == circuit_state::closed);
  CHECK(h.decision(t0) == permit_decision::allowed);
  h.fail(1, t0 + 1s, failure_kind::timeout);
  CHECK(h.breaker.state() == circuit_state::open);
  CHECK(h.decision(t0 + 1s) == permit_decision::rejected_open);
  const auto log = h.breaker.drain_transitions();
  REQUIRE(log.size() == 1);
  CHECK(log[0].from == circuit_state::closed);
  CHECK(log[0].to == circuit_state::open);
  CHECK(log[0].at == t0 + 1s);
  CHECK(log[0].reason == transition_reason::consecutive_failures);
  CHECK(log[0].failure == failure_kind::timeout);
  CHECK(log[0].trip_count == 1);
  CHECK(log[0].open_until == t0 + 1s + 30s);
}

TEST_CASE("a success ends the run of failures", "[breaker][trip]") {
  harness h(exact_config());
  h.fail(2, t0);
  h.succeed(1, t0);
  h.fail(2, t0);
  CHECK(h.breaker.state() == circuit_state::closed);
  h.fail(1, t0);
  CHECK(h.breaker.state() == circuit_state::open);
}

TEST_CASE("failure rate: no verdict below the minimum number of calls", "[breaker][trip]") {
  breaker_config c = exact_config();
  c.consecutive_failures = 0;
  c.window_size = 10;
  c.minimum_calls = 5;
  c.failure_rate = 0.5;
  harness h(c);
  h.fail(4, t0); // 4 of 4 failed, but only 4 calls
  CHECK(h.breaker.state() == circuit_state::closed);
  h.fail(1, t0); // 5 of 5
  CHECK(h.breaker.state() == circuit_state::open);
  CHECK(h.reasons() == std::vector<transition_reason>{transition_reason::failure_rate});
}

TEST_CASE("failure rate: 4 of 10 stays closed, 5 of 10 trips at R = 0.5", "[breaker][trip]") {
  breaker_config c = exact_config();
  c.consecutive_failures = 0;
  c.window_size = 10;
  c.minimum_calls = 10;
  harness h(c);
  h.succeed(6, t0);
  h.fail(4, t0);
  CHECK(h.breaker.state() == circuit_state::closed); // 4/10
  h.fail(1, t0); // the oldest success slides out: 5/10
  CHECK(h.breaker.state() == circuit_state::open);
}

TEST_CASE("failure rate: old failures slide out of the window", "[breaker][trip]") {
  breaker_config c = exact_config();
  c.consecutive_failures = 0;
  c.window_size = 4;
  c.minimum_calls = 4;
  c.failure_rate = 0.75;
  harness h(c);
  h.fail(2, t0);
  h.succeed(2, t0); // F F S S: 2/4
  h.fail(1, t0);    // F S S F: 2/4
  h.succeed(1, t0); // S S F S: 1/4
  h.fail(1, t0);    // S F S F: 2/4
  CHECK(h.breaker.state() == circuit_state::closed);
  h.fail(1, t0); // F S F F: 3/4
  CHECK(h.breaker.state() == circuit_state::open);
}

TEST_CASE("failure rate 0.3: 3 failures of 10 calls trip despite floating point",
          "[breaker][trip]") {
  breaker_config c = exact_config();
  c.consecutive_failures = 0;
  c.window_size = 10;
  c.minimum_calls = 10;
  c.failure_rate = 0.3;
  harness h(c);
  h.succeed(7, t0);
  h.fail(2, t0);
  h.succeed(1, t0);
  CHECK(h.breaker.state() == circuit_state::closed); // 2/10
  h.breaker.restore(breaker_snapshot{}); // start over
  h.succeed(7, t0);
  h.fail(3, t0);
  CHECK(h.breaker.state() == circuit_state::open); // 3/10
}

TEST_CASE("a success slower than the threshold counts as a failure", "[breaker][trip]") {
  breaker_config c = exact_config();
  c.slow_call_threshold = 2000ms;
  harness h(c);
  h.succeed(3, t0, 1999ms);
  CHECK(h.breaker.state() == circuit_state::closed);
  h.succeed(2, t0, 2000ms);
  CHECK(h.breaker.state() == circuit_state::closed);
  h.succeed(1, t0, 5000ms);
  CHECK(h.breaker.state() == circuit_state::open);
  const auto log = h.breaker.drain_transitions();
  REQUIRE(log.size() == 1);
  CHECK(log[0].failure == failure_kind::slow);
}

TEST_CASE("slow calls count toward the failure rate too", "[breaker][trip]") {
  breaker_config c = exact_config();
  c.consecutive_failures = 0;
  c.window_size = 4;
  c.minimum_calls = 4;
  c.failure_rate = 0.5;
  c.slow_call_threshold = 1000ms;
  harness h(c);
  h.succeed(1, t0, 1000ms);
  h.succeed(1, t0, 10ms);
  h.succeed(1, t0, 1500ms);
  CHECK(h.breaker.state() == circuit_state::closed); // 3 calls: below the minimum
  h.succeed(1, t0, 10ms);
  CHECK(h.breaker.state() == circuit_state::open); // 2 slow of 4, and the 4th call a success
  const auto log = h.breaker.drain_transitions();
  REQUIRE(log.size() == 1);
  CHECK(log[0].reason == transition_reason::failure_rate);
  CHECK_FALSE(log[0].failure); // no failure tipped it: a success filled the window
}

TEST_CASE("with the slow threshold at 0, no success is slow", "[breaker][trip]") {
  harness h(exact_config());
  h.succeed(10, t0, std::chrono::hours{1});
  CHECK(h.breaker.state() == circuit_state::closed);
}

TEST_CASE("reports that arrive while OPEN are ignored", "[breaker][trip]") {
  harness h(exact_config());
  h.fail(3, t0);
  h.breaker.drain_transitions();
  h.fail(5, t0 + 1s);
  h.succeed(5, t0 + 1s);
  CHECK(h.breaker.state() == circuit_state::open);
  CHECK(h.breaker.drain_transitions().empty());
  CHECK(h.breaker.snapshot().trip_count == 1);
}

TEST_CASE("the default config is usable and each bad knob is named", "[breaker][config]") {
  CHECK_FALSE(check(breaker_config{}));
  const auto error = [](auto change) {
    breaker_config c;
    change(c);
    const auto e = check(c);
    REQUIRE(e);
    return std::string(to_string(*e));
  };
  CHECK(error([](breaker_config& c) { c.consecutive_failures = -1; }) ==
        "consecutive_failures_negative");
  CHECK(error([](breaker_config& c) { c.failure_rate = 0.0; }) == "failure_rate_out_of_range");
  CHECK(error([](breaker_config& c) { c.failure_rate = 1.0001; }) == "failure_rate_out_of_range");
  CHECK(error([](breaker_config& c) { c.failure_rate = std::nan(""); }) ==
        "failure_rate_out_of_range");
  CHECK(error([](breaker_config& c) { c.window_size = -1; }) == "window_size_negative");
  CHECK(error([](breaker_config& c) { c.minimum_calls = 0; }) == "minimum_calls_out_of_range");
  CHECK(error([](breaker_config& c) { c.minimum_calls = 21; }) == "minimum_calls_out_of_range");
  CHECK(error([](breaker_config& c) { c.slow_call_threshold = -1ms; }) ==
        "slow_call_threshold_negative");
  CHECK(error([](breaker_config& c) { c.open_base = 0ms; }) == "open_base_not_positive");
  CHECK(error([](breaker_config& c) { c.open_max = 29'999ms; }) == "open_max_below_base");
  CHECK(error([](breaker_config& c) { c.open_multiplier = 0.99; }) ==
        "open_multiplier_below_one");
  CHECK(error([](breaker_config& c) { c.jitter = 1.0; }) == "jitter_out_of_range");
  CHECK(error([](breaker_config& c) { c.jitter = -0.01; }) == "jitter_out_of_range");
  CHECK(error([](breaker_config& c) { c.probes = 0; }) == "probes_below_one");
  CHECK(error([](breaker_config& c) { c.probe_timeout = 0ms; }) == "probe_timeout_not_positive");
  CHECK(error([](breaker_config& c) { c.stable_after = -1ms; }) == "stable_after_negative");
  // edges that are fine
  breaker_config edges;
  edges.failure_rate = 1.0;
  edges.minimum_calls = edges.window_size;
  edges.open_max = edges.open_base;
  edges.open_multiplier = 1.0;
  edges.jitter = 0.0;
  edges.window_size = 20;
  CHECK_FALSE(check(edges));
  breaker_config no_window;
  no_window.window_size = 0;
  no_window.minimum_calls = 0; // ignored with the rate rule off
  CHECK_FALSE(check(no_window));
}
