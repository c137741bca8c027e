#pragma once
// Time played, in every form the upstreams write it, to whole seconds. Pure code.
//   "PT34M12.00S", "PT21M", "PT240M00.00S"  NBA.com live ISO-8601 durations
//   "34:12", "4:06", "265:00"               stats.nba.com "MM:SS"
//   "06", "5", "36"                         balldontlie whole minutes
//   34, 34.5 (numbers, also as strings)     minutes, fractional in dashboards
//   "" / null                               no time given (did not play)
// Fractions of a second are truncated, as NBA.com's own "MM:SS" display does.
#include <optional>
#include <string_view>

namespace courtside::decode {

enum class minutes_status {
  ok,           ///< `seconds` holds the time
  empty,        ///< "" or only spaces: no time given
  invalid,      ///< not a minutes form
  out_of_range, ///< negative, or more than max_seconds
};

struct parsed_minutes {
  minutes_status status = minutes_status::invalid;
  int seconds = 0;
};

/// Upper bound on a decoded duration: far above any game or season total, far below int max.
inline constexpr int max_seconds = 100'000'000;

[[nodiscard]] parsed_minutes parse_minutes(std::string_view text);

/// A number of minutes (34, 34.5) to seconds.
[[nodiscard]] parsed_minutes minutes_from_number(double minutes);

} // namespace courtside::decode
