#pragma once
// The one error enum of runtime/retry: what can be wrong with a policy's configuration.
// Config is validated once, at load time (style rule 9); the policies themselves never fail at
// run time, they only decide.
#include <string_view>

namespace courtside::retry {

enum class config_error {
  base_not_positive,            ///< backoff base delay is zero or negative
  max_below_base,               ///< backoff max delay is smaller than the base delay
  multiplier_below_one,         ///< backoff multiplier < 1 (or NaN) would shrink delays
  max_attempts_below_one,       ///< retry limits allow no call at all
  overall_timeout_not_positive, ///< the deadline spanning all tries is zero or negative
  retry_percent_out_of_range,   ///< retry budget percentage outside 0..100
  min_per_second_negative,      ///< retry budget time refill is negative
  max_balance_not_positive,     ///< retry budget could never hold one whole token
  rate_not_positive,            ///< rate limiter allows zero requests per minute
  burst_not_positive,           ///< rate limiter burst is zero or negative
  max_in_flight_not_positive,   ///< concurrency limiter admits nobody
};

/// Stable snake_case name of the error, for config error messages and logs.
[[nodiscard]] std::string_view to_string(config_error e);

} // namespace courtside::retry
