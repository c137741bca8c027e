#include "messages/decode/invariants.hpp"

namespace courtside::decode {
namespace {

const char* record_name(stat_owner owner) {
  return owner == stat_owner::player ? "PlayerLine" : "TeamLine";
}

std::string describe(stat_owner owner, const char* lhs, long a, const char* op, const char* rhs,
                     long b) {
  std::string out = record_name(owner);
  out += ": ";
  out += lhs;
  out += ' ';
  out += std::to_string(a);
  out += ' ';
  out += op;
  out += ' ';
  out += rhs;
  out += ' ';
  out += std::to_string(b);
  return out;
}

std::optional<std::string> negative_count(const StatLine& s, stat_owner owner) {
  const struct {
    const char* name;
    const std::optional<int>& value;
  } counts[] = {{"seconds", s.seconds}, {"pts", s.pts}, {"reb", s.reb},   {"oreb", s.oreb},
                {"dreb", s.dreb},       {"ast", s.ast}, {"stl", s.stl},   {"blk", s.blk},
                {"tov", s.tov},         {"pf", s.pf},   {"fgm", s.fgm},   {"fga", s.fga},
                {"fg3m", s.fg3m},       {"fg3a", s.fg3a}, {"ftm", s.ftm}, {"fta", s.fta}};
  for (const auto& c : counts)
    if (c.value && *c.value < 0)
      return describe(owner, c.name, *c.value, "<", "zero", 0);
  return std::nullopt;
}

// "a <= b" when both are present.
std::optional<std::string> at_most(stat_owner owner, const char* a_name,
                                   const std::optional<int>& a, const char* b_name,
                                   const std::optional<int>& b) {
  if (a && b && *a > *b)
    return describe(owner, a_name, *a, ">", b_name, *b);
  return std::nullopt;
}

} // namespace

std::optional<std::string> check_stat_line(const StatLine& s, stat_owner owner) {
  if (auto bad = negative_count(s, owner))
    return bad;
  if (auto bad = at_most(owner, "fgm", s.fgm, "fga", s.fga))
    return bad;
  if (auto bad = at_most(owner, "fg3m", s.fg3m, "fg3a", s.fg3a))
    return bad;
  if (auto bad = at_most(owner, "ftm", s.ftm, "fta", s.fta))
    return bad;
  if (auto bad = at_most(owner, "fg3m", s.fg3m, "fgm", s.fgm))
    return bad;
  if (auto bad = at_most(owner, "fg3a", s.fg3a, "fga", s.fga))
    return bad;
  if (s.pts && s.fgm && s.fg3m && s.ftm) {
    const long expected = 2L * *s.fgm + *s.fg3m + *s.ftm;
    if (*s.pts != expected)
      return describe(owner, "pts", *s.pts, "!=", "2*fgm + fg3m + ftm =",
                      expected);
  }
  if (owner == stat_owner::player && s.reb && s.oreb && s.dreb) {
    const long expected = static_cast<long>(*s.oreb) + *s.dreb;
    if (*s.reb != expected)
      return describe(owner, "reb", *s.reb, "!=", "oreb + dreb =", expected);
  }
  return std::nullopt;
}

std::optional<std::string> check_team_points(const TeamLine& team,
                                              const std::vector<PlayerLine>& players) {
  if (team.score && team.totals.pts && *team.score != *team.totals.pts)
    return "TeamLine " + team.tricode + ": score " + std::to_string(*team.score) +
           " != totals.pts " + std::to_string(*team.totals.pts);
  const std::optional<int>& points = team.totals.pts ? team.totals.pts : team.score;
  if (!points || team.tricode.empty()) // players are matched to their team by tricode
    return std::nullopt;
  long sum = 0;
  bool any = false;
  for (const PlayerLine& p : players) {
    if (p.team_tricode != team.tricode || !p.stats.pts)
      continue;
    sum += *p.stats.pts;
    any = true;
  }
  if (any && sum != *points)
    return "TeamLine " + team.tricode + ": points " + std::to_string(*points) +
           " != sum of player points " + std::to_string(sum);
  return std::nullopt;
}

std::optional<team_violation> check_box_score_teams(const BoxScore& box) {
  for (const TeamLine* team : {&box.home, &box.away}) {
    std::optional<std::string> bad = check_stat_line(team->totals, stat_owner::team);
    if (!bad)
      bad = check_team_points(*team, box.players);
    if (bad)
      return team_violation{team == &box.home, std::move(*bad)};
  }
  return std::nullopt;
}

} // namespace courtside::decode
