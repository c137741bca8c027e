// Spec for runtime/schedule/posix_tz.hpp: the TZ strings found in TZif footers, in every
// date form, both hemispheres, rule times past midnight, and DST all year.
#include "runtime/schedule/posix_tz.hpp"

#include "runtime/schedule/time_zone.hpp"
#include "schedule_test_support.hpp"

#include <catch2/catch.hpp>

using namespace courtside::schedule;
using namespace courtside::schedule::test;

namespace {

time_zone zone(const char* tz) { return time_zone::from_posix_tz("Test/Zone", tz).value(); }

} // namespace

TEST_CASE("a zone without DST: name and offset west of Greenwich", "[schedule][posix_tz]") {
  const posix_tz utc0 = posix_tz::parse("UTC0").value();
  CHECK(utc0.standard.abbreviation == "UTC");
  CHECK(utc0.standard.utc_offset == seconds{0});
  CHECK_FALSE(utc0.daylight);

  const posix_tz est = posix_tz::parse("EST5").value();
  CHECK(est.standard.utc_offset == seconds{-5 * 3600});

  const posix_tz tehran = posix_tz::parse("<+0330>-3:30").value();
  CHECK(tehran.standard.abbreviation == "+0330");
  CHECK(tehran.standard.utc_offset == seconds{3 * 3600 + 30 * 60});

  const posix_tz nepal = posix_tz::parse("<+0545>-5:45").value();
  CHECK(nepal.standard.utc_offset == seconds{5 * 3600 + 45 * 60});

  const posix_tz odd = posix_tz::parse("XXX-1:02:03").value();
  CHECK(odd.standard.utc_offset == seconds{3723});

  const posix_tz period = posix_tz::parse("<-03>3").value();
  CHECK(period.period_at(utc(2025, 1, 1)).begin == sys_seconds::min());
  CHECK(period.period_at(utc(2025, 1, 1)).end == sys_seconds::max());
}

TEST_CASE("US rule: second Sunday of March 02:00 EST, first Sunday of November 02:00 EDT",
          "[schedule][posix_tz]") {
  const time_zone ny = zone("EST5EDT,M3.2.0,M11.1.0");
  CHECK(show(utc(2025, 3, 9, 6, 59, 59), ny) == "2025-03-09 01:59:59 EST");
  CHECK(show(utc(2025, 3, 9, 7), ny) == "2025-03-09 03:00:00 EDT");
  CHECK(show(utc(2025, 11, 2, 5, 59, 59), ny) == "2025-11-02 01:59:59 EDT");
  CHECK(show(utc(2025, 11, 2, 6), ny) == "2025-11-02 01:00:00 EST");
  // 2026: March 8 and November 1
  CHECK(ny.period_at(utc(2026, 6, 1)).begin == utc(2026, 3, 8, 7));
  CHECK(ny.period_at(utc(2026, 6, 1)).end == utc(2026, 11, 1, 6));
}

TEST_CASE("a daylight name alone means one hour ahead under the US rules",
          "[schedule][posix_tz]") {
  const posix_tz tz = posix_tz::parse("EST5EDT").value();
  REQUIRE(tz.daylight);
  CHECK(tz.daylight->utc_offset == seconds{-4 * 3600});
  CHECK(tz.daylight->is_dst);
  CHECK(show(utc(2025, 3, 9, 7), zone("EST5EDT")) == "2025-03-09 03:00:00 EDT");
}

TEST_CASE("European rule: last Sunday, switch at 01:00 UTC both ways", "[schedule][posix_tz]") {
  const time_zone paris = zone("CET-1CEST,M3.5.0,M10.5.0/3");
  CHECK(show(utc(2025, 3, 30, 0, 59, 59), paris) == "2025-03-30 01:59:59 CET");
  CHECK(show(utc(2025, 3, 30, 1), paris) == "2025-03-30 03:00:00 CEST");
  CHECK(show(utc(2025, 10, 26, 0, 59, 59), paris) == "2025-10-26 02:59:59 CEST");
  CHECK(show(utc(2025, 10, 26, 1), paris) == "2025-10-26 02:00:00 CET");
}

TEST_CASE("southern hemisphere: DST spans New Year", "[schedule][posix_tz]") {
  const time_zone sydney = zone("AEST-10AEDT,M10.1.0,M4.1.0/3");
  CHECK(show(utc(2025, 1, 15), sydney) == "2025-01-15 11:00:00 AEDT");
  CHECK(show(utc(2025, 4, 5, 15, 59, 59), sydney) == "2025-04-06 02:59:59 AEDT");
  CHECK(show(utc(2025, 4, 5, 16), sydney) == "2025-04-06 02:00:00 AEST");
  CHECK(show(utc(2025, 10, 4, 15, 59, 59), sydney) == "2025-10-05 01:59:59 AEST");
  CHECK(show(utc(2025, 10, 4, 16), sydney) == "2025-10-05 03:00:00 AEDT");
  CHECK(show(utc(2025, 12, 31, 23), sydney) == "2026-01-01 10:00:00 AEDT");
}

TEST_CASE("a rule time past midnight (Israel: Friday before the last Sunday, 26:00)",
          "[schedule][posix_tz]") {
  const time_zone jerusalem = zone("IST-2IDT,M3.4.4/26,M10.5.0");
  // 4th Thursday of March 2025 is the 27th; 26:00 that day is Friday 28th 02:00 IST.
  CHECK(show(utc(2025, 3, 27, 23, 59, 59), jerusalem) == "2025-03-28 01:59:59 IST");
  CHECK(show(utc(2025, 3, 28, 0), jerusalem) == "2025-03-28 03:00:00 IDT");
}

TEST_CASE("Jn never counts 29 February, n does", "[schedule][posix_tz]") {
  rule_point j60;
  j60.kind = rule_point::form::julian_1_365;
  j60.day = 60;
  j60.time_of_day = 0;
  CHECK(to_civil(j60.in_year(2024)) == civil_time{2024, 3, 1, 0, 0, 0});
  CHECK(to_civil(j60.in_year(2025)) == civil_time{2025, 3, 1, 0, 0, 0});
  rule_point n59 = j60;
  n59.kind = rule_point::form::zero_based;
  n59.day = 59;
  CHECK(to_civil(n59.in_year(2024)) == civil_time{2024, 2, 29, 0, 0, 0});
  CHECK(to_civil(n59.in_year(2025)) == civil_time{2025, 3, 1, 0, 0, 0});

  const posix_tz tz = posix_tz::parse("XXX3YYY,J60/2,J300/2").value();
  CHECK(tz.dst_start.kind == rule_point::form::julian_1_365);
  CHECK(tz.dst_start.day == 60);
  const posix_tz zero_based = posix_tz::parse("XXX3YYY,59,299").value();
  CHECK(zero_based.dst_start.kind == rule_point::form::zero_based);
}

TEST_CASE("week 5 means the last such weekday, even in a month with four",
          "[schedule][posix_tz]") {
  rule_point last_sunday;
  last_sunday.month = 2;
  last_sunday.week = 5;
  last_sunday.weekday = 0;
  last_sunday.time_of_day = 0;
  CHECK(to_civil(last_sunday.in_year(2025)) == civil_time{2025, 2, 23, 0, 0, 0});
  CHECK(to_civil(last_sunday.in_year(2026)) == civil_time{2026, 2, 22, 0, 0, 0});
}

TEST_CASE("DST all year (J0/0,J365/25) stays daylight across New Year", "[schedule][posix_tz]") {
  const time_zone z = zone("EST5EDT,0/0,J365/25");
  CHECK(z.to_local(utc(2025, 6, 1)).is_dst);
  CHECK(z.to_local(utc(2025, 12, 31, 23)).is_dst);
  CHECK(z.to_local(utc(2026, 1, 1, 4, 59, 59)).is_dst);
  CHECK(z.to_local(utc(2026, 1, 1, 5)).is_dst);
  CHECK(z.to_local(utc(2026, 1, 1, 6)).is_dst);
}

TEST_CASE("TZ strings that do not parse say where", "[schedule][posix_tz]") {
  for (const char* bad :
       {"", "E5", "EST", "EST+", "EST25", "EST5:60", "<+03-3", "<+0>-3", "EST5EDT,M13.1.0,M11.1.0",
        "EST5EDT,M3.6.0,M11.1.0", "EST5EDT,M3.2.7,M11.1.0", "EST5EDT,M3.2.0", "EST5EDT,J0,J300",
        "EST5EDT,366,J300", "EST5EDT,M3.2.0/168,M11.1.0", "EST5EDT,M3.2.0,M11.1.0x",
        "EST5EDT;M3.2.0,M11.1.0"}) {
    INFO('"' << bad << '"');
    const auto r = posix_tz::parse(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("position") != std::string::npos);
  }
  const auto r = time_zone::from_posix_tz("Test/Zone", "EST");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == time_zone_errc::invalid_tz_string);
}

TEST_CASE("rule times may be negative or up to 167 hours", "[schedule][posix_tz]") {
  CHECK(posix_tz::parse("EST5EDT,M3.2.0/-1,M11.1.0/167").ok());
  CHECK(posix_tz::parse("EST5EDT,M3.2.0/+2:30:15,M11.1.0").value().dst_start.time_of_day ==
        2 * 3600 + 30 * 60 + 15);
  CHECK(posix_tz::parse("EST5EDT,M3.2.0/-1,M11.1.0").value().dst_start.time_of_day == -3600);
  CHECK(posix_tz::parse("EST24").ok());
  CHECK_FALSE(posix_tz::parse("EST25").ok());
}
