#pragma once
// stats.nba.com payloads. Both escape non-ASCII names as \uXXXX (stats.nba.com's
// serializer does; the CDN sends raw UTF-8), so decoders meet both spellings.
//   boxscoretraditionalv2: compact {"resource","parameters","resultSets":[{"name","headers",
//     "rowSet"}]}; positional rows, MIN "MM:SS" ("4:06", team "265:00"); DNP rows carry the
//     reason in COMMENT and null for every stat.
//   boxscoretraditionalv3: pretty (4 spaces), nested objects; DNP minutes are "".
#include <string>

#include "tools/upstream-sim/format_common.hpp"

namespace courtside::upstream_sim::stats {

/// v2 for a live or final game; a scheduled game gets the same sets with empty rowSets.
[[nodiscard]] std::string boxscore_v2(const league& l, const game_view& v);
/// v3 for a live or final game; a scheduled game has no players.
[[nodiscard]] std::string boxscore_v3(const league& l, const game_view& v);
/// The plain-text 400 stats.nba.com answers when a required parameter is missing.
[[nodiscard]] std::string missing_parameter(std::string_view name);

} // namespace courtside::upstream_sim::stats
