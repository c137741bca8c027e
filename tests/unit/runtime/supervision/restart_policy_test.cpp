#include <catch2/catch.hpp>

#include "runtime/supervision/restart_policy.hpp"

using namespace courtside;
using namespace std::chrono_literals;

namespace {
const time_point t0{};
restart_tracker exact_tracker(uint32_t max_restarts = 3) {
  return restart_tracker{1, backoff_options{100ms, 1000ms, 2.0, 0.0},
                         restart_intensity{max_restarts, 10'000ms}, 5'000ms, 7};
}
} // namespace

TEST_CASE("backoff without jitter doubles from min and stops at max", "[restart_policy]") {
  restart_backoff b{backoff_options{100ms, 1000ms, 2.0, 0.0}};
  random_source rng{1};
  std::vector<int64_t> got;
  for (uint32_t n = 0; n < 6; ++n) got.push_back(b.delay(n, rng).count());
  CHECK(got == std::vector<int64_t>{100, 200, 400, 800, 1000, 1000});
  CHECK(b.delay(5000, rng) == 1000ms); // huge exponents saturate, never overflow
}

TEST_CASE("jittered backoff stays within +/- jitter and never exceeds max", "[restart_policy]") {
  restart_backoff b{backoff_options{1000ms, 1500ms, 2.0, 0.5}};
  random_source rng{99};
  for (int i = 0; i < 10'000; ++i) {
    auto first = b.delay(0, rng);
    CHECK(first >= 500ms);
    CHECK(first <= 1500ms);
    CHECK(b.delay(3, rng) <= 1500ms);
  }
}

TEST_CASE("the same seed gives the same jittered sequence", "[restart_policy]") {
  restart_backoff b{backoff_options{100ms, 10'000ms, 2.0, 0.2}};
  random_source a{5}, c{5};
  for (uint32_t n = 0; n < 10; ++n) CHECK(b.delay(n, a) == b.delay(n, c));
  random_source pinned{5};
  // Pinned draw: the first uniform of seed 5 fixes the first delay exactly.
  random_source probe{5};
  double u = probe.uniform01();
  CHECK(b.delay(0, pinned).count() == std::llround(100.0 * (1.0 + 0.2 * (2.0 * u - 1.0))));
}

TEST_CASE("restart types", "[restart_policy]") {
  auto t = exact_tracker();
  CHECK(t.decide(0, restart_type::temporary, exit_kind::abnormal, t0).action ==
        restart_action::none_temporary);
  CHECK(t.decide(0, restart_type::transient, exit_kind::normal, t0).action ==
        restart_action::none_normal);
  CHECK(t.decide(0, restart_type::transient, exit_kind::shutdown, t0).action ==
        restart_action::none_normal);
  CHECK(t.decide(0, restart_type::transient, exit_kind::abnormal, t0).action ==
        restart_action::restart);
  CHECK(t.decide(0, restart_type::permanent, exit_kind::normal, t0 + 1ms).action ==
        restart_action::restart);
}

TEST_CASE("the fourth restart inside the window escalates, just outside it does not",
          "[restart_policy]") {
  auto decide_at = [](milliseconds fourth) {
    auto t = exact_tracker(3);
    for (auto at : {0ms, 1ms, 2ms})
      REQUIRE(t.decide(0, restart_type::permanent, exit_kind::abnormal, t0 + at).action ==
              restart_action::restart);
    return t.decide(0, restart_type::permanent, exit_kind::abnormal, t0 + fourth).action;
  };
  CHECK(decide_at(9'999ms) == restart_action::escalate); // first restart still in window
  CHECK(decide_at(10'000ms) == restart_action::restart); // first restart has left it
}

TEST_CASE("zero max_restarts escalates on the first crash", "[restart_policy]") {
  auto t = exact_tracker(0);
  CHECK(t.decide(0, restart_type::permanent, exit_kind::abnormal, t0).action ==
        restart_action::escalate);
}

TEST_CASE("consecutive count resets after the stable period, not before", "[restart_policy]") {
  auto run = [](milliseconds uptime) {
    auto t = exact_tracker(100);
    t.started(0, t0);
    (void) t.decide(0, restart_type::permanent, exit_kind::abnormal, t0);
    t.started(0, t0 + 100ms);
    return t.decide(0, restart_type::permanent, exit_kind::abnormal, t0 + 100ms + uptime);
  };
  auto before = run(4'999ms);
  CHECK(before.delay == 200ms);
  CHECK(before.consecutive == 2);
  auto after = run(5'000ms);
  CHECK(after.delay == 100ms);
  CHECK(after.consecutive == 1);
}
