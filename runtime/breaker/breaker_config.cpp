#include "runtime/breaker/breaker_config.hpp"

namespace courtside::breaker {

std::string_view to_string(breaker_config_error e) {
  switch (e) {
  case breaker_config_error::consecutive_failures_negative: return "consecutive_failures_negative";
  case breaker_config_error::failure_rate_out_of_range: return "failure_rate_out_of_range";
  case breaker_config_error::window_size_negative: return "window_size_negative";
  case breaker_config_error::minimum_calls_out_of_range: return "minimum_calls_out_of_range";
  case breaker_config_error::slow_call_threshold_negative: return "slow_call_threshold_negative";
  case breaker_config_error::open_base_not_positive: return "open_base_not_positive";
  case breaker_config_error::open_max_below_base: return "open_max_below_base";
  case breaker_config_error::open_multiplier_below_one: return "open_multiplier_below_one";
  case breaker_config_error::jitter_out_of_range: return "jitter_out_of_range";
  case breaker_config_error::probes_below_one: return "probes_below_one";
  case breaker_config_error::probe_timeout_not_positive: return "probe_timeout_not_positive";
  case breaker_config_error::stable_after_negative: return "stable_after_negative";
  }
  return "unknown";
}

std::optional<breaker_config_error> check(const breaker_config& c) {
  using e = breaker_config_error;
  if (c.consecutive_failures < 0) return e::consecutive_failures_negative;
  // Comparisons written so that NaN fails them.
  if (!(c.failure_rate > 0.0 && c.failure_rate <= 1.0)) return e::failure_rate_out_of_range;
  if (c.window_size < 0) return e::window_size_negative;
  if (c.window_size > 0 && (c.minimum_calls < 1 || c.minimum_calls > c.window_size))
    return e::minimum_calls_out_of_range;
  if (c.slow_call_threshold.count() < 0) return e::slow_call_threshold_negative;
  if (c.open_base.count() <= 0) return e::open_base_not_positive;
  if (c.open_max < c.open_base) return e::open_max_below_base;
  if (!(c.open_multiplier >= 1.0)) return e::open_multiplier_below_one;
  if (!(c.jitter >= 0.0 && c.jitter < 1.0)) return e::jitter_out_of_range;
  if (c.probes < 1) return e::probes_below_one;
  if (c.probe_timeout.count() <= 0) return e::probe_timeout_not_positive;
  if (c.stable_after.count() < 0) return e::stable_after_negative;
  return std::nullopt;
}

} // namespace courtside::breaker
