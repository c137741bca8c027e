#include "runtime/schedule/posix_tz.hpp"

#include <algorithm>
#include <array>

namespace courtside::schedule {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

/// A forward-only reader; each method consumes exactly its production or reports why not.
class tz_reader {
public:
  explicit tz_reader(std::string_view text) : text_(text) {}

  bool done() const { return pos_ == text_.size(); }
  bool next_is(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool accept(char c) {
    if (!next_is(c)) return false;
    ++pos_;
    return true;
  }
  std::string fail(std::string_view what) const {
    return std::string(what) + " at position " + std::to_string(pos_) + " of \"" +
           std::string(text_) + "\"";
  }

  /// "EST" or "<+0330>" (returned without the brackets).
  bool name(std::string& out) {
    const size_t start = pos_;
    if (accept('<')) {
      while (pos_ < text_.size() && text_[pos_] != '>') {
        const char c = text_[pos_];
        if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-') return false;
        ++pos_;
      }
      if (!accept('>')) return false;
      out = std::string(text_.substr(start + 1, pos_ - start - 2));
    } else {
      while (pos_ < text_.size() && is_alpha(text_[pos_])) ++pos_;
      out = std::string(text_.substr(start, pos_ - start));
    }
    return out.size() >= 3;
  }

  /// An unsigned number of 1..max_digits digits.
  bool number(int max_digits, int64_t& out) {
    int digits = 0;
    out = 0;
    while (pos_ < text_.size() && is_digit(text_[pos_]) && digits < max_digits) {
      out = out * 10 + (text_[pos_++] - '0');
      ++digits;
    }
    return digits > 0;
  }

  /// [+-]h[h..][:mm[:ss]] with hours <= max_hours; the sign is applied.
  bool signed_hms(int max_hours, int64_t& out) {
    const bool negative = accept('-');
    if (!negative) accept('+');
    int64_t h = 0, m = 0, s = 0;
    if (!number(3, h) || h > max_hours) return false;
    if (accept(':')) {
      if (!number(2, m) || m > 59) return false;
      if (accept(':') && (!number(2, s) || s > 59)) return false;
    }
    out = (h * 3600 + m * 60 + s) * (negative ? -1 : 1);
    return true;
  }

  bool rule_date(rule_point& p) {
    int64_t a = 0, b = 0, c = 0;
    if (accept('J')) {
      p.kind = rule_point::form::julian_1_365;
      if (!number(3, a) || a < 1 || a > 365) return false;
      p.day = static_cast<int>(a);
    } else if (accept('M')) {
      p.kind = rule_point::form::month_week_day;
      if (!number(2, a) || a < 1 || a > 12 || !accept('.') || !number(1, b) || b < 1 || b > 5 ||
          !accept('.') || !number(1, c) || c > 6)
        return false;
      p.month = static_cast<int>(a);
      p.week = static_cast<int>(b);
      p.weekday = static_cast<int>(c);
    } else {
      p.kind = rule_point::form::zero_based;
      if (!number(3, a) || a > 365) return false;
      p.day = static_cast<int>(a);
    }
    p.time_of_day = 7200;
    return !accept('/') || signed_hms(167, p.time_of_day);
  }

private:
  std::string_view text_;
  size_t pos_ = 0;
};

rule_point us_rule(int month, int week) {
  rule_point p;
  p.kind = rule_point::form::month_week_day;
  p.month = month;
  p.week = week;
  p.weekday = 0;
  p.time_of_day = 7200;
  return p;
}

struct rule_event {
  sys_seconds at;
  bool to_daylight;
};

} // namespace

local_seconds rule_point::in_year(int64_t year) const {
  const int64_t jan1 = days_from_civil(year, 1, 1);
  int64_t days = jan1;
  switch (kind) {
  case form::julian_1_365:
    days = jan1 + day - 1 + ((is_leap_year(year) && day >= 60) ? 1 : 0);
    break;
  case form::zero_based:
    days = jan1 + day;
    break;
  case form::month_week_day: {
    const int64_t first = days_from_civil(year, month, 1);
    days = first + floor_mod(weekday - weekday_from_days(first), 7) + (week - 1) * 7;
    while (days >= first + days_in_month(year, month)) days -= 7; // week 5 = "last"
    break;
  }
  }
  return local_seconds{seconds{days * seconds_per_day + time_of_day}};
}

result<posix_tz, std::string> posix_tz::parse(std::string_view text) {
  tz_reader in(text);
  posix_tz tz;
  int64_t west = 0;
  if (!in.name(tz.standard.abbreviation)) return in.fail("bad standard time name");
  if (!in.signed_hms(24, west)) return in.fail("bad standard time offset");
  tz.standard.utc_offset = seconds{-west};
  if (in.done()) return tz;

  zone_type dst{tz.standard.utc_offset + seconds{3600}, true, {}};
  if (!in.name(dst.abbreviation)) return in.fail("bad daylight time name");
  if (!in.done() && !in.next_is(',')) {
    if (!in.signed_hms(24, west)) return in.fail("bad daylight time offset");
    dst.utc_offset = seconds{-west};
  }
  tz.daylight = std::move(dst);
  tz.dst_start = us_rule(3, 2);
  tz.dst_end = us_rule(11, 1);
  if (in.done()) return tz;
  if (!in.accept(',') || !in.rule_date(tz.dst_start)) return in.fail("bad daylight start rule");
  if (!in.accept(',') || !in.rule_date(tz.dst_end)) return in.fail("bad daylight end rule");
  if (!in.done()) return in.fail("unexpected trailing text");
  return tz;
}

offset_period posix_tz::period_at(sys_seconds t) const {
  if (!daylight) return offset_period{sys_seconds::min(), sys_seconds::max(), standard};
  // Switches of the surrounding years, so that one is at or before t and one after it even
  // when rule times push a switch across New Year (up to 167 h).
  const int64_t year = to_civil(t + standard.utc_offset).year;
  std::array<rule_event, 10> events{};
  size_t n = 0;
  for (int64_t y = year - 2; y <= year + 2; ++y) {
    const local_seconds start = dst_start.in_year(y);
    const local_seconds end = dst_end.in_year(y);
    events[n++] = {sys_seconds{start.time_since_epoch() - standard.utc_offset}, true};
    events[n++] = {sys_seconds{end.time_since_epoch() - daylight->utc_offset}, false};
  }
  // On a tie (DST all year: one year's end is the next year's start) the end sorts first, so
  // the state after the instant is daylight.
  std::sort(events.begin(), events.end(), [](const rule_event& a, const rule_event& b) {
    return a.at != b.at ? a.at < b.at : (!a.to_daylight && b.to_daylight);
  });
  offset_period p{sys_seconds::min(), sys_seconds::max(), standard};
  for (const rule_event& e : events) {
    if (e.at <= t) {
      p.begin = e.at;
      p.type = e.to_daylight ? *daylight : standard;
    } else {
      p.end = e.at;
      break;
    }
  }
  return p;
}

} // namespace courtside::schedule
