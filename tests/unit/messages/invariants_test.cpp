// Consistency rules on decoded stat lines and team totals.
#include <catch2/catch.hpp>

#include "messages/decode/invariants.hpp"

using namespace courtside;
using namespace courtside::decode;

namespace {

StatLine shooting(int fgm, int fga, int fg3m, int fg3a, int ftm, int fta) {
  StatLine s;
  s.fgm = fgm, s.fga = fga, s.fg3m = fg3m, s.fg3a = fg3a, s.ftm = ftm, s.fta = fta;
  s.pts = 2 * fgm + fg3m + ftm;
  return s;
}

PlayerLine scorer(const std::string& team, std::optional<int> pts) {
  PlayerLine p;
  p.team_tricode = team;
  p.stats.pts = pts;
  return p;
}

} // namespace

TEST_CASE("made equal to attempted passes, one more made than attempted fails") {
  CHECK_FALSE(check_stat_line(shooting(7, 7, 2, 2, 4, 4), stat_owner::player));
  CHECK(check_stat_line(shooting(8, 7, 2, 2, 4, 4), stat_owner::player) ==
        "PlayerLine: fgm 8 > fga 7");
  CHECK(check_stat_line(shooting(7, 7, 3, 2, 4, 4), stat_owner::player) ==
        "PlayerLine: fg3m 3 > fg3a 2");
  CHECK(check_stat_line(shooting(7, 7, 2, 2, 5, 4), stat_owner::team) ==
        "TeamLine: ftm 5 > fta 4");
}

TEST_CASE("threes are field goals: fg3m equal to fgm passes, one more fails") {
  CHECK_FALSE(check_stat_line(shooting(3, 9, 3, 9, 0, 0), stat_owner::player));
  CHECK(check_stat_line(shooting(3, 9, 4, 9, 0, 0), stat_owner::player) ==
        "PlayerLine: fg3m 4 > fgm 3");
  CHECK(check_stat_line(shooting(3, 9, 3, 10, 0, 0), stat_owner::player) ==
        "PlayerLine: fg3a 10 > fga 9");
}

TEST_CASE("points are 2*fgm + fg3m + ftm: exact passes, one off fails") {
  StatLine s = shooting(7, 20, 2, 7, 4, 6);
  CHECK(s.pts == 20);
  CHECK_FALSE(check_stat_line(s, stat_owner::player));
  s.pts = 21;
  CHECK(check_stat_line(s, stat_owner::player) == "PlayerLine: pts 21 != 2*fgm + fg3m + ftm = 20");
  s.pts = 19;
  CHECK(check_stat_line(s, stat_owner::player));
  s.ftm.reset(); // a rule needs all its fields
  CHECK_FALSE(check_stat_line(s, stat_owner::player));
}

TEST_CASE("player rebounds add up, team rebounds may include team rebounds") {
  StatLine s;
  s.oreb = 2, s.dreb = 5, s.reb = 7;
  CHECK_FALSE(check_stat_line(s, stat_owner::player));
  s.reb = 8;
  CHECK(check_stat_line(s, stat_owner::player) == "PlayerLine: reb 8 != oreb + dreb = 7");
  CHECK_FALSE(check_stat_line(s, stat_owner::team));
}

TEST_CASE("counts and seconds at zero pass, at minus one fail") {
  StatLine s;
  s.seconds = 0, s.stl = 0;
  CHECK_FALSE(check_stat_line(s, stat_owner::player));
  s.seconds = -1;
  CHECK(check_stat_line(s, stat_owner::player) == "PlayerLine: seconds -1 < zero 0");
  s.seconds = 0, s.stl = -1;
  CHECK(check_stat_line(s, stat_owner::player) == "PlayerLine: stl -1 < zero 0");
  s.stl = 0, s.plus_minus = -30; // plus-minus may be negative
  CHECK_FALSE(check_stat_line(s, stat_owner::player));
}

TEST_CASE("team points equal the sum of its players' points, one off fails") {
  TeamLine team;
  team.tricode = "CHA";
  team.score = 110;
  std::vector<PlayerLine> players{scorer("CHA", 100), scorer("CHA", 10), scorer("ATL", 107),
                                  scorer("CHA", std::nullopt)};
  CHECK_FALSE(check_team_points(team, players));
  team.score = 111;
  CHECK(check_team_points(team, players) == "TeamLine CHA: points 111 != sum of player points 110");
  team.score = 110;
  team.totals.pts = 109;
  CHECK(check_team_points(team, players) == "TeamLine CHA: score 110 != totals.pts 109");
  team.score.reset(); // totals alone
  CHECK(check_team_points(team, players));
}

TEST_CASE("team points are not checked without points, players with points, or a tricode") {
  TeamLine team;
  team.tricode = "CHA";
  CHECK_FALSE(check_team_points(team, {scorer("CHA", 5)}));
  team.score = 5;
  CHECK_FALSE(check_team_points(team, {scorer("CHA", std::nullopt)}));
  team.tricode.clear();
  CHECK_FALSE(check_team_points(team, {scorer("", 4)}));
}
