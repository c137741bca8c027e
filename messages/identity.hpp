#pragma once
// Canonical identity across upstreams: one key per game, one tricode per team, one lookup key
// per player name. Each source names things its own way (NBA.com "0022400561" and tricodes,
// balldontlie integer ids, The Odds API full team names and "Kelly Oubre Jr" without the
// period); everything downstream joins on the forms defined here. Pure code.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "messages/types.hpp"

namespace courtside::identity {

// -- dates and game keys ---------------------------------------------------------------------

/// Checks a calendar date "YYYY-MM-DD" (also accepts "YYYYMMDD" and a longer ISO-8601 string,
/// whose first 10 characters are used) and returns it as "YYYY-MM-DD".
[[nodiscard]] std::optional<std::string> iso_date(std::string_view text);

/// The canonical game key "YYYYMMDD_AWAY_HOME", e.g. "20250131_BOS_LAL". `date` as accepted by
/// iso_date (US Eastern date of tip-off); tricodes are canonicalised. Empty when the date is
/// invalid or a tricode is empty.
[[nodiscard]] std::string make_game_key(std::string_view date, std::string_view away_tricode,
                                        std::string_view home_tricode);

struct game_key_parts {
  std::string date; ///< "YYYY-MM-DD"
  std::string away_tricode;
  std::string home_tricode;
};

/// Splits a key made by make_game_key; nullopt when `key` is not one.
[[nodiscard]] std::optional<game_key_parts> parse_game_key(std::string_view key);

/// The US Eastern calendar date ("YYYY-MM-DD") of an ISO-8601 instant such as
/// "2025-02-01T00:40:00Z" or "2025-10-02T12:00:00-04:00", with US daylight-saving rules
/// (2007 onwards; 1987-2006 before). Game keys use this date for sources that only give UTC.
[[nodiscard]] std::optional<std::string> eastern_date_of(std::string_view instant);

// -- NBA.com game ids ------------------------------------------------------------------------

struct nba_game_id_parts {
  int season_type; ///< 1 preseason, 2 regular season, 3 all-star, 4 playoffs, 5 play-in,
                   ///< 6 NBA Cup final
  int season;      ///< start year, 2024 for "0022400561"
  int number;      ///< game number within the season type, 561
};

/// Reads "0022400561" (10 digits, "00" league prefix).
[[nodiscard]] std::optional<nba_game_id_parts> parse_nba_game_id(std::string_view id);

/// "0022400561" from the number 22400561 (NBA.com ids lose their leading zeros when a
/// source sends them as integers). Empty when negative or longer than 10 digits.
[[nodiscard]] std::string nba_game_id_from_number(std::int64_t id);

// -- teams -----------------------------------------------------------------------------------

/// The NBA.com tricode for a team abbreviation used by any source, case-insensitive:
/// "lal" -> "LAL", ESPN "GS" -> "GSW", Basketball-Reference "BRK" -> "BKN", historic
/// "NJN" -> "BKN" (franchises map to their current code). nullopt for a non-NBA code.
[[nodiscard]] std::optional<std::string_view> canonical_tricode(std::string_view code);

/// canonical_tricode when known; otherwise the code upper-cased as given (exhibition
/// opponents such as "MEL" keep their NBA.com code). Empty stays empty.
[[nodiscard]] std::string normalize_tricode(std::string_view code);

/// Tricode from a team name as The Odds API and others write it: "Los Angeles Lakers",
/// "LA Clippers", "L.A. Clippers", "Philadelphia 76ers", bare "Celtics", and historic names
/// ("New Jersey Nets" -> "BKN", "Seattle SuperSonics" -> "OKC"). Case and punctuation are
/// ignored.
[[nodiscard]] std::optional<std::string_view> tricode_from_team_name(std::string_view name);

/// NBA.com team ids (1610612737..1610612766).
[[nodiscard]] std::optional<std::string_view> tricode_from_nba_team_id(std::int64_t id);
[[nodiscard]] std::optional<std::int64_t> nba_team_id_from_tricode(std::string_view tricode);

/// balldontlie team ids 1..30 (alphabetical by city); ids above 30 are historic teams.
[[nodiscard]] std::optional<std::string_view> tricode_from_bdl_team_id(std::int64_t id);

/// "Boston Celtics" for "BOS".
[[nodiscard]] std::optional<std::string_view> team_full_name(std::string_view tricode);

// -- players ---------------------------------------------------------------------------------

/// The key that matches one player's name across sources: Latin letters with diacritics
/// folded to ASCII (č -> c, ņ -> n, ģ -> g, ñ -> n, é -> e, Đ -> d, ß -> ss), lower case,
/// punctuation dropped (". ' ’"), hyphens and runs of spaces made one space, and a final
/// generational suffix (jr, sr, ii, iii, iv) removed. "Kelly Oubre Jr." and "Kelly Oubre Jr"
/// -> "kelly oubre"; "Nikola Vučević" -> "nikola vucevic". Non-Latin letters are kept as is.
[[nodiscard]] std::string player_lookup_key(std::string_view name);

/// Same folding without the suffix rule; used for team names.
[[nodiscard]] std::string fold_name(std::string_view name);

// -- cross-source game ids -------------------------------------------------------------------

/// Remembers which NBA.com and balldontlie ids belong to which canonical game key, so a
/// source that only gives an id (stats.nba.com box scores) can be joined to the others.
class game_index {
public:
  /// Records the ids of a game that has a key; games without a key are ignored.
  void remember(const Game& game);

  [[nodiscard]] std::optional<std::string> key_for_nba_id(std::string_view nba_game_id) const;
  [[nodiscard]] std::optional<std::string> key_for_bdl_id(std::int64_t bdl_id) const;
  [[nodiscard]] std::optional<std::string> nba_id_for_key(std::string_view key) const;
  [[nodiscard]] std::optional<std::int64_t> bdl_id_for_key(std::string_view key) const;
  [[nodiscard]] std::size_t size() const noexcept { return ids_by_key_.size(); }

private:
  struct ids {
    std::string nba;
    std::optional<std::int64_t> bdl;
  };
  std::unordered_map<std::string, ids> ids_by_key_;
  std::unordered_map<std::string, std::string> key_by_nba_;
  std::unordered_map<std::int64_t, std::string> key_by_bdl_;
};

} // namespace courtside::identity
