#pragma once
// Content checks for config strings, each usable as a table_reader text_check: they return a
// problem sentence (without quoting the value, which may be a secret) or nullopt when fine.
// Internal to config/.
#include <optional>
#include <string>
#include <string_view>

namespace courtside::config {

/// [a-z0-9_-]+: names of sources, notifiers and jobs (they name actors and metrics).
[[nodiscard]] bool is_identifier(std::string_view text);

[[nodiscard]] std::optional<std::string> check_not_empty(std::string_view text);
/// http:// or https:// followed by a host.
[[nodiscard]] std::optional<std::string> check_http_url(std::string_view text);
/// Dot-separated identifiers naming an actor in the tree, e.g. "ops.heartbeat".
[[nodiscard]] std::optional<std::string> check_actor_path(std::string_view text);
/// A cron expression the scheduler accepts (5 or 6 fields, or a macro); the error names the
/// field and token.
[[nodiscard]] std::optional<std::string> check_cron(std::string_view text);
/// "UTC" or Area/Location; must also exist under /usr/share/zoneinfo when that exists.
[[nodiscard]] std::optional<std::string> check_time_zone(std::string_view text);
/// check_time_zone against another zoneinfo directory (absent directory = shape check only).
[[nodiscard]] std::optional<std::string> check_time_zone_in(std::string_view text,
                                                            const std::string& zoneinfo_dir);

/// "YYYY-MM-DDTHH:MM:SSZ", a valid UTC instant.
[[nodiscard]] std::optional<std::string> check_utc_instant(std::string_view text);

/// Shortest decimal text that reads back as the same double, e.g. 0.95 -> "0.95".
[[nodiscard]] std::string format_number(double value);

} // namespace courtside::config
