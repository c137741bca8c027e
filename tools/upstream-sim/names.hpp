#pragma once
// Player names for the synthetic league, chosen to exercise identity matching: accents
// (Vučević, Porziņģis, Đurišić), suffixes that are part of the family name ("Oubre Jr."),
// initials with periods ("P.J."), apostrophes and hyphens. Each source spells them its own
// way, as the real ones do: NBA.com and balldontlie keep the UTF-8, stats.nba.com escapes it
// as \uXXXX, The Odds API folds to ASCII and drops periods ("Kelly Oubre Jr").
#include <string>
#include <string_view>
#include <vector>

namespace courtside::upstream_sim {

struct name_pools {
  std::vector<std::string_view> first;
  std::vector<std::string_view> last;
  std::vector<std::string_view> accented_last;  // paired with a non-US country
  std::vector<std::string_view> suffixes;       // " Jr.", " III", ...
  std::vector<std::string_view> colleges;
  std::vector<std::string_view> countries;      // for accented names
  std::vector<std::string_view> injuries;       // CDN notPlayingDescription
  std::vector<std::string_view> referees;
};

[[nodiscard]] const name_pools& pools();

/// Latin letters with diacritics folded to ASCII ("Vučević" -> "Vucevic"); other non-ASCII
/// characters are dropped.
[[nodiscard]] std::string fold_ascii(std::string_view utf8);

/// The Odds API's spelling: ASCII-folded, periods removed ("P.J. Tucker" -> "PJ Tucker").
[[nodiscard]] std::string odds_api_name(std::string_view full_name);

/// NBA.com playerSlug: folded, lower-case, words joined by '-' ("kelly-oubre-jr").
[[nodiscard]] std::string player_slug(std::string_view full_name);

/// NBA.com nameI: "K. Oubre Jr." (first initial, then the family name).
[[nodiscard]] std::string initial_name(std::string_view first, std::string_view family);

} // namespace courtside::upstream_sim
