// Spec for cron_schedule::next_after / previous_at_or_before in local time, across a whole
// year in America/New_York: 2025-03-09 02:00 EST -> 03:00 EDT (07:00Z) and
// 2025-11-02 02:00 EDT -> 01:00 EST (06:00Z). Every case runs against the tzdata zone (when
// installed) and the POSIX-rule zone, which must agree.
#include "runtime/schedule/cron.hpp"

#include "schedule_test_support.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace courtside::schedule;
using namespace courtside::schedule::test;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

cron_schedule cron(const char* expression) { return cron_schedule::parse(expression).value(); }

/// Every run in [from, to), by repeated next_after.
std::vector<sys_seconds> runs_between(const cron_schedule& c, const time_zone& z,
                                      sys_seconds from, sys_seconds to) {
  std::vector<sys_seconds> out;
  for (auto next = c.next_after(from - seconds{1}, z); next && *next < to;
       next = c.next_after(*next, z))
    out.push_back(*next);
  return out;
}

const sys_seconds year_start = utc(2025, 1, 1, 5); // 2025-01-01 00:00 EST
const sys_seconds year_end = utc(2026, 1, 1, 5);

/// previous_at_or_before must see exactly the runs next_after produced.
void check_previous_agrees(const cron_schedule& c, const time_zone& z,
                           const std::vector<sys_seconds>& runs) {
  for (size_t i = 1; i < runs.size(); ++i) {
    if (c.previous_at_or_before(runs[i], z) != runs[i] ||
        c.previous_at_or_before(runs[i] - seconds{1}, z) != runs[i - 1]) {
      FAIL("previous disagrees near " << show(runs[i], z));
    }
  }
}

std::vector<std::string> shown(const std::vector<sys_seconds>& runs, const time_zone& z) {
  std::vector<std::string> out;
  for (sys_seconds r : runs) out.push_back(show(r, z));
  return out;
}

} // namespace

TEST_CASE("01:30 daily: 365 runs in 2025, once on the fall-back day, at the first 01:30",
          "[schedule][cron][dst]") {
  const cron_schedule c = cron("30 1 * * *");
  for (const time_zone& ny : new_york_zones()) {
    INFO(ny.name());
    const auto runs = runs_between(c, ny, year_start, year_end);
    CHECK(runs.size() == 365);
    for (sys_seconds r : runs) {
      const civil_time local = ny.to_local(r).civil;
      CHECK((local.hour == 1 && local.minute == 30 && local.second == 0));
    }
    CHECK(shown(runs_between(c, ny, utc(2025, 11, 1), utc(2025, 11, 4)), ny) ==
          std::vector<std::string>{"2025-11-01 01:30:00 EDT", "2025-11-02 01:30:00 EDT",
                                   "2025-11-03 01:30:00 EST"});
    CHECK(c.next_after(utc(2025, 11, 2, 5, 29, 59), ny) == utc(2025, 11, 2, 5, 30));
    CHECK(c.next_after(utc(2025, 11, 2, 5, 30), ny) == utc(2025, 11, 3, 6, 30));
    // during the second 01:xx hour the 01:30 of today has already run
    CHECK(c.next_after(utc(2025, 11, 2, 6, 29, 59), ny) == utc(2025, 11, 3, 6, 30));
    CHECK(c.next_after(utc(2025, 3, 9, 6, 29, 59), ny) == utc(2025, 3, 9, 6, 30)); // 01:30 EST
    check_previous_agrees(c, ny, runs);
  }
}

TEST_CASE("02:30 daily: on the spring-forward day it runs once, at 03:00 EDT",
          "[schedule][cron][dst]") {
  const cron_schedule c = cron("30 2 * * *");
  for (const time_zone& ny : new_york_zones()) {
    INFO(ny.name());
    const auto runs = runs_between(c, ny, year_start, year_end);
    CHECK(runs.size() == 365);
    CHECK(shown(runs_between(c, ny, utc(2025, 3, 8), utc(2025, 3, 11)), ny) ==
          std::vector<std::string>{"2025-03-08 02:30:00 EST", "2025-03-09 03:00:00 EDT",
                                   "2025-03-10 02:30:00 EDT"});
    CHECK(c.next_after(utc(2025, 3, 9, 6, 59, 59), ny) == utc(2025, 3, 9, 7));
    CHECK(c.next_after(utc(2025, 3, 9, 7), ny) == utc(2025, 3, 10, 6, 30));
    CHECK(shown(runs_between(c, ny, utc(2025, 11, 1), utc(2025, 11, 3)), ny) ==
          std::vector<std::string>{"2025-11-01 02:30:00 EDT", "2025-11-02 02:30:00 EST"});
    check_previous_agrees(c, ny, runs);
  }
}

TEST_CASE("03:00 daily: unaffected, 03:00 EDT on the spring day and 03:00 EST in autumn",
          "[schedule][cron][dst]") {
  const cron_schedule c = cron("0 3 * * *");
  for (const time_zone& ny : new_york_zones()) {
    INFO(ny.name());
    const auto runs = runs_between(c, ny, year_start, year_end);
    CHECK(runs.size() == 365);
    CHECK(c.next_after(utc(2025, 3, 9, 6, 59, 59), ny) == utc(2025, 3, 9, 7));
    CHECK(c.next_after(utc(2025, 3, 9, 7), ny) == utc(2025, 3, 10, 7));
    CHECK(c.next_after(utc(2025, 11, 2, 7, 59, 59), ny) == utc(2025, 11, 2, 8));
    check_previous_agrees(c, ny, runs);
  }
}

TEST_CASE("every 15 minutes: exactly 15 real minutes apart all year, DST days included",
          "[schedule][cron][dst]") {
  const cron_schedule c = cron("*/15 * * * *");
  for (const time_zone& ny : new_york_zones()) {
    INFO(ny.name());
    const auto runs = runs_between(c, ny, year_start, year_end);
    CHECK(runs.size() == 365 * 96); // 4 readings skipped in March, 4 repeated in November
    for (size_t i = 1; i < runs.size(); ++i)
      if (runs[i] - runs[i - 1] != minutes{15}) FAIL("gap before " << show(runs[i], ny));
    CHECK(show(*c.next_after(utc(2025, 3, 9, 6, 45), ny), ny) == "2025-03-09 03:00:00 EDT");
    CHECK(show(*c.next_after(utc(2025, 11, 2, 5, 45), ny), ny) == "2025-11-02 01:00:00 EST");
    check_previous_agrees(c, ny, runs);
  }
}

TEST_CASE("hourly: exactly one hour apart, 01:00 runs twice in November, 02:00 never in March",
          "[schedule][cron][dst]") {
  const cron_schedule c = cron("0 * * * *");
  for (const time_zone& ny : new_york_zones()) {
    INFO(ny.name());
    const auto runs = runs_between(c, ny, year_start, year_end);
    CHECK(runs.size() == 365 * 24);
    for (size_t i = 1; i < runs.size(); ++i)
      if (runs[i] - runs[i - 1] != hours{1}) FAIL("gap before " << show(runs[i], ny));
    CHECK(shown(runs_between(c, ny, utc(2025, 3, 9, 5), utc(2025, 3, 9, 9)), ny) ==
          std::vector<std::string>{"2025-03-09 00:00:00 EST", "2025-03-09 01:00:00 EST",
                                   "2025-03-09 03:00:00 EDT", "2025-03-09 04:00:00 EDT"});
    CHECK(shown(runs_between(c, ny, utc(2025, 11, 2, 4), utc(2025, 11, 2, 8)), ny) ==
          std::vector<std::string>{"2025-11-02 00:00:00 EDT", "2025-11-02 01:00:00 EDT",
                                   "2025-11-02 01:00:00 EST", "2025-11-02 02:00:00 EST"});
    check_previous_agrees(c, ny, runs);
  }
}

TEST_CASE("hourly at :05 skips the missing hour instead of bursting after the gap",
          "[schedule][cron][dst]") {
  const cron_schedule c = cron("5 * * * *");
  const time_zone ny = new_york_rule();
  CHECK(c.next_after(utc(2025, 3, 9, 6, 5), ny) == utc(2025, 3, 9, 7, 5)); // 01:05 -> 03:05
  CHECK(c.next_after(utc(2025, 3, 9, 7, 4, 59), ny) == utc(2025, 3, 9, 7, 5));
}

TEST_CASE("several wall-clock times inside the gap collapse into one run at its end",
          "[schedule][cron][dst]") {
  const time_zone ny = new_york_rule();
  for (const char* expression : {"0,30 2 * * *", "*/15 2 * * *", "* 2 * * *"}) {
    INFO(expression);
    const cron_schedule c = cron(expression);
    const auto runs = runs_between(c, ny, utc(2025, 3, 9, 5), utc(2025, 3, 10, 5));
    CHECK(shown(runs, ny) == std::vector<std::string>{"2025-03-09 03:00:00 EDT"});
  }
}

TEST_CASE("a wall-clock job in the repeated hour runs only in the first one",
          "[schedule][cron][dst]") {
  const time_zone ny = new_york_rule();
  const cron_schedule c = cron("*/20 1 * * *");
  CHECK(shown(runs_between(c, ny, utc(2025, 11, 2, 4), utc(2025, 11, 2, 8)), ny) ==
        std::vector<std::string>{"2025-11-02 01:00:00 EDT", "2025-11-02 01:20:00 EDT",
                                 "2025-11-02 01:40:00 EDT"});
}

TEST_CASE("a six-field every-second job runs on both sides of the gap without a hole",
          "[schedule][cron][dst]") {
  const time_zone ny = new_york_rule();
  const cron_schedule c = cron("* * * * * *");
  CHECK(c.next_after(utc(2025, 3, 9, 6, 59, 59), ny) == utc(2025, 3, 9, 7));
  CHECK(c.previous_at_or_before(utc(2025, 3, 9, 6, 59, 59), ny) == utc(2025, 3, 9, 6, 59, 59));
  CHECK(c.next_after(utc(2025, 11, 2, 5, 59, 59), ny) == utc(2025, 11, 2, 6));
}

TEST_CASE("missed runs: the latest run at or before the restart", "[schedule][cron][dst]") {
  const time_zone ny = new_york_rule();
  const cron_schedule c = cron("30 1 * * *");
  // down from Nov 1 22:00 EDT to Nov 2 09:00 EST: the 01:30 that was missed is the EDT one
  CHECK(c.previous_at_or_before(utc(2025, 11, 2, 14), ny) == utc(2025, 11, 2, 5, 30));
  // at exactly the run, it counts; one second earlier, yesterday's
  CHECK(c.previous_at_or_before(utc(2025, 11, 2, 5, 30), ny) == utc(2025, 11, 2, 5, 30));
  CHECK(c.previous_at_or_before(utc(2025, 11, 2, 5, 29, 59), ny) == utc(2025, 11, 1, 5, 30));
  const cron_schedule gap_job = cron("30 2 * * *");
  CHECK(gap_job.previous_at_or_before(utc(2025, 3, 9, 7), ny) == utc(2025, 3, 9, 7));
  CHECK(gap_job.previous_at_or_before(utc(2025, 3, 9, 6, 59, 59), ny) == utc(2025, 3, 8, 7, 30));
}

TEST_CASE("in UTC nothing shifts: hourly keeps 24 runs on 2025-03-09", "[schedule][cron]") {
  const time_zone z = time_zone::utc();
  CHECK(runs_between(cron("0 * * * *"), z, utc(2025, 3, 9), utc(2025, 3, 10)).size() == 24);
  CHECK(cron("30 2 * * *").next_after(utc(2025, 3, 9), z) == utc(2025, 3, 9, 2, 30));
  CHECK(cron("30 2 * * *").next_after(utc(2025, 3, 9, 2, 29, 59), z) == utc(2025, 3, 9, 2, 30));
  CHECK(cron("30 2 * * *").next_after(utc(2025, 3, 9, 2, 30), z) == utc(2025, 3, 10, 2, 30));
  CHECK(cron("30 2 * * *").previous_at_or_before(utc(2025, 3, 9, 2, 30), z) ==
        utc(2025, 3, 9, 2, 30));
}

TEST_CASE("a half-hour change (Lord Howe): a job in the 30-minute gap runs at its end",
          "[schedule][cron][dst]") {
  const time_zone lhi =
      time_zone::from_posix_tz("Australia/Lord_Howe", "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0")
          .value();
  // 2025-10-05 02:00 +1030 becomes 02:30 +11 (at 2025-10-04 15:30Z)
  CHECK(show(*cron("15 2 * * *").next_after(utc(2025, 10, 4, 12), lhi), lhi) ==
        "2025-10-05 02:30:00 +11");
  // an elapsed-time job skips the reading that never happens (02:00)
  const auto hourly =
      runs_between(cron("0 * * * *"), lhi, utc(2025, 10, 4, 13), utc(2025, 10, 4, 17));
  CHECK(shown(hourly, lhi) == std::vector<std::string>{"2025-10-05 00:00:00 +1030",
                                                       "2025-10-05 01:00:00 +1030",
                                                       "2025-10-05 03:00:00 +11"});
}

TEST_CASE("far beyond any tzdata table the footer rule still places the gap",
          "[schedule][cron][dst]") {
  for (const time_zone& ny : new_york_zones()) {
    INFO(ny.name());
    CHECK(show(*cron("30 2 * * *").next_after(utc(2100, 3, 14), ny), ny) ==
          "2100-03-14 03:00:00 EDT");
  }
}
