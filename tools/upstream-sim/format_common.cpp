#include "tools/upstream-sim/format_common.hpp"

#include <cstdio>

namespace courtside::upstream_sim {

std::string cdn_minutes(int seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "PT%02dM%02d.00S", seconds / 60, seconds % 60);
  return buf;
}

std::string cdn_minutes_rounded(int seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "PT%02dM", (seconds + 30) / 60);
  return buf;
}

std::string cdn_clock(int seconds) { return cdn_minutes(seconds); }

std::string stats_minutes(int seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d:%02d", seconds / 60, seconds % 60);
  return buf;
}

std::string bdl_minutes(int seconds) {
  char buf[48]; // room for any int, so -O3 sees no truncation
  std::snprintf(buf, sizeof buf, "%02d", (seconds + 30) / 60);
  return buf;
}

double ratio(int made, int attempted) {
  return attempted == 0 ? 0.0 : static_cast<double>(made) / attempted;
}

std::string utc_z(std::int64_t epoch) { return iso_date_time(local_from_epoch(epoch, 0)) + "Z"; }

std::string utc_millis(std::int64_t epoch) {
  return iso_date_time(local_from_epoch(epoch, 0)) + ".000Z";
}

std::string local_with_offset(std::int64_t epoch, int offset_minutes) {
  return iso_date_time(local_from_epoch(epoch, offset_minutes)) + offset_suffix(offset_minutes);
}

std::string local_as_z(std::int64_t epoch, int offset_minutes) {
  return iso_date_time(local_from_epoch(epoch, offset_minutes)) + "Z";
}

const char* lineup_letter(std::size_t slot) {
  static constexpr const char* letters[] = {"G", "G", "F", "F", "C"};
  return slot < 5 ? letters[slot] : "";
}

const char* lineup_position(std::size_t slot) {
  static constexpr const char* positions[] = {"PG", "SG", "SF", "PF", "C"};
  return slot < 5 ? positions[slot] : "";
}

} // namespace courtside::upstream_sim
