#include "tools/upstream-sim/calendar.hpp"

#include <array>
#include <cstdio>

namespace courtside::upstream_sim {
namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
}

/// The n-th (1-based) Sunday of a month.
civil_date nth_sunday(int year, int month, int n) {
  civil_date first{year, month, 1};
  const int to_sunday = (7 - weekday(first)) % 7;
  return {year, month, 1 + to_sunday + 7 * (n - 1)};
}

std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size())
    return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9')
      return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

} // namespace

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t days_from_civil(civil_date d) {
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(d.month + (d.month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

civil_date civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const auto year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0));
  return {year, static_cast<int>(month), static_cast<int>(day)};
}

civil_date add_days(civil_date d, int n) { return civil_from_days(days_from_civil(d) + n); }

int weekday(civil_date d) {
  const std::int64_t z = days_from_civil(d);
  return static_cast<int>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

const char* weekday_abbrev(civil_date d) {
  static constexpr std::array<const char*, 7> names{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return names[static_cast<std::size_t>(weekday(d))];
}

std::optional<civil_date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    return std::nullopt;
  const auto y = digits(text, 0, 4);
  const auto m = digits(text, 5, 2);
  const auto d = digits(text, 8, 2);
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m))
    return std::nullopt;
  return civil_date{*y, *m, *d};
}

std::string iso(civil_date d) {
  return std::to_string(d.year) + "-" + two(d.month) + "-" + two(d.day);
}

std::string compact(civil_date d) { return std::to_string(d.year) + two(d.month) + two(d.day); }

std::string us_slash_midnight(civil_date d) {
  return two(d.month) + "/" + two(d.day) + "/" + std::to_string(d.year) + " 00:00:00";
}

bool us_dst(civil_date d) {
  return !(d < nth_sunday(d.year, 3, 2)) && d < nth_sunday(d.year, 11, 1);
}

std::int64_t epoch_seconds(local_time t, int utc_offset_minutes) {
  return days_from_civil(t.date) * 86400 + t.seconds - std::int64_t{utc_offset_minutes} * 60;
}

local_time local_from_epoch(std::int64_t epoch, int utc_offset_minutes) {
  const std::int64_t local = epoch + std::int64_t{utc_offset_minutes} * 60;
  std::int64_t days = local / 86400;
  std::int64_t secs = local % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  return {civil_from_days(days), static_cast<int>(secs)};
}

std::string iso_date_time(local_time t) {
  const auto norm = local_from_epoch(epoch_seconds(t, 0), 0);
  return iso(norm.date) + "T" + two(norm.seconds / 3600) + ":" + two(norm.seconds / 60 % 60) + ":"
         + two(norm.seconds % 60);
}

std::string offset_suffix(int utc_offset_minutes) {
  const int a = utc_offset_minutes < 0 ? -utc_offset_minutes : utc_offset_minutes;
  return std::string{utc_offset_minutes < 0 ? "-" : "+"} + two(a / 60) + ":" + two(a % 60);
}

std::optional<std::int64_t> parse_instant(std::string_view text) {
  const auto date = parse_iso_date(text.substr(0, 10));
  if (!date)
    return std::nullopt;
  if (text.size() == 10)
    return epoch_seconds({*date, 0}, 0);
  if (text.size() < 19 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' || text[16] != ':')
    return std::nullopt;
  const auto h = digits(text, 11, 2);
  const auto mi = digits(text, 14, 2);
  const auto s = digits(text, 17, 2);
  if (!h || !mi || !s || *h > 23 || *mi > 59 || *s > 60)
    return std::nullopt;
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    std::size_t i = 1;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
    rest.remove_prefix(i);
  }
  int offset = 0;
  if (rest == "Z" || rest.empty()) {
    offset = 0;
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    const auto oh = digits(rest, 1, 2);
    const auto om = digits(rest, 4, 2);
    if (!oh || !om)
      return std::nullopt;
    offset = (rest[0] == '-' ? -1 : 1) * (*oh * 60 + *om);
  } else {
    return std::nullopt;
  }
  return epoch_seconds({*date, *h * 3600 + *mi * 60 + *s}, offset);
}

} // namespace courtside::upstream_sim
