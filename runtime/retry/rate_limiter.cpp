#include "runtime/retry/rate_limiter.hpp"

#include <algorithm>
#include <chrono>

namespace courtside::retry {

std::optional<config_error> check(const rate_limit_config& config) {
  if (config.requests_per_minute < 1) return config_error::rate_not_positive;
  if (config.burst < 1) return config_error::burst_not_positive;
  return std::nullopt;
}

// Unchecked configs are clamped to the nearest sane value instead of dividing by zero.
rate_limiter::rate_limiter(const rate_limit_config& config)
  : interval_(duration{std::chrono::minutes{1}} / std::max(config.requests_per_minute, 1)),
    tolerance_(interval_ * (std::max(config.burst, 1) - 1)) {}

rate_decision rate_limiter::acquire(time_point now) {
  const time_point tat = std::max(tat_, now);
  if (tat - now > tolerance_) {
    ++throttled_;
    return {rate_verdict::wait, tat - tolerance_};
  }
  tat_ = tat + interval_;
  ++granted_;
  return {rate_verdict::granted, now};
}

std::optional<config_error> check(const concurrency_config& config) {
  if (config.max_in_flight < 1) return config_error::max_in_flight_not_positive;
  return std::nullopt;
}

concurrency_limiter::concurrency_limiter(const concurrency_config& config)
  : max_in_flight_(std::max(config.max_in_flight, 1)) {}

admission concurrency_limiter::try_acquire() {
  if (in_flight_ >= max_in_flight_) {
    ++rejected_;
    return admission::at_capacity;
  }
  ++in_flight_;
  ++admitted_;
  peak_in_flight_ = std::max(peak_in_flight_, in_flight_);
  return admission::admitted;
}

void concurrency_limiter::release() {
  if (in_flight_ == 0) {
    ++unbalanced_releases_;
    return;
  }
  --in_flight_;
}

std::string_view to_string(rate_verdict v) {
  switch (v) {
    case rate_verdict::granted: return "granted";
    case rate_verdict::wait: return "wait";
  }
  return "unknown";
}

std::string_view to_string(admission a) {
  switch (a) {
    case admission::admitted: return "admitted";
    case admission::at_capacity: return "at_capacity";
  }
  return "unknown";
}

} // namespace courtside::retry
