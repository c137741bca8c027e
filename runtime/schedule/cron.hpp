#pragma once
// Cron expressions, evaluated in a time zone's LOCAL time. Pure: takes `now`, reads nothing.
//
//   5 fields: minute hour day-of-month month day-of-week        "30 2 * * *"
//   6 fields: second minute hour day-of-month month day-of-week "0 */15 * * * MON-FRI"
//   macros:   @yearly (@annually) @monthly @weekly @daily (@midnight) @hourly
//
// Each field is a comma list of items: `*`, `n`, `a-b`, `*/s`, `a-b/s`, `a/s` (= a-max/s).
// Ranges: second 0-59, minute 0-59, hour 0-23, day-of-month 1-31, month 1-12 or JAN-DEC,
// day-of-week 0-7 or SUN-SAT (0 and 7 are Sunday; SUN ending a range means 7, so FRI-SUN
// works). Names are case-insensitive; a step is 1..(span of the field).
// Day rule (Vixie cron): if day-of-month or day-of-week starts with '*', a day must match
// both; if both are restricted, a day matching EITHER runs ("0 0 13 * FRI" = every 13th and
// every Friday).
// An expression that can never fire ("0 0 30 2 *": no 30 February) is a parse error.
//
// Daylight saving (the rule every job follows; America/New_York shown):
//   wall-clock jobs  - the hour field does not cover all 24 hours ("30 2 * * *",
//                      "0 9-17 * * *"). They run at a local time, once per matching day:
//                      * in a gap (2025-03-09 02:30 does not exist) the job runs ONCE at the
//                        end of the gap (03:00 EDT); several times in the gap collapse into
//                        that one run (this is Vixie cron's "run at the first valid time");
//                      * in an overlap (2025-11-02 01:30 happens twice) it runs once, at the
//                        FIRST occurrence (01:30 EDT).
//   elapsed-time jobs - the hour field covers every hour ("*/15 * * * *", "0 * * * *").
//                      They keep their cadence in real time: a reading that never happens
//                      is skipped (no burst after the gap), a reading that happens twice runs
//                      twice (hourly runs at 01:00 EDT and at 01:00 EST: every 60 minutes).
//   next_after(t) and previous_at_or_before(t) agree on this rule, so a missed-run policy
//   sees exactly the runs that next_after would have produced.
#include "runtime/schedule/civil_time.hpp"
#include "runtime/schedule/result.hpp"
#include "runtime/schedule/time_zone.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace courtside::schedule {

enum class cron_field : uint8_t { second, minute, hour, day_of_month, month, day_of_week, none };

[[nodiscard]] std::string_view to_string(cron_field f);

/// Why an expression was refused: the one error enum of cron.
enum class cron_errc : uint8_t {
  wrong_field_count, ///< not 5 or 6 fields (token: the whole expression)
  unknown_macro,     ///< "@reboot", "@often" ... (token: the macro)
  empty_item,        ///< ",5", "1,,2", "1-" ... (token: the field)
  not_a_number,      ///< neither a number nor a name this field knows ("MON" in minutes)
  value_out_of_range, ///< a number or name outside the field's range ("60" in minutes)
  range_reversed,    ///< "a-b" with a > b ("17-9")
  bad_step,          ///< a step that is not a number, 0, or longer than the field ("*/0")
  never_fires,       ///< day-of-month and month never meet ("30 2", "31 4,6,9,11")
};

[[nodiscard]] std::string_view to_string(cron_errc e);

struct cron_error {
  cron_errc code = cron_errc::wrong_field_count;
  cron_field field = cron_field::none;
  std::string token; ///< the offending item or text, as written

  /// "value_out_of_range in minute: \"60\""
  [[nodiscard]] std::string describe() const;
};

/// How a schedule treats daylight-saving changes (see the header comment).
enum class dst_rule : uint8_t { wall_clock, elapsed_time };

class cron_schedule {
public:
  [[nodiscard]] static result<cron_schedule, cron_error> parse(std::string_view expression);

  /// The expression as given, fields joined by single spaces, for logs.
  [[nodiscard]] const std::string& expression() const { return expression_; }
  [[nodiscard]] dst_rule daylight_rule() const;

  /// Whether a local reading matches every field (ignores daylight saving).
  [[nodiscard]] bool matches(const civil_time& t) const;

  /// The first run strictly after `now`. std::nullopt only when nothing fires within 200 years
  /// (impossible for a parsed expression in a real zone; defensive).
  [[nodiscard]] std::optional<sys_seconds> next_after(sys_seconds now, const time_zone& zone) const;

  /// The last run at or before `now` (for missed-run policies after downtime); std::nullopt
  /// when nothing fired within 200 years.
  [[nodiscard]] std::optional<sys_seconds> previous_at_or_before(sys_seconds now,
                                                                 const time_zone& zone) const;

private:
  friend struct cron_parser;
  cron_schedule() = default;

  /// The first matching reading at or after / at or before `t` (std::nullopt past the horizon).
  std::optional<local_seconds> next_match(local_seconds t) const;
  std::optional<local_seconds> previous_match(local_seconds t) const;
  bool day_matches(int64_t days) const;
  std::optional<int64_t> next_time_of_day(int64_t from) const;
  std::optional<int64_t> previous_time_of_day(int64_t from) const;

  std::string expression_;
  uint64_t seconds_ = 0;  ///< bit n: second n
  uint64_t minutes_ = 0;  ///< bit n: minute n
  uint32_t hours_ = 0;    ///< bit n: hour n
  uint32_t days_ = 0;     ///< bit n: day-of-month n (1..31)
  uint16_t months_ = 0;   ///< bit n: month n (1..12)
  uint8_t weekdays_ = 0;  ///< bit n: weekday n (0 = Sunday .. 6)
  bool day_or_rule_ = false; ///< both day fields restricted: either may match
};

} // namespace courtside::schedule
