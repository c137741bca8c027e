#include "runtime/time/engine_clock.hpp"

#include <cstdio>

#include "runtime/schedule/civil_time.hpp"

namespace courtside {

std::optional<unix_millis> parse_utc_instant(std::string_view text) {
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':' || text[16] != ':' || text[19] != 'Z')
    return std::nullopt;
  auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  auto y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2), h = digits(11, 2),
       mi = digits(14, 2), s = digits(17, 2);
  if (!y || !mo || !d || !h || !mi || !s) return std::nullopt;
  schedule::civil_time t{*y, *mo, *d, *h, *mi, *s};
  if (!schedule::is_valid(t)) return std::nullopt;
  return schedule::civil_to_seconds(t) * 1000;
}

std::string format_utc_instant(unix_millis t) {
  const auto c = schedule::seconds_to_civil(schedule::floor_div(t, 1000));
  char buf[96]; // room for any ints, so -O3 sees no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", static_cast<int>(c.year),
                c.month, c.day, c.hour, c.minute, c.second);
  return buf;
}

} // namespace courtside
