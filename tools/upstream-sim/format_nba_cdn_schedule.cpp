// cdn.nba.com liveData/scoreboard/todaysScoreboard_00.json and staticData/scheduleLeagueV2.json.
#include <algorithm>
#include <cstdio>

#include "tools/upstream-sim/format_nba_cdn.hpp"
#include "tools/upstream-sim/json_writer.hpp"
#include "tools/upstream-sim/names.hpp"

namespace courtside::upstream_sim::cdn {
namespace {

const team_info& team_of(int index) { return teams()[static_cast<std::size_t>(index)]; }

/// Wins and losses as the payload shows them: after the game once it is final, before it
/// otherwise.
std::array<int, 2> record_shown(const league& l, const game_view& v, bool home) {
  auto r = home ? v.g.home_record_after : v.g.away_record_after;
  if (v.state.phase == game_phase::final)
    return r;
  const auto& final_box = l.box(v.g.index);
  const bool won = home ? final_box.home.points() > final_box.away.points()
                        : final_box.away.points() > final_box.home.points();
  --r[won ? 0 : 1];
  return r;
}

/// The leading scorer of a team (more rebounds, then assists, break ties).
const player_line* leader(const team_box& t) {
  const player_line* best = nullptr;
  for (const auto& l : t.players) {
    if (!best || l.pts > best->pts || (l.pts == best->pts && (l.reb() > best->reb() ||
                                                             (l.reb() == best->reb() && l.ast > best->ast))))
      best = &l;
  }
  return best;
}

void leader_entry(json_writer& w, const league& l, const game_view& v, bool home) {
  const auto& t = team_of(home ? v.g.home : v.g.away);
  const player_line* line = v.box ? leader(home ? v.box->home : v.box->away) : nullptr;
  w.begin_object();
  if (!line) {
    w.field("personId", 0).field("name", "").field("jerseyNum", "").field("position", "")
      .field("teamTricode", t.tricode).null_field("playerSlug")
      .field("points", 0).field("rebounds", 0).field("assists", 0);
    w.end_object();
    return;
  }
  const auto& p = l.players()[static_cast<std::size_t>(line->player)];
  std::string position = p.position;
  position.erase(std::remove(position.begin(), position.end(), '-'), position.end());
  w.field("personId", p.nba_id).field("name", p.full_name()).field("jerseyNum", p.jersey)
    .field("position", position).field("teamTricode", t.tricode);
  // Real captures carry the slug while live and null once final.
  if (v.state.phase == game_phase::live) w.field("playerSlug", player_slug(p.full_name()));
  else w.null_field("playerSlug");
  w.field("points", line->pts).field("rebounds", line->reb()).field("assists", line->ast).end_object();
}

void scoreboard_team(json_writer& w, const league& l, const game_view& v, bool home) {
  const auto& t = team_of(home ? v.g.home : v.g.away);
  const team_box* box = v.box ? (home ? &v.box->home : &v.box->away) : nullptr;
  const auto rec = record_shown(l, v, home);
  const bool live = v.state.phase == game_phase::live;
  w.begin_object().field("teamId", t.nba_id).field("teamName", t.name).field("teamCity", t.city)
    .field("teamTricode", t.tricode).field("wins", rec[0]).field("losses", rec[1])
    .field("score", box ? box->points() : 0).null_field("seed");
  if (live) w.field("inBonus", v.g.index % 2 == 0 ? "1" : "0");
  else w.null_field("inBonus");
  w.field("timeoutsRemaining", v.state.phase == game_phase::scheduled ? 7 : live ? 4 : 1)
    .key("periods").begin_array();
  const std::size_t n = box ? std::max<std::size_t>(4, box->periods.size()) : 4;
  for (std::size_t p = 0; p < n; ++p)
    w.begin_object().field("period", static_cast<int>(p + 1)).field("periodType", p < 4 ? "REGULAR" : "OVERTIME")
      .field("score", box && p < box->periods.size() ? box->periods[p] : 0).end_object();
  w.end_array().end_object();
}

void scoreboard_game(json_writer& w, const league& l, const game_view& v) {
  const auto& g = v.g;
  const bool final = v.state.phase == game_phase::final, live = v.state.phase == game_phase::live;
  const auto tip = g.tip_epoch();
  std::string status = status_text(g, v.state, v.box ? v.box->periods : 4);
  if (v.state.phase == game_phase::scheduled && g.index % 2 == 1)
    status += ' ';  // real scoreboards right-pad some status texts
  w.begin_object().field("gameId", g.nba_id)
    .field("gameCode", compact(g.date) + "/" + std::string{team_of(g.away).tricode}
                         + std::string{team_of(g.home).tricode})
    .field("gameStatus", final ? 3 : live ? 2 : 1).field("gameStatusText", status)
    .field("period", final ? v.box->periods : live ? v.state.period() : 0)
    .field("gameClock", live ? cdn_clock(v.state.clock()) : std::string{})
    .field("gameTimeUTC", utc_z(tip))
    .field("gameEt", final ? local_as_z(tip, g.et_offset_minutes()) : local_with_offset(tip, g.et_offset_minutes()))
    .field("regulationPeriods", 4).field("ifNecessary", false).field("seriesGameNumber", "")
    .field("gameLabel", "").field("gameSubLabel", "").field("seriesText", "").field("seriesConference", "")
    .field("poRoundDesc", "").field("gameSubtype", "").field("isNeutral", false);
  w.key("homeTeam");
  scoreboard_team(w, l, v, true);
  w.key("awayTeam");
  scoreboard_team(w, l, v, false);
  w.key("gameLeaders").begin_object().key("homeLeaders");
  leader_entry(w, l, v, true);
  w.key("awayLeaders");
  leader_entry(w, l, v, false);
  w.end_object().key("pbOdds").begin_object().null_field("team").key("odds").decimal(0.0, 1)
    .field("suspended", 0).end_object().end_object();
}

std::string time_of_day(int seconds) {
  char buf[48]; // room for any int, so -O3 sees no truncation
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  return buf;
}

void schedule_team(json_writer& w, const league& l, const game_view& v, bool home) {
  const auto& t = team_of(home ? v.g.home : v.g.away);
  const auto rec = record_shown(l, v, home);
  const team_box* box = v.box ? (home ? &v.box->home : &v.box->away) : nullptr;
  w.begin_object().field("teamId", t.nba_id).field("teamName", t.name).field("teamCity", t.city)
    .field("teamTricode", t.tricode).field("teamSlug", t.slug).field("wins", rec[0]).field("losses", rec[1])
    .field("score", box ? box->points() : 0).field("seed", 0).end_object();
}

void points_leaders(json_writer& w, const league& l, const game_view& v) {
  w.key("pointsLeaders").begin_array();
  if (v.state.phase == game_phase::final) {
    const auto* h = leader(v.box->home);
    const auto* a = leader(v.box->away);
    const auto* best = a->pts > h->pts ? a : h;
    const auto& p = l.players()[static_cast<std::size_t>(best->player)];
    const auto& t = team_of(p.team);
    w.begin_object().field("personId", p.nba_id).field("firstName", p.first_name)
      .field("lastName", p.last_name).field("teamId", t.nba_id).field("teamCity", t.city)
      .field("teamName", t.name).field("teamTricode", t.tricode).key("points").decimal(best->pts, 1)
      .end_object();
  }
  w.end_array();
}

void broadcasters(json_writer& w) {
  w.key("broadcasters").begin_object();
  for (const char* k : {"nationalTvBroadcasters", "nationalRadioBroadcasters", "nationalOttBroadcasters",
                        "homeTvBroadcasters", "homeRadioBroadcasters", "homeOttBroadcasters",
                        "awayTvBroadcasters", "awayRadioBroadcasters", "awayOttBroadcasters",
                        "intlRadioBroadcasters", "intlTvBroadcasters", "intlOttBroadcasters"})
    w.key(k).begin_array().end_array();
  w.end_object();
}

void schedule_game(json_writer& w, const league& l, const game_view& v) {
  const auto& g = v.g;
  const auto& home = team_of(g.home);
  const auto& away = team_of(g.away);
  const auto tip = g.tip_epoch();
  const int et = g.et_offset_minutes();
  const int week = static_cast<int>((days_from_civil(g.date) - days_from_civil(l.options().season_start)
                                     + (weekday(l.options().season_start) + 6) % 7) / 7) + 1;
  const bool final = v.state.phase == game_phase::final;
  w.begin_object().field("gameId", g.nba_id)
    .field("gameCode", compact(g.date) + "/" + std::string{away.tricode} + std::string{home.tricode})
    .field("gameStatus", final ? 3 : v.state.phase == game_phase::live ? 2 : 1)
    .field("gameStatusText", status_text(g, v.state, v.box ? v.box->periods : 4))
    .field("gameSequence", g.sequence)
    .field("gameDateEst", iso(g.date) + "T00:00:00Z")
    .field("gameTimeEst", "1900-01-01T" + time_of_day(g.tip_et_seconds) + "Z")
    .field("gameDateTimeEst", local_as_z(tip, et))
    .field("gameDateUTC", utc_z(epoch_seconds({g.date, 0}, et)))
    .field("gameTimeUTC", "1900-01-01T" + time_of_day(local_from_epoch(tip, 0).seconds) + "Z")
    .field("gameDateTimeUTC", utc_z(tip))
    .field("awayTeamTime", local_as_z(tip, utc_offset_on(away, g.date)))
    .field("homeTeamTime", local_as_z(tip, utc_offset_on(home, g.date)))
    .field("day", weekday_abbrev(g.date)).field("monthNum", g.date.month)
    .field("weekNumber", week).field("weekName", "Week " + std::to_string(week));
  // Real schedules mix a JSON false and the string "false".
  if (g.index % 7 == 3) w.field("ifNecessary", "false");
  else w.field("ifNecessary", false);
  w.field("seriesGameNumber", "").field("gameLabel", "").field("gameSubLabel", "").field("seriesText", "")
    .field("arenaName", home.arena).field("arenaState", home.arena_state).field("arenaCity", home.arena_city)
    .field("postponedStatus", "N").field("branchLink", "").field("gameSubtype", "").field("isNeutral", false);
  broadcasters(w);
  w.key("homeTeam");
  schedule_team(w, l, v, true);
  w.key("awayTeam");
  schedule_team(w, l, v, false);
  points_leaders(w, l, v);
  w.end_object();
}

} // namespace

std::string scoreboard(const league& l, civil_date date, const std::vector<game_view>& games) {
  json_writer w{json_style::pretty(2)};
  w.begin_object().key("meta").begin_object().field("version", 1)
    .field("request", "https://nba-prod-us-east-1-mediaops-stats.s3.amazonaws.com"
                      "/NBA/liveData/scoreboard/todaysScoreboard_00.json")
    .field("time", iso(date) + " 23:00:10.010").field("code", 200).end_object();
  w.key("scoreboard").begin_object().field("gameDate", iso(date)).field("leagueId", "00")
    .field("leagueName", "National Basketball Association").key("games").begin_array();
  for (const auto& v : games) scoreboard_game(w, l, v);
  return w.end_array().end_object().end_object().take();
}

std::string schedule(const league& l, const std::vector<game_view>& games) {
  json_writer w{json_style::pretty(2, "\r\n")};
  const int y = l.season_year();
  char season[16];
  std::snprintf(season, sizeof season, "%d-%02d", y, (y + 1) % 100);
  w.reserve(4u << 20).begin_object().key("meta").begin_object().field("version", 1)
    .field("request", std::string{"http://nba.cloud/league/00/"} + season + "/scheduleleaguev2?Format=json")
    .field("time", std::to_string(y) + "-07-17T14:11:02.112Z").end_object();
  w.key("leagueSchedule").begin_object().field("seasonYear", season).field("leagueId", "00")
    .key("gameDates").begin_array();
  for (std::size_t i = 0; i < games.size(); ++i) {
    if (i == 0 || games[i].g.date != games[i - 1].g.date)
      w.begin_object().field("gameDate", us_slash_midnight(games[i].g.date)).key("games").begin_array();
    schedule_game(w, l, games[i]);
    if (i + 1 == games.size() || games[i + 1].g.date != games[i].g.date)
      w.end_array().end_object();
  }
  w.end_array().key("weeks").begin_array().end_array().key("broadcasterList").begin_array().end_array();
  return w.end_object().end_object().take();
}

} // namespace courtside::upstream_sim::cdn
