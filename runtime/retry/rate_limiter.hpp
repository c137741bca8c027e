#pragma once
// Politeness towards an upstream: how often we may call it (rate_limiter) and how many calls
// may be open at once (concurrency_limiter). Both pure: `now` is passed in, nothing sleeps —
// a refused caller is told when to come back and schedules itself.
//
// rate_limiter is a token bucket of `burst` tokens refilled at requests_per_minute, written as
// GCRA (the "generic cell rate algorithm", ATM / RFC 2381 lineage): instead of a token count it
// keeps the theoretical arrival time `tat` of the next conforming request, which makes
// "when may I go?" an exact subtraction and needs no refill loop.
//
//   interval  = 1 min / requests_per_minute   (floored to the clock's tick, i.e. 1 ns)
//   tolerance = (burst - 1) * interval
//   acquire(now): tat' = max(tat, now)
//                 tat' - now >  tolerance  → wait until tat' - tolerance (nothing consumed)
//                 otherwise                → granted, tat = tat' + interval
//
// A fresh limiter grants `burst` requests at once, then one per interval.
#include "runtime/retry/config_error.hpp"
#include "runtime/time/clock.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace courtside::retry {

struct rate_limit_config {
  int requests_per_minute = 60; ///< sustained rate, >= 1
  int burst = 1;                ///< requests allowed back to back after a quiet spell, >= 1
};

[[nodiscard]] std::optional<config_error> check(const rate_limit_config& config);

enum class rate_verdict {
  granted, ///< go now; the request has been counted
  wait,    ///< not now; try again at wait_until (nothing was consumed)
};

struct rate_decision {
  rate_verdict verdict;
  time_point wait_until; ///< wait: the earliest instant acquire() grants; granted: now
};

class rate_limiter {
public:
  explicit rate_limiter(const rate_limit_config& config);

  [[nodiscard]] rate_decision acquire(time_point now);

  [[nodiscard]] duration interval() const { return interval_; }
  // Counters for metrics.
  [[nodiscard]] uint64_t granted() const { return granted_; }
  [[nodiscard]] uint64_t throttled() const { return throttled_; }

private:
  duration interval_;
  duration tolerance_;
  time_point tat_ = time_point::min(); ///< min: never used, so the full burst is available
  uint64_t granted_ = 0;
  uint64_t throttled_ = 0;
};

struct concurrency_config {
  int max_in_flight = 4; ///< calls open at once against one upstream, >= 1
};

[[nodiscard]] std::optional<config_error> check(const concurrency_config& config);

enum class admission {
  admitted,    ///< a slot is taken; release() it when the call ends, whatever the outcome
  at_capacity, ///< max_in_flight calls are open; queue the work or try later
};

/// Bounded concurrency with counts for metrics. A release() without a matching admission is a
/// caller bug; it is counted (unbalanced_releases) rather than allowed to corrupt the count.
class concurrency_limiter {
public:
  explicit concurrency_limiter(const concurrency_config& config);

  [[nodiscard]] admission try_acquire();
  void release();

  [[nodiscard]] int in_flight() const { return in_flight_; }
  [[nodiscard]] int max_in_flight() const { return max_in_flight_; }
  [[nodiscard]] int peak_in_flight() const { return peak_in_flight_; }
  [[nodiscard]] uint64_t admitted() const { return admitted_; }
  [[nodiscard]] uint64_t rejected() const { return rejected_; }
  [[nodiscard]] uint64_t unbalanced_releases() const { return unbalanced_releases_; }

private:
  int max_in_flight_;
  int in_flight_ = 0;
  int peak_in_flight_ = 0;
  uint64_t admitted_ = 0;
  uint64_t rejected_ = 0;
  uint64_t unbalanced_releases_ = 0;
};

[[nodiscard]] std::string_view to_string(rate_verdict v);
[[nodiscard]] std::string_view to_string(admission a);

} // namespace courtside::retry
