#include "runtime/time/duration.hpp"

#include <cstdint>
#include <limits>

namespace courtside {
namespace {

std::optional<int64_t> unit_millis(std::string_view unit) {
  if (unit == "ms") return 1;
  if (unit == "s") return 1000;
  if (unit == "m") return 60'000;
  if (unit == "h") return 3'600'000;
  if (unit == "d") return 86'400'000;
  return std::nullopt;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

} // namespace

std::optional<milliseconds> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t total = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) return std::nullopt;
    int64_t value = 0;
    while (i < text.size() && is_digit(text[i])) {
      if (value > (std::numeric_limits<int64_t>::max() - 9) / 10) return std::nullopt;
      value = value * 10 + (text[i++] - '0');
    }
    size_t unit_start = i;
    while (i < text.size() && !is_digit(text[i])) ++i;
    auto factor = unit_millis(text.substr(unit_start, i - unit_start));
    if (!factor) return std::nullopt;
    if (value > (std::numeric_limits<int64_t>::max() - total) / *factor) return std::nullopt;
    total += value * *factor;
  }
  return milliseconds{total};
}

std::string format_duration(milliseconds d) {
  int64_t ms = d.count();
  if (ms == 0) return "0ms";
  std::string out;
  if (ms < 0) {
    out += '-';
    ms = -ms;
  }
  static constexpr std::pair<int64_t, const char*> units[] = {
    {86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1000, "s"}, {1, "ms"}};
  for (auto [size, name] : units) {
    if (ms >= size) {
      out += std::to_string(ms / size);
      out += name;
      ms %= size;
    }
  }
  return out;
}

} // namespace courtside
