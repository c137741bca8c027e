#include "runtime/retry/retry_policy.hpp"

#include <algorithm>

namespace courtside::retry {

std::optional<config_error> check(const retry_limits& limits) {
  if (limits.max_attempts < 1) return config_error::max_attempts_below_one;
  if (limits.overall_timeout.count() <= 0) return config_error::overall_timeout_not_positive;
  return check(limits.backoff);
}

retry_policy retry_policy::starting_at(const retry_limits& limits, time_point first_call_start) {
  return retry_policy{limits, first_call_start + limits.overall_timeout};
}

retry_policy retry_policy::with_deadline(const retry_limits& limits, time_point deadline) {
  return retry_policy{limits, deadline};
}

retry_decision retry_policy::decide(const attempt_outcome& outcome, int attempt, time_point now,
                                    random_source& rng) const {
  return decide_impl(outcome, attempt, now, rng, nullptr);
}

retry_decision retry_policy::decide(const attempt_outcome& outcome, int attempt, time_point now,
                                    random_source& rng, retry_budget& budget) const {
  return decide_impl(outcome, attempt, now, rng, &budget);
}

retry_decision retry_policy::decide_impl(const attempt_outcome& outcome, int attempt,
                                         time_point now, random_source& rng,
                                         retry_budget* budget) const {
  const outcome_class c = classify_outcome(outcome);
  switch (c.what) {
    case verdict::success: return {retry_action::succeed, c.why, std::nullopt};
    case verdict::no_data_yet: return {retry_action::no_data_yet, c.why, outcome.retry_after};
    case verdict::permanent: return {retry_action::give_up_permanent, c.why, std::nullopt};
    case verdict::quarantine: return {retry_action::quarantine, c.why, std::nullopt};
    case verdict::pass_on: return {retry_action::pass_on_shutdown, c.why, std::nullopt};
    case verdict::retriable: break;
  }
  if (attempt >= limits_.max_attempts)
    return {retry_action::give_up_exhausted, c.why, std::nullopt};
  // Retry-After is a floor, never a ceiling: the backoff still spreads clients that were all
  // told "come back in 1 s", and we never come back earlier than the upstream asked.
  const milliseconds backoff = backoff_delay(limits_.backoff, attempt, rng);
  const milliseconds delay = std::max(backoff, outcome.retry_after.value_or(milliseconds{0}));
  if (now + delay > deadline_) return {retry_action::give_up_deadline, c.why, delay};
  // The budget is consulted last so a retry refused for other reasons costs no token.
  if (budget != nullptr && budget->try_withdraw(now) == budget_verdict::exhausted)
    return {retry_action::give_up_budget, c.why, delay};
  return {retry_action::retry_after_delay, c.why, delay};
}

std::string_view to_string(retry_action action) {
  switch (action) {
    case retry_action::succeed: return "succeed";
    case retry_action::no_data_yet: return "no_data_yet";
    case retry_action::retry_after_delay: return "retry_after_delay";
    case retry_action::give_up_permanent: return "give_up_permanent";
    case retry_action::give_up_exhausted: return "give_up_exhausted";
    case retry_action::give_up_deadline: return "give_up_deadline";
    case retry_action::give_up_budget: return "give_up_budget";
    case retry_action::quarantine: return "quarantine";
    case retry_action::pass_on_shutdown: return "pass_on_shutdown";
  }
  return "unknown";
}

} // namespace courtside::retry
