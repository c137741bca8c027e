#pragma once
// NBA.com CDN payloads (cdn.nba.com/static/json/...), each in the layout of its real capture:
//   liveData/boxscore/boxscore_<id>.json    one line, Python separators (", ", ": ")
//   liveData/scoreboard/todaysScoreboard_00.json   pretty, 2 spaces
//   staticData/scheduleLeagueV2.json        pretty, 2 spaces, CRLF line endings
// Quirks kept: booleans as "0"/"1" strings, ISO-8601 minutes, position only for starters,
// notPlayingReason only for players who did not play, gameEt "-05:00" while live and a
// mislabelled "Z" once final, "" gameClock when final, schedule dates "11/15/2025 00:00:00"
// and time-only fields on 1900-01-01, ifNecessary sometimes the string "false".
#include <string>
#include <vector>

#include "tools/upstream-sim/format_common.hpp"

namespace courtside::upstream_sim::cdn {

/// boxscore_<gameId>.json for a live or final game (scheduled games have none: 403).
[[nodiscard]] std::string boxscore(const league& l, const game_view& v);

/// todaysScoreboard_00.json for the games of `date`.
[[nodiscard]] std::string scoreboard(const league& l, civil_date date, const std::vector<game_view>& games);

/// scheduleLeagueV2.json: every game of the season, grouped by date.
[[nodiscard]] std::string schedule(const league& l, const std::vector<game_view>& games);

/// What S3 behind the CDN answers for a key that does not exist (yet): 403 AccessDenied.
[[nodiscard]] std::string access_denied_xml();

} // namespace courtside::upstream_sim::cdn
