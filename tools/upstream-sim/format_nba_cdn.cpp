// cdn.nba.com liveData/boxscore/boxscore_<gameId>.json.
#include "tools/upstream-sim/format_nba_cdn.hpp"

#include <algorithm>
#include <cstdio>

#include "tools/upstream-sim/json_writer.hpp"
#include "tools/upstream-sim/names.hpp"

namespace courtside::upstream_sim::cdn {
namespace {

const team_info& team_of(int index) { return teams()[static_cast<std::size_t>(index)]; }
const char* flag(bool b) { return b ? "1" : "0"; }

void player_statistics(json_writer& w, const player_line& l, int team_points) {
  const int fg2m = l.fgm - l.fg3m, fg2a = l.fga - l.fg3a;
  // The on-court plus/minus parts: points for and against while he played.
  const int plus = std::max(l.plus_minus, 0) + (l.seconds * team_points) / 2880 / 5;
  const int minus = plus - l.plus_minus;
  w.key("statistics").begin_object()
    .field("assists", l.ast).field("blocks", l.blk).field("blocksReceived", l.blk > 0 ? 1 : 0)
    .field("fieldGoalsAttempted", l.fga).field("fieldGoalsMade", l.fgm)
    .key("fieldGoalsPercentage").significant(ratio(l.fgm, l.fga), 15)
    .field("foulsOffensive", l.pf > 2 ? 1 : 0).field("foulsDrawn", (l.fta + 1) / 2)
    .field("foulsPersonal", l.pf).field("foulsTechnical", 0)
    .field("freeThrowsAttempted", l.fta).field("freeThrowsMade", l.ftm)
    .key("freeThrowsPercentage").significant(ratio(l.ftm, l.fta), 15)
    .key("minus").significant(minus, 15)
    .field("minutes", cdn_minutes(l.seconds))
    .field("minutesCalculated", cdn_minutes_rounded(l.seconds))
    .key("plus").significant(plus, 15)
    .key("plusMinusPoints").significant(l.plus_minus, 15)
    .field("points", l.pts).field("pointsFastBreak", 2 * (fg2m / 4))
    .field("pointsInThePaint", 2 * (fg2m * 2 / 3)).field("pointsSecondChance", std::min(l.pts, 2 * l.oreb))
    .field("reboundsDefensive", l.dreb).field("reboundsOffensive", l.oreb).field("reboundsTotal", l.reb())
    .field("steals", l.stl).field("threePointersAttempted", l.fg3a).field("threePointersMade", l.fg3m)
    .key("threePointersPercentage").significant(ratio(l.fg3m, l.fg3a), 15)
    .field("turnovers", l.tov).field("twoPointersAttempted", fg2a).field("twoPointersMade", fg2m)
    .key("twoPointersPercentage").significant(ratio(fg2m, fg2a), 15)
    .end_object();
}

void player_entry(json_writer& w, const league& l, const player_line& line, std::size_t order,
                  bool on_court, int team_points) {
  const auto& p = l.players()[static_cast<std::size_t>(line.player)];
  const bool inactive = line.why == absence::injury || line.why == absence::two_way;
  w.begin_object().field("status", inactive ? "INACTIVE" : "ACTIVE");
  if (line.why == absence::injury)
    w.field("notPlayingReason", "INACTIVE_INJURY")
      .field("notPlayingDescription", pools().injuries[static_cast<std::size_t>(line.injury)]);
  else if (line.why == absence::two_way)
    w.field("notPlayingReason", "INACTIVE_GLEAGUE_TWOWAY");
  w.field("order", static_cast<int>(order + 1)).field("personId", p.nba_id).field("jerseyNum", p.jersey);
  if (line.starter)
    w.field("position", lineup_position(order));
  w.field("starter", flag(line.starter)).field("oncourt", flag(on_court))
    .field("played", flag(line.played() && line.seconds > 0));
  player_statistics(w, line, team_points);
  w.field("name", p.full_name()).field("nameI", initial_name(p.first_name, p.last_name))
    .field("firstName", p.first_name).field("familyName", p.last_name).end_object();
}

void team_statistics(json_writer& w, const team_box& t, int against, int game_seconds) {
  const auto s = t.totals();
  int bench = 0;
  for (const auto& l : t.players) bench += l.starter ? 0 : l.pts;
  const int team_rebounds = 4 + t.team % 7, team_turnovers = t.team % 3;
  const int fg2m = s.fgm - s.fg3m, fg2a = s.fga - s.fg3a;
  w.key("statistics").begin_object()
    .field("assists", s.ast).key("assistsTurnoverRatio").significant(ratio(s.ast, s.tov), 15)
    .field("benchPoints", bench).field("blocks", s.blk)
    .field("fieldGoalsAttempted", s.fga).field("fieldGoalsMade", s.fgm)
    .key("fieldGoalsPercentage").significant(ratio(s.fgm, s.fga), 15)
    .field("foulsPersonal", s.pf).field("foulsTeam", s.pf)
    .field("freeThrowsAttempted", s.fta).field("freeThrowsMade", s.ftm)
    .key("freeThrowsPercentage").significant(ratio(s.ftm, s.fta), 15)
    .field("minutes", cdn_minutes(5 * game_seconds)).field("minutesCalculated", cdn_minutes_rounded(5 * game_seconds))
    .field("points", s.pts).field("pointsAgainst", against)
    .field("reboundsDefensive", s.dreb).field("reboundsOffensive", s.oreb)
    .field("reboundsPersonal", s.reb()).field("reboundsTeam", team_rebounds)
    .field("reboundsTotal", s.reb() + team_rebounds)
    .field("steals", s.stl).field("threePointersAttempted", s.fg3a).field("threePointersMade", s.fg3m)
    .key("threePointersPercentage").significant(ratio(s.fg3m, s.fg3a), 15)
    .field("turnovers", s.tov).field("turnoversTeam", team_turnovers).field("turnoversTotal", s.tov + team_turnovers)
    .field("twoPointersAttempted", fg2a).field("twoPointersMade", fg2m)
    .key("twoPointersPercentage").significant(ratio(fg2m, fg2a), 15)
    .end_object();
}

void team_entry(json_writer& w, const league& l, const game_view& v, bool home) {
  const auto& box = home ? v.box->home : v.box->away;
  const auto& other = home ? v.box->away : v.box->home;
  const auto& t = team_of(box.team);
  const bool live = v.state.phase == game_phase::live;
  w.begin_object().field("teamId", t.nba_id).field("teamName", t.name).field("teamCity", t.city)
    .field("teamTricode", t.tricode).field("score", box.points())
    .field("inBonus", flag(live ? v.g.index % 2 == 0 : v.g.index % 3 == 0))
    .field("timeoutsRemaining", live ? 4 : v.g.index % 3).key("periods").begin_array();
  for (std::size_t p = 0; p < box.periods.size(); ++p)
    w.begin_object().field("period", static_cast<int>(p + 1))
      .field("periodType", p < 4 ? "REGULAR" : "OVERTIME").field("score", box.periods[p]).end_object();
  w.end_array().key("players").begin_array();
  // The five with the most minutes are on the floor at the end.
  std::vector<int> secs;
  for (const auto& line : box.players) secs.push_back(line.seconds);
  std::sort(secs.rbegin(), secs.rend());
  const int floor_cut = secs.size() >= 5 ? secs[4] : 0;
  int on = 0;
  for (std::size_t i = 0; i < box.players.size(); ++i) {
    const bool on_court = box.players[i].seconds > 0 && box.players[i].seconds >= floor_cut && on < 5;
    on += on_court ? 1 : 0;
    player_entry(w, l, box.players[i], i, on_court, box.points());
  }
  w.end_array();
  team_statistics(w, box, other.points(), v.box->game_seconds());
  w.end_object();
}

std::string meta_time(const game& g) {
  const auto t = local_from_epoch(g.tip_epoch() + (g.duration_minutes + 23) * 60, g.et_offset_minutes());
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d:%02d.%06d", iso(t.date).c_str(), t.seconds / 3600,
                t.seconds / 60 % 60, t.seconds % 60, (g.index * 7919) % 1000000);
  return buf;
}

} // namespace

std::string boxscore(const league& l, const game_view& v) {
  const auto& g = v.g;
  const auto& home = team_of(g.home);
  const auto& away = team_of(g.away);
  const bool live = v.state.phase == game_phase::live;
  const std::int64_t tip = g.tip_epoch();
  json_writer w{json_style::python()};
  w.reserve(48 * 1024).begin_object().key("meta").begin_object().field("version", 1).field("code", 200)
    .field("request", "http://nba.cloud/games/" + g.nba_id + "/boxscore?Format=json")
    .field("time", meta_time(g)).end_object();
  w.key("game").begin_object().field("gameId", g.nba_id)
    .field("gameTimeLocal", local_with_offset(tip, utc_offset_on(home, g.date)))
    .field("gameTimeUTC", utc_z(tip))
    .field("gameTimeHome", local_with_offset(tip, utc_offset_on(home, g.date)))
    .field("gameTimeAway", local_with_offset(tip, utc_offset_on(away, g.date)))
    .field("gameEt", local_with_offset(tip, g.et_offset_minutes()))
    .field("duration", live ? v.state.elapsed / 60 + 20 : g.duration_minutes + 15 * (v.box->periods - 4))
    .field("gameCode", compact(g.date) + "/" + std::string{away.tricode} + std::string{home.tricode})
    .field("gameStatusText", status_text(g, v.state, v.box->periods))
    .field("gameStatus", live ? 2 : 3).field("regulationPeriods", 4)
    .field("period", live ? v.state.period() : v.box->periods)
    .field("gameClock", cdn_clock(live ? v.state.clock() : 0))
    .field("attendance", g.attendance).field("sellout", flag(g.attendance > 20000));
  w.key("arena").begin_object().field("arenaId", home.arena_id).field("arenaName", home.arena)
    .field("arenaCity", home.arena_city).field("arenaState", home.arena_state)
    .field("arenaCountry", home.tricode == "TOR" ? "CA" : "US")
    .field("arenaTimezone", home.arena_timezone).end_object();
  w.key("officials").begin_array();
  const auto& refs = pools().referees;
  for (std::size_t k = 0; k < 3; ++k) {
    const std::size_t ref = (static_cast<std::size_t>(g.index) * 7 + k * 5) % refs.size();
    const auto name = refs[ref];
    const auto space = name.find(' ');
    const std::string first{name.substr(0, space)}, family{name.substr(space + 1)};
    w.begin_object().field("personId", static_cast<std::int64_t>(1100 + ref * 37)).field("name", name)
      .field("nameI", initial_name(first, family)).field("firstName", first).field("familyName", family)
      .field("jerseyNum", std::to_string(10 + ref * 3)).field("assignment", "OFFICIAL" + std::to_string(k + 1))
      .end_object();
  }
  w.end_array().key("homeTeam");
  team_entry(w, l, v, true);
  w.key("awayTeam");
  team_entry(w, l, v, false);
  return w.end_object().end_object().take();
}

std::string access_denied_xml() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
         "<Message>Access Denied</Message></Error>";
}

} // namespace courtside::upstream_sim::cdn
