#include "runtime/alerting/routing.hpp"

#include <algorithm>
#include <limits>

namespace courtside::alerting {

std::vector<std::string> route_targets(const std::vector<route>& routes, severity level,
                                       std::string_view except) {
  std::vector<std::string> out;
  for (const auto& r : routes) {
    if (level < r.min_level || level > r.max_level) continue;
    if (!except.empty() && r.notifier == except) continue;
    if (std::find(out.begin(), out.end(), r.notifier) == out.end()) out.push_back(r.notifier);
  }
  return out;
}

retry::rate_limit_config flood_limit(std::chrono::milliseconds min_interval) {
  retry::rate_limit_config c;
  c.burst = 1;
  const auto ms = min_interval.count();
  if (ms <= 0) {
    c.requests_per_minute = std::numeric_limits<int>::max();
    return c;
  }
  // Floor division: 60000/7000 = 8 per minute = one per 7.5 s, slower than asked, never faster.
  c.requests_per_minute = static_cast<int>(std::max<std::int64_t>(1, 60'000 / ms));
  return c;
}

} // namespace courtside::alerting
