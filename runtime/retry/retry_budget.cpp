#include "runtime/retry/retry_budget.hpp"

#include <algorithm>
#include <chrono>

namespace courtside::retry {
namespace {

int64_t capacity_milli(const retry_budget_config& config) {
  return static_cast<int64_t>(std::max(config.max_balance, 0)) * retry_budget::milli_per_token;
}

} // namespace

std::optional<config_error> check(const retry_budget_config& config) {
  if (config.retry_percent < 0 || config.retry_percent > 100)
    return config_error::retry_percent_out_of_range;
  if (config.min_retries_per_second < 0) return config_error::min_per_second_negative;
  if (config.max_balance < 1) return config_error::max_balance_not_positive;
  return std::nullopt;
}

retry_budget::retry_budget(const retry_budget_config& config, time_point now)
  : config_(config), balance_milli_(capacity_milli(config)), refilled_until_(now) {}

int64_t retry_budget::balance_milli(time_point now) const {
  retry_budget copy = *this;
  copy.refill(now);
  return copy.balance_milli_;
}

void retry_budget::refill(time_point now) {
  if (now <= refilled_until_) return;
  const int64_t capacity = capacity_milli(config_);
  const int64_t rate = std::max(config_.min_retries_per_second, 0); // milli-tokens per ms
  const auto whole_ms =
    std::chrono::duration_cast<std::chrono::milliseconds>(now - refilled_until_).count();
  refilled_until_ += std::chrono::milliseconds{whole_ms};
  if (rate == 0 || balance_milli_ >= capacity) return;
  // Bounding the elapsed time first keeps rate * ms far from overflow after long idle spells.
  const int64_t needed_ms = (capacity - balance_milli_ + rate - 1) / rate;
  balance_milli_ = std::min(capacity, balance_milli_ + rate * std::min(whole_ms, needed_ms));
}

void retry_budget::deposit(time_point now) {
  refill(now);
  ++deposits_;
  const int64_t amount = static_cast<int64_t>(std::clamp(config_.retry_percent, 0, 100)) *
                         milli_per_token / 100;
  balance_milli_ = std::min(capacity_milli(config_), balance_milli_ + amount);
}

budget_verdict retry_budget::try_withdraw(time_point now) {
  refill(now);
  if (balance_milli_ < milli_per_token) {
    ++refusals_;
    return budget_verdict::exhausted;
  }
  balance_milli_ -= milli_per_token;
  ++withdrawals_;
  return budget_verdict::granted;
}

std::string_view to_string(budget_verdict v) {
  switch (v) {
    case budget_verdict::granted: return "granted";
    case budget_verdict::exhausted: return "exhausted";
  }
  return "unknown";
}

} // namespace courtside::retry
