#pragma once
// Consistency rules a decoded record must satisfy. Each check returns the first contradiction
// found as a sentence naming the record and the fields ("PlayerLine: fgm 7 > fga 5"); the
// decoders wrap it in a decode_error of kind invariant_violation with the record's JSON path.
// Pure code.
#include <optional>
#include <string>
#include <vector>

#include "messages/types.hpp"

namespace courtside::decode {

enum class stat_owner { player, team };

/// Counts are >= 0; made <= attempted for fg, fg3 and ft; fg3m <= fgm and fg3a <= fga;
/// pts == 2*fgm + fg3m + ftm; for players reb == oreb + dreb (team totals may include team
/// rebounds). Each rule applies only when all the fields it needs are present.
[[nodiscard]] std::optional<std::string> check_stat_line(const StatLine& stats, stat_owner owner);

/// The team's points (totals.pts, else score) equal the sum of its players' points, counting
/// the players of `players` whose team_tricode is the team's and whose points are present;
/// score and totals.pts agree when both are present. Skipped when no player has points or
/// the team has no tricode to match its players by.
[[nodiscard]] std::optional<std::string> check_team_points(const TeamLine& team,
                                                           const std::vector<PlayerLine>& players);

struct team_violation {
  bool home;          ///< which team line: box.home (true) or box.away (false)
  std::string detail; ///< as check_stat_line / check_team_points say it
};

/// check_stat_line on both team totals, then check_team_points for both teams.
[[nodiscard]] std::optional<team_violation> check_box_score_teams(const BoxScore& box);

} // namespace courtside::decode
