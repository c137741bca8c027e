// Spec for runtime/schedule/civil_time.hpp: Hinnant's day arithmetic, against dates checked
// with Python's datetime.
#include "runtime/schedule/civil_time.hpp"

#include <catch2/catch.hpp>

using namespace courtside::schedule;

TEST_CASE("days_from_civil counts days from 1970-01-01", "[schedule][civil_time]") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(1969, 12, 31) == -1);
  CHECK(days_from_civil(2000, 3, 1) == 11'017);
  CHECK(days_from_civil(2025, 3, 9) == 20'156);
  CHECK(days_from_civil(1600, 2, 29) == -135'081);
  CHECK(days_from_civil(2400, 12, 31) == 157'419);
  CHECK(days_from_civil(1, 1, 1) == -719'162);
}

TEST_CASE("civil_from_days inverts days_from_civil over 800 years", "[schedule][civil_time]") {
  for (int64_t z = days_from_civil(1600, 1, 1); z <= days_from_civil(2400, 12, 31); ++z) {
    const civil_date d = civil_from_days(z);
    if (days_from_civil(d.year, d.month, d.day) != z || d.day < 1 ||
        d.day > days_in_month(d.year, d.month)) {
      FAIL("day " << z);
    }
  }
  SUCCEED();
}

TEST_CASE("weekday_from_days: 0 is Sunday", "[schedule][civil_time]") {
  CHECK(weekday_from_days(0) == 4);                             // 1970-01-01, Thursday
  CHECK(weekday_from_days(-1) == 3);                            // 1969-12-31, Wednesday
  CHECK(weekday_from_days(days_from_civil(2025, 3, 9)) == 0);   // Sunday
  CHECK(weekday_from_days(days_from_civil(2000, 3, 1)) == 3);   // Wednesday
  CHECK(weekday_from_days(days_from_civil(1600, 2, 29)) == 2);  // Tuesday
}

TEST_CASE("leap years: every 4th, not every 100th, every 400th", "[schedule][civil_time]") {
  CHECK(is_leap_year(2024));
  CHECK_FALSE(is_leap_year(2025));
  CHECK_FALSE(is_leap_year(1900));
  CHECK(is_leap_year(2000));
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2100, 2) == 28);
  CHECK(days_in_month(2025, 4) == 30);
  CHECK(days_in_month(2025, 12) == 31);
}

TEST_CASE("seconds and fields convert both ways, before the epoch too", "[schedule][civil_time]") {
  CHECK(seconds_to_civil(-1) == civil_time{1969, 12, 31, 23, 59, 59});
  CHECK(seconds_to_civil(0) == civil_time{1970, 1, 1, 0, 0, 0});
  CHECK(civil_to_seconds(civil_time{2025, 3, 9, 7, 0, 0}) == 1'741'503'600);
  CHECK(to_civil(sys_seconds{seconds{1'741'503'600}}) == civil_time{2025, 3, 9, 7, 0, 0});
  CHECK(to_local_seconds(civil_time{2025, 3, 9, 2, 30, 0}).time_since_epoch().count() ==
        1'741'487'400);
}

TEST_CASE("is_valid: every field at its edges", "[schedule][civil_time]") {
  CHECK(is_valid(civil_time{2025, 12, 31, 23, 59, 59}));
  CHECK(is_valid(civil_time{2024, 2, 29, 0, 0, 0}));
  CHECK_FALSE(is_valid(civil_time{2025, 2, 29, 0, 0, 0}));
  CHECK_FALSE(is_valid(civil_time{2025, 0, 1, 0, 0, 0}));
  CHECK_FALSE(is_valid(civil_time{2025, 13, 1, 0, 0, 0}));
  CHECK_FALSE(is_valid(civil_time{2025, 1, 0, 0, 0, 0}));
  CHECK_FALSE(is_valid(civil_time{2025, 1, 1, 24, 0, 0}));
  CHECK_FALSE(is_valid(civil_time{2025, 1, 1, 0, 60, 0}));
  CHECK_FALSE(is_valid(civil_time{2025, 1, 1, 0, 0, 60}));
  CHECK_FALSE(is_valid(civil_time{2025, 1, 1, -1, 0, 0}));
}
