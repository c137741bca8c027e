// Statistics shared by the NBA.com live CDN and stats.nba.com decoders (see walk.hpp).
#include "messages/decode/detail/walk.hpp"

namespace courtside::decode::detail {
namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size())
    return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
    if (c != prefix[i])
      return false;
  }
  return true;
}

} // namespace

bool read_nba_statistic(walk& w, std::string_view key, od::value& v, StatLine& s) {
  // NBA.com live boxscore and stats.nba.com v3 share these camelCase names.
  if (key_is(key, "minutes"))
    return read_minutes(w, v, s.seconds);
  std::optional<int>* target = nullptr;
  if (key_is(key, "points"))
    target = &s.pts;
  else if (key_is(key, "reboundsTotal"))
    target = &s.reb;
  else if (key_is(key, "reboundsOffensive"))
    target = &s.oreb;
  else if (key_is(key, "reboundsDefensive"))
    target = &s.dreb;
  else if (key_is(key, "assists"))
    target = &s.ast;
  else if (key_is(key, "steals"))
    target = &s.stl;
  else if (key_is(key, "blocks"))
    target = &s.blk;
  else if (key_is(key, "turnovers"))
    target = &s.tov;
  else if (key_is(key, "foulsPersonal"))
    target = &s.pf;
  else if (key_is(key, "fieldGoalsMade"))
    target = &s.fgm;
  else if (key_is(key, "fieldGoalsAttempted"))
    target = &s.fga;
  else if (key_is(key, "threePointersMade"))
    target = &s.fg3m;
  else if (key_is(key, "threePointersAttempted"))
    target = &s.fg3a;
  else if (key_is(key, "freeThrowsMade"))
    target = &s.ftm;
  else if (key_is(key, "freeThrowsAttempted"))
    target = &s.fta;
  else if (key_is(key, "plusMinusPoints"))
    target = &s.plus_minus;
  return target == nullptr || read_int(w, v, *target);
}

participation participation_from_comment(std::string_view comment, const StatLine& s) {
  const std::optional<int>* activity[] = {&s.seconds, &s.pts, &s.reb, &s.ast, &s.stl,
                                          &s.blk,     &s.tov, &s.pf,  &s.fga, &s.fta};
  for (const auto* a : activity)
    if (a->value_or(0) > 0)
      return participation::played;
  if (starts_with_ci(comment, "DND") || starts_with_ci(comment, "NWT") ||
      starts_with_ci(comment, "INACTIVE"))
    return participation::inactive;
  if (!comment.empty())
    return participation::did_not_play;
  return s.seconds ? participation::did_not_play : participation::unknown;
}

} // namespace courtside::decode::detail
