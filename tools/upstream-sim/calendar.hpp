#pragma once
// Calendar arithmetic for the synthetic season: civil dates, US daylight-saving time and the
// date/time spellings the four APIs use. Pure code; nothing here reads a clock.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace courtside::upstream_sim {

struct civil_date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  friend bool operator==(const civil_date& a, const civil_date& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
  friend bool operator!=(const civil_date& a, const civil_date& b) { return !(a == b); }
  friend bool operator<(const civil_date& a, const civil_date& b) {
    if (a.year != b.year) return a.year < b.year;
    if (a.month != b.month) return a.month < b.month;
    return a.day < b.day;
  }
  friend bool operator<=(const civil_date& a, const civil_date& b) { return !(b < a); }
  friend bool operator>(const civil_date& a, const civil_date& b) { return b < a; }
};

/// Days since 1970-01-01 (negative before).
[[nodiscard]] std::int64_t days_from_civil(civil_date d);
[[nodiscard]] civil_date civil_from_days(std::int64_t days);
[[nodiscard]] civil_date add_days(civil_date d, int n);
/// 0 = Sunday .. 6 = Saturday.
[[nodiscard]] int weekday(civil_date d);
/// "Sun".."Sat".
[[nodiscard]] const char* weekday_abbrev(civil_date d);

/// "YYYY-MM-DD" exactly, with a real calendar day; nullopt otherwise.
[[nodiscard]] std::optional<civil_date> parse_iso_date(std::string_view text);

/// "2025-11-15".
[[nodiscard]] std::string iso(civil_date d);
/// "20251115".
[[nodiscard]] std::string compact(civil_date d);
/// "11/15/2025 00:00:00" (scheduleLeagueV2's gameDate).
[[nodiscard]] std::string us_slash_midnight(civil_date d);

/// Whether US daylight-saving time is in effect on that local date at evening game time
/// (second Sunday of March .. the day before the first Sunday of November).
[[nodiscard]] bool us_dst(civil_date d);

/// A wall-clock moment: a date and seconds after its midnight (may be >= 86400 or negative
/// before normalisation).
struct local_time {
  civil_date date;
  int seconds = 0;
};

/// Seconds since the Unix epoch of a local time at `utc_offset_minutes` (-300 for EST).
[[nodiscard]] std::int64_t epoch_seconds(local_time t, int utc_offset_minutes);
/// The wall clock at `utc_offset_minutes` for an instant.
[[nodiscard]] local_time local_from_epoch(std::int64_t epoch, int utc_offset_minutes);

/// "2025-11-15T19:30:00" (no zone suffix: callers add "Z", ".000Z" or an offset).
[[nodiscard]] std::string iso_date_time(local_time t);
/// "-05:00" / "+00:00".
[[nodiscard]] std::string offset_suffix(int utc_offset_minutes);

/// Parses "2025-11-15T19:30:00Z", "...T19:30:00.000Z", "...T19:30:00-05:00" and a bare
/// date ("2025-11-15", midnight UTC) to epoch seconds.
[[nodiscard]] std::optional<std::int64_t> parse_instant(std::string_view text);

} // namespace courtside::upstream_sim
