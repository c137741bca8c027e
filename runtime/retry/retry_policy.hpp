#pragma once
// "Should this request be tried again, and when?" — the pure decision an HTTP-calling actor
// asks after every try; the actor only carries the answer out (DESIGN.md style rule 2).
//
// One retry_policy per logical request (a cheap value): it holds the limits and the overall
// deadline that spans every try. decide() is const and deterministic given its arguments:
//
//   classify_outcome(outcome)                   (classify.hpp)
//     success      → succeed                    no_data_yet → no_data_yet (+ Retry-After hint)
//     permanent    → give_up_permanent          quarantine  → quarantine
//     pass_on      → pass_on_shutdown           retriable   → ↓
//   attempt >= max_attempts                     → give_up_exhausted  (no random draw)
//   delay = max(backoff_delay(attempt), Retry-After)   (one draw; never earlier than asked)
//   now + delay > deadline                      → give_up_deadline   (landing ON it is allowed)
//   budget given and empty                      → give_up_budget     (token only taken here)
//   otherwise                                   → retry_after_delay, delay
//
// `attempt` counts the call that just finished, the first call being 1: with max_attempts = 4
// there is 1 call + 3 retries, and the 4th failure gives up exhausted. The retry after call n
// uses backoff retry number n.
#include "runtime/random.hpp"
#include "runtime/retry/backoff.hpp"
#include "runtime/retry/classify.hpp"
#include "runtime/retry/config_error.hpp"
#include "runtime/retry/retry_budget.hpp"
#include "runtime/time/clock.hpp"

#include <optional>
#include <string_view>

namespace courtside::retry {

enum class retry_action {
  succeed,           ///< use the response
  no_data_yet,       ///< nothing final upstream yet: not a failure, poll again on schedule
  retry_after_delay, ///< call again after `delay`
  give_up_permanent, ///< this request cannot succeed as sent (4xx, TLS, protocol, too large)
  give_up_exhausted, ///< max_attempts calls made, all failed transiently
  give_up_deadline,  ///< the next retry would start after the overall deadline
  give_up_budget,    ///< the source's retry budget is empty (it is failing for everyone)
  quarantine,        ///< bad payload: store it for inspection, never retry
  pass_on_shutdown,  ///< cancelled or shutting down: stop quietly, never retry, never alert
};

struct retry_decision {
  retry_action action;
  retry_reason reason;               ///< what the last try ran into (classify.hpp)
  std::optional<milliseconds> delay; ///< retry_after_delay: the wait; give_up_deadline and
                                     ///< give_up_budget: the wait that was refused;
                                     ///< no_data_yet: the upstream's Retry-After, if any
};

struct retry_limits {
  int max_attempts = 4;                ///< calls in total, the first one included
  milliseconds overall_timeout{60'000}; ///< from the first call's start; no retry starts later
  backoff_config backoff{};
};

[[nodiscard]] std::optional<config_error> check(const retry_limits& limits);

class retry_policy {
public:
  /// The usual start: deadline = first_call_start + limits.overall_timeout.
  [[nodiscard]] static retry_policy starting_at(const retry_limits& limits,
                                                time_point first_call_start);
  /// When the deadline comes from elsewhere (a work item's lease, a caller's own deadline).
  [[nodiscard]] static retry_policy with_deadline(const retry_limits& limits,
                                                  time_point deadline);

  [[nodiscard]] retry_decision decide(const attempt_outcome& outcome, int attempt,
                                      time_point now, random_source& rng) const;
  /// As above, and a retry also needs a token from the source's budget.
  [[nodiscard]] retry_decision decide(const attempt_outcome& outcome, int attempt,
                                      time_point now, random_source& rng,
                                      retry_budget& budget) const;

  [[nodiscard]] time_point deadline() const { return deadline_; }
  [[nodiscard]] const retry_limits& limits() const { return limits_; }

private:
  retry_policy(const retry_limits& limits, time_point deadline)
    : limits_(limits), deadline_(deadline) {}

  retry_decision decide_impl(const attempt_outcome& outcome, int attempt, time_point now,
                             random_source& rng, retry_budget* budget) const;

  retry_limits limits_;
  time_point deadline_;
};

[[nodiscard]] std::string_view to_string(retry_action action);

} // namespace courtside::retry
