#pragma once
// An alert as the engine raises it: what happened (title, text, fields), how bad (severity),
// which thing it is about (key: the grouping identity), and pipeline context (date, phase,
// attempt n of N). A `resolved` alert says the condition named by `key` is over.
// Pure value type: no CAF (its inspect() lives in actors/notifiers/notify_protocol.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::alerting {

/// Ordered: a route's minimum severity admits this level and every higher one.
enum class severity : std::uint8_t {
  info,     ///< worth knowing (a job finished late, a breaker closed again)
  warning,  ///< degraded but healing itself (a restart, a tripped breaker)
  error,    ///< a unit of work failed for good (dead-lettered item, phase failed)
  critical, ///< the engine cannot heal this alone (escalation, warehouse corrupt)
};

[[nodiscard]] const char* to_string(severity s) noexcept;
/// "info", "warning", "error", "critical" (also "warn", "crit"); nullopt otherwise.
[[nodiscard]] std::optional<severity> parse_severity(std::string_view name);

struct alert_field {
  std::string name;
  std::string value;
};

struct alert {
  std::string key;                 ///< grouping identity, e.g. "breaker:source:nba_cdn"
  severity level = severity::warning;
  std::string title;               ///< one line
  std::string text;                ///< details; Slack mrkdwn is escaped, not interpreted
  std::vector<alert_field> fields; ///< shown as a two-column table (at most 10 rendered)
  std::string date;                ///< game date "YYYY-MM-DD" it concerns; empty = none
  std::string phase;               ///< pipeline phase it concerns; empty = none
  int attempt = 0;                 ///< "attempt n of N": shown when both are > 0
  int max_attempts = 0;
  bool resolved = false;           ///< the condition named by `key` is over
};

/// Equal in every field (tests, dedupe of identical raises).
[[nodiscard]] bool operator==(const alert_field& a, const alert_field& b);
[[nodiscard]] bool operator==(const alert& a, const alert& b);

} // namespace courtside::alerting
