#pragma once
// The 30 real NBA franchises as each upstream names them: NBA.com ids (1610612737..) and
// tricodes, balldontlie ids (1..30, alphabetical by city), The Odds API's full names
// ("Los Angeles Clippers" where NBA.com says "LA Clippers"), conferences, arenas, time zones.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "tools/upstream-sim/calendar.hpp"

namespace courtside::upstream_sim {

struct team_info {
  std::string_view tricode;     // "CHA"
  std::int64_t nba_id;          // 1610612766
  int bdl_id;                   // 4
  std::string_view city;        // "Charlotte" ("LA" for the Clippers, as both APIs write it)
  std::string_view name;        // "Hornets"
  std::string_view odds_name;   // "Charlotte Hornets" (The Odds API's spelling)
  std::string_view slug;        // "hornets" (NBA.com teamSlug; "sixers", "blazers")
  std::string_view conference;  // "East" / "West"
  std::string_view division;    // "Southeast"
  std::string_view arena;
  std::string_view arena_city;
  std::string_view arena_state;
  std::string_view arena_timezone;  // IANA name, as the CDN box score carries it
  int standard_offset_minutes;      // -300 Eastern .. -480 Pacific
  bool observes_dst;                // false for Phoenix
  int arena_id;

  /// "Charlotte Hornets" (balldontlie full_name, NBA.com teamCity + teamName).
  [[nodiscard]] std::string full_name() const;
};

inline constexpr std::size_t team_count = 30;

/// Ordered by balldontlie id (index = bdl_id - 1).
[[nodiscard]] const std::array<team_info, team_count>& teams();

/// UTC offset of the team's arena on a date (DST aware): -240 for Eastern in summer.
[[nodiscard]] int utc_offset_on(const team_info& t, const civil_date& d);

} // namespace courtside::upstream_sim
