// Spec for runtime/retry/retry_after.hpp: delay-seconds, the three HTTP-date forms, garbage.
#include "runtime/retry/retry_after.hpp"

#include <catch2/catch.hpp>

using namespace courtside::retry;
using namespace std::chrono_literals;

namespace {

// "Wed, 21 Oct 2015 07:28:00 GMT" is 1445412480 s after the epoch (the MDN example date).
constexpr int64_t oct21 = 1'445'412'480;

wall_time_point at_seconds(int64_t s) { return wall_time_point{std::chrono::seconds{s}}; }
wall_time_point oct21_plus(std::chrono::nanoseconds offset) { return at_seconds(oct21) + offset; }

} // namespace

TEST_CASE("Retry-After: 120 means 120 s", "[retry][retry_after]") {
  CHECK(parse_retry_after("120", at_seconds(0)) == milliseconds{120'000});
  CHECK(parse_retry_after("0", at_seconds(0)) == 0ms);
  CHECK(parse_retry_after("007", at_seconds(0)) == 7000ms);
}

TEST_CASE("Retry-After: surrounding spaces and tabs are ignored", "[retry][retry_after]") {
  CHECK(parse_retry_after("  120\t", at_seconds(0)) == 120'000ms);
  CHECK(parse_retry_after(" Wed, 21 Oct 2015 07:28:00 GMT ", oct21_plus(-10s)) == 10'000ms);
}

TEST_CASE("Retry-After: huge delay-seconds saturate instead of overflowing",
          "[retry][retry_after]") {
  CHECK(parse_retry_after("2147483647", at_seconds(0)) == 2'147'483'647'000ms);
  CHECK(parse_retry_after("2147483648", at_seconds(0)) == 2'147'483'648'000ms);
  CHECK(parse_retry_after("2147483649", at_seconds(0)) == 2'147'483'648'000ms);
  CHECK(parse_retry_after("99999999999999999999999999", at_seconds(0)) ==
        2'147'483'648'000ms);
}

TEST_CASE("Retry-After: an IMF-fixdate 2 minutes ahead waits 120 s", "[retry][retry_after]") {
  CHECK(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", oct21_plus(-120s)) == 120'000ms);
}

TEST_CASE("Retry-After: a date 1 ms ahead waits 1 ms, now or 1 ms past waits 0",
          "[retry][retry_after]") {
  const char* date = "Wed, 21 Oct 2015 07:28:00 GMT";
  CHECK(parse_retry_after(date, oct21_plus(-1ms)) == 1ms);
  CHECK(parse_retry_after(date, oct21_plus(0ms)) == 0ms);
  CHECK(parse_retry_after(date, oct21_plus(1ms)) == 0ms);
  CHECK(parse_retry_after(date, oct21_plus(-3600s)) == 3'600'000ms);
}

TEST_CASE("Retry-After: a date 1 ns ahead rounds up to 1 ms, never earlier than asked",
          "[retry][retry_after]") {
  const char* date = "Wed, 21 Oct 2015 07:28:00 GMT";
  CHECK(parse_retry_after(date, oct21_plus(-1ns)) == 1ms);
  CHECK(parse_retry_after(date, oct21_plus(-1'000'001ns)) == 2ms);
}

TEST_CASE("Retry-After: a date long past waits 0, even before 1970", "[retry][retry_after]") {
  CHECK(parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT", oct21_plus(0s)) == 0ms);
  CHECK(parse_retry_after("Mon, 01 Jan 1601 00:00:00 GMT", oct21_plus(0s)) == 0ms);
}

TEST_CASE("Retry-After: a date in year 9999 is capped, not garbage", "[retry][retry_after]") {
  CHECK(parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", oct21_plus(0s)) ==
        milliseconds{max_retry_after_seconds * 1000});
}

TEST_CASE("HTTP-date: the three forms name the same instant", "[retry][retry_after]") {
  const auto now = oct21_plus(0s);
  const auto expected = at_seconds(oct21);
  CHECK(parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT", now) == expected);
  CHECK(parse_http_date("Wednesday, 21-Oct-15 07:28:00 GMT", now) == expected);
  CHECK(parse_http_date("Wed Oct 21 07:28:00 2015", now) == expected);
}

TEST_CASE("HTTP-date: RFC 9110's own example in all three forms", "[retry][retry_after]") {
  const auto now = at_seconds(784'111'777);
  const auto expected = at_seconds(784'111'777);
  CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT", now) == expected);
  CHECK(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", now) == expected);
  CHECK(parse_http_date("Sun Nov  6 08:49:37 1994", now) == expected);
  CHECK(parse_http_date("Sun Nov 06 08:49:37 1994", now) == expected);
}

TEST_CASE("HTTP-date: an RFC 850 year 50 years ahead stays ahead, 51 goes back a century",
          "[retry][retry_after]") {
  const auto now_2025 = at_seconds(1'740'830'400); // 2025-03-01 12:00:00
  const auto y2075 = at_seconds(3'318'624'000);    // 2075-03-01 00:00:00
  const auto y1976 = at_seconds(194'486'400);      // 1976-03-01 00:00:00
  CHECK(parse_http_date("Friday, 01-Mar-75 00:00:00 GMT", now_2025) == y2075);
  CHECK(parse_http_date("Monday, 01-Mar-76 00:00:00 GMT", now_2025) == y1976);
  CHECK(parse_retry_after("Monday, 01-Mar-76 00:00:00 GMT", now_2025) == 0ms);
}

TEST_CASE("HTTP-date: an RFC 850 year late in a century may land in the next one",
          "[retry][retry_after]") {
  const auto now_2099 = at_seconds(4'070'908'800);  // 2099-01-01 00:00:00
  const auto y2100 = at_seconds(4'102'444'800);     // 2100-01-01 00:00:00
  CHECK(parse_http_date("Friday, 01-Jan-00 00:00:00 GMT", now_2099) == y2100);
}

TEST_CASE("HTTP-date: calendar edges", "[retry][retry_after]") {
  const auto now = oct21_plus(0s);
  CHECK(parse_http_date("Thu, 29 Feb 2024 00:00:00 GMT", now) == at_seconds(1'709'164'800));
  CHECK(parse_http_date("Tue, 29 Feb 2000 00:00:00 GMT", now).has_value()); // 400-year leap
  CHECK_FALSE(parse_http_date("Wed, 29 Feb 2023 00:00:00 GMT", now).has_value());
  CHECK_FALSE(parse_http_date("Thu, 29 Feb 2100 00:00:00 GMT", now).has_value());
  CHECK(parse_http_date("Thu, 30 Apr 2015 00:00:00 GMT", now).has_value());
  CHECK_FALSE(parse_http_date("Fri, 31 Apr 2015 00:00:00 GMT", now).has_value());
  CHECK_FALSE(parse_http_date("Wed, 00 Oct 2015 07:28:00 GMT", now).has_value());
  CHECK(parse_http_date("Wed, 21 Oct 2015 23:59:59 GMT", now).has_value());
  CHECK_FALSE(parse_http_date("Wed, 21 Oct 2015 24:00:00 GMT", now).has_value());
  CHECK_FALSE(parse_http_date("Wed, 21 Oct 2015 07:60:00 GMT", now).has_value());
  // A leap second is one more second, not garbage.
  CHECK(parse_http_date("Wed, 31 Dec 2016 23:59:60 GMT", now) ==
        parse_http_date("Sun, 01 Jan 2017 00:00:00 GMT", now));
  CHECK_FALSE(parse_http_date("Wed, 31 Dec 2016 23:59:61 GMT", now).has_value());
}

TEST_CASE("HTTP-date: the weekday name must exist but need not match the date",
          "[retry][retry_after]") {
  const auto now = oct21_plus(0s);
  CHECK(parse_http_date("Mon, 21 Oct 2015 07:28:00 GMT", now) == at_seconds(oct21));
  CHECK_FALSE(parse_http_date("Wen, 21 Oct 2015 07:28:00 GMT", now).has_value());
}

TEST_CASE("HTTP-date: a year outside the wall clock's range is not a time point",
          "[retry][retry_after]") {
  CHECK_FALSE(parse_http_date("Fri, 31 Dec 9999 23:59:59 GMT", oct21_plus(0s)).has_value());
}

TEST_CASE("Retry-After: garbage is ignored (nullopt), never guessed at", "[retry][retry_after]") {
  const auto now = oct21_plus(0s);
  const char* garbage[] = {
    "",
    "   ",
    "soon",
    "-5",
    "+5",
    "1.5",
    "12 0",
    "120s",
    "0x10",
    "Wed, 21 Oct 2015 07:28:00 UTC",       // must be GMT
    "Wed, 21 Oct 2015 07:28:00 gmt",       // HTTP-date is case-sensitive
    "wed, 21 Oct 2015 07:28:00 GMT",
    "Wed, 21 oct 2015 07:28:00 GMT",
    "Wed, 21 Oct 2015 07:28:00 GMT extra",
    "Wed, 21 Oct 2015 07:28 GMT",          // no seconds
    "Wed, 1 Oct 2015 07:28:00 GMT",        // IMF-fixdate day is two digits
    "Wed, 21 Oct 15 07:28:00 GMT",         // IMF-fixdate year is four digits
    "Wed 21 Oct 2015 07:28:00 GMT",        // missing comma
    "Wed,  21 Oct 2015 07:28:00 GMT",      // double space
    "Wednesday, 21 Oct 2015 07:28:00 GMT", // long weekday in the IMF form
    "Wed, 21-Oct-15 07:28:00 GMT",         // short weekday in the RFC 850 form
    "Wednesday, 21-Oct-2015 07:28:00 GMT", // RFC 850 year is two digits
    "Wed Oct 21 07:28:00 15",              // asctime year is four digits
    "Wed Oct 21 07:28:00 2015 GMT",        // asctime has no zone
    "Wed Oct  21 07:28:00 2015",
    "2015-10-21T07:28:00Z",                // ISO 8601 is not an HTTP-date
  };
  for (const char* value : garbage) {
    INFO("Retry-After: \"" << value << "\"");
    CHECK_FALSE(parse_retry_after(value, now).has_value());
  }
}
