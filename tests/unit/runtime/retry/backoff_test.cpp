// Spec for runtime/retry/backoff.hpp: exponential caps, full jitter, pinned sequences.
#include "runtime/retry/backoff.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace courtside;
using namespace courtside::retry;
using namespace std::chrono_literals;

namespace {

const backoff_config standard{500ms, 30'000ms, 2.0};

std::vector<int64_t> draw_sequence(const backoff_config& config, uint64_t seed, int retries) {
  random_source rng{seed};
  std::vector<int64_t> out;
  for (int n = 1; n <= retries; ++n) out.push_back(backoff_delay(config, n, rng).count());
  return out;
}

} // namespace

TEST_CASE("backoff caps double from base and stop at max", "[retry][backoff]") {
  CHECK(backoff_cap(standard, 1) == 500ms);
  CHECK(backoff_cap(standard, 2) == 1000ms);
  CHECK(backoff_cap(standard, 3) == 2000ms);
  CHECK(backoff_cap(standard, 6) == 16'000ms);
  CHECK(backoff_cap(standard, 7) == 30'000ms); // 32 s would exceed max
  CHECK(backoff_cap(standard, 1000) == 30'000ms);
}

TEST_CASE("backoff cap: retry numbers below 1 act as the first retry", "[retry][backoff]") {
  CHECK(backoff_cap(standard, 0) == 500ms);
  CHECK(backoff_cap(standard, -5) == 500ms);
}

TEST_CASE("backoff cap with a fractional multiplier floors to whole milliseconds",
          "[retry][backoff]") {
  const backoff_config config{100ms, 1000ms, 1.5};
  CHECK(backoff_cap(config, 4) == 337ms); // 337.5
  CHECK(backoff_cap(config, 5) == 506ms); // 506.25
  CHECK(backoff_cap(config, 6) == 759ms); // 759.375
  CHECK(backoff_cap(config, 7) == 1000ms);
}

TEST_CASE("backoff cap just below and just at max", "[retry][backoff]") {
  const backoff_config config{1000ms, 4001ms, 2.0};
  CHECK(backoff_cap(config, 3) == 4000ms); // 1 ms under max: growth still shows
  const backoff_config at_max{1000ms, 4000ms, 2.0};
  CHECK(backoff_cap(at_max, 3) == 4000ms);
  CHECK(backoff_cap(at_max, 4) == 4000ms);
}

TEST_CASE("backoff with multiplier 1 is constant", "[retry][backoff]") {
  const backoff_config flat{750ms, 10'000ms, 1.0};
  CHECK(backoff_cap(flat, 1) == 750ms);
  CHECK(backoff_cap(flat, 50) == 750ms);
}

TEST_CASE("backoff sequence for seed 42 is pinned", "[retry][backoff]") {
  // delay_n = 1 + splitmix64(42).next() % cap_n; values computed independently of this code.
  CHECK(draw_sequence(standard, 42, 8) ==
        std::vector<int64_t>{414, 292, 1859, 3765, 3251, 13063, 24926, 15909});
}

TEST_CASE("backoff sequence with multiplier 1.5 for seed 42 is pinned", "[retry][backoff]") {
  const backoff_config config{100ms, 1000ms, 1.5};
  CHECK(draw_sequence(config, 42, 7) == std::vector<int64_t>{14, 92, 109, 44, 157, 670, 926});
}

TEST_CASE("backoff: the same seed gives the same delays, another seed others",
          "[retry][backoff]") {
  CHECK(draw_sequence(standard, 7, 10) == draw_sequence(standard, 7, 10));
  CHECK(draw_sequence(standard, 7, 10) != draw_sequence(standard, 8, 10));
}

TEST_CASE("backoff: each delay draws exactly one random value", "[retry][backoff]") {
  random_source used{99};
  random_source reference{99};
  (void)backoff_delay(standard, 3, used);
  (void)reference.next();
  CHECK(used.next() == reference.next());
}

TEST_CASE("backoff delays stay above 0 and at most the cap over many draws and cover the range",
          "[retry][backoff]") {
  random_source rng{2024};
  for (int n = 1; n <= 8; ++n) {
    const int64_t cap = backoff_cap(standard, n).count();
    int64_t lowest = cap, highest = 0;
    double sum = 0;
    constexpr int draws = 20'000;
    for (int i = 0; i < draws; ++i) {
      const int64_t d = backoff_delay(standard, n, rng).count();
      lowest = std::min(lowest, d);
      highest = std::max(highest, d);
      sum += static_cast<double>(d);
    }
    INFO("retry " << n << " cap " << cap);
    CHECK(lowest >= 1);    // never 0: full jitter over (0, cap]
    CHECK(highest <= cap); // never above the cap
    CHECK(lowest <= cap / 100 + 1);        // reaches the bottom of the window...
    CHECK(highest >= cap - cap / 100 - 1); // ...and the top: it is full jitter
    CHECK(sum / draws == Approx(static_cast<double>(cap + 1) / 2).epsilon(0.03));
  }
}

TEST_CASE("backoff: a 1 ms cap always waits exactly 1 ms", "[retry][backoff]") {
  const backoff_config tiny{1ms, 1ms, 2.0};
  random_source rng{5};
  for (int i = 0; i < 100; ++i) CHECK(backoff_delay(tiny, 3, rng) == 1ms);
}

TEST_CASE("backoff config check names the first problem", "[retry][backoff]") {
  CHECK_FALSE(check(standard).has_value());
  CHECK(check(backoff_config{0ms, 1000ms, 2.0}) == config_error::base_not_positive);
  CHECK_FALSE(check(backoff_config{1ms, 1000ms, 2.0}).has_value());
  CHECK(check(backoff_config{1000ms, 999ms, 2.0}) == config_error::max_below_base);
  CHECK_FALSE(check(backoff_config{1000ms, 1000ms, 2.0}).has_value());
  CHECK(check(backoff_config{500ms, 1000ms, 0.999}) == config_error::multiplier_below_one);
  CHECK_FALSE(check(backoff_config{500ms, 1000ms, 1.0}).has_value());
  CHECK(to_string(config_error::max_below_base) == "max_below_base");
}
