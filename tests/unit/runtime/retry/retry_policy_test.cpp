// Spec for runtime/retry/retry_policy.hpp: attempts, backoff, Retry-After, deadline, budget.
#include "runtime/retry/retry_policy.hpp"

#include <catch2/catch.hpp>

using namespace courtside;
using namespace courtside::retry;
using namespace std::chrono_literals;
using k = attempt_outcome_kind;

namespace {

const time_point t0 = time_point{} + 1000s;

retry_limits standard_limits() {
  retry_limits limits;
  limits.max_attempts = 4;
  limits.overall_timeout = 600'000ms;
  limits.backoff = backoff_config{500ms, 30'000ms, 2.0};
  return limits;
}

// Delay is then exactly max(1 ms, Retry-After): lets deadline tests land to the millisecond.
retry_limits one_ms_backoff(milliseconds overall_timeout) {
  retry_limits limits = standard_limits();
  limits.overall_timeout = overall_timeout;
  limits.backoff = backoff_config{1ms, 1ms, 2.0};
  return limits;
}

// True when `a` has drawn nothing since it was seeded with `seed`.
bool same_next_draw(random_source a, uint64_t seed) {
  return a.next() == random_source{seed}.next();
}

} // namespace

TEST_CASE("200 succeeds", "[retry][policy]") {
  random_source rng{1};
  const auto d = retry_policy::starting_at(standard_limits(), t0)
                   .decide(attempt_outcome::http(200), 1, t0, rng);
  CHECK(d.action == retry_action::succeed);
  CHECK(d.reason == retry_reason::ok);
  CHECK_FALSE(d.delay.has_value());
}

TEST_CASE("204 is no data yet, carrying the upstream's Retry-After as a hint", "[retry][policy]") {
  random_source rng{1};
  const auto policy = retry_policy::starting_at(standard_limits(), t0);
  const auto plain = policy.decide(attempt_outcome::http(204), 1, t0, rng);
  CHECK(plain.action == retry_action::no_data_yet);
  CHECK(plain.reason == retry_reason::no_content);
  CHECK_FALSE(plain.delay.has_value());
  const auto hinted = policy.decide(attempt_outcome::http(204, 300'000ms), 1, t0, rng);
  CHECK(hinted.action == retry_action::no_data_yet);
  CHECK(hinted.delay == 300'000ms);
}

TEST_CASE("a game not final yet is no data yet, even on the last attempt", "[retry][policy]") {
  random_source rng{1};
  const auto d = retry_policy::starting_at(standard_limits(), t0)
                   .decide(attempt_outcome::http_not_final(), 4, t0, rng);
  CHECK(d.action == retry_action::no_data_yet);
  CHECK(d.reason == retry_reason::not_final_yet);
}

TEST_CASE("503 with Retry-After: 120 waits 120 s, not the backoff", "[retry][policy]") {
  random_source rng{42};
  const auto d = retry_policy::starting_at(standard_limits(), t0)
                   .decide(attempt_outcome::http(503, 120'000ms), 1, t0, rng);
  CHECK(d.action == retry_action::retry_after_delay);
  CHECK(d.reason == retry_reason::http_server_error);
  CHECK(d.delay == 120'000ms);
}

TEST_CASE("429 with a Retry-After shorter than the backoff waits the backoff",
          "[retry][policy]") {
  retry_limits limits = standard_limits();
  limits.backoff = backoff_config{10'000ms, 10'000ms, 2.0};
  random_source rng{42};
  const auto d = retry_policy::starting_at(limits, t0)
                   .decide(attempt_outcome::http(429, 1000ms), 1, t0, rng);
  CHECK(d.action == retry_action::retry_after_delay);
  CHECK(d.reason == retry_reason::http_too_many_requests);
  CHECK(d.delay == 5414ms); // 1 + splitmix64(42) % 10000, > the 1 s asked for
}

TEST_CASE("Retry-After equal to the backoff waits exactly that", "[retry][policy]") {
  retry_limits limits = standard_limits();
  limits.backoff = backoff_config{10'000ms, 10'000ms, 2.0};
  random_source rng{42};
  const auto d = retry_policy::starting_at(limits, t0)
                   .decide(attempt_outcome::http(503, 5414ms), 1, t0, rng);
  CHECK(d.delay == 5414ms);
}

TEST_CASE("three 503s in a row wait the pinned backoff sequence", "[retry][policy]") {
  random_source rng{42};
  const auto policy = retry_policy::starting_at(standard_limits(), t0);
  const milliseconds expected[] = {414ms, 292ms, 1859ms}; // caps 500, 1000, 2000
  time_point now = t0;
  for (int attempt = 1; attempt <= 3; ++attempt) {
    const auto d = policy.decide(attempt_outcome::http(503), attempt, now, rng);
    REQUIRE(d.action == retry_action::retry_after_delay);
    CHECK(d.delay == expected[attempt - 1]);
    now += *d.delay + 200ms;
  }
}

TEST_CASE("404 gives up at once", "[retry][policy]") {
  random_source rng{42};
  const auto d = retry_policy::starting_at(standard_limits(), t0)
                   .decide(attempt_outcome::http(404), 1, t0, rng);
  CHECK(d.action == retry_action::give_up_permanent);
  CHECK(d.reason == retry_reason::http_client_error);
  CHECK_FALSE(d.delay.has_value());
  CHECK(same_next_draw(rng, 42)); // nothing was drawn
}

TEST_CASE("a TLS error gives up at once", "[retry][policy]") {
  random_source rng{42};
  const auto d = retry_policy::starting_at(standard_limits(), t0)
                   .decide(attempt_outcome::failed(k::tls_error), 1, t0, rng);
  CHECK(d.action == retry_action::give_up_permanent);
  CHECK(d.reason == retry_reason::tls_error);
}

TEST_CASE("a connection reset is retried with backoff", "[retry][policy]") {
  random_source rng{42};
  const auto d = retry_policy::starting_at(standard_limits(), t0)
                   .decide(attempt_outcome::failed(k::reset), 1, t0, rng);
  CHECK(d.action == retry_action::retry_after_delay);
  CHECK(d.reason == retry_reason::reset);
  CHECK(d.delay == 414ms);
}

TEST_CASE("shutdown and cancellation are passed on with attempts to spare", "[retry][policy]") {
  random_source rng{42};
  const auto policy = retry_policy::starting_at(standard_limits(), t0);
  const auto shut = policy.decide(attempt_outcome::failed(k::shutdown), 1, t0, rng);
  CHECK(shut.action == retry_action::pass_on_shutdown);
  CHECK(shut.reason == retry_reason::shutdown);
  const auto cancel = policy.decide(attempt_outcome::failed(k::cancelled), 1, t0, rng);
  CHECK(cancel.action == retry_action::pass_on_shutdown);
  CHECK(cancel.reason == retry_reason::cancelled);
  CHECK(same_next_draw(rng, 42));
}

TEST_CASE("a decode failure is quarantined with attempts to spare", "[retry][policy]") {
  random_source rng{42};
  const auto d = retry_policy::starting_at(standard_limits(), t0)
                   .decide(attempt_outcome::failed(k::decode_failure), 1, t0, rng);
  CHECK(d.action == retry_action::quarantine);
  CHECK(d.reason == retry_reason::decode_failure);
}

TEST_CASE("3rd failure with max_attempts=4 retries, 4th gives up exhausted", "[retry][policy]") {
  const auto policy = retry_policy::starting_at(standard_limits(), t0);
  random_source rng{42};
  CHECK(policy.decide(attempt_outcome::http(503), 3, t0, rng).action ==
        retry_action::retry_after_delay);
  random_source fresh{42};
  const auto d = policy.decide(attempt_outcome::http(503), 4, t0, fresh);
  CHECK(d.action == retry_action::give_up_exhausted);
  CHECK(d.reason == retry_reason::http_server_error);
  CHECK_FALSE(d.delay.has_value());
  CHECK(same_next_draw(fresh, 42)); // giving up draws nothing
}

TEST_CASE("max_attempts=1 means no retry at all", "[retry][policy]") {
  retry_limits limits = standard_limits();
  limits.max_attempts = 1;
  random_source rng{42};
  CHECK(retry_policy::starting_at(limits, t0)
          .decide(attempt_outcome::failed(k::read_timeout), 1, t0, rng)
          .action == retry_action::give_up_exhausted);
}

TEST_CASE("deadline: a retry that would land 1 ms after the deadline is not made, 1 ms before is",
          "[retry][policy]") {
  const auto policy = retry_policy::starting_at(one_ms_backoff(60'000ms), t0);
  REQUIRE(policy.deadline() == t0 + 60s);
  const time_point now = t0 + 50s; // 10 s left
  random_source rng{42};
  const auto late = policy.decide(attempt_outcome::http(503, 10'001ms), 2, now, rng);
  CHECK(late.action == retry_action::give_up_deadline);
  CHECK(late.reason == retry_reason::http_server_error);
  CHECK(late.delay == 10'001ms); // the refused wait, for the log line
  const auto early = policy.decide(attempt_outcome::http(503, 9'999ms), 2, now, rng);
  CHECK(early.action == retry_action::retry_after_delay);
  CHECK(early.delay == 9'999ms);
  const auto on_the_dot = policy.decide(attempt_outcome::http(503, 10'000ms), 2, now, rng);
  CHECK(on_the_dot.action == retry_action::retry_after_delay);
}

TEST_CASE("deadline also bounds the plain backoff, to the millisecond", "[retry][policy]") {
  // Seed 42's first retry waits 414 ms under the standard backoff.
  const auto policy = retry_policy::starting_at(standard_limits(), t0);
  random_source before{42};
  CHECK(policy.decide(attempt_outcome::http(500), 1, policy.deadline() - 415ms, before).action ==
        retry_action::retry_after_delay);
  random_source after{42};
  CHECK(policy.decide(attempt_outcome::http(500), 1, policy.deadline() - 413ms, after).action ==
        retry_action::give_up_deadline);
}

TEST_CASE("a Retry-After beyond the deadline gives up rather than waiting", "[retry][policy]") {
  random_source rng{42};
  const auto d = retry_policy::starting_at(standard_limits(), t0)
                   .decide(attempt_outcome::http(429, 86'400'000ms), 1, t0, rng);
  CHECK(d.action == retry_action::give_up_deadline);
  CHECK(d.reason == retry_reason::http_too_many_requests);
}

TEST_CASE("a policy built with an explicit deadline uses it", "[retry][policy]") {
  const auto policy = retry_policy::with_deadline(one_ms_backoff(600'000ms), t0 + 5s);
  CHECK(policy.deadline() == t0 + 5s);
  random_source rng{1};
  CHECK(policy.decide(attempt_outcome::http(503, 5001ms), 1, t0, rng).action ==
        retry_action::give_up_deadline);
  CHECK(policy.decide(attempt_outcome::http(503, 4999ms), 1, t0, rng).action ==
        retry_action::retry_after_delay);
}

TEST_CASE("a retry needs a budget token, an empty budget gives up", "[retry][policy]") {
  const auto policy = retry_policy::starting_at(standard_limits(), t0);
  retry_budget budget{retry_budget_config{0, 0, 1}, t0}; // one token, never refilled
  random_source rng{42};
  const auto first = policy.decide(attempt_outcome::http(503), 1, t0, rng, budget);
  CHECK(first.action == retry_action::retry_after_delay);
  CHECK(budget.withdrawals() == 1);
  const auto second = policy.decide(attempt_outcome::http(503), 2, t0, rng, budget);
  CHECK(second.action == retry_action::give_up_budget);
  CHECK(second.reason == retry_reason::http_server_error);
  CHECK(budget.refusals() == 1);
}

TEST_CASE("decisions that are not retries take no budget token", "[retry][policy]") {
  const auto policy = retry_policy::starting_at(one_ms_backoff(60'000ms), t0);
  retry_budget budget{retry_budget_config{0, 0, 1}, t0};
  random_source rng{42};
  (void)policy.decide(attempt_outcome::http(200), 1, t0, rng, budget);
  (void)policy.decide(attempt_outcome::http(404), 1, t0, rng, budget);
  (void)policy.decide(attempt_outcome::failed(k::shutdown), 1, t0, rng, budget);
  (void)policy.decide(attempt_outcome::http(503), 4, t0, rng, budget);            // exhausted
  (void)policy.decide(attempt_outcome::http(503, 61'000ms), 1, t0, rng, budget);  // deadline
  CHECK(budget.withdrawals() == 0);
  CHECK(budget.refusals() == 0);
  CHECK(budget.balance_milli(t0) == 1000);
}

TEST_CASE("retry limits check", "[retry][policy]") {
  CHECK_FALSE(check(standard_limits()).has_value());
  retry_limits limits = standard_limits();
  limits.max_attempts = 0;
  CHECK(check(limits) == config_error::max_attempts_below_one);
  limits.max_attempts = 1;
  CHECK_FALSE(check(limits).has_value());
  limits.overall_timeout = 0ms;
  CHECK(check(limits) == config_error::overall_timeout_not_positive);
  limits.overall_timeout = 1ms;
  limits.backoff.multiplier = 0.5;
  CHECK(check(limits) == config_error::multiplier_below_one);
}

TEST_CASE("every retry action has a name", "[retry][policy]") {
  CHECK(to_string(retry_action::give_up_deadline) == "give_up_deadline");
  for (int i = 0; i <= static_cast<int>(retry_action::pass_on_shutdown); ++i)
    CHECK(to_string(static_cast<retry_action>(i)) != "unknown");
}
