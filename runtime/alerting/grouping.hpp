#pragma once
// Grouping alerts by key, so a flapping condition makes a few messages, not a flood.
// Per key, on the caller's `now` (pure: no clock, no timers — the actor calls tick() at
// next_due()):
//
//   unknown ──raise──► open: message `first` (count 1), last_sent = now
//   open, raise, now <  last_sent + group_interval → held += 1 (no message)
//   open, raise, now >= last_sent + group_interval → message `grouped` (count held + 1)
//   open, tick,  held > 0 and now >= last_sent + group_interval → message `grouped` (count held)
//   open, tick,  held = 0 and now >= last_seen + repeat_interval → forgotten (no message)
//   open, resolve → message `resolved` (count = held occurrences never reported), forgotten;
//                   it carries the open alert's severity, so it reaches the same channels
//   unknown, resolve → nothing (there is nothing to resolve on the channel)
//
// So one key produces at most one message per group_interval while it keeps firing (each
// one saying how many times it fired), and after repeat_interval of quiet its next
// occurrence is announced as new again. A resolve is never held back: it closes the key.
// The content of a grouped message is the latest occurrence (its text, fields, attempt).
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runtime/alerting/block_kit.hpp"
#include "runtime/time/clock.hpp"

namespace courtside::alerting {

struct grouping_config {
  std::chrono::milliseconds group_interval{300'000};   ///< min spacing of messages per key
  std::chrono::milliseconds repeat_interval{3'600'000}; ///< quiet this long: key forgotten
};

class alert_grouper {
public:
  explicit alert_grouper(grouping_config config) : config_(config) {}

  /// One occurrence (or a resolve). Returns the message to send now, if any.
  [[nodiscard]] std::optional<outgoing_message> offer(const alert& a, time_point now);

  /// Flushes held occurrences whose group interval has ended and forgets quiet keys.
  [[nodiscard]] std::vector<outgoing_message> tick(time_point now);

  /// The earliest instant at which tick() has something to do; nullopt when nothing is open.
  [[nodiscard]] std::optional<time_point> next_due() const;

  [[nodiscard]] std::size_t open_keys() const { return keys_.size(); }
  /// Occurrences of `key` held for the next message (0 if unknown).
  [[nodiscard]] int held(const std::string& key) const;

private:
  struct key_state {
    alert latest;
    int held = 0;
    time_point last_sent;
    time_point last_seen;
  };

  grouping_config config_;
  std::map<std::string, key_state> keys_;
};

} // namespace courtside::alerting
