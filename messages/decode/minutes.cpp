#include "messages/decode/minutes.hpp"

#include <cmath>
#include <cstdint>

namespace courtside::decode {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads a run of digits at s[pos]; false when there is none. Saturates far above
// max_seconds so that huge inputs end as out_of_range, not as an overflow.
bool read_digits(std::string_view s, std::size_t& pos, std::int64_t& out) {
  constexpr std::int64_t saturation = 1'000'000'000'000;
  const std::size_t start = pos;
  out = 0;
  while (pos < s.size() && is_digit(s[pos])) {
    if (out < saturation)
      out = out * 10 + (s[pos] - '0');
    ++pos;
  }
  return pos > start;
}

// Skips ".ddd" (a fraction that is truncated away).
void skip_fraction(std::string_view s, std::size_t& pos) {
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    while (pos < s.size() && is_digit(s[pos]))
      ++pos;
  }
}

parsed_minutes make(std::int64_t seconds) {
  if (seconds > max_seconds)
    return {minutes_status::out_of_range, 0};
  return {minutes_status::ok, static_cast<int>(seconds)};
}

// "PT34M12.00S", "PT21M", "PT1H02M", "PT45.5S".
parsed_minutes parse_iso(std::string_view s) {
  std::size_t pos = 2;
  std::int64_t total = 0;
  int stage = 0; // 1 after H, 2 after M, 3 after S: components must come in that order
  while (pos < s.size()) {
    std::int64_t n = 0;
    if (!read_digits(s, pos, n))
      return {minutes_status::invalid, 0};
    const std::size_t before_fraction = pos;
    skip_fraction(s, pos);
    if (pos >= s.size())
      return {minutes_status::invalid, 0};
    const char unit = s[pos++];
    const bool fractional = pos - 1 != before_fraction;
    if ((unit == 'H' || unit == 'h') && stage < 1 && !fractional)
      total += n * 3600, stage = 1;
    else if ((unit == 'M' || unit == 'm') && stage < 2 && !fractional)
      total += n * 60, stage = 2;
    else if ((unit == 'S' || unit == 's') && stage < 3)
      total += n, stage = 3;
    else
      return {minutes_status::invalid, 0};
    if (total > max_seconds)
      return {minutes_status::out_of_range, 0};
  }
  if (stage == 0)
    return {minutes_status::invalid, 0};
  return make(total);
}

// "34:12", "4:06", "265:00", "34:12.5".
parsed_minutes parse_clock(std::string_view s) {
  std::size_t pos = 0;
  std::int64_t minutes = 0, seconds = 0;
  if (!read_digits(s, pos, minutes) || pos >= s.size() || s[pos] != ':')
    return {minutes_status::invalid, 0};
  ++pos;
  const std::size_t sec_start = pos;
  if (!read_digits(s, pos, seconds) || pos - sec_start != 2 || seconds > 59)
    return {minutes_status::invalid, 0};
  skip_fraction(s, pos);
  if (pos != s.size())
    return {minutes_status::invalid, 0};
  return make(minutes * 60 + seconds);
}

// "06", "5", "34.5" (minutes).
parsed_minutes parse_plain(std::string_view s) {
  std::size_t pos = 0;
  std::int64_t whole = 0;
  if (!read_digits(s, pos, whole))
    return {minutes_status::invalid, 0};
  std::int64_t seconds = whole * 60;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    // Up to 6 fraction digits are significant; truncate to whole seconds.
    std::int64_t frac = 0, scale = 1;
    while (pos < s.size() && is_digit(s[pos])) {
      if (scale < 1'000'000)
        frac = frac * 10 + (s[pos] - '0'), scale *= 10;
      ++pos;
    }
    seconds += frac * 60 / scale;
  }
  if (pos != s.size())
    return {minutes_status::invalid, 0};
  return make(seconds);
}

} // namespace

parsed_minutes parse_minutes(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.empty())
    return {minutes_status::empty, 0};
  if (s.front() == '-') {
    // A negative time is out of range; recurse once only (no "--5").
    const std::string_view rest = s.substr(1);
    if (rest.empty() || rest.front() == '-')
      return {minutes_status::invalid, 0};
    const minutes_status magnitude = parse_minutes(rest).status;
    const bool numeric = magnitude == minutes_status::ok || magnitude == minutes_status::out_of_range;
    return {numeric ? minutes_status::out_of_range : minutes_status::invalid, 0};
  }
  if (s.size() >= 2 && (s[0] == 'P' || s[0] == 'p') && (s[1] == 'T' || s[1] == 't'))
    return parse_iso(s);
  if (s.find(':') != std::string_view::npos)
    return parse_clock(s);
  return parse_plain(s);
}

parsed_minutes minutes_from_number(double minutes) {
  if (std::isnan(minutes))
    return {minutes_status::invalid, 0};
  if (minutes < 0)
    return {minutes_status::out_of_range, 0};
  const double seconds = std::floor(minutes * 60.0 + 1e-9);
  if (seconds > max_seconds)
    return {minutes_status::out_of_range, 0};
  return {minutes_status::ok, static_cast<int>(seconds)};
}

} // namespace courtside::decode
