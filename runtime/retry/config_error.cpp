#include "runtime/retry/config_error.hpp"

namespace courtside::retry {

std::string_view to_string(config_error e) {
  switch (e) {
    case config_error::base_not_positive: return "base_not_positive";
    case config_error::max_below_base: return "max_below_base";
    case config_error::multiplier_below_one: return "multiplier_below_one";
    case config_error::max_attempts_below_one: return "max_attempts_below_one";
    case config_error::overall_timeout_not_positive: return "overall_timeout_not_positive";
    case config_error::retry_percent_out_of_range: return "retry_percent_out_of_range";
    case config_error::min_per_second_negative: return "min_per_second_negative";
    case config_error::max_balance_not_positive: return "max_balance_not_positive";
    case config_error::rate_not_positive: return "rate_not_positive";
    case config_error::burst_not_positive: return "burst_not_positive";
    case config_error::max_in_flight_not_positive: return "max_in_flight_not_positive";
  }
  return "unknown";
}

} // namespace courtside::retry
