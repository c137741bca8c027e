#pragma once
// Helpers for the runtime/schedule specs: instants written as UTC civil times, readable
// renderings, the New York zones under test, and a TZif writer for hand-made files.
#include "runtime/schedule/civil_time.hpp"
#include "runtime/schedule/time_zone.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace courtside::schedule::test {

inline constexpr const char* system_zoneinfo = "/usr/share/zoneinfo";

inline sys_seconds utc(int64_t y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  return utc_instant(civil_time{y, mo, d, h, mi, s});
}

inline std::string show(const civil_time& c) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d %02d:%02d:%02d", static_cast<long long>(c.year),
                c.month, c.day, c.hour, c.minute, c.second);
  return buf;
}

/// "2025-03-09 03:00:00 EDT": the local reading of t in zone.
inline std::string show(sys_seconds t, const time_zone& zone) {
  const local_view v = zone.to_local(t);
  return show(v.civil) + " " + v.abbreviation;
}

/// The rule New York has followed since 2007, from a POSIX TZ string: needs no tzdata.
inline time_zone new_york_rule() {
  return time_zone::from_posix_tz("America/New_York(rule)", "EST5EDT,M3.2.0,M11.1.0").value();
}

/// New York from the system tzdata and from the POSIX rule; the tzdata one is left out (with
/// a warning) where tzdata is not installed.
inline std::vector<time_zone> new_york_zones() {
  std::vector<time_zone> zones{new_york_rule()};
  auto loaded = time_zone::load("America/New_York");
  if (loaded) zones.push_back(std::move(loaded).value());
  else WARN("tzdata absent: " << loaded.error().describe());
  return zones;
}

inline bool have_tzdata(const char* name) {
  return std::filesystem::exists(std::filesystem::path(system_zoneinfo) / name);
}

/// Contents of a TZif file, for writing broken and unusual ones by hand.
struct tzif_spec {
  char version = '2';
  std::vector<int64_t> times;
  std::vector<uint8_t> type_of;
  struct type {
    int32_t utoff;
    bool dst;
    uint8_t abbr_index;
  };
  std::vector<type> types{{0, false, 0}};
  std::string abbrevs = std::string("UTC", 4); // with its NUL
  std::string footer = "\nUTC0\n";
  uint32_t leapcnt = 0;
};

inline void put_be(std::string& out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

inline void put_block(std::string& out, const tzif_spec& s, int time_size) {
  out += "TZif";
  out.push_back(s.version);
  out += std::string(15, '\0');
  const uint32_t counts[6] = {0, 0, s.leapcnt, static_cast<uint32_t>(s.times.size()),
                              static_cast<uint32_t>(s.types.size()),
                              static_cast<uint32_t>(s.abbrevs.size())};
  for (uint32_t c : counts) put_be(out, c, 4);
  for (int64_t t : s.times) put_be(out, static_cast<uint64_t>(t), time_size);
  for (uint8_t i : s.type_of) out.push_back(static_cast<char>(i));
  for (const auto& t : s.types) {
    put_be(out, static_cast<uint32_t>(t.utoff), 4);
    out.push_back(t.dst ? 1 : 0);
    out.push_back(static_cast<char>(t.abbr_index));
  }
  out += s.abbrevs;
  out += std::string(s.leapcnt * (time_size + 4), '\0');
}

inline std::string make_tzif(const tzif_spec& s) {
  std::string out;
  put_block(out, s, 4);
  if (s.version == '\0') return out;
  put_block(out, s, 8);
  return out + s.footer;
}

} // namespace courtside::schedule::test
