#pragma once
// Human durations as written in config and logs: "250ms", "10s", "5m", "2h", "1d", and
// compounds such as "1m30s". Pure code, no I/O.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace courtside {

using milliseconds = std::chrono::milliseconds;

/// Parses a duration; std::nullopt when `text` is not one (empty, unknown unit, no number,
/// negative, overflow). Units: ms, s, m, h, d.
[[nodiscard]] std::optional<milliseconds> parse_duration(std::string_view text);

/// Formats a duration in the largest exact units, e.g. 90000ms -> "1m30s", 0 -> "0ms".
[[nodiscard]] std::string format_duration(milliseconds d);

} // namespace courtside
