#pragma once
// Parsing the HTTP Retry-After header (RFC 9110 §10.2.3): either delay-seconds ("120") or an
// HTTP-date in any of the three forms a recipient MUST accept (RFC 9110 §5.6.7):
//
//   IMF-fixdate   "Sun, 06 Nov 1994 08:49:37 GMT"   (the one senders use today)
//   RFC 850       "Sunday, 06-Nov-94 08:49:37 GMT"  (obsolete; two-digit year)
//   asctime       "Sun Nov  6 08:49:37 1994"        (obsolete; day padded with a space)
//
// Hand-written, not strptime/timegm: those are locale- and TZ-dependent and not thread-safe
// everywhere; civil-date arithmetic is a few lines (H. Hinnant's days_from_civil).
// Rules worth knowing:
//   - HTTP-date is case-sensitive ("GMT", "Nov", "Sun"); the weekday name must be a real one
//     but is not checked against the date (the date wins; RFC says be lenient).
//   - A two-digit RFC 850 year is taken in the century that puts it within 50 years of
//     now_wall's year (more than 50 years ahead means the previous century).
//   - Seconds may be 60 (a leap second); it counts as one more second.
//   - Surrounding spaces/tabs are ignored; anything else extra is garbage.
// The wall clock is passed in (now_wall), never read.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace courtside::retry {

using milliseconds = std::chrono::milliseconds;
using wall_time_point = std::chrono::system_clock::time_point;

/// delay-seconds is capped here (RFC 9111 §1.2.2 uses the same ceiling for delta-seconds);
/// a larger value is not garbage, just "very long" — the retry deadline will refuse it.
inline constexpr int64_t max_retry_after_seconds = 2'147'483'648;

/// How long to wait before the next call, as the upstream asked:
///   "120"                      -> 120 s
///   a date in the future       -> date - now_wall, rounded UP to whole ms (never earlier)
///   a date now or in the past  -> 0 ms
///   anything else              -> std::nullopt (ignore the header, use the backoff)
/// Both forms are capped at max_retry_after_seconds.
[[nodiscard]] std::optional<milliseconds> parse_retry_after(std::string_view value,
                                                            wall_time_point now_wall);

/// The instant an HTTP-date names, in any of the three forms; std::nullopt when `text` is not
/// one (wrong shape, unknown name, impossible date such as 30 Feb, hour 24).
/// now_wall is only used to place an RFC 850 two-digit year in a century.
[[nodiscard]] std::optional<wall_time_point> parse_http_date(std::string_view text,
                                                             wall_time_point now_wall);

} // namespace courtside::retry
