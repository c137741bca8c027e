#include "runtime/retry/retry_after.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace courtside::retry {
namespace {

constexpr std::array<std::string_view, 7> short_days = {"Mon", "Tue", "Wed", "Thu",
                                                        "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> long_days = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// A forward-only reader over the header value; every step either consumes exactly what the
/// grammar says or fails, so a parser is a chain of `&&`.
class cursor {
public:
  explicit cursor(std::string_view text) : text_(text) {}

  bool literal(std::string_view s) {
    if (text_.substr(0, s.size()) != s) return false;
    text_.remove_prefix(s.size());
    return true;
  }

  /// Exactly `n` digits.
  bool digits(size_t n, int64_t& out) {
    if (text_.size() < n) return false;
    int64_t value = 0;
    for (size_t i = 0; i < n; ++i) {
      if (!is_digit(text_[i])) return false;
      value = value * 10 + (text_[i] - '0');
    }
    text_.remove_prefix(n);
    out = value;
    return true;
  }

  /// One of `names`; `index` is its position.
  template <size_t N>
  bool name(const std::array<std::string_view, N>& names, int64_t& index) {
    for (size_t i = 0; i < N; ++i) {
      if (literal(names[i])) {
        index = static_cast<int64_t>(i);
        return true;
      }
    }
    return false;
  }

  bool next_is(char c) const { return !text_.empty() && text_.front() == c; }
  bool done() const { return text_.empty(); }

private:
  std::string_view text_;
};

struct civil_time {
  int64_t year = 0, month = 0, day = 0; // month 1..12
  int64_t hour = 0, minute = 0, second = 0;
};

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms": proleptic Gregorian
// calendar, valid for every year, no tables, no time zone.
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t year_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  return yoe + era * 400 + (mp >= 10 ? 1 : 0); // Jan and Feb belong to the next civil year
}

bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t days_in_month(int64_t y, int64_t m) {
  constexpr std::array<int64_t, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[static_cast<size_t>(m - 1)];
}

bool valid(const civil_time& t) {
  return t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= days_in_month(t.year, t.month) &&
         t.hour <= 23 && t.minute <= 59 && t.second <= 60;
}

bool time_of_day(cursor& in, civil_time& t) {
  return in.digits(2, t.hour) && in.literal(":") && in.digits(2, t.minute) && in.literal(":") &&
         in.digits(2, t.second);
}

bool month(cursor& in, civil_time& t) {
  if (!in.name(months, t.month)) return false;
  ++t.month;
  return true;
}

// "Sun, 06 Nov 1994 08:49:37 GMT"
bool imf_fixdate(cursor in, civil_time& t) {
  int64_t weekday = 0;
  return in.name(short_days, weekday) && in.literal(", ") && in.digits(2, t.day) &&
         in.literal(" ") && month(in, t) && in.literal(" ") && in.digits(4, t.year) &&
         in.literal(" ") && time_of_day(in, t) && in.literal(" GMT") && in.done();
}

// "Sunday, 06-Nov-94 08:49:37 GMT"; t.year holds the two digits only.
bool rfc850_date(cursor in, civil_time& t) {
  int64_t weekday = 0;
  return in.name(long_days, weekday) && in.literal(", ") && in.digits(2, t.day) &&
         in.literal("-") && month(in, t) && in.literal("-") && in.digits(2, t.year) &&
         in.literal(" ") && time_of_day(in, t) && in.literal(" GMT") && in.done();
}

// "Sun Nov  6 08:49:37 1994" (a one-digit day is padded with a space: "Nov  6").
bool asctime_date(cursor in, civil_time& t) {
  int64_t weekday = 0;
  if (!(in.name(short_days, weekday) && in.literal(" ") && month(in, t) && in.literal(" ")))
    return false;
  const bool day_ok = in.next_is(' ') ? in.literal(" ") && in.digits(1, t.day)
                                      : in.digits(2, t.day);
  return day_ok && in.literal(" ") && time_of_day(in, t) && in.literal(" ") &&
         in.digits(4, t.year) && in.done();
}

// RFC 9110 §5.6.7: a two-digit year that looks more than 50 years ahead is in the past.
int64_t place_two_digit_year(int64_t yy, wall_time_point now_wall) {
  using days = std::chrono::duration<int64_t, std::ratio<86'400>>;
  const int64_t this_year =
    year_from_days(std::chrono::floor<days>(now_wall.time_since_epoch()).count());
  int64_t year = this_year - this_year % 100 + yy;
  if (year > this_year + 50) year -= 100;
  else if (year + 100 <= this_year + 50) year += 100;
  return year;
}

std::string_view trim(std::string_view s) {
  const auto is_ows = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
  return s;
}

/// Seconds since the Unix epoch, unbounded by the clock's range (year 9999 is fine).
std::optional<int64_t> http_date_seconds(std::string_view text, wall_time_point now_wall) {
  civil_time t;
  if (rfc850_date(cursor{text}, t)) t.year = place_two_digit_year(t.year, now_wall);
  else if (!imf_fixdate(cursor{text}, t) && !asctime_date(cursor{text}, t)) return std::nullopt;
  if (!valid(t)) return std::nullopt;
  return days_from_civil(t.year, t.month, t.day) * 86'400 + t.hour * 3600 + t.minute * 60 +
         t.second;
}

std::optional<int64_t> delay_seconds(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (!is_digit(c)) return std::nullopt;
    value = std::min(value * 10 + (c - '0'), max_retry_after_seconds); // saturates, no overflow
  }
  return value;
}

} // namespace

std::optional<wall_time_point> parse_http_date(std::string_view text, wall_time_point now_wall) {
  const auto seconds = http_date_seconds(trim(text), now_wall);
  if (!seconds) return std::nullopt;
  constexpr int64_t limit =
    std::chrono::duration_cast<std::chrono::seconds>(wall_time_point::duration::max()).count();
  if (*seconds >= limit || *seconds <= -limit) return std::nullopt;
  return wall_time_point{std::chrono::seconds{*seconds}};
}

std::optional<milliseconds> parse_retry_after(std::string_view value, wall_time_point now_wall) {
  const std::string_view text = trim(value);
  if (const auto seconds = delay_seconds(text)) return milliseconds{*seconds * 1000};
  const auto date = http_date_seconds(text, now_wall);
  if (!date) return std::nullopt;
  // ceil(date - now) == date - floor(now) for a whole-second date: rounding up means the
  // caller never calls before the instant the upstream named.
  const int64_t now_ms =
    std::chrono::floor<milliseconds>(now_wall.time_since_epoch()).count();
  const int64_t delay_ms = *date * 1000 - now_ms;
  return milliseconds{std::clamp<int64_t>(delay_ms, 0, max_retry_after_seconds * 1000)};
}

} // namespace courtside::retry
