#include "runtime/alerting/grouping.hpp"

#include <algorithm>

namespace courtside::alerting {

std::optional<outgoing_message> alert_grouper::offer(const alert& a, time_point now) {
  auto it = keys_.find(a.key);
  if (a.resolved) {
    if (it == keys_.end()) return std::nullopt;
    outgoing_message m{a, message_kind::resolved, it->second.held};
    if (m.content.title.empty()) m.content.title = it->second.latest.title;
    m.content.level = it->second.latest.level; // it goes where the alert went
    keys_.erase(it);
    return m;
  }
  // A key quiet for repeat_interval is announced as new even if tick() has not run yet.
  if (it != keys_.end() && it->second.held == 0 && now - it->second.last_seen >= config_.repeat_interval) {
    keys_.erase(it);
    it = keys_.end();
  }
  if (it == keys_.end()) {
    keys_.emplace(a.key, key_state{a, 0, now, now});
    return outgoing_message{a, message_kind::first, 1};
  }
  auto& k = it->second;
  k.latest = a;
  k.last_seen = now;
  if (now - k.last_sent < config_.group_interval) {
    ++k.held;
    return std::nullopt;
  }
  outgoing_message m{a, message_kind::grouped, k.held + 1};
  k.held = 0;
  k.last_sent = now;
  return m;
}

std::vector<outgoing_message> alert_grouper::tick(time_point now) {
  std::vector<outgoing_message> out;
  for (auto it = keys_.begin(); it != keys_.end();) {
    auto& k = it->second;
    if (k.held > 0 && now - k.last_sent >= config_.group_interval) {
      out.push_back(outgoing_message{k.latest, message_kind::grouped, k.held});
      k.held = 0;
      k.last_sent = now;
    } else if (k.held == 0 && now - k.last_seen >= config_.repeat_interval) {
      it = keys_.erase(it);
      continue;
    }
    ++it;
  }
  return out;
}

std::optional<time_point> alert_grouper::next_due() const {
  std::optional<time_point> due;
  for (const auto& [key, k] : keys_) {
    const auto at = k.held > 0 ? k.last_sent + config_.group_interval : k.last_seen + config_.repeat_interval;
    due = due ? std::min(*due, at) : at;
  }
  return due;
}

int alert_grouper::held(const std::string& key) const {
  auto it = keys_.find(key);
  return it == keys_.end() ? 0 : it->second.held;
}

} // namespace courtside::alerting
