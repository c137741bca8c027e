// Evaluating a parsed cron_schedule: matching local readings, and mapping them to instants
// under the daylight-saving rule described in cron.hpp.
//
// Two facts make both directions simple:
//   - wall-clock jobs: "the run for reading L" (first occurrence; a reading in a gap runs at
//     the gap's end) never decreases as L grows. So the next run after `now` belongs to the
//     first matching reading above the highest reading the clock has shown up to `now`, and
//     the previous run to the last matching reading at or below it.
//   - elapsed-time jobs: run at every instant whose reading matches. Within one period of
//     constant offset readings grow with time, so each period is one forward/backward search.
#include "runtime/schedule/cron.hpp"

#include <algorithm>

namespace courtside::schedule {
namespace {

constexpr int64_t horizon_years = 200;
constexpr int max_period_hops = 2000; // > 200 years of twice-yearly changes plus history
constexpr uint32_t every_hour = (uint32_t{1} << 24) - 1;

/// Smallest set bit >= from, or -1.
int next_bit(uint64_t mask, int from) {
  if (from > 63) return -1;
  const uint64_t m = mask & (~uint64_t{0} << from);
  return m == 0 ? -1 : __builtin_ctzll(m);
}

/// Largest set bit <= from, or -1.
int previous_bit(uint64_t mask, int from) {
  if (from < 0) return -1;
  const uint64_t m = from >= 63 ? mask : mask & ((uint64_t{2} << from) - 1);
  return m == 0 ? -1 : 63 - __builtin_clzll(m);
}

local_seconds reading(sys_seconds t, seconds utc_offset) {
  return local_seconds{t.time_since_epoch() + utc_offset};
}

sys_seconds instant(local_seconds t, seconds utc_offset) {
  return sys_seconds{t.time_since_epoch() - utc_offset};
}

/// The highest reading the zone's clocks have shown at or before `now`. Only differs from
/// now's reading shortly after clocks went back; offsets differ by < 48 h, so periods that
/// ended earlier than that cannot have shown a higher reading.
local_seconds highest_reading_until(sys_seconds now, const time_zone& zone) {
  offset_period p = zone.period_at(now);
  local_seconds high = reading(now, p.type.utc_offset);
  const sys_seconds floor = now - std::chrono::hours{48};
  while (p.begin > floor && p.begin != sys_seconds::min()) {
    const sys_seconds last_second = p.begin - seconds{1};
    offset_period before = zone.period_at(last_second);
    high = std::max(high, reading(last_second, before.type.utc_offset));
    p = std::move(before);
  }
  return high;
}

/// When a wall-clock job scheduled at a (resolved) reading runs.
sys_seconds wall_clock_run(const local_resolution& r) {
  return r.kind == local_kind::nonexistent ? r.transition : r.earliest;
}

} // namespace

dst_rule cron_schedule::daylight_rule() const {
  return hours_ == every_hour ? dst_rule::elapsed_time : dst_rule::wall_clock;
}

bool cron_schedule::day_matches(int64_t days) const {
  const civil_date d = civil_from_days(days);
  if (!(months_ >> d.month & 1)) return false;
  const bool dom = days_ >> d.day & 1;
  const bool dow = weekdays_ >> weekday_from_days(days) & 1;
  return day_or_rule_ ? (dom || dow) : (dom && dow);
}

bool cron_schedule::matches(const civil_time& t) const {
  return is_valid(t) && (seconds_ >> t.second & 1) && (minutes_ >> t.minute & 1) &&
         (hours_ >> t.hour & 1) && day_matches(days_from_civil(t.year, t.month, t.day));
}

std::optional<int64_t> cron_schedule::next_time_of_day(int64_t from) const {
  const int h0 = static_cast<int>(from / 3600), m0 = static_cast<int>(from / 60 % 60);
  const int s0 = static_cast<int>(from % 60);
  for (int h = next_bit(hours_, h0); h >= 0; h = next_bit(hours_, h + 1)) {
    for (int m = next_bit(minutes_, h == h0 ? m0 : 0); m >= 0; m = next_bit(minutes_, m + 1)) {
      const int s = next_bit(seconds_, (h == h0 && m == m0) ? s0 : 0);
      if (s >= 0) return h * 3600 + m * 60 + s;
    }
  }
  return std::nullopt;
}

std::optional<int64_t> cron_schedule::previous_time_of_day(int64_t from) const {
  const int h0 = static_cast<int>(from / 3600), m0 = static_cast<int>(from / 60 % 60);
  const int s0 = static_cast<int>(from % 60);
  for (int h = previous_bit(hours_, h0); h >= 0; h = previous_bit(hours_, h - 1)) {
    for (int m = previous_bit(minutes_, h == h0 ? m0 : 59); m >= 0;
         m = previous_bit(minutes_, m - 1)) {
      const int s = previous_bit(seconds_, (h == h0 && m == m0) ? s0 : 59);
      if (s >= 0) return h * 3600 + m * 60 + s;
    }
  }
  return std::nullopt;
}

std::optional<local_seconds> cron_schedule::next_match(local_seconds t) const {
  const int64_t s = t.time_since_epoch().count();
  int64_t day = floor_div(s, seconds_per_day);
  int64_t from = s - day * seconds_per_day;
  const int64_t last_year = civil_from_days(day).year + horizon_years;
  for (;;) {
    const civil_date d = civil_from_days(day);
    if (d.year > last_year) return std::nullopt;
    if (!(months_ >> d.month & 1)) { // on to the 1st of the next month
      day = d.month == 12 ? days_from_civil(d.year + 1, 1, 1)
                          : days_from_civil(d.year, d.month + 1, 1);
      from = 0;
      continue;
    }
    if (day_matches(day))
      if (auto tod = next_time_of_day(from))
        return local_seconds{seconds{day * seconds_per_day + *tod}};
    ++day;
    from = 0;
  }
}

std::optional<local_seconds> cron_schedule::previous_match(local_seconds t) const {
  const int64_t s = t.time_since_epoch().count();
  int64_t day = floor_div(s, seconds_per_day);
  int64_t from = s - day * seconds_per_day;
  const int64_t first_year = civil_from_days(day).year - horizon_years;
  for (;;) {
    const civil_date d = civil_from_days(day);
    if (d.year < first_year) return std::nullopt;
    if (!(months_ >> d.month & 1)) { // back to the last day of the previous month
      day = days_from_civil(d.year, d.month, 1) - 1;
      from = seconds_per_day - 1;
      continue;
    }
    if (day_matches(day))
      if (auto tod = previous_time_of_day(from))
        return local_seconds{seconds{day * seconds_per_day + *tod}};
    --day;
    from = seconds_per_day - 1;
  }
}

std::optional<sys_seconds> cron_schedule::next_after(sys_seconds now, const time_zone& zone) const {
  if (daylight_rule() == dst_rule::wall_clock) {
    const auto match = next_match(highest_reading_until(now, zone) + seconds{1});
    if (!match) return std::nullopt;
    return wall_clock_run(zone.resolve(*match));
  }
  sys_seconds from = now + seconds{1};
  for (int hop = 0; hop < max_period_hops; ++hop) {
    const offset_period p = zone.period_at(from);
    const auto match = next_match(reading(from, p.type.utc_offset));
    if (!match) return std::nullopt;
    const sys_seconds run = instant(*match, p.type.utc_offset);
    if (run < p.end) return run;
    from = p.end; // the reading comes after this period: look in the next one
  }
  return std::nullopt;
}

std::optional<sys_seconds> cron_schedule::previous_at_or_before(sys_seconds now,
                                                                const time_zone& zone) const {
  if (daylight_rule() == dst_rule::wall_clock) {
    const auto match = previous_match(highest_reading_until(now, zone));
    if (!match) return std::nullopt;
    return wall_clock_run(zone.resolve(*match));
  }
  sys_seconds from = now;
  for (int hop = 0; hop < max_period_hops; ++hop) {
    const offset_period p = zone.period_at(from);
    const auto match = previous_match(reading(from, p.type.utc_offset));
    if (!match) return std::nullopt;
    const sys_seconds run = instant(*match, p.type.utc_offset);
    if (run >= p.begin) return run;
    from = p.begin - seconds{1}; // the reading came before this period: look in the previous
  }
  return std::nullopt;
}

} // namespace courtside::schedule
