// Every form of "minutes played" the upstreams send, to whole seconds.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "messages/decode/minutes.hpp"

using namespace courtside::decode;

namespace {

int seconds_of(std::string_view text) {
  const parsed_minutes m = parse_minutes(text);
  REQUIRE(m.status == minutes_status::ok);
  return m.seconds;
}

minutes_status status_of(std::string_view text) {
  return parse_minutes(text).status;
}

} // namespace

TEST_CASE("NBA.com ISO-8601 durations: PT34M12.00S, PT21M, team PT240M00.00S") {
  CHECK(seconds_of("PT34M12.00S") == 34 * 60 + 12);
  CHECK(seconds_of("PT21M") == 21 * 60);
  CHECK(seconds_of("PT00M00.00S") == 0);
  CHECK(seconds_of("PT240M00.00S") == 240 * 60);
  CHECK(seconds_of("PT23M58.60S") == 23 * 60 + 58); // fractions truncate
  CHECK(seconds_of("PT45.5S") == 45);
  CHECK(seconds_of("PT1H02M") == 3720);
  CHECK(seconds_of("pt5m") == 300);
}

TEST_CASE("stats.nba.com MM:SS: 34:12, 4:06, 265:00") {
  CHECK(seconds_of("34:12") == 34 * 60 + 12);
  CHECK(seconds_of("4:06") == 246);
  CHECK(seconds_of("265:00") == 265 * 60);
  CHECK(seconds_of("0:59") == 59);
  CHECK(seconds_of("36:49.5") == 36 * 60 + 49);
}

TEST_CASE("balldontlie whole minutes: \"06\", \"5\", \"00\"") {
  CHECK(seconds_of("06") == 360);
  CHECK(seconds_of("5") == 300);
  CHECK(seconds_of("00") == 0);
  CHECK(seconds_of(" 37 ") == 37 * 60);
}

TEST_CASE("dashboard fractional minutes: 34.5 and 34.2 as text and numbers") {
  CHECK(seconds_of("34.5") == 2070);
  CHECK(seconds_of("34.2") == 2052);
  CHECK(minutes_from_number(34.2).seconds == 2052);
  CHECK(minutes_from_number(34).seconds == 2040);
  CHECK(minutes_from_number(0).status == minutes_status::ok);
}

TEST_CASE("no time given: empty or blank strings") {
  CHECK(status_of("") == minutes_status::empty);
  CHECK(status_of("   ") == minutes_status::empty);
}

TEST_CASE("seconds must be 00..59: 34:59 reads, 34:60 does not") {
  CHECK(seconds_of("34:59") == 34 * 60 + 59);
  CHECK(status_of("34:60") == minutes_status::invalid);
  CHECK(status_of("34:5") == minutes_status::invalid);
  CHECK(status_of("34:") == minutes_status::invalid);
  CHECK(status_of(":12") == minutes_status::invalid);
}

TEST_CASE("negative times are out of range, garbage is invalid") {
  CHECK(status_of("-5") == minutes_status::out_of_range);
  CHECK(status_of("-PT5M") == minutes_status::out_of_range);
  CHECK(minutes_from_number(-0.5).status == minutes_status::out_of_range);
  CHECK(status_of("-") == minutes_status::invalid);
  CHECK(status_of("--5") == minutes_status::invalid);
  CHECK(status_of("abc") == minutes_status::invalid);
  CHECK(status_of("PT") == minutes_status::invalid);
  CHECK(status_of("PT5") == minutes_status::invalid);
  CHECK(status_of("PT5X") == minutes_status::invalid);
  CHECK(status_of("PT5S5M") == minutes_status::invalid); // out of order
  CHECK(status_of("PT5.5M") == minutes_status::invalid); // only seconds take fractions
  CHECK(status_of("5 min") == minutes_status::invalid);
  CHECK(minutes_from_number(std::nan("")).status == minutes_status::invalid);
}

TEST_CASE("max_seconds is the ceiling: just below reads, just above is out of range") {
  CHECK(seconds_of("PT" + std::to_string(max_seconds) + "S") == max_seconds);
  CHECK(status_of("PT" + std::to_string(max_seconds + 1) + "S") == minutes_status::out_of_range);
  CHECK(status_of("99999999999999999999999") == minutes_status::out_of_range);
  CHECK(minutes_from_number(1e300).status == minutes_status::out_of_range);
}
