#pragma once
// Civil (calendar) dates and times, and the instants that name them. C++17 has neither
// std::chrono::year_month_day nor local_t, so the few pieces we need live here, header-only
// and constexpr:
//
//   sys_seconds    an instant: seconds since 1970-01-01T00:00:00 UTC (system_clock epoch)
//   local_seconds  a wall-clock reading in some unnamed zone, counted the same way; it names
//                  no instant until a time_zone resolves it (C++20's local_seconds)
//   civil_time     the same reading as fields (year, month, day, hour, minute, second)
//
// Day arithmetic is Howard Hinnant's days_from_civil / civil_from_days
// (https://howardhinnant.github.io/date_algorithms.html): exact over the whole proleptic
// Gregorian calendar, no tables, no libc (timegm/localtime are TZ- and locale-dependent).
#include <chrono>
#include <cstdint>

namespace courtside::schedule {

using seconds = std::chrono::seconds;
using sys_seconds = std::chrono::time_point<std::chrono::system_clock, seconds>;

/// Tag "clock" of local readings: a time_point over it cannot be mixed up with an instant.
/// It has no now(): a local reading only exists relative to a zone.
struct local_t {};
using local_seconds = std::chrono::time_point<local_t, seconds>;

inline constexpr int64_t seconds_per_day = 86'400;

struct civil_date {
  int64_t year = 1970;
  int month = 1; ///< 1..12
  int day = 1;   ///< 1..days_in_month
};

struct civil_time {
  int64_t year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..days_in_month(year, month)
  int hour = 0;   ///< 0..23
  int minute = 0; ///< 0..59
  int second = 0; ///< 0..59 (no leap seconds: POSIX time has none)

  friend constexpr bool operator==(const civil_time& a, const civil_time& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day && a.hour == b.hour &&
           a.minute == b.minute && a.second == b.second;
  }
  friend constexpr bool operator!=(const civil_time& a, const civil_time& b) { return !(a == b); }
};

/// Floor division: -1 / 86400 must be day -1, not day 0.
constexpr int64_t floor_div(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

constexpr int64_t floor_mod(int64_t a, int64_t b) { return a - floor_div(a, b) * b; }

constexpr bool is_leap_year(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

constexpr int days_in_month(int64_t y, int m) {
  constexpr int lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return (m == 2 && is_leap_year(y)) ? 29 : lengths[m - 1];
}

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1..12, day 1..31).
constexpr int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = floor_div(y, 400);
  const int64_t yoe = y - era * 400;                                  // [0, 399]
  const int64_t mp = (m + 9) % 12;                                    // March = 0
  const int64_t doy = (153 * mp + 2) / 5 + d - 1;                     // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          // [0, 146096]
  return era * 146'097 + doe - 719'468;
}

/// The date `z` days after 1970-01-01 (negative: before).
constexpr civil_date civil_from_days(int64_t z) {
  z += 719'468;
  const int64_t era = floor_div(z, 146'097);
  const int64_t doe = z - era * 146'097;                              // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365; // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);        // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                             // [0, 11]
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return civil_date{yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

/// 0 = Sunday ... 6 = Saturday, as cron and POSIX TZ rules count. 1970-01-01 was a Thursday.
constexpr int weekday_from_days(int64_t z) { return static_cast<int>(floor_mod(z + 4, 7)); }

/// Whether every field is in range (and the day exists in that month).
constexpr bool is_valid(const civil_time& t) {
  return t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= days_in_month(t.year, t.month) &&
         t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 && t.second >= 0 &&
         t.second <= 59;
}

/// Seconds since the epoch of a reading, fields taken as they are (precondition: is_valid).
constexpr int64_t civil_to_seconds(const civil_time& t) {
  return days_from_civil(t.year, t.month, t.day) * seconds_per_day + t.hour * 3600 +
         t.minute * 60 + t.second;
}

constexpr civil_time seconds_to_civil(int64_t s) {
  const int64_t days = floor_div(s, seconds_per_day);
  const int64_t sod = s - days * seconds_per_day;
  const civil_date d = civil_from_days(days);
  return civil_time{d.year,
                    d.month,
                    d.day,
                    static_cast<int>(sod / 3600),
                    static_cast<int>(sod / 60 % 60),
                    static_cast<int>(sod % 60)};
}

constexpr local_seconds to_local_seconds(const civil_time& t) {
  return local_seconds{seconds{civil_to_seconds(t)}};
}

constexpr civil_time to_civil(local_seconds t) {
  return seconds_to_civil(t.time_since_epoch().count());
}

/// The UTC reading of an instant (what a zone with offset 0 shows).
constexpr civil_time to_civil(sys_seconds t) {
  return seconds_to_civil(t.time_since_epoch().count());
}

constexpr sys_seconds utc_instant(const civil_time& t) {
  return sys_seconds{seconds{civil_to_seconds(t)}};
}

} // namespace courtside::schedule
