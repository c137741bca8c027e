#include "config/value_checks.hpp"

#include "runtime/schedule/cron.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <system_error>

#include "runtime/time/engine_clock.hpp"

namespace courtside::config {
namespace {

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool is_zone_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '+';
}

// Area/Location[/More]: letters, digits, _ - +; no dots, so no path can escape zoneinfo.
bool has_zone_shape(std::string_view text) {
  std::size_t segments = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('/', start);
    if (end == std::string_view::npos) end = text.size();
    auto segment = text.substr(start, end - start);
    if (segment.empty()) return false;
    for (char c : segment)
      if (!is_zone_char(c)) return false;
    ++segments;
    start = end + 1;
  }
  return segments >= 2;
}

} // namespace

bool is_identifier(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!is_identifier_char(c)) return false;
  return true;
}

std::optional<std::string> check_not_empty(std::string_view text) {
  if (text.empty()) return "must not be empty";
  return std::nullopt;
}

std::optional<std::string> check_http_url(std::string_view text) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (text.substr(0, scheme.size()) != scheme) continue;
    auto host = text.substr(scheme.size());
    if (host.empty() || host.front() == '/') return "must name a host after " + std::string{scheme};
    return std::nullopt;
  }
  return "must start with http:// or https://";
}

std::optional<std::string> check_actor_path(std::string_view text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('.', start);
    if (end == std::string_view::npos) end = text.size();
    if (!is_identifier(text.substr(start, end - start)))
      return "must be an actor path like \"ops.heartbeat\" (dot-separated [a-z0-9_-]+)";
    start = end + 1;
  }
  return std::nullopt;
}

std::optional<std::string> check_cron(std::string_view text) {
  auto parsed = schedule::cron_schedule::parse(text);
  if (parsed) return std::nullopt;
  return "must be a cron expression of 5 fields (minute hour day month weekday) or 6 (seconds "
         "first): " + parsed.error().describe();
}

std::optional<std::string> check_time_zone(std::string_view text) {
  return check_time_zone_in(text, "/usr/share/zoneinfo");
}

std::optional<std::string> check_time_zone_in(std::string_view text,
                                              const std::string& zoneinfo_dir) {
  if (text == "UTC") return std::nullopt;
  if (!has_zone_shape(text)) return "must be \"UTC\" or an IANA zone like \"America/New_York\"";
  std::error_code ec;
  if (!std::filesystem::is_directory(zoneinfo_dir, ec)) return std::nullopt;
  if (std::filesystem::is_regular_file(std::filesystem::path{zoneinfo_dir} / std::string{text}, ec))
    return std::nullopt;
  return "is not a time zone known to " + zoneinfo_dir;
}

std::optional<std::string> check_utc_instant(std::string_view text) {
  if (parse_utc_instant(text)) return std::nullopt;
  return "must be a UTC instant like \"2025-11-15T23:00:00Z\"";
}

std::string format_number(double value) {
  char buffer[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

} // namespace courtside::config
