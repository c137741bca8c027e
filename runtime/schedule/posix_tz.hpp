#pragma once
// POSIX TZ rule strings ("EST5EDT,M3.2.0,M11.1.0"), as found in the footer of a TZif v2+
// file, where they say what happens after the file's last transition (RFC 8536 §3.3; the
// grammar is POSIX XBD 8.3, with RFC 8536's extensions: hours up to 167 in rule times,
// negative rule times, and DST all year as "J0/0,J365/25").
//
//   std offset [dst [offset] [,start[/time],end[/time]]]
//   name    3+ letters ("EST"), or <...> quoted with digits and signs ("<+0330>")
//   offset  [+-]hh[:mm[:ss]] WEST of Greenwich: "EST5" is UTC-05:00, "<+0330>-3:30" UTC+03:30
//   dst offset defaults to one hour ahead of std; the rules default to the US ones
//   (M3.2.0,M11.1.0), as glibc does
//   date    Jn (1..365, Feb 29 never counted) | n (0..365, counted) | Mm.w.d (month m, week w
//           1..5 where 5 = last, weekday d 0 = Sunday)
//   time    [+-]h[hh][:mm[:ss]], default 02:00:00, in the local time in force BEFORE the
//           switch (standard time for start, daylight time for end)
#include "runtime/schedule/civil_time.hpp"
#include "runtime/schedule/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace courtside::schedule {

/// One local time type: an offset from UTC, whether it is daylight time, its abbreviation.
struct zone_type {
  seconds utc_offset{0}; ///< local = UTC + utc_offset (New York in winter: -18000 s)
  bool is_dst = false;
  std::string abbreviation; ///< "EST", "EDT", "+0330", "UTC"
};

/// A stretch of time with one zone_type: [begin, end). The first period of a zone begins at
/// sys_seconds::min(), the last ends at sys_seconds::max().
struct offset_period {
  sys_seconds begin = sys_seconds::min();
  sys_seconds end = sys_seconds::max();
  zone_type type;
};

/// A day of the year (and time of that day) on which a POSIX rule switches.
struct rule_point {
  enum class form : uint8_t {
    julian_1_365,   ///< "Jn": 1..365, Feb 29 is never counted (J60 is always March 1)
    zero_based,     ///< "n": 0..365, Feb 29 is counted
    month_week_day, ///< "Mm.w.d": the w-th (5 = last) weekday d of month m
  };
  form kind = form::month_week_day;
  int day = 0;     ///< for julian_1_365 and zero_based
  int month = 3;   ///< 1..12, month_week_day only
  int week = 2;    ///< 1..5, month_week_day only
  int weekday = 0; ///< 0 = Sunday .. 6, month_week_day only
  int64_t time_of_day = 7200; ///< seconds after local midnight; -167 h .. +167 h

  /// The switch in year `year`, as a local reading in the offset in force before it.
  [[nodiscard]] local_seconds in_year(int64_t year) const;
};

struct posix_tz {
  zone_type standard;
  std::optional<zone_type> daylight; ///< absent: no DST, `standard` all year
  rule_point dst_start;              ///< switch to daylight (read in standard time)
  rule_point dst_end;                ///< switch back (read in daylight time)

  /// Parses a TZ string; the error is a human sentence naming the offending part.
  [[nodiscard]] static result<posix_tz, std::string> parse(std::string_view text);

  /// The period containing `t` under this rule alone (the caller clips it to where the rule
  /// applies). Without DST it is (min, max).
  [[nodiscard]] offset_period period_at(sys_seconds t) const;
};

} // namespace courtside::schedule
