#include "runtime/retry/backoff.hpp"

#include <cstdint>

namespace courtside::retry {

std::optional<config_error> check(const backoff_config& config) {
  if (config.base.count() <= 0) return config_error::base_not_positive;
  if (config.max < config.base) return config_error::max_below_base;
  // Written so that NaN fails too.
  if (!(config.multiplier >= 1.0)) return config_error::multiplier_below_one;
  return std::nullopt;
}

milliseconds backoff_cap(const backoff_config& config, int retry_number) {
  const int64_t max_ms = config.max.count();
  if (max_ms <= 0 || config.base.count() <= 0) return milliseconds{0};
  // Repeated multiplication instead of std::pow: IEEE multiplication is exactly reproducible
  // everywhere, libm's pow is not guaranteed to be. Stopping at max bounds the loop, and a
  // multiplier <= 1 (rejected by check) simply means "no growth".
  double growth = static_cast<double>(config.base.count());
  const bool grows = config.multiplier > 1.0;
  for (int n = 1; grows && n < retry_number && growth < static_cast<double>(max_ms); ++n)
    growth *= config.multiplier;
  if (growth >= static_cast<double>(max_ms)) return milliseconds{max_ms};
  return milliseconds{static_cast<int64_t>(growth)};
}

milliseconds backoff_delay(const backoff_config& config, int retry_number, random_source& rng) {
  const int64_t cap = backoff_cap(config, retry_number).count();
  if (cap <= 0) return milliseconds{0};
  return milliseconds{1 + static_cast<int64_t>(rng.below(static_cast<uint64_t>(cap)))};
}

} // namespace courtside::retry
