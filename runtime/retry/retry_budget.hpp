#pragma once
// A per-source retry budget, so a failing upstream cannot multiply our load on it
// (Finagle's RetryBudget, Envoy's retry_budget, Redpanda's retry chains share the idea).
//
// Model — a token bucket counted in milli-tokens (integers, so tests are exact):
//   - every FIRST attempt deposits retry_percent % of a token (20 % → 200 milli-tokens);
//   - time refills min_retries_per_second tokens per second (1 token/s = 1 milli-token per
//     whole millisecond elapsed), so a source that sees few requests can still retry;
//   - every RETRY withdraws one whole token (1000 milli-tokens); with less than that in the
//     bucket the retry is refused and retry_policy answers give_up_budget;
//   - the balance never exceeds max_balance tokens (a quiet hour must not bank a retry storm),
//     and a new budget starts full.
// Over any window, therefore: retries <= max_balance + retry_percent % of first attempts
//                                       + min_retries_per_second * seconds elapsed.
//
// One budget per upstream source, shared by all of that source's requests. Pure: `now` is
// passed in; time running backwards refills nothing.
#include "runtime/retry/config_error.hpp"
#include "runtime/time/clock.hpp"

#include <cstdint>
#include <optional>

namespace courtside::retry {

struct retry_budget_config {
  int retry_percent = 20;         ///< share of first attempts that may be retried, 0..100
  int min_retries_per_second = 1; ///< time refill in whole tokens per second, >= 0
  int max_balance = 10;           ///< bucket size in tokens, also the starting balance, >= 1
};

[[nodiscard]] std::optional<config_error> check(const retry_budget_config& config);

enum class budget_verdict {
  granted,   ///< one token withdrawn; the retry may go ahead
  exhausted, ///< less than one token left; the retry must not be made
};

class retry_budget {
public:
  static constexpr int64_t milli_per_token = 1000;

  retry_budget(const retry_budget_config& config, time_point now);

  /// Call once per first attempt (not per retry).
  void deposit(time_point now);

  /// Call once per intended retry; takes a token when there is one.
  [[nodiscard]] budget_verdict try_withdraw(time_point now);

  /// Current balance in milli-tokens, refilled up to `now` (does not change the budget).
  [[nodiscard]] int64_t balance_milli(time_point now) const;

  // Counters for metrics.
  [[nodiscard]] uint64_t deposits() const { return deposits_; }
  [[nodiscard]] uint64_t withdrawals() const { return withdrawals_; }
  [[nodiscard]] uint64_t refusals() const { return refusals_; }

private:
  void refill(time_point now);

  retry_budget_config config_;
  int64_t balance_milli_;
  time_point refilled_until_; ///< advanced in whole milliseconds, so no fraction is ever lost
  uint64_t deposits_ = 0;
  uint64_t withdrawals_ = 0;
  uint64_t refusals_ = 0;
};

[[nodiscard]] std::string_view to_string(budget_verdict v);

} // namespace courtside::retry
