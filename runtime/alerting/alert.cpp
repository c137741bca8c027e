#include "runtime/alerting/alert.hpp"

namespace courtside::alerting {

const char* to_string(severity s) noexcept {
  switch (s) {
    case severity::info: return "info";
    case severity::warning: return "warning";
    case severity::error: return "error";
    case severity::critical: return "critical";
  }
  return "?";
}

std::optional<severity> parse_severity(std::string_view name) {
  if (name == "info") return severity::info;
  if (name == "warning" || name == "warn") return severity::warning;
  if (name == "error") return severity::error;
  if (name == "critical" || name == "crit") return severity::critical;
  return std::nullopt;
}

bool operator==(const alert_field& a, const alert_field& b) {
  return a.name == b.name && a.value == b.value;
}

bool operator==(const alert& a, const alert& b) {
  return a.key == b.key && a.level == b.level && a.title == b.title && a.text == b.text &&
         a.fields == b.fields && a.date == b.date && a.phase == b.phase &&
         a.attempt == b.attempt && a.max_attempts == b.max_attempts && a.resolved == b.resolved;
}

} // namespace courtside::alerting
