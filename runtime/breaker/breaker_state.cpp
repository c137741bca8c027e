#include "runtime/breaker/breaker_state.hpp"

#include "runtime/retry/backoff.hpp"

#include <algorithm>

namespace courtside::breaker {

std::string_view to_string(circuit_state s) {
  switch (s) {
  case circuit_state::closed: return "closed";
  case circuit_state::open: return "open";
  case circuit_state::half_open: return "half_open";
  }
  return "unknown";
}

std::string_view to_string(permit_decision d) {
  switch (d) {
  case permit_decision::allowed: return "allowed";
  case permit_decision::allowed_probe: return "allowed_probe";
  case permit_decision::rejected_open: return "rejected_open";
  case permit_decision::rejected_probe_limit: return "rejected_probe_limit";
  case permit_decision::rejected_forced: return "rejected_forced";
  }
  return "unknown";
}

std::string_view to_string(failure_kind k) {
  switch (k) {
  case failure_kind::error: return "error";
  case failure_kind::timeout: return "timeout";
  case failure_kind::slow: return "slow";
  case failure_kind::probe_timeout: return "probe_timeout";
  }
  return "unknown";
}

std::string_view to_string(transition_reason r) {
  switch (r) {
  case transition_reason::consecutive_failures: return "consecutive_failures";
  case transition_reason::failure_rate: return "failure_rate";
  case transition_reason::open_time_elapsed: return "open_time_elapsed";
  case transition_reason::probe_failed: return "probe_failed";
  case transition_reason::probe_timed_out: return "probe_timed_out";
  case transition_reason::probes_succeeded: return "probes_succeeded";
  case transition_reason::forced_open: return "forced_open";
  case transition_reason::closed_early: return "closed_early";
  }
  return "unknown";
}

breaker_snapshot shifted(breaker_snapshot s, duration delta) {
  s.opened_at += delta;
  s.open_until += delta;
  if (s.forced_until) *s.forced_until += delta;
  s.closed_since += delta;
  for (time_point& p : s.probe_deadlines) p += delta;
  return s;
}

breaker_state::breaker_state(breaker_config config, random_source& rng)
    : config_(config), rng_(&rng) {}

time_point breaker_state::reopen_at() const {
  return forced_until_ ? std::max(open_until_, *forced_until_) : open_until_;
}

void breaker_state::advance(time_point now) {
  if (state_ == circuit_state::open && now >= reopen_at()) {
    transitions_.push_back(transition{state_, circuit_state::half_open, now,
                                      transition_reason::open_time_elapsed, std::nullopt, {},
                                      trip_count_});
    state_ = circuit_state::half_open;
    forced_until_.reset(); // it has been honoured
    reset_counts();
  }
  if (state_ == circuit_state::half_open && !probe_deadlines_.empty() &&
      now >= probe_deadlines_.front())
    trip(now, transition_reason::probe_timed_out, failure_kind::probe_timeout);
}

std::optional<time_point> breaker_state::next_deadline() const {
  if (state_ == circuit_state::open) return reopen_at();
  if (state_ == circuit_state::half_open && !probe_deadlines_.empty())
    return probe_deadlines_.front();
  return std::nullopt;
}

permit breaker_state::allow(time_point now) {
  advance(now);
  switch (state_) {
  case circuit_state::closed: return permit{permit_decision::allowed, {}};
  case circuit_state::open:
    if (forced_until_ && now < *forced_until_)
      return permit{permit_decision::rejected_forced, reopen_at()};
    return permit{permit_decision::rejected_open, reopen_at()};
  case circuit_state::half_open:
    if (probes_permitted_ < config_.probes) {
      ++probes_permitted_;
      probe_deadlines_.push_back(now + config_.probe_timeout);
      return permit{permit_decision::allowed_probe, {}};
    }
    // K probes are out or reported; the next change comes from a report or a timeout.
    return permit{permit_decision::rejected_probe_limit,
                  probe_deadlines_.empty() ? now : probe_deadlines_.front()};
  }
  return permit{permit_decision::rejected_open, reopen_at()};
}

void breaker_state::on_success(time_point now, duration took) {
  advance(now);
  const bool slow =
      config_.slow_call_threshold.count() > 0 && took >= config_.slow_call_threshold;
  const std::optional<failure_kind> failure =
      slow ? std::optional<failure_kind>{failure_kind::slow} : std::nullopt;
  if (state_ == circuit_state::closed) record_call(now, failure);
  else if (state_ == circuit_state::half_open) settle_probe(now, failure);
}

void breaker_state::on_failure(time_point now, failure_kind kind) {
  advance(now);
  if (state_ == circuit_state::closed) record_call(now, kind);
  else if (state_ == circuit_state::half_open) settle_probe(now, kind);
}

void breaker_state::record_call(time_point now, std::optional<failure_kind> failure) {
  consecutive_failures_ = failure ? consecutive_failures_ + 1 : 0;
  if (config_.window_size > 0) {
    window_.push_back(failure.has_value());
    window_failures_ += failure ? 1 : 0;
    if (static_cast<int>(window_.size()) > config_.window_size) {
      window_failures_ -= window_.front() ? 1 : 0;
      window_.pop_front();
    }
  }
  if (config_.consecutive_failures > 0 && consecutive_failures_ >= config_.consecutive_failures) {
    trip(now, transition_reason::consecutive_failures, failure);
    return;
  }
  // Checked after successes too: the call that brings the window to M calls may be one.
  const int calls = static_cast<int>(window_.size());
  if (config_.window_size > 0 && calls >= config_.minimum_calls &&
      window_failures_ >= config_.failure_rate * calls - 1e-9)
    trip(now, transition_reason::failure_rate, failure);
}

void breaker_state::settle_probe(time_point now, std::optional<failure_kind> failure) {
  if (probe_deadlines_.empty()) return; // not a probe: a call from before, reporting late
  probe_deadlines_.pop_front();
  if (failure) {
    trip(now, transition_reason::probe_failed, *failure);
    return;
  }
  if (++probes_succeeded_ >= config_.probes) close(now, transition_reason::probes_succeeded);
}

duration breaker_state::open_time(int trip_number) {
  const retry::backoff_config growth{config_.open_base, config_.open_max, config_.open_multiplier};
  const int64_t nominal = retry::backoff_cap(growth, trip_number).count();
  const auto span = static_cast<int64_t>(static_cast<double>(nominal) * config_.jitter);
  const auto cut = static_cast<int64_t>(rng_->below(static_cast<uint64_t>(span) + 1));
  return milliseconds{nominal - cut};
}

void breaker_state::trip(time_point now, transition_reason reason,
                         std::optional<failure_kind> failure) {
  if (state_ == circuit_state::closed && now - closed_since_ >= config_.stable_after)
    trip_count_ = 0; // it was stable: start the growth over
  ++trip_count_;
  const circuit_state from = state_;
  state_ = circuit_state::open;
  opened_at_ = now;
  open_until_ = now + open_time(trip_count_);
  reset_counts();
  transitions_.push_back(
      transition{from, state_, now, reason, failure, reopen_at(), trip_count_});
}

void breaker_state::close(time_point now, transition_reason reason) {
  transitions_.push_back(transition{state_, circuit_state::closed, now, reason, std::nullopt, {},
                                    trip_count_});
  state_ = circuit_state::closed;
  closed_since_ = now;
  forced_until_.reset();
  reset_counts();
}

void breaker_state::reset_counts() {
  consecutive_failures_ = 0;
  window_.clear();
  window_failures_ = 0;
  probes_permitted_ = 0;
  probes_succeeded_ = 0;
  probe_deadlines_.clear();
}

void breaker_state::force_open_until(time_point now, time_point until) {
  if (until <= now) return;
  forced_until_ = forced_until_ ? std::max(*forced_until_, until) : until;
  if (state_ == circuit_state::open) return; // already open: only the force is extended
  const circuit_state from = state_;
  state_ = circuit_state::open;
  opened_at_ = now;
  open_until_ = until; // not a trip: no open time of its own, no growth
  reset_counts();
  transitions_.push_back(transition{from, state_, now, transition_reason::forced_open,
                                    std::nullopt, reopen_at(), trip_count_});
}

close_early_result breaker_state::close_early(time_point now) {
  advance(now);
  if (state_ == circuit_state::closed) return close_early_result::already_closed;
  if (forced_until_ && now < *forced_until_) return close_early_result::refused_forced;
  close(now, transition_reason::closed_early);
  return close_early_result::closed;
}

breaker_snapshot breaker_state::snapshot() const {
  breaker_snapshot s;
  s.state = state_;
  s.opened_at = opened_at_;
  s.open_until = open_until_;
  s.forced_until = forced_until_;
  s.closed_since = closed_since_;
  s.trip_count = trip_count_;
  s.consecutive_failures = consecutive_failures_;
  s.window.assign(window_.begin(), window_.end());
  s.probes_permitted = probes_permitted_;
  s.probes_succeeded = probes_succeeded_;
  s.probe_deadlines.assign(probe_deadlines_.begin(), probe_deadlines_.end());
  return s;
}

void breaker_state::restore(const breaker_snapshot& s) {
  state_ = s.state;
  opened_at_ = s.opened_at;
  open_until_ = s.open_until;
  forced_until_ = s.forced_until;
  closed_since_ = s.closed_since;
  trip_count_ = s.trip_count;
  consecutive_failures_ = s.consecutive_failures;
  // A snapshot from a breaker with a larger window keeps only the newest calls.
  const size_t keep = std::min(s.window.size(), static_cast<size_t>(config_.window_size));
  window_.assign(s.window.end() - static_cast<std::ptrdiff_t>(keep), s.window.end());
  window_failures_ = static_cast<int>(std::count(window_.begin(), window_.end(), true));
  probes_permitted_ = s.probes_permitted;
  probes_succeeded_ = s.probes_succeeded;
  probe_deadlines_.assign(s.probe_deadlines.begin(), s.probe_deadlines.end());
}

std::vector<transition> breaker_state::drain_transitions() {
  std::vector<transition> out;
  out.swap(transitions_);
  return out;
}

} // namespace courtside::breaker
