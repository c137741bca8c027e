// Spec for runtime/schedule/time_zone.hpp: tzdata loading, instants to local readings, and
// local readings back to instants across New York's 2025 daylight-saving changes
// (2025-03-09 02:00 EST -> 03:00 EDT at 07:00Z; 2025-11-02 02:00 EDT -> 01:00 EST at 06:00Z).
#include "runtime/schedule/time_zone.hpp"

#include "schedule_test_support.hpp"

#include <catch2/catch.hpp>

using namespace courtside::schedule;
using namespace courtside::schedule::test;

TEST_CASE("UTC shows every instant as itself, offset 0", "[schedule][time_zone]") {
  const time_zone z = time_zone::utc();
  CHECK(z.name() == "UTC");
  const local_view v = z.to_local(utc(2025, 3, 9, 7, 0, 0));
  CHECK(show(v.civil) == "2025-03-09 07:00:00");
  CHECK(v.utc_offset == seconds{0});
  CHECK_FALSE(v.is_dst);
  CHECK(v.abbreviation == "UTC");
  CHECK(z.period_at(utc(2025, 1, 1)).begin == sys_seconds::min());
  CHECK(z.period_at(utc(2025, 1, 1)).end == sys_seconds::max());
  const auto back = z.to_utc(civil_time{2025, 3, 9, 2, 30, 0}, disambiguation::reject);
  REQUIRE(back.ok());
  CHECK(back.value() == utc(2025, 3, 9, 2, 30, 0));
}

TEST_CASE("New York spring forward: 01:59:59 EST is followed by 03:00:00 EDT",
          "[schedule][time_zone]") {
  for (const time_zone& ny : new_york_zones()) {
    INFO(ny.name());
    CHECK(show(utc(2025, 3, 9, 6, 59, 59), ny) == "2025-03-09 01:59:59 EST");
    CHECK(show(utc(2025, 3, 9, 7, 0, 0), ny) == "2025-03-09 03:00:00 EDT");
    CHECK(ny.to_local(utc(2025, 3, 9, 6, 59, 59)).utc_offset == seconds{-5 * 3600});
    CHECK(ny.to_local(utc(2025, 3, 9, 7, 0, 0)).utc_offset == seconds{-4 * 3600});
    CHECK(ny.to_local(utc(2025, 3, 9, 7, 0, 0)).is_dst);
  }
}

TEST_CASE("New York fall back: 01:59:59 EDT is followed by 01:00:00 EST",
          "[schedule][time_zone]") {
  for (const time_zone& ny : new_york_zones()) {
    INFO(ny.name());
    CHECK(show(utc(2025, 11, 2, 5, 59, 59), ny) == "2025-11-02 01:59:59 EDT");
    CHECK(show(utc(2025, 11, 2, 6, 0, 0), ny) == "2025-11-02 01:00:00 EST");
    const offset_period edt = ny.period_at(utc(2025, 7, 1));
    CHECK(edt.begin == utc(2025, 3, 9, 7));
    CHECK(edt.end == utc(2025, 11, 2, 6));
    CHECK(edt.type.abbreviation == "EDT");
  }
}

TEST_CASE("a reading in the spring gap resolves to nothing, with the gap's edges",
          "[schedule][time_zone]") {
  for (const time_zone& ny : new_york_zones()) {
    INFO(ny.name());
    const local_resolution r = ny.resolve(to_local_seconds(civil_time{2025, 3, 9, 2, 30, 0}));
    CHECK(r.kind == local_kind::nonexistent);
    CHECK(r.earliest == utc(2025, 3, 9, 6, 30));  // 01:30 EST
    CHECK(r.transition == utc(2025, 3, 9, 7, 0)); // 03:00 EDT
    CHECK(r.latest == utc(2025, 3, 9, 7, 30));    // 03:30 EDT
    // just before and just after the gap are ordinary readings
    CHECK(ny.resolve(to_local_seconds(civil_time{2025, 3, 9, 1, 59, 59})).kind ==
          local_kind::unique);
    CHECK(ny.resolve(to_local_seconds(civil_time{2025, 3, 9, 2, 0, 0})).kind ==
          local_kind::nonexistent);
    CHECK(ny.resolve(to_local_seconds(civil_time{2025, 3, 9, 2, 59, 59})).kind ==
          local_kind::nonexistent);
    CHECK(ny.resolve(to_local_seconds(civil_time{2025, 3, 9, 3, 0, 0})).kind ==
          local_kind::unique);
  }
}

TEST_CASE("a reading in the autumn overlap resolves to two instants an hour apart",
          "[schedule][time_zone]") {
  for (const time_zone& ny : new_york_zones()) {
    INFO(ny.name());
    const local_resolution r = ny.resolve(to_local_seconds(civil_time{2025, 11, 2, 1, 30, 0}));
    CHECK(r.kind == local_kind::ambiguous);
    CHECK(r.earliest == utc(2025, 11, 2, 5, 30)); // 01:30 EDT
    CHECK(r.latest == utc(2025, 11, 2, 6, 30));   // 01:30 EST
    CHECK(r.transition == utc(2025, 11, 2, 6, 0));
    CHECK(ny.resolve(to_local_seconds(civil_time{2025, 11, 2, 0, 59, 59})).kind ==
          local_kind::unique);
    CHECK(ny.resolve(to_local_seconds(civil_time{2025, 11, 2, 1, 0, 0})).kind ==
          local_kind::ambiguous);
    CHECK(ny.resolve(to_local_seconds(civil_time{2025, 11, 2, 1, 59, 59})).kind ==
          local_kind::ambiguous);
    CHECK(ny.resolve(to_local_seconds(civil_time{2025, 11, 2, 2, 0, 0})).kind ==
          local_kind::unique);
  }
}

TEST_CASE("to_utc picks an instant in a gap by its disambiguation rule", "[schedule][time_zone]") {
  const time_zone ny = new_york_rule();
  const civil_time gap{2025, 3, 9, 2, 30, 0};
  CHECK(ny.to_utc(gap).value() == utc(2025, 3, 9, 7, 30)); // compatible: 03:30 EDT
  CHECK(ny.to_utc(gap, disambiguation::compatible).value() == utc(2025, 3, 9, 7, 30));
  CHECK(ny.to_utc(gap, disambiguation::later).value() == utc(2025, 3, 9, 7, 30));
  CHECK(ny.to_utc(gap, disambiguation::earlier).value() == utc(2025, 3, 9, 6, 30));
  CHECK(ny.to_utc(gap, disambiguation::gap_end).value() == utc(2025, 3, 9, 7, 0));
  const auto rejected = ny.to_utc(gap, disambiguation::reject);
  REQUIRE_FALSE(rejected.ok());
  CHECK(rejected.error().code == time_zone_errc::nonexistent_local_time);
}

TEST_CASE("to_utc picks an instant in an overlap by its disambiguation rule",
          "[schedule][time_zone]") {
  const time_zone ny = new_york_rule();
  const civil_time twice{2025, 11, 2, 1, 30, 0};
  CHECK(ny.to_utc(twice).value() == utc(2025, 11, 2, 5, 30)); // compatible: first
  CHECK(ny.to_utc(twice, disambiguation::earlier).value() == utc(2025, 11, 2, 5, 30));
  CHECK(ny.to_utc(twice, disambiguation::gap_end).value() == utc(2025, 11, 2, 5, 30));
  CHECK(ny.to_utc(twice, disambiguation::later).value() == utc(2025, 11, 2, 6, 30));
  const auto rejected = ny.to_utc(twice, disambiguation::reject);
  REQUIRE_FALSE(rejected.ok());
  CHECK(rejected.error().code == time_zone_errc::ambiguous_local_time);
  // an ordinary reading is the same under every rule, reject included
  CHECK(ny.to_utc(civil_time{2025, 11, 2, 2, 0, 0}, disambiguation::reject).value() ==
        utc(2025, 11, 2, 7, 0));
}

TEST_CASE("to_utc refuses readings that are not calendar times", "[schedule][time_zone]") {
  const time_zone ny = new_york_rule();
  const civil_time bad_times[] = {
      civil_time{2025, 2, 29, 0, 0, 0}, civil_time{2025, 13, 1, 0, 0, 0},
      civil_time{2025, 4, 31, 0, 0, 0}, civil_time{2025, 1, 1, 24, 0, 0},
      civil_time{2025, 1, 1, 0, 60, 0}, civil_time{2025, 1, 0, 0, 0, 0}};
  for (const civil_time& bad : bad_times) {
    const auto r = ny.to_utc(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == time_zone_errc::invalid_civil_time);
  }
  CHECK(ny.to_utc(civil_time{2024, 2, 29, 0, 0, 0}).ok()); // a leap day is fine
}

TEST_CASE("tzdata New York: history before the rule, and the footer rule after the table",
          "[schedule][time_zone]") {
  if (!have_tzdata("America/New_York")) {
    WARN("tzdata absent");
    return;
  }
  const time_zone ny = time_zone::load("America/New_York").value();
  CHECK(ny.name() == "America/New_York");
  // Before 1883-11-18 17:00 UTC New York kept local mean time, -4:56:02.
  const local_view lmt = ny.to_local(utc(1880, 1, 1));
  CHECK(lmt.abbreviation == "LMT");
  CHECK(lmt.utc_offset == seconds{-(4 * 3600 + 56 * 60 + 2)});
  CHECK(ny.to_local(utc(1943, 6, 1)).abbreviation == "EWT"); // war time
  // 2100 is past any table: second Sunday of March 2100 is the 14th.
  CHECK(show(utc(2100, 3, 14, 6, 59, 59), ny) == "2100-03-14 01:59:59 EST");
  CHECK(show(utc(2100, 3, 14, 7, 0, 0), ny) == "2100-03-14 03:00:00 EDT");
  // The file's table and the POSIX rule agree hour by hour across 2035..2040 (fat files stop
  // listing transitions in 2037; slim ones in 2007).
  const time_zone rule = new_york_rule();
  for (sys_seconds t = utc(2035, 1, 1); t < utc(2040, 1, 1); t += std::chrono::hours{1}) {
    const local_view a = ny.to_local(t), b = rule.to_local(t);
    if (a.utc_offset != b.utc_offset || a.abbreviation != b.abbreviation) {
      FAIL("differ at " << show(to_civil(t)));
    }
  }
}

TEST_CASE("loading a zone whose file is missing fails cleanly", "[schedule][time_zone]") {
  const auto missing = time_zone::load("Mars/Olympus_Mons");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == time_zone_errc::unknown_zone);
  CHECK(missing.error().zone == "Mars/Olympus_Mons");
  CHECK(missing.error().describe().rfind("unknown_zone: Mars/Olympus_Mons", 0) == 0);

  const auto no_dir = time_zone::load("America/New_York", "/nonexistent/zoneinfo");
  REQUIRE_FALSE(no_dir.ok());
  CHECK(no_dir.error().code == time_zone_errc::unknown_zone);

  if (have_tzdata("America")) {
    const auto directory = time_zone::load("America");
    REQUIRE_FALSE(directory.ok());
    CHECK(directory.error().code == time_zone_errc::unknown_zone);
  }
}

TEST_CASE("zone names that could leave the zoneinfo directory are refused",
          "[schedule][time_zone]") {
  for (const char* name : {"", "/etc/passwd", "../etc/passwd", "America/../../etc/passwd",
                           "America//New_York", "America/", "./UTC", "New York", "Etc/UTC\n"}) {
    INFO('"' << name << '"');
    const auto r = time_zone::load(name);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == time_zone_errc::invalid_name);
  }
  for (const char* name : {"Etc/GMT+5", "Etc/GMT-14", "America/Port-au-Prince", "UTC"}) {
    INFO(name);
    const auto r = time_zone::load(name, "/nonexistent");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == time_zone_errc::unknown_zone); // valid name, no file there
  }
}

TEST_CASE("a zone loaded from a file that is not TZif is malformed", "[schedule][time_zone]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "courtside-time-zone-test";
  fs::create_directories(dir / "Test");
  {
    std::FILE* f = std::fopen((dir / "Test" / "Garbage").c_str(), "wb");
    REQUIRE(f != nullptr);
    std::fputs("this is not a zone\n", f);
    std::fclose(f);
  }
  const auto r = time_zone::load("Test/Garbage", dir.string());
  fs::remove_all(dir);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == time_zone_errc::malformed_file);
}
