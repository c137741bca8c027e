// Spec for runtime/retry/retry_budget.hpp: deposits, withdrawals, time refill, cap.
#include "runtime/retry/retry_budget.hpp"

#include <catch2/catch.hpp>

using namespace courtside;
using namespace courtside::retry;
using namespace std::chrono_literals;

namespace {

const time_point t0 = time_point{} + 1000s;

void drain(retry_budget& budget, time_point now) {
  while (budget.try_withdraw(now) == budget_verdict::granted) {
  }
}

} // namespace

TEST_CASE("a new budget starts full and allows max_balance retries at once", "[retry][budget]") {
  retry_budget budget{retry_budget_config{20, 1, 3}, t0};
  CHECK(budget.balance_milli(t0) == 3000);
  CHECK(budget.try_withdraw(t0) == budget_verdict::granted);
  CHECK(budget.try_withdraw(t0) == budget_verdict::granted);
  CHECK(budget.try_withdraw(t0) == budget_verdict::granted);
  CHECK(budget.try_withdraw(t0) == budget_verdict::exhausted);
  CHECK(budget.withdrawals() == 3);
  CHECK(budget.refusals() == 1);
}

TEST_CASE("an empty budget refills one token per second: 999 ms is too early, 1000 ms is not",
          "[retry][budget]") {
  retry_budget budget{retry_budget_config{0, 1, 5}, t0};
  drain(budget, t0);
  CHECK(budget.balance_milli(t0 + 999ms) == 999);
  CHECK(budget.try_withdraw(t0 + 999ms) == budget_verdict::exhausted);
  CHECK(budget.try_withdraw(t0 + 1000ms) == budget_verdict::granted);
  CHECK(budget.balance_milli(t0 + 1000ms) == 0);
}

TEST_CASE("a faster time refill: 4 per second gives a token every 250 ms", "[retry][budget]") {
  retry_budget budget{retry_budget_config{0, 4, 5}, t0};
  drain(budget, t0);
  CHECK(budget.try_withdraw(t0 + 249ms) == budget_verdict::exhausted);
  CHECK(budget.try_withdraw(t0 + 250ms) == budget_verdict::granted);
}

TEST_CASE("no time refill: only deposits earn retries, 5 first attempts per retry at 20 %",
          "[retry][budget]") {
  retry_budget budget{retry_budget_config{20, 0, 10}, t0};
  drain(budget, t0);
  for (int i = 0; i < 4; ++i) budget.deposit(t0 + 1h);
  CHECK(budget.balance_milli(t0 + 1h) == 800);
  CHECK(budget.try_withdraw(t0 + 1h) == budget_verdict::exhausted);
  budget.deposit(t0 + 1h);
  CHECK(budget.try_withdraw(t0 + 1h) == budget_verdict::granted);
  CHECK(budget.deposits() == 5);
}

TEST_CASE("retries are held to the configured share of requests", "[retry][budget]") {
  retry_budget budget{retry_budget_config{20, 0, 100}, t0};
  drain(budget, t0);
  int retries = 0;
  for (int request = 0; request < 1000; ++request) {
    budget.deposit(t0);
    // A failing upstream: every request wants to retry three times.
    for (int r = 0; r < 3; ++r)
      if (budget.try_withdraw(t0) == budget_verdict::granted) ++retries;
  }
  CHECK(retries == 200);
}

TEST_CASE("the balance never exceeds max_balance, however long the quiet spell",
          "[retry][budget]") {
  retry_budget budget{retry_budget_config{100, 10, 2}, t0};
  budget.deposit(t0);
  CHECK(budget.balance_milli(t0) == 2000);
  drain(budget, t0);
  const time_point year_later = t0 + std::chrono::hours{24 * 365};
  CHECK(budget.balance_milli(year_later) == 2000);
  CHECK(budget.try_withdraw(year_later) == budget_verdict::granted);
  CHECK(budget.try_withdraw(year_later) == budget_verdict::granted);
  CHECK(budget.try_withdraw(year_later) == budget_verdict::exhausted);
}

TEST_CASE("a full bucket banks no time: the refill clock restarts when tokens are spent",
          "[retry][budget]") {
  retry_budget budget{retry_budget_config{0, 1, 1}, t0};
  CHECK(budget.try_withdraw(t0 + 10s) == budget_verdict::granted);
  CHECK(budget.try_withdraw(t0 + 10s + 999ms) == budget_verdict::exhausted);
  CHECK(budget.try_withdraw(t0 + 11s) == budget_verdict::granted);
}

TEST_CASE("frequent calls lose no fraction of the time refill", "[retry][budget]") {
  retry_budget budget{retry_budget_config{0, 1, 5}, t0};
  drain(budget, t0);
  for (auto t = t0; t <= t0 + 1000ms; t += 500us) budget.deposit(t); // deposit refills first
  CHECK(budget.balance_milli(t0 + 1000ms) == 1000);
  CHECK(budget.try_withdraw(t0 + 1000ms) == budget_verdict::granted);
}

TEST_CASE("time running backwards refills nothing", "[retry][budget]") {
  retry_budget budget{retry_budget_config{0, 1, 5}, t0};
  drain(budget, t0);
  CHECK(budget.try_withdraw(t0 - 10s) == budget_verdict::exhausted);
  CHECK(budget.balance_milli(t0 - 10s) == 0);
  CHECK(budget.balance_milli(t0 + 1s) == 1000);
}

TEST_CASE("retry budget config check", "[retry][budget]") {
  CHECK_FALSE(check(retry_budget_config{}).has_value());
  CHECK(check(retry_budget_config{-1, 1, 1}) == config_error::retry_percent_out_of_range);
  CHECK_FALSE(check(retry_budget_config{0, 1, 1}).has_value());
  CHECK_FALSE(check(retry_budget_config{100, 1, 1}).has_value());
  CHECK(check(retry_budget_config{101, 1, 1}) == config_error::retry_percent_out_of_range);
  CHECK(check(retry_budget_config{20, -1, 1}) == config_error::min_per_second_negative);
  CHECK_FALSE(check(retry_budget_config{20, 0, 1}).has_value());
  CHECK(check(retry_budget_config{20, 1, 0}) == config_error::max_balance_not_positive);
  CHECK(to_string(budget_verdict::exhausted) == "exhausted");
}
