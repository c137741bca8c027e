#pragma once
// Helpers for the breaker specs: virtual time, a breaker with its own pinned random source,
// and shorthands for driving it.
#include "runtime/breaker/breaker_state.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <vector>

namespace courtside::breaker::test {

using namespace std::chrono_literals;

/// Virtual time: an arbitrary instant far from the clock's epoch.
inline const time_point t0 = time_point{} + std::chrono::hours{1000};

/// Only the rule under test is on; no jitter, so every instant is exact.
inline breaker_config exact_config() {
  breaker_config c;
  c.consecutive_failures = 3;
  c.window_size = 0;
  c.slow_call_threshold = 0ms;
  c.open_base = 30'000ms;
  c.open_multiplier = 2.0;
  c.open_max = 300'000ms;
  c.jitter = 0.0;
  c.probes = 1;
  c.probe_timeout = 10'000ms;
  c.stable_after = 600'000ms;
  return c;
}

/// A breaker that owns its random source (declared first, so it outlives the breaker).
struct harness {
  explicit harness(breaker_config c, uint64_t seed = 42) : rng(seed), breaker(c, rng) {
    REQUIRE_FALSE(check(c));
  }
  random_source rng;
  breaker_state breaker;

  void fail(int n, time_point at, failure_kind kind = failure_kind::error) {
    for (int i = 0; i < n; ++i) breaker.on_failure(at, kind);
  }
  void succeed(int n, time_point at, duration took = 100ms) {
    for (int i = 0; i < n; ++i) breaker.on_success(at, took);
  }
  permit_decision decision(time_point at) { return breaker.allow(at).decision; }
  std::vector<transition_reason> reasons() {
    std::vector<transition_reason> out;
    for (const transition& t : breaker.drain_transitions()) out.push_back(t.reason);
    return out;
  }
};

/// The open time of the latest trip, from its transition.
inline duration last_open_time(harness& h) {
  const std::vector<transition> log = h.breaker.drain_transitions();
  REQUIRE_FALSE(log.empty());
  REQUIRE(log.back().to == circuit_state::open);
  return log.back().open_until - log.back().at;
}

} // namespace courtside::breaker::test
