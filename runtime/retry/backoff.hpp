#pragma once
// Exponential backoff with FULL jitter ("Exponential Backoff And Jitter", AWS architecture
// blog, 2015): spreading each delay over the whole (0, cap] window de-synchronises clients
// that failed together better than "cap ± 10 %" does, so a recovering upstream is not hit
// by a thundering herd.
//
// Exact formula (all arithmetic in whole milliseconds, so tests can pin sequences):
//
//   retry number n  (n = 1 for the first retry, i.e. after the first call failed; n < 1 acts as 1)
//   growth_n = base_ms * multiplier^(n-1)         computed by repeated double multiplication,
//                                                 stopping as soon as it reaches max_ms
//   cap_n    = min(max_ms, floor(growth_n))
//   delay_n  = 1 + rng.below(cap_n)   milliseconds, i.e. uniform over [1, cap_n] = (0, cap_n]
//   (cap_n == 0, only possible with an unchecked config, gives delay 0 and draws nothing)
//
// Each delay() call draws exactly one value from the random_source (rng.next() once).
// Pure: no clock, no I/O, no CAF.
#include "runtime/random.hpp"
#include "runtime/retry/config_error.hpp"

#include <chrono>
#include <optional>

namespace courtside::retry {

using milliseconds = std::chrono::milliseconds;

struct backoff_config {
  milliseconds base{500};   ///< cap of the first retry's delay
  milliseconds max{30'000}; ///< no delay ever exceeds this
  double multiplier = 2.0;  ///< cap growth per retry
};

/// std::nullopt when the config is usable; otherwise the first problem found.
[[nodiscard]] std::optional<config_error> check(const backoff_config& config);

/// The upper bound of retry n's delay: min(max, base * multiplier^(n-1)), floored to ms.
[[nodiscard]] milliseconds backoff_cap(const backoff_config& config, int retry_number);

/// A jittered delay for retry n, uniform over (0, cap_n] at millisecond granularity.
[[nodiscard]] milliseconds backoff_delay(const backoff_config& config, int retry_number,
                                         random_source& rng);

} // namespace courtside::retry
