// Spec for TZif parsing (time_zone::from_tzif, RFC 8536) on hand-written files: every way a
// file can be broken gives a typed error, never a crash; the unusual valid shapes work.
#include "runtime/schedule/time_zone.hpp"

#include "schedule_test_support.hpp"

#include <catch2/catch.hpp>

using namespace courtside::schedule;
using namespace courtside::schedule::test;

namespace {

/// A zone with two types: "AAA" (+1 h) until t = 1000, then "BBB" (+2 h, DST).
tzif_spec two_types() {
  tzif_spec s;
  s.times = {1000};
  s.type_of = {1};
  s.types = {{3600, false, 0}, {7200, true, 4}};
  s.abbrevs = std::string("AAA\0BBB\0", 8);
  s.footer = "\n\n"; // no rule: the last type holds forever
  return s;
}

time_zone_errc error_of(const std::string& bytes) {
  const auto r = time_zone::from_tzif("Test/Zone", bytes);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().zone == "Test/Zone");
  return r.error().code;
}

} // namespace

TEST_CASE("a v2 file: type 0 before the first transition, the last type after it",
          "[schedule][tzif]") {
  const time_zone z = time_zone::from_tzif("Test/Zone", make_tzif(two_types())).value();
  const sys_seconds t1000{seconds{1000}};
  CHECK(z.to_local(t1000 - seconds{1}).abbreviation == "AAA");
  CHECK(z.to_local(t1000 - seconds{1}).utc_offset == seconds{3600});
  CHECK(z.to_local(t1000).abbreviation == "BBB");
  CHECK(z.to_local(t1000).is_dst);
  CHECK(z.period_at(t1000).end == sys_seconds::max());
  CHECK(z.period_at(t1000 - seconds{1}).begin == sys_seconds::min());
}

TEST_CASE("a v1-only file is read from its 32-bit section", "[schedule][tzif]") {
  tzif_spec s = two_types();
  s.version = '\0';
  const time_zone z = time_zone::from_tzif("Test/Zone", make_tzif(s)).value();
  CHECK(z.to_local(sys_seconds{seconds{999}}).abbreviation == "AAA");
  CHECK(z.to_local(sys_seconds{seconds{1000}}).abbreviation == "BBB");
}

TEST_CASE("after the last transition the footer rule applies", "[schedule][tzif]") {
  tzif_spec s;
  s.times = {utc(2000, 1, 1).time_since_epoch().count()};
  s.type_of = {1};
  s.types = {{-18000, false, 0}, {-18000, false, 0}};
  s.abbrevs = std::string("EST\0", 4);
  s.footer = "\nEST5EDT,M3.2.0,M11.1.0\n";
  const time_zone z = time_zone::from_tzif("Test/Zone", make_tzif(s)).value();
  CHECK(show(utc(2025, 3, 9, 7), z) == "2025-03-09 03:00:00 EDT");
  CHECK(z.period_at(utc(2000, 1, 2)).begin == utc(2000, 1, 1)); // clipped to the table's end
}

TEST_CASE("a file without transitions follows its footer everywhere", "[schedule][tzif]") {
  tzif_spec s;
  s.types = {{-18000, false, 0}};
  s.abbrevs = std::string("EST\0", 4);
  s.footer = "\nEST5EDT,M3.2.0,M11.1.0\n";
  const time_zone z = time_zone::from_tzif("Test/Zone", make_tzif(s)).value();
  CHECK(show(utc(1990, 7, 1, 12), z) == "1990-07-01 08:00:00 EDT");
}

TEST_CASE("broken TZif files give malformed_file", "[schedule][tzif]") {
  const std::string good = make_tzif(two_types());
  SECTION("empty") { CHECK(error_of("") == time_zone_errc::malformed_file); }
  SECTION("not TZif") {
    CHECK(error_of("TZip" + good.substr(4)) == time_zone_errc::malformed_file);
  }
  SECTION("header cut short") {
    CHECK(error_of(good.substr(0, 43)) == time_zone_errc::malformed_file);
  }
  SECTION("unknown version") {
    std::string bad = good;
    bad[4] = '9';
    CHECK(error_of(bad) == time_zone_errc::malformed_file);
  }
  SECTION("data cut short, one byte at a time") {
    // every prefix of a good file is refused, none crashes (sanitizers watch the reads)
    for (size_t n = 0; n < good.size(); ++n) {
      INFO(n);
      CHECK(error_of(good.substr(0, n)) == time_zone_errc::malformed_file);
    }
  }
  SECTION("footer without its closing newline") {
    tzif_spec s = two_types();
    s.footer = "\nEST5";
    CHECK(error_of(make_tzif(s)) == time_zone_errc::malformed_file);
  }
  SECTION("no type at all") {
    tzif_spec s = two_types();
    s.times.clear();
    s.type_of.clear();
    s.types.clear();
    CHECK(error_of(make_tzif(s)) == time_zone_errc::malformed_file);
  }
  SECTION("transitions not ascending") {
    tzif_spec s = two_types();
    s.times = {1000, 1000};
    s.type_of = {1, 0};
    CHECK(error_of(make_tzif(s)) == time_zone_errc::malformed_file);
  }
  SECTION("a transition names a type that does not exist") {
    tzif_spec s = two_types();
    s.type_of = {2};
    CHECK(error_of(make_tzif(s)) == time_zone_errc::malformed_file);
  }
  SECTION("an abbreviation index past the abbreviations") {
    tzif_spec s = two_types();
    s.types[1].abbr_index = 8;
    CHECK(error_of(make_tzif(s)) == time_zone_errc::malformed_file);
  }
  SECTION("an abbreviation without its terminating NUL") {
    tzif_spec s = two_types();
    s.abbrevs = std::string("AAA\0BBB", 7);
    CHECK(error_of(make_tzif(s)) == time_zone_errc::malformed_file);
  }
  SECTION("an offset beyond +26 h") {
    tzif_spec s = two_types();
    s.types[1].utoff = 93600;
    CHECK(error_of(make_tzif(s)) == time_zone_errc::malformed_file);
  }
}

TEST_CASE("a TZif footer that is not a TZ string gives invalid_tz_string", "[schedule][tzif]") {
  tzif_spec s = two_types();
  s.footer = "\nEST5EDT,M13.1.0,M11.1.0\n";
  CHECK(error_of(make_tzif(s)) == time_zone_errc::invalid_tz_string);
}

TEST_CASE("a zone with leap-second records is refused", "[schedule][tzif]") {
  tzif_spec s = two_types();
  s.leapcnt = 1;
  CHECK(error_of(make_tzif(s)) == time_zone_errc::leap_seconds_unsupported);
}
