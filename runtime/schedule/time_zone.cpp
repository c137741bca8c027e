#include "runtime/schedule/time_zone.hpp"

#include <algorithm>

namespace courtside::schedule {
namespace {

/// RFC 8536 bounds UT offsets to -25 h .. +26 h; looking this far either side of a reading
/// finds every period that could show it.
constexpr seconds offset_reach{26 * 3600};

sys_seconds read_with(local_seconds t, seconds utc_offset) {
  return sys_seconds{t.time_since_epoch() - utc_offset};
}

} // namespace

std::string_view to_string(time_zone_errc e) {
  switch (e) {
  case time_zone_errc::invalid_name: return "invalid_name";
  case time_zone_errc::unknown_zone: return "unknown_zone";
  case time_zone_errc::unreadable: return "unreadable";
  case time_zone_errc::malformed_file: return "malformed_file";
  case time_zone_errc::leap_seconds_unsupported: return "leap_seconds_unsupported";
  case time_zone_errc::invalid_tz_string: return "invalid_tz_string";
  case time_zone_errc::invalid_civil_time: return "invalid_civil_time";
  case time_zone_errc::nonexistent_local_time: return "nonexistent_local_time";
  case time_zone_errc::ambiguous_local_time: return "ambiguous_local_time";
  }
  return "unknown";
}

std::string time_zone_error::describe() const {
  std::string out(to_string(code));
  out += ": ";
  out += zone;
  if (!detail.empty()) out += ": " + detail;
  return out;
}

result<time_zone, time_zone_error> time_zone::from_posix_tz(std::string_view name,
                                                            std::string_view tz) {
  auto rule = posix_tz::parse(tz);
  if (!rule) return time_zone_error{time_zone_errc::invalid_tz_string, std::string(name),
                                    rule.error()};
  time_zone zone;
  zone.name_ = std::string(name);
  zone.types_.push_back(rule.value().standard);
  zone.footer_ = std::move(rule).value();
  return zone;
}

time_zone time_zone::utc() {
  time_zone zone;
  zone.name_ = "UTC";
  zone.types_.push_back(zone_type{seconds{0}, false, "UTC"});
  return zone;
}

offset_period time_zone::period_at(sys_seconds t) const {
  const int64_t s = t.time_since_epoch().count();
  if (transitions_.empty()) {
    if (footer_) return footer_->period_at(t);
    return offset_period{sys_seconds::min(), sys_seconds::max(), types_.front()};
  }
  if (s < transitions_.front())
    return offset_period{sys_seconds::min(), sys_seconds{seconds{transitions_.front()}},
                         types_.front()};
  const size_t i = static_cast<size_t>(
      std::upper_bound(transitions_.begin(), transitions_.end(), s) - transitions_.begin() - 1);
  const sys_seconds begin{seconds{transitions_[i]}};
  if (i + 1 < transitions_.size())
    return offset_period{begin, sys_seconds{seconds{transitions_[i + 1]}},
                         types_[transition_type_[i]]};
  if (!footer_) return offset_period{begin, sys_seconds::max(), types_[transition_type_[i]]};
  offset_period p = footer_->period_at(t);
  p.begin = std::max(p.begin, begin);
  return p;
}

local_view time_zone::to_local(sys_seconds t) const {
  offset_period p = period_at(t);
  return local_view{to_civil(t + p.type.utc_offset), p.type.utc_offset, p.type.is_dst,
                    std::move(p.type.abbreviation)};
}

local_resolution time_zone::resolve(local_seconds t) const {
  // Walk the periods that could show reading t; each shows it at most once (at t - offset).
  const sys_seconds last = read_with(t, -offset_reach);
  offset_period p = period_at(read_with(t, offset_reach));
  std::optional<sys_seconds> first_match, last_match;
  std::optional<local_resolution> gap;
  sys_seconds last_match_period_begin{};
  for (;;) {
    const sys_seconds u = read_with(t, p.type.utc_offset);
    if (p.begin <= u && u < p.end) {
      if (!first_match) first_match = u;
      last_match = u;
      last_match_period_begin = p.begin;
    }
    if (p.end >= last || p.end == sys_seconds::max()) break;
    offset_period next = period_at(p.end);
    const sys_seconds v = read_with(t, next.type.utc_offset);
    // t is past p's end in p's offset, and before next's start in next's offset: skipped.
    if (!gap && u >= p.end && v < next.begin)
      gap = local_resolution{local_kind::nonexistent, v, u, next.begin};
    p = std::move(next);
  }
  if (first_match && *first_match != *last_match)
    return local_resolution{local_kind::ambiguous, *first_match, *last_match,
                            last_match_period_begin};
  if (first_match)
    return local_resolution{local_kind::unique, *first_match, *first_match, *first_match};
  if (gap) return *gap;
  // Unreachable for a well-formed zone; read with the offset in force near t.
  const sys_seconds u = read_with(t, p.type.utc_offset);
  return local_resolution{local_kind::unique, u, u, u};
}

result<sys_seconds, time_zone_error> time_zone::to_utc(const civil_time& t,
                                                       disambiguation rule) const {
  if (!is_valid(t))
    return time_zone_error{time_zone_errc::invalid_civil_time, name_, "not a calendar time"};
  const local_resolution r = resolve(to_local_seconds(t));
  switch (r.kind) {
  case local_kind::unique: return r.earliest;
  case local_kind::ambiguous:
    if (rule == disambiguation::reject)
      return time_zone_error{time_zone_errc::ambiguous_local_time, name_,
                             "the reading happens twice"};
    return rule == disambiguation::later ? r.latest : r.earliest;
  case local_kind::nonexistent:
    switch (rule) {
    case disambiguation::reject:
      return time_zone_error{time_zone_errc::nonexistent_local_time, name_,
                             "the reading falls in a gap"};
    case disambiguation::earlier: return r.earliest;
    case disambiguation::gap_end: return r.transition;
    case disambiguation::compatible:
    case disambiguation::later: return r.latest;
    }
  }
  return r.earliest;
}

} // namespace courtside::schedule
