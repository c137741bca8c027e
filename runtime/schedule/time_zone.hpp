#pragma once
// An IANA time zone, read once from the system tzdata (Debian: /usr/share/zoneinfo/<Name>,
// TZif v1..v4, RFC 8536) and then pure: it maps instants to local readings and back.
// C++17 has no std::chrono time zones, and libc's localtime/mktime read the process-wide TZ
// variable, which is neither thread-safe nor testable; hence this.
//
// What the file says, and how it is used:
//   - transitions (64-bit section of v2+ files; the 32-bit one only for v1 files): instants
//     at which the local time type changes. Before the first one, type 0 applies.
//   - the footer TZ string ("EST5EDT,M3.2.0,M11.1.0"): the rule after the last transition
//     (slim tzdata files stop listing transitions in 2007; fat ones in 2037).
//   - leap-second records ("right/" zones) are refused: the engine counts POSIX time.
//
// Local readings that are not one instant (daylight saving changes, New York):
//   gap      2025-03-09 02:00..02:59:59 never happens (01:59:59 EST is followed by 03:00 EDT)
//   overlap  2025-11-02 01:00..01:59:59 happens twice (first EDT, then EST)
// resolve() reports both cases; to_utc() picks an instant by `disambiguation`.
#include "runtime/schedule/civil_time.hpp"
#include "runtime/schedule/posix_tz.hpp"
#include "runtime/schedule/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::schedule {

/// Everything that can go wrong with a zone: the one error enum of time_zone.
enum class time_zone_errc : uint8_t {
  invalid_name,           ///< empty, absolute, "..", or characters outside [A-Za-z0-9_+-/]
  unknown_zone,           ///< no such file under the zoneinfo directory (or not a file)
  unreadable,             ///< the file exists but could not be read, or is absurdly large
  malformed_file,         ///< not TZif, truncated, inconsistent counts or indexes
  leap_seconds_unsupported, ///< a "right/" zone: its times are not POSIX time
  invalid_tz_string,      ///< a POSIX TZ string (footer or from_posix_tz) did not parse
  invalid_civil_time,     ///< to_utc: month 13, 30 February, 24:00 ...
  nonexistent_local_time, ///< to_utc with reject: the reading falls in a gap
  ambiguous_local_time,   ///< to_utc with reject: the reading falls in an overlap
};

[[nodiscard]] std::string_view to_string(time_zone_errc e);

struct time_zone_error {
  time_zone_errc code = time_zone_errc::unknown_zone;
  std::string zone;   ///< the zone's name as asked for
  std::string detail; ///< what exactly (path, byte offset, offending text)

  /// "malformed_file: America/New_York: transition times not ascending at index 7"
  [[nodiscard]] std::string describe() const;
};

/// A local reading of an instant: what a clock on the wall in that zone shows.
struct local_view {
  civil_time civil;
  seconds utc_offset{0};
  bool is_dst = false;
  std::string abbreviation;
};

enum class local_kind : uint8_t {
  unique,      ///< the reading happens exactly once
  ambiguous,   ///< it happens twice (overlap, clocks went back)
  nonexistent, ///< it never happens (gap, clocks went forward)
};

/// Where a local reading lands. For a gap, earliest < transition <= latest:
/// 02:30 on 2025-03-09 in New York gives earliest 06:30Z (= 01:30 EST, the reading taken with
/// the offset after the gap), transition 07:00Z (= 03:00 EDT), latest 07:30Z (= 03:30 EDT,
/// taken with the offset before the gap).
struct local_resolution {
  local_kind kind = local_kind::unique;
  sys_seconds earliest;   ///< unique: the instant; ambiguous: first occurrence; gap: see above
  sys_seconds latest;     ///< unique: the instant; ambiguous: second occurrence; gap: see above
  sys_seconds transition; ///< ambiguous/nonexistent: the offset change; unique: == earliest
};

/// How to_utc picks an instant for a reading that is not unique.
enum class disambiguation : uint8_t {
  compatible, ///< overlap: earlier; gap: shifted forward by the gap (02:30 -> 03:30 EDT).
              ///< What java.time, RFC 5545 and JavaScript Temporal do by default.
  earlier,    ///< overlap: earlier; gap: the earlier of the two readings (02:30 -> 01:30 EST)
  later,      ///< overlap: later; gap: the later one (02:30 -> 03:30 EDT)
  gap_end,    ///< overlap: earlier; gap: the instant the gap ends (02:30 -> 03:00 EDT).
              ///< The cron rule: a job scheduled inside a gap runs at the first valid time.
  reject,     ///< an error for either
};

class time_zone {
public:
  /// Reads <zoneinfo_dir>/<name> once. The only function here that touches the filesystem.
  [[nodiscard]] static result<time_zone, time_zone_error>
  load(std::string_view name, std::string_view zoneinfo_dir = "/usr/share/zoneinfo");

  /// A zone from the bytes of a TZif file (embedded data, or a file read elsewhere).
  [[nodiscard]] static result<time_zone, time_zone_error> from_tzif(std::string_view name,
                                                                    std::string_view bytes);

  /// A zone from a POSIX TZ string alone, e.g. "EST5EDT,M3.2.0,M11.1.0" (no history: the
  /// rule applies at every instant).
  [[nodiscard]] static result<time_zone, time_zone_error> from_posix_tz(std::string_view name,
                                                                        std::string_view tz);

  /// UTC, offset 0 forever, abbreviation "UTC". Needs no tzdata.
  [[nodiscard]] static time_zone utc();

  [[nodiscard]] const std::string& name() const { return name_; }

  /// The stretch of constant offset that contains `t`.
  [[nodiscard]] offset_period period_at(sys_seconds t) const;

  [[nodiscard]] local_view to_local(sys_seconds t) const;

  /// Every instant whose local reading is `t` (0, 1 or 2 of them), described.
  [[nodiscard]] local_resolution resolve(local_seconds t) const;

  [[nodiscard]] result<sys_seconds, time_zone_error>
  to_utc(const civil_time& t, disambiguation rule = disambiguation::compatible) const;

private:
  friend struct tzif_reader;
  time_zone() = default; // only factories make zones: a zone always has a type

  std::string name_;
  std::vector<int64_t> transitions_;     ///< UTC seconds, strictly ascending
  std::vector<uint8_t> transition_type_; ///< index into types_, one per transition
  std::vector<zone_type> types_;         ///< at least one
  std::optional<posix_tz> footer_;       ///< the rule after the last transition
};

} // namespace courtside::schedule
