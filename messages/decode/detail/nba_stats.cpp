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
  // Dispatch on the length first: every player has ~34 statistics and half are not ours, so
  // a chain of 16 comparisons per key showed in profiles (this switch and the reserve in
  // nbacom.cpp: -10 % instructions per CDN box score, tools/bench).
  std::optional<int>* target = nullptr;
  switch (key.size()) {
    case 6:
      target = key_is(key, "points") ? &s.pts : key_is(key, "steals") ? &s.stl
             : key_is(key, "blocks") ? &s.blk : nullptr;
      break;
    case 7:
      target = key_is(key, "assists") ? &s.ast : nullptr;
      break;
    case 9:
      target = key_is(key, "turnovers") ? &s.tov : nullptr;
      break;
    case 13:
      target = key_is(key, "reboundsTotal") ? &s.reb : key_is(key, "foulsPersonal") ? &s.pf : nullptr;
      break;
    case 14:
      target = key_is(key, "fieldGoalsMade") ? &s.fgm : key_is(key, "freeThrowsMade") ? &s.ftm : nullptr;
      break;
    case 15:
      target = key_is(key, "plusMinusPoints") ? &s.plus_minus : nullptr;
      break;
    case 17:
      target = key_is(key, "reboundsOffensive")   ? &s.oreb
             : key_is(key, "reboundsDefensive") ? &s.dreb
             : key_is(key, "threePointersMade") ? &s.fg3m : nullptr;
      break;
    case 19:
      target = key_is(key, "fieldGoalsAttempted") ? &s.fga
             : key_is(key, "freeThrowsAttempted") ? &s.fta : nullptr;
      break;
    case 22:
      target = key_is(key, "threePointersAttempted") ? &s.fg3a : nullptr;
      break;
    default:
      break;
  }
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
