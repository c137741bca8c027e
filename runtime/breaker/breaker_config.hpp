#pragma once
// The knobs of one circuit breaker (see breaker_state.hpp for what they do), with defaults
// beside their fields, and the check that runs once at config load (style rule 9).
#include <chrono>
#include <optional>
#include <string_view>

namespace courtside::breaker {

using milliseconds = std::chrono::milliseconds;

struct breaker_config {
  int consecutive_failures = 5;          ///< N: trip on the Nth failure in a row; 0 = rule off
  double failure_rate = 0.5;             ///< R in (0, 1]: trip when failures / calls >= R ...
  int window_size = 20;                  ///< W: ... over the last W calls; 0 = rule off
  int minimum_calls = 10;                ///< M in 1..W: no rate verdict on fewer calls
  milliseconds slow_call_threshold{10'000}; ///< a success taking >= this is a failure; 0 = off
  milliseconds open_base{30'000};        ///< open time of the first trip
  double open_multiplier = 2.0;          ///< open time grows by this on each re-trip ...
  milliseconds open_max{600'000};        ///< ... up to this cap (a hard ceiling, jitter included)
  double jitter = 0.1;                   ///< in [0, 1): open time is drawn from [t(1-jitter), t]
  int probes = 1;                        ///< K: calls let through in HALF_OPEN; K successes close
  milliseconds probe_timeout{30'000};    ///< a probe not reported by then counts as failed
  milliseconds stable_after{600'000};    ///< CLOSED this long: the next trip starts at base again
};

/// What can be wrong with a breaker_config: the one error enum of runtime/breaker.
enum class breaker_config_error {
  consecutive_failures_negative, ///< N < 0
  failure_rate_out_of_range,     ///< R not in (0, 1], or NaN
  window_size_negative,          ///< W < 0
  minimum_calls_out_of_range,    ///< rate rule on (W > 0) but M not in 1..W
  slow_call_threshold_negative,  ///< negative slow-call threshold
  open_base_not_positive,        ///< first open time zero or negative
  open_max_below_base,           ///< cap smaller than the first open time
  open_multiplier_below_one,     ///< open time would shrink on re-trips (or NaN)
  jitter_out_of_range,           ///< jitter not in [0, 1), or NaN
  probes_below_one,              ///< HALF_OPEN would let nothing through and stay stuck
  probe_timeout_not_positive,    ///< probes would time out before they start
  stable_after_negative,         ///< negative stable period
};

/// Stable snake_case name, for config error messages and logs.
[[nodiscard]] std::string_view to_string(breaker_config_error e);

/// std::nullopt when the config is usable; otherwise the first problem found.
[[nodiscard]] std::optional<breaker_config_error> check(const breaker_config& config);

} // namespace courtside::breaker
