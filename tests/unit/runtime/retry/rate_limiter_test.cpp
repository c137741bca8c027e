// Spec for runtime/retry/rate_limiter.hpp: requests per minute with burst; bounded concurrency.
#include "runtime/retry/rate_limiter.hpp"

#include <catch2/catch.hpp>

using namespace courtside;
using namespace courtside::retry;
using namespace std::chrono_literals;

namespace {

const time_point t0 = time_point{} + 1000s;

} // namespace

TEST_CASE("60 per minute: the next request waits 1 s, 999 ms is too early, 1 s is not",
          "[retry][rate_limiter]") {
  rate_limiter limiter{rate_limit_config{60, 1}};
  CHECK(limiter.interval() == 1s);
  CHECK(limiter.acquire(t0).verdict == rate_verdict::granted);
  const rate_decision early = limiter.acquire(t0 + 999ms);
  CHECK(early.verdict == rate_verdict::wait);
  CHECK(early.wait_until == t0 + 1s);
  const rate_decision on_time = limiter.acquire(t0 + 1s);
  CHECK(on_time.verdict == rate_verdict::granted);
  CHECK(on_time.wait_until == t0 + 1s);
}

TEST_CASE("burst 3: three back to back, the fourth waits one interval", "[retry][rate_limiter]") {
  rate_limiter limiter{rate_limit_config{60, 3}};
  for (int i = 0; i < 3; ++i) CHECK(limiter.acquire(t0).verdict == rate_verdict::granted);
  const rate_decision fourth = limiter.acquire(t0);
  CHECK(fourth.verdict == rate_verdict::wait);
  CHECK(fourth.wait_until == t0 + 1s);
  CHECK(limiter.acquire(t0 + 1s - 1ns).verdict == rate_verdict::wait);
  CHECK(limiter.acquire(t0 + 1s).verdict == rate_verdict::granted);
  CHECK(limiter.acquire(t0 + 1s).wait_until == t0 + 2s);
}

TEST_CASE("a quiet spell restores the full burst and no more", "[retry][rate_limiter]") {
  rate_limiter limiter{rate_limit_config{60, 3}};
  for (int i = 0; i < 3; ++i) REQUIRE(limiter.acquire(t0).verdict == rate_verdict::granted);
  const time_point later = t0 + 1h;
  for (int i = 0; i < 3; ++i) CHECK(limiter.acquire(later).verdict == rate_verdict::granted);
  CHECK(limiter.acquire(later).verdict == rate_verdict::wait);
}

TEST_CASE("partial refill: 2 of 3 burst tokens back after 2 s", "[retry][rate_limiter]") {
  rate_limiter limiter{rate_limit_config{60, 3}};
  for (int i = 0; i < 3; ++i) REQUIRE(limiter.acquire(t0).verdict == rate_verdict::granted);
  CHECK(limiter.acquire(t0 + 2s).verdict == rate_verdict::granted);
  CHECK(limiter.acquire(t0 + 2s).verdict == rate_verdict::granted);
  CHECK(limiter.acquire(t0 + 2s).verdict == rate_verdict::wait);
}

TEST_CASE("a refused request consumes nothing and does not push the wait back",
          "[retry][rate_limiter]") {
  rate_limiter limiter{rate_limit_config{60, 1}};
  REQUIRE(limiter.acquire(t0).verdict == rate_verdict::granted);
  for (int i = 0; i < 100; ++i) CHECK(limiter.acquire(t0 + 500ms).wait_until == t0 + 1s);
  CHECK(limiter.acquire(t0 + 1s).verdict == rate_verdict::granted);
  CHECK(limiter.granted() == 2);
  CHECK(limiter.throttled() == 100);
}

TEST_CASE("an uneven rate: 7 per minute is one every 8.571428571 s", "[retry][rate_limiter]") {
  rate_limiter limiter{rate_limit_config{7, 1}};
  CHECK(limiter.interval() == 8'571'428'571ns);
  REQUIRE(limiter.acquire(t0).verdict == rate_verdict::granted);
  CHECK(limiter.acquire(t0 + 8'571'428'570ns).verdict == rate_verdict::wait);
  CHECK(limiter.acquire(t0 + 8'571'428'571ns).verdict == rate_verdict::granted);
}

TEST_CASE("polling every 10 ms for a minute gets burst + one per second", "[retry][rate_limiter]") {
  rate_limiter limiter{rate_limit_config{60, 5}};
  int granted = 0;
  for (auto t = t0; t < t0 + 60s; t += 10ms)
    if (limiter.acquire(t).verdict == rate_verdict::granted) ++granted;
  // 5 at 0..40 ms, then one at each of 1 s .. 59 s.
  CHECK(granted == 64);
  CHECK(limiter.granted() == 64);
}

TEST_CASE("rate limit config check", "[retry][rate_limiter]") {
  CHECK_FALSE(check(rate_limit_config{}).has_value());
  CHECK(check(rate_limit_config{0, 1}) == config_error::rate_not_positive);
  CHECK_FALSE(check(rate_limit_config{1, 1}).has_value());
  CHECK(check(rate_limit_config{60, 0}) == config_error::burst_not_positive);
  CHECK(to_string(rate_verdict::wait) == "wait");
}

TEST_CASE("concurrency: max 2 in flight admits two, refuses the third until one ends",
          "[retry][concurrency_limiter]") {
  concurrency_limiter limiter{concurrency_config{2}};
  CHECK(limiter.try_acquire() == admission::admitted);
  CHECK(limiter.try_acquire() == admission::admitted);
  CHECK(limiter.in_flight() == 2);
  CHECK(limiter.try_acquire() == admission::at_capacity);
  limiter.release();
  CHECK(limiter.in_flight() == 1);
  CHECK(limiter.try_acquire() == admission::admitted);
  CHECK(limiter.admitted() == 3);
  CHECK(limiter.rejected() == 1);
  CHECK(limiter.peak_in_flight() == 2);
  CHECK(limiter.max_in_flight() == 2);
}

TEST_CASE("concurrency: peak in flight remembers the high-water mark",
          "[retry][concurrency_limiter]") {
  concurrency_limiter limiter{concurrency_config{5}};
  for (int i = 0; i < 3; ++i) REQUIRE(limiter.try_acquire() == admission::admitted);
  for (int i = 0; i < 3; ++i) limiter.release();
  CHECK(limiter.in_flight() == 0);
  CHECK(limiter.peak_in_flight() == 3);
}

TEST_CASE("concurrency: a release without an admission is counted, not applied",
          "[retry][concurrency_limiter]") {
  concurrency_limiter limiter{concurrency_config{1}};
  limiter.release();
  CHECK(limiter.in_flight() == 0);
  CHECK(limiter.unbalanced_releases() == 1);
  CHECK(limiter.try_acquire() == admission::admitted);
  CHECK(limiter.try_acquire() == admission::at_capacity);
}

TEST_CASE("concurrency config check", "[retry][concurrency_limiter]") {
  CHECK(check(concurrency_config{0}) == config_error::max_in_flight_not_positive);
  CHECK_FALSE(check(concurrency_config{1}).has_value());
  CHECK(to_string(admission::at_capacity) == "at_capacity");
}
