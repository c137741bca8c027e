// Spec for cron_schedule::parse: every field form, and every parse error naming its field and
// token. Matching is shown through runs in UTC (daylight saving is cron_next_test's subject).
#include "runtime/schedule/cron.hpp"

#include "schedule_test_support.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace courtside::schedule;
using namespace courtside::schedule::test;

namespace {

cron_schedule cron(const char* expression) {
  auto parsed = cron_schedule::parse(expression);
  if (!parsed) FAIL(expression << ": " << parsed.error().describe());
  return std::move(parsed).value();
}

/// The first n runs strictly after `from`, in UTC.
std::vector<std::string> runs(const char* expression, sys_seconds from, int n) {
  const cron_schedule c = cron(expression);
  const time_zone z = time_zone::utc();
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    const auto next = c.next_after(from, z);
    REQUIRE(next);
    out.push_back(show(to_civil(*next)));
    from = *next;
  }
  return out;
}

cron_error error_of(const char* expression) {
  auto parsed = cron_schedule::parse(expression);
  REQUIRE_FALSE(parsed.ok());
  return parsed.error();
}

void check_error(const char* expression, cron_errc code, cron_field field, const char* token) {
  INFO('"' << expression << '"');
  const cron_error e = error_of(expression);
  CHECK(to_string(e.code) == to_string(code));
  CHECK(to_string(e.field) == to_string(field));
  CHECK(e.token == token);
}

const sys_seconds jan1 = utc(2025, 1, 1); // a Wednesday

} // namespace

TEST_CASE("a number matches that value only", "[schedule][cron]") {
  CHECK(runs("5 * * * *", jan1, 3) ==
        std::vector<std::string>{"2025-01-01 00:05:00", "2025-01-01 01:05:00",
                                 "2025-01-01 02:05:00"});
  CHECK(runs("0 9 * * *", jan1, 2) ==
        std::vector<std::string>{"2025-01-01 09:00:00", "2025-01-02 09:00:00"});
}

TEST_CASE("a range a-b matches a through b", "[schedule][cron]") {
  CHECK(runs("58-59 10-11 * * *", jan1, 5) ==
        std::vector<std::string>{"2025-01-01 10:58:00", "2025-01-01 10:59:00",
                                 "2025-01-01 11:58:00", "2025-01-01 11:59:00",
                                 "2025-01-02 10:58:00"});
}

TEST_CASE("steps: */n from the bottom, a-b/n within a range, a/n from a to the top",
          "[schedule][cron]") {
  CHECK(runs("*/20 0 * * *", jan1, 4) ==
        std::vector<std::string>{"2025-01-01 00:20:00", "2025-01-01 00:40:00",
                                 "2025-01-02 00:00:00", "2025-01-02 00:20:00"});
  CHECK(runs("10-40/15 0 * * *", jan1, 4) ==
        std::vector<std::string>{"2025-01-01 00:10:00", "2025-01-01 00:25:00",
                                 "2025-01-01 00:40:00", "2025-01-02 00:10:00"});
  CHECK(runs("50/5 0 * * *", jan1, 3) ==
        std::vector<std::string>{"2025-01-01 00:50:00", "2025-01-01 00:55:00",
                                 "2025-01-02 00:50:00"});
  CHECK(runs("0 0 */10 * *", jan1, 4) ==
        std::vector<std::string>{"2025-01-11 00:00:00", "2025-01-21 00:00:00",
                                 "2025-01-31 00:00:00", "2025-02-01 00:00:00"});
}

TEST_CASE("a list combines numbers, ranges and steps", "[schedule][cron]") {
  CHECK(runs("1,5,10-11,30-59/29 0 * * *", jan1, 6) ==
        std::vector<std::string>{"2025-01-01 00:01:00", "2025-01-01 00:05:00",
                                 "2025-01-01 00:10:00", "2025-01-01 00:11:00",
                                 "2025-01-01 00:30:00", "2025-01-01 00:59:00"});
}

TEST_CASE("month names JAN-DEC, any case, in lists and ranges", "[schedule][cron]") {
  CHECK(runs("0 0 1 FEB,apr-May *", jan1, 3) ==
        std::vector<std::string>{"2025-02-01 00:00:00", "2025-04-01 00:00:00",
                                 "2025-05-01 00:00:00"});
  CHECK(runs("0 0 1 dec *", jan1, 1) == std::vector<std::string>{"2025-12-01 00:00:00"});
  CHECK(runs("0 0 1 JAN-DEC/6 *", utc(2025, 1, 2), 2) ==
        std::vector<std::string>{"2025-07-01 00:00:00", "2026-01-01 00:00:00"});
}

TEST_CASE("weekday names SUN-SAT, 0 and 7 are both Sunday", "[schedule][cron]") {
  // 2025-01-01 is a Wednesday; the 5th is a Sunday.
  CHECK(runs("0 12 * * MON-fri", jan1, 4) ==
        std::vector<std::string>{"2025-01-01 12:00:00", "2025-01-02 12:00:00",
                                 "2025-01-03 12:00:00", "2025-01-06 12:00:00"});
  CHECK(runs("0 12 * * 7", jan1, 1) == runs("0 12 * * 0", jan1, 1));
  CHECK(runs("0 12 * * 7", jan1, 1) == std::vector<std::string>{"2025-01-05 12:00:00"});
  CHECK(runs("0 12 * * SUN", jan1, 1) == std::vector<std::string>{"2025-01-05 12:00:00"});
  CHECK(runs("0 12 * * 5-7", jan1, 3) ==
        std::vector<std::string>{"2025-01-03 12:00:00", "2025-01-04 12:00:00",
                                 "2025-01-05 12:00:00"});
  CHECK(runs("0 12 * * FRI-SUN", jan1, 3) == runs("0 12 * * 5-7", jan1, 3));
}

TEST_CASE("day-of-month and day-of-week both restricted: either matches", "[schedule][cron]") {
  // every 13th and every Friday (Jan 3, 10, 13, 17)
  CHECK(runs("0 0 13 * FRI", jan1, 4) ==
        std::vector<std::string>{"2025-01-03 00:00:00", "2025-01-10 00:00:00",
                                 "2025-01-13 00:00:00", "2025-01-17 00:00:00"});
}

TEST_CASE("a day field starting with * makes the other one decide alone (or both)",
          "[schedule][cron]") {
  CHECK(runs("0 0 * * FRI", jan1, 2) ==
        std::vector<std::string>{"2025-01-03 00:00:00", "2025-01-10 00:00:00"});
  CHECK(runs("0 0 13 * *", jan1, 2) ==
        std::vector<std::string>{"2025-01-13 00:00:00", "2025-02-13 00:00:00"});
  // "*/2" starts with '*': odd days that are also Mondays (Jan 13, Jan 27, Feb 3 ...)
  CHECK(runs("0 0 */2 * MON", jan1, 3) ==
        std::vector<std::string>{"2025-01-13 00:00:00", "2025-01-27 00:00:00",
                                 "2025-02-03 00:00:00"});
}

TEST_CASE("six fields put seconds first", "[schedule][cron]") {
  CHECK(runs("*/20 * * * * *", jan1, 3) ==
        std::vector<std::string>{"2025-01-01 00:00:20", "2025-01-01 00:00:40",
                                 "2025-01-01 00:01:00"});
  CHECK(runs("30 0 9 * * MON", jan1, 1) == std::vector<std::string>{"2025-01-06 09:00:30"});
}

TEST_CASE("macros expand to their five fields", "[schedule][cron]") {
  CHECK(runs("@hourly", jan1, 1) == runs("0 * * * *", jan1, 1));
  CHECK(runs("@daily", jan1, 2) == runs("0 0 * * *", jan1, 2));
  CHECK(runs("@midnight", jan1, 2) == runs("0 0 * * *", jan1, 2));
  CHECK(runs("@weekly", jan1, 2) == runs("0 0 * * 0", jan1, 2));
  CHECK(runs("@monthly", jan1, 2) == runs("0 0 1 * *", jan1, 2));
  CHECK(runs("@yearly", jan1, 2) == runs("0 0 1 1 *", jan1, 2));
  CHECK(runs("@ANNUALLY", jan1, 2) == runs("0 0 1 1 *", jan1, 2));
}

TEST_CASE("fields are split on any run of spaces and tabs", "[schedule][cron]") {
  CHECK(cron("  0\t9   * *  1-5 ").expression() == "0 9 * * 1-5");
  CHECK(runs(" 0\t9 * * * ", jan1, 1) == std::vector<std::string>{"2025-01-01 09:00:00"});
}

TEST_CASE("29 February fires in leap years only", "[schedule][cron]") {
  CHECK(runs("0 0 29 2 *", jan1, 2) ==
        std::vector<std::string>{"2028-02-29 00:00:00", "2032-02-29 00:00:00"});
}

TEST_CASE("every value at the edge of its field is accepted, one past it is not",
          "[schedule][cron]") {
  CHECK(cron_schedule::parse("59 23 31 12 7").ok());
  CHECK(cron_schedule::parse("0 0 1 1 0").ok());
  CHECK(cron_schedule::parse("59 0 0 1 1 0").ok());
  check_error("60 0 * * *", cron_errc::value_out_of_range, cron_field::minute, "60");
  check_error("0 24 * * *", cron_errc::value_out_of_range, cron_field::hour, "24");
  check_error("0 0 0 * *", cron_errc::value_out_of_range, cron_field::day_of_month, "0");
  check_error("0 0 32 * *", cron_errc::value_out_of_range, cron_field::day_of_month, "32");
  check_error("0 0 * 0 *", cron_errc::value_out_of_range, cron_field::month, "0");
  check_error("0 0 * 13 *", cron_errc::value_out_of_range, cron_field::month, "13");
  check_error("0 0 * * 8", cron_errc::value_out_of_range, cron_field::day_of_week, "8");
  check_error("60 0 0 * * *", cron_errc::value_out_of_range, cron_field::second, "60");
}

TEST_CASE("a step is 1 up to the span of its field", "[schedule][cron]") {
  CHECK(cron_schedule::parse("*/1 * * * *").ok());
  CHECK(cron_schedule::parse("*/60 * * * *").ok());
  check_error("*/61 * * * *", cron_errc::bad_step, cron_field::minute, "*/61");
  check_error("*/0 * * * *", cron_errc::bad_step, cron_field::minute, "*/0");
  CHECK(cron_schedule::parse("0 */24 * * *").ok());
  check_error("0 */25 * * *", cron_errc::bad_step, cron_field::hour, "*/25");
  check_error("0 0 * * 1-5/x", cron_errc::bad_step, cron_field::day_of_week, "1-5/x");
  check_error("0 0 * * 1-5/", cron_errc::bad_step, cron_field::day_of_week, "1-5/");
  check_error("0 0 1/2/3 * *", cron_errc::bad_step, cron_field::day_of_month, "1/2/3");
}

TEST_CASE("parse errors name the field and the offending token", "[schedule][cron]") {
  check_error("* * * *", cron_errc::wrong_field_count, cron_field::none, "* * * *");
  check_error("* * * * * * *", cron_errc::wrong_field_count, cron_field::none, "* * * * * * *");
  check_error("", cron_errc::wrong_field_count, cron_field::none, "");
  check_error("@reboot", cron_errc::unknown_macro, cron_field::none, "@reboot");
  check_error("0 9 * * MON extra", cron_errc::not_a_number, cron_field::month, "MON");
  check_error("MON * * * *", cron_errc::not_a_number, cron_field::minute, "MON");
  check_error("0 x * * *", cron_errc::not_a_number, cron_field::hour, "x");
  check_error("0 1a * * *", cron_errc::not_a_number, cron_field::hour, "1a");
  check_error("0 0 * JANUARY *", cron_errc::not_a_number, cron_field::month, "JANUARY");
  check_error("0 0 * * MONDAY", cron_errc::not_a_number, cron_field::day_of_week, "MONDAY");
  check_error("0 0 * * JAN", cron_errc::not_a_number, cron_field::day_of_week, "JAN");
  check_error(",5 * * * *", cron_errc::empty_item, cron_field::minute, ",5");
  check_error("1,,2 * * * *", cron_errc::empty_item, cron_field::minute, "1,,2");
  check_error("5, * * * *", cron_errc::empty_item, cron_field::minute, "5,");
  check_error("1- * * * *", cron_errc::empty_item, cron_field::minute, "1-");
  check_error("-5 * * * *", cron_errc::empty_item, cron_field::minute, "-5");
  check_error("0 17-9 * * *", cron_errc::range_reversed, cron_field::hour, "17-9");
  check_error("0 0 * * SAT-MON", cron_errc::range_reversed, cron_field::day_of_week, "SAT-MON");
  check_error("0 0 30 2 *", cron_errc::never_fires, cron_field::day_of_month, "30 2");
  check_error("0 0 31 4,6,9,11 *", cron_errc::never_fires, cron_field::day_of_month,
              "31 4,6,9,11");
}

TEST_CASE("a day-of-month no month has is fine when day-of-week may fire instead",
          "[schedule][cron]") {
  CHECK(runs("0 0 30 2 MON", jan1, 1) == std::vector<std::string>{"2025-02-03 00:00:00"});
}

TEST_CASE("describe() reads as one line for the config loader", "[schedule][cron]") {
  CHECK(error_of("0 24 * * *").describe() == "value_out_of_range in hour: \"24\"");
  CHECK(error_of("* *").describe() == "wrong_field_count in expression: \"* *\"");
}

TEST_CASE("the hour field decides the daylight-saving rule", "[schedule][cron]") {
  CHECK(cron("*/15 * * * *").daylight_rule() == dst_rule::elapsed_time);
  CHECK(cron("0 * * * *").daylight_rule() == dst_rule::elapsed_time);
  CHECK(cron("0 0-23 * * *").daylight_rule() == dst_rule::elapsed_time);
  CHECK(cron("0 */1 * * *").daylight_rule() == dst_rule::elapsed_time);
  CHECK(cron("30 2 * * *").daylight_rule() == dst_rule::wall_clock);
  CHECK(cron("0 0-22 * * *").daylight_rule() == dst_rule::wall_clock);
  CHECK(cron("0 */2 * * *").daylight_rule() == dst_rule::wall_clock);
}

TEST_CASE("matches() checks a local reading against every field", "[schedule][cron]") {
  const cron_schedule c = cron("30 9 * * MON-FRI");
  CHECK(c.matches(civil_time{2025, 1, 6, 9, 30, 0}));  // Monday
  CHECK_FALSE(c.matches(civil_time{2025, 1, 6, 9, 30, 1}));
  CHECK_FALSE(c.matches(civil_time{2025, 1, 6, 9, 31, 0}));
  CHECK_FALSE(c.matches(civil_time{2025, 1, 5, 9, 30, 0})); // Sunday
  CHECK_FALSE(c.matches(civil_time{2025, 2, 30, 9, 30, 0})); // no such day
}
