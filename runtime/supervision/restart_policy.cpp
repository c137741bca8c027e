#include "runtime/supervision/restart_policy.hpp"

#include <algorithm>
#include <cmath>

namespace courtside {

const char* to_string(restart_action a) {
  switch (a) {
    case restart_action::restart: return "restart";
    case restart_action::escalate: return "escalate";
    case restart_action::none_normal: return "none_normal";
    case restart_action::none_temporary: return "none_temporary";
  }
  return "?";
}

const char* to_string(restart_type t) {
  switch (t) {
    case restart_type::permanent: return "permanent";
    case restart_type::transient: return "transient";
    case restart_type::temporary: return "temporary";
  }
  return "?";
}

const char* to_string(restart_strategy s) {
  switch (s) {
    case restart_strategy::one_for_one: return "one_for_one";
    case restart_strategy::rest_for_one: return "rest_for_one";
    case restart_strategy::one_for_all: return "one_for_all";
  }
  return "?";
}

milliseconds restart_backoff::delay(uint32_t consecutive, random_source& rng) const {
  const double max_ms = static_cast<double>(opts_.max.count());
  // Clamp the exponent's result before jitter so huge n cannot overflow to inf.
  double base = static_cast<double>(opts_.min.count()) * std::pow(opts_.multiplier, consecutive);
  base = std::min(base, max_ms);
  double factor = 1.0 + opts_.jitter * (2.0 * rng.uniform01() - 1.0);
  double jittered = std::clamp(base * factor, 0.0, max_ms);
  return milliseconds{static_cast<int64_t>(std::llround(jittered))};
}

restart_tracker::restart_tracker(size_t children, backoff_options backoff,
                                 restart_intensity intensity, milliseconds stable_period,
                                 uint64_t seed)
  : children_(children), backoff_(backoff), intensity_(intensity),
    stable_period_(stable_period), rng_(seed) {}

void restart_tracker::started(size_t index, time_point now) {
  children_.at(index).last_start = now;
}

restart_decision restart_tracker::decide(size_t index, restart_type type, exit_kind kind,
                                         time_point now) {
  auto& child = children_.at(index);
  if (type == restart_type::temporary)
    return {restart_action::none_temporary, milliseconds{0}, child.consecutive};
  if (type == restart_type::transient && kind != exit_kind::abnormal)
    return {restart_action::none_normal, milliseconds{0}, child.consecutive};
  // A child that stayed up for the stable period starts its backoff from the beginning.
  if (now - child.last_start >= stable_period_)
    child.consecutive = 0;
  while (!recent_restarts_.empty() && now - recent_restarts_.front() >= intensity_.window)
    recent_restarts_.pop_front();
  if (recent_restarts_.size() >= intensity_.max_restarts)
    return {restart_action::escalate, milliseconds{0}, child.consecutive};
  recent_restarts_.push_back(now);
  auto delay = backoff_.delay(child.consecutive, rng_);
  ++child.consecutive;
  ++child.total;
  return {restart_action::restart, delay, child.consecutive};
}

} // namespace courtside
