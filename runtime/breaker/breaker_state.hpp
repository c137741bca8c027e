#pragma once
// The circuit-breaker state machine of one upstream source or phase processor. Pure: it is
// handed `now` and a random_source, reads no clock, includes no CAF; the breaker actor asks
// it, carries out its answer, and drains its transitions into logs, metrics and alerts.
//
//                     Nth failure in a row, or failure rate >= R
//                     over the last W calls (with at least M calls)
//          +--------+ -----------------------------------------> +------+
//   -----> | CLOSED |                                            | OPEN | <-- force_open_until(t)
//          +--------+ <----------------------------------------- +------+     from CLOSED or
//              ^      close_early (unless a forced open holds)    |    ^      HALF_OPEN
//              |                                                  |    |
//              |                     open time elapsed, seen by   |    | a probe fails, is slow,
//              |                     allow() or advance()         v    | or does not report
//              |  K probes succeeded                        +-----------+  within probe_timeout
//              +------------------------------------------- | HALF_OPEN |
//                 (close_early also closes from here)       +-----------+
//
// Counting: a failure is on_failure(), or on_success() with a duration >= slow_call_threshold.
// In CLOSED every report is one call in the sliding window of the last W outcomes and in the
// run of consecutive failures (a success ends the run). The rate rule needs at least M calls in
// the window and is checked after every call, successes included (the call that brings the
// window to M calls may be one); it is compared with a 1e-9 tolerance so "0.3 of 10 calls"
// is 3 failures.
// Every transition starts the counts afresh.
//
// Open time of trip k (k = 1 for the first trip since the breaker was last stable):
//   nominal_k = min(open_max, floor(open_base * open_multiplier^(k-1)))   (whole ms, as
//               retry::backoff_cap computes it)
//   open_k    = nominal_k - rng.below(floor(nominal_k * jitter) + 1)  ms, so open_k is uniform
//               over [nominal_k - floor(nominal_k * jitter), nominal_k]: jitter only shortens,
//               the cap is a hard ceiling. Each trip draws exactly one value.
// k grows on every trip (CLOSED -> OPEN and HALF_OPEN -> OPEN); a CLOSED -> OPEN trip after at
// least stable_after in CLOSED starts again at k = 1. A forced open is not a trip.
//
// Time rules (all instants inclusive at the boundary):
//   OPEN -> HALF_OPEN once now >= open_until, and now >= forced_until if a force holds;
//   a probe permitted at p has timed out once now >= p + probe_timeout.
// They are applied by advance(now), which allow(), on_success() and on_failure() call first;
// the actor also calls advance() from a timer at next_deadline(), so a breaker nobody calls
// does not stay half-open.
//
// Reports that belong to no call the breaker is waiting for are ignored: any report in OPEN
// (calls permitted before the trip, finishing late), and reports in HALF_OPEN when no probe is
// outstanding. In HALF_OPEN a report settles the OLDEST outstanding probe (calls carry no id).
#include "runtime/breaker/breaker_config.hpp"
#include "runtime/random.hpp"
#include "runtime/time/clock.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <string_view>
#include <vector>

namespace courtside::breaker {

enum class circuit_state : uint8_t { closed, open, half_open };

/// What allow() decided, and why.
enum class permit_decision : uint8_t {
  allowed,              ///< CLOSED: make the call
  allowed_probe,        ///< HALF_OPEN: make the call, it is one of the K probes
  rejected_open,        ///< OPEN: the open time has not elapsed
  rejected_probe_limit, ///< HALF_OPEN: all K probes are out or reported; wait for them
  rejected_forced,      ///< OPEN by force_open_until (upstream said Retry-After): not before t
};

struct permit {
  permit_decision decision = permit_decision::allowed;
  time_point retry_at{}; ///< rejections: the earliest instant the answer can change

  [[nodiscard]] bool allowed() const {
    return decision == permit_decision::allowed || decision == permit_decision::allowed_probe;
  }
};

/// What went wrong with a call.
enum class failure_kind : uint8_t {
  error,   ///< the call failed (transport error, 5xx, an answer the caller cannot use)
  timeout, ///< the call did not finish within its deadline
  slow,    ///< it succeeded but took >= slow_call_threshold (set by on_success)
  probe_timeout, ///< a HALF_OPEN probe did not report within probe_timeout (set by advance)
};

enum class transition_reason : uint8_t {
  consecutive_failures, ///< CLOSED -> OPEN: the Nth failure in a row
  failure_rate,         ///< CLOSED -> OPEN: failure rate >= R over the window
  open_time_elapsed,    ///< OPEN -> HALF_OPEN
  probe_failed,         ///< HALF_OPEN -> OPEN: a probe failed or was slow
  probe_timed_out,      ///< HALF_OPEN -> OPEN: a probe did not report within probe_timeout
  probes_succeeded,     ///< HALF_OPEN -> CLOSED: K probes succeeded
  forced_open,          ///< CLOSED or HALF_OPEN -> OPEN: force_open_until (429 Retry-After)
  closed_early,         ///< OPEN or HALF_OPEN -> CLOSED: close_early (upstream data available)
};

struct transition {
  circuit_state from = circuit_state::closed;
  circuit_state to = circuit_state::open;
  time_point at{};
  transition_reason reason = transition_reason::consecutive_failures;
  std::optional<failure_kind> failure; ///< trips: the failure that caused it (none when a
                                       ///< success filled the window to M calls)
  time_point open_until{};             ///< to == open: when it may go HALF_OPEN
  int trip_count = 0;                  ///< trips so far (k of the open-time formula)
};

enum class close_early_result : uint8_t {
  closed,         ///< it was OPEN or HALF_OPEN and is CLOSED now
  already_closed, ///< nothing to do
  refused_forced, ///< a forced open holds until later: it stays OPEN
};

/// Everything needed to persist a breaker and restore it after a restart.
struct breaker_snapshot {
  circuit_state state = circuit_state::closed;
  time_point opened_at{};                  ///< last entry into OPEN
  time_point open_until{};                 ///< OPEN: end of the open time (forced aside)
  std::optional<time_point> forced_until;  ///< a force_open_until that still holds
  time_point closed_since{};               ///< CLOSED: since when (for stable_after)
  int trip_count = 0;                      ///< k of the last trip
  int consecutive_failures = 0;            ///< CLOSED: current run of failures
  std::vector<bool> window;                ///< CLOSED: last outcomes, oldest first, true = failed
  int probes_permitted = 0;                ///< HALF_OPEN: probes let through so far
  int probes_succeeded = 0;                ///< HALF_OPEN: probes reported successful
  std::vector<time_point> probe_deadlines; ///< HALF_OPEN: outstanding probes, oldest first
};

/// The same snapshot with every instant moved by `delta`: for restoring into a process whose
/// clock has another epoch (delta = the new clock's reading for the instant the snapshot was
/// taken - the old clock's reading then). Shifting by less also counts downtime as open time.
[[nodiscard]] breaker_snapshot shifted(breaker_snapshot s, duration delta);

[[nodiscard]] std::string_view to_string(circuit_state s);
[[nodiscard]] std::string_view to_string(permit_decision d);
[[nodiscard]] std::string_view to_string(failure_kind k);
[[nodiscard]] std::string_view to_string(transition_reason r);

class breaker_state {
public:
  /// Precondition: check(config) found nothing. `rng` must outlive the breaker.
  breaker_state(breaker_config config, random_source& rng);

  /// May a call go out now? Applies due time rules first.
  [[nodiscard]] permit allow(time_point now);
  /// A permitted call succeeded after `took` (slow successes count as failures).
  void on_success(time_point now, duration took);
  void on_failure(time_point now, failure_kind kind);
  /// Upstream asked to wait until `until` (429 + Retry-After): no call before it, from any
  /// state. Extends, never shortens; ignored when until <= now.
  void force_open_until(time_point now, time_point until);
  /// "Upstream data is available" probe of a processor breaker succeeded.
  close_early_result close_early(time_point now);
  /// Applies the time rules (open time elapsed, probe timed out).
  void advance(time_point now);
  /// When advance() will next change something; std::nullopt if only a report can.
  [[nodiscard]] std::optional<time_point> next_deadline() const;

  [[nodiscard]] circuit_state state() const { return state_; }
  [[nodiscard]] const breaker_config& config() const { return config_; }
  [[nodiscard]] breaker_snapshot snapshot() const;
  /// Takes over a snapshot's state (the transition log is left alone).
  void restore(const breaker_snapshot& s);
  /// Transitions since the last drain, oldest first.
  std::vector<transition> drain_transitions(); // discarding the result just clears the log

private:
  void record_call(time_point now, std::optional<failure_kind> failure);
  void settle_probe(time_point now, std::optional<failure_kind> failure);
  void trip(time_point now, transition_reason reason, std::optional<failure_kind> failure);
  void close(time_point now, transition_reason reason);
  void reset_counts();
  [[nodiscard]] duration open_time(int trip_number);
  [[nodiscard]] time_point reopen_at() const;

  breaker_config config_;
  random_source* rng_;
  circuit_state state_ = circuit_state::closed;
  time_point opened_at_{};
  time_point open_until_{};
  std::optional<time_point> forced_until_;
  time_point closed_since_{};
  int trip_count_ = 0;
  int consecutive_failures_ = 0;
  std::deque<bool> window_;
  int window_failures_ = 0;
  int probes_permitted_ = 0;
  int probes_succeeded_ = 0;
  std::deque<time_point> probe_deadlines_;
  std::vector<transition> transitions_;
};

} // namespace courtside::breaker
