#include "tools/upstream-sim/format_stats_nba.hpp"

#include "tools/upstream-sim/json_writer.hpp"
#include "tools/upstream-sim/names.hpp"

namespace courtside::upstream_sim::stats {
namespace {

const team_info& team_of(int index) { return teams()[static_cast<std::size_t>(index)]; }

json_style ascii(json_style s) {
  s.ascii_only = true;
  return s;
}

const char* comment_for(const player_line& l) {
  switch (l.why) {
    case absence::none: return "";
    case absence::coach_decision: return "DNP - Coach's Decision";
    case absence::injury: return "DND - Injury/Illness";
    case absence::two_way: return "NWT - G League Two-Way";
  }
  return "";
}

void pct(json_writer& w, int made, int att) { w.decimal(ratio(made, att), 3); }

/// FGM .. PTS in v2 column order (without MIN and PLUS_MINUS).
void counting_columns(json_writer& w, const player_line& s) {
  w.integer(s.fgm).integer(s.fga);
  pct(w, s.fgm, s.fga);
  w.integer(s.fg3m).integer(s.fg3a);
  pct(w, s.fg3m, s.fg3a);
  w.integer(s.ftm).integer(s.fta);
  pct(w, s.ftm, s.fta);
  w.integer(s.oreb).integer(s.dreb).integer(s.reb()).integer(s.ast).integer(s.stl).integer(s.blk)
    .integer(s.tov).integer(s.pf).integer(s.pts);
}

void headers(json_writer& w, std::initializer_list<const char*> names) {
  w.key("headers").begin_array();
  for (const char* n : names) w.string(n);
  w.end_array();
}

void player_rows(json_writer& w, const league& l, const game_view& v, const team_box& t) {
  const auto& team = team_of(t.team);
  for (std::size_t i = 0; i < t.players.size(); ++i) {
    const auto& line = t.players[i];
    const auto& p = l.players()[static_cast<std::size_t>(line.player)];
    w.begin_array().string(v.g.nba_id).integer(team.nba_id).string(team.tricode).string(team.city)
      .integer(p.nba_id).string(p.full_name()).string(p.first_name)
      .string(line.starter ? lineup_letter(i) : "").string(comment_for(line));
    if (!line.played()) {
      for (int k = 0; k < 20; ++k) w.null();  // MIN through PLUS_MINUS
    } else {
      w.string(stats_minutes(line.seconds));
      counting_columns(w, line);
      w.integer(line.plus_minus);
    }
    w.end_array();
  }
}

void team_rows(json_writer& w, const game_view& v, const team_box& t, int margin) {
  const auto& team = team_of(t.team);
  const auto s = t.totals();
  w.begin_array().string(v.g.nba_id).integer(team.nba_id).string(team.name).string(team.tricode)
    .string(team.city).string(stats_minutes(s.seconds));
  counting_columns(w, s);
  w.integer(margin).end_array();
}

void starter_bench_rows(json_writer& w, const game_view& v, const team_box& t) {
  const auto& team = team_of(t.team);
  for (bool starters : {true, false}) {
    team_box part;
    for (const auto& line : t.players)
      if (line.starter == starters) part.players.push_back(line);
    const auto s = part.totals();
    w.begin_array().string(v.g.nba_id).integer(team.nba_id).string(team.name).string(team.tricode)
      .string(team.city).string(starters ? "Starters" : "Bench").string(stats_minutes(s.seconds));
    counting_columns(w, s);
    w.end_array();
  }
}

void v3_statistics(json_writer& w, std::string_view key, const player_line& s, bool with_plus_minus, bool dnp) {
  w.key(key).begin_object().field("minutes", dnp ? std::string{} : stats_minutes(s.seconds))
    .field("fieldGoalsMade", s.fgm).field("fieldGoalsAttempted", s.fga)
    .key("fieldGoalsPercentage").decimal(ratio(s.fgm, s.fga), 3)
    .field("threePointersMade", s.fg3m).field("threePointersAttempted", s.fg3a)
    .key("threePointersPercentage").decimal(ratio(s.fg3m, s.fg3a), 3)
    .field("freeThrowsMade", s.ftm).field("freeThrowsAttempted", s.fta)
    .key("freeThrowsPercentage").decimal(ratio(s.ftm, s.fta), 3)
    .field("reboundsOffensive", s.oreb).field("reboundsDefensive", s.dreb).field("reboundsTotal", s.reb())
    .field("assists", s.ast).field("steals", s.stl).field("blocks", s.blk).field("turnovers", s.tov)
    .field("foulsPersonal", s.pf).field("points", s.pts);
  if (with_plus_minus)
    w.key("plusMinusPoints").decimal(s.plus_minus, 1);
  w.end_object();
}

void v3_team(json_writer& w, const league& l, const team_box* t, int team_index, int margin) {
  const auto& team = team_of(team_index);
  w.begin_object().field("teamId", team.nba_id).field("teamCity", team.city).field("teamName", team.name)
    .field("teamTricode", team.tricode).field("teamSlug", team.slug).key("players").begin_array();
  team_box starters, bench;
  for (std::size_t i = 0; t && i < t->players.size(); ++i) {
    const auto& line = t->players[i];
    const auto& p = l.players()[static_cast<std::size_t>(line.player)];
    (line.starter ? starters : bench).players.push_back(line);
    w.begin_object().field("personId", p.nba_id).field("firstName", p.first_name).field("familyName", p.last_name)
      .field("nameI", initial_name(p.first_name, p.last_name)).field("playerSlug", player_slug(p.full_name()))
      .field("position", line.starter ? lineup_letter(i) : "").field("comment", comment_for(line))
      .field("jerseyNum", p.jersey);
    v3_statistics(w, "statistics", line, true, !line.played());
    w.end_object();
  }
  w.end_array();
  auto totals = t ? t->totals() : player_line{};
  totals.plus_minus = margin;
  v3_statistics(w, "statistics", totals, true, false);
  v3_statistics(w, "starters", starters.totals(), false, false);
  v3_statistics(w, "bench", bench.totals(), false, false);
  w.end_object();
}

} // namespace

std::string boxscore_v2(const league& l, const game_view& v) {
  json_writer w{ascii(json_style::compact())};
  w.begin_object().field("resource", "boxscore").key("parameters").begin_object()
    .field("GameID", v.g.nba_id).field("StartPeriod", 0).field("EndPeriod", 0).field("StartRange", 0)
    .field("EndRange", 0).field("RangeType", 0).end_object();
  w.key("resultSets").begin_array();
  w.begin_object().field("name", "PlayerStats");
  headers(w, {"GAME_ID", "TEAM_ID", "TEAM_ABBREVIATION", "TEAM_CITY", "PLAYER_ID", "PLAYER_NAME", "NICKNAME",
              "START_POSITION", "COMMENT", "MIN", "FGM", "FGA", "FG_PCT", "FG3M", "FG3A", "FG3_PCT", "FTM",
              "FTA", "FT_PCT", "OREB", "DREB", "REB", "AST", "STL", "BLK", "TO", "PF", "PTS", "PLUS_MINUS"});
  w.key("rowSet").begin_array();
  if (v.box) {
    player_rows(w, l, v, v.box->away);
    player_rows(w, l, v, v.box->home);
  }
  w.end_array().end_object();
  w.begin_object().field("name", "TeamStats");
  headers(w, {"GAME_ID", "TEAM_ID", "TEAM_NAME", "TEAM_ABBREVIATION", "TEAM_CITY", "MIN", "FGM", "FGA", "FG_PCT",
              "FG3M", "FG3A", "FG3_PCT", "FTM", "FTA", "FT_PCT", "OREB", "DREB", "REB", "AST", "STL", "BLK",
              "TO", "PF", "PTS", "PLUS_MINUS"});
  w.key("rowSet").begin_array();
  if (v.box) {
    const int margin = v.box->home.points() - v.box->away.points();
    team_rows(w, v, v.box->away, -margin);
    team_rows(w, v, v.box->home, margin);
  }
  w.end_array().end_object();
  w.begin_object().field("name", "TeamStarterBenchStats");
  headers(w, {"GAME_ID", "TEAM_ID", "TEAM_NAME", "TEAM_ABBREVIATION", "TEAM_CITY", "STARTERS_BENCH", "MIN",
              "FGM", "FGA", "FG_PCT", "FG3M", "FG3A", "FG3_PCT", "FTM", "FTA", "FT_PCT", "OREB", "DREB", "REB",
              "AST", "STL", "BLK", "TO", "PF", "PTS"});
  w.key("rowSet").begin_array();
  if (v.box) {
    starter_bench_rows(w, v, v.box->away);
    starter_bench_rows(w, v, v.box->home);
  }
  w.end_array().end_object();
  return w.end_array().end_object().take();
}

std::string boxscore_v3(const league& l, const game_view& v) {
  json_writer w{ascii(json_style::pretty(4))};
  w.begin_object().key("meta").begin_object().field("version", 1)
    .field("request", "http://nba.cloud/games/" + v.g.nba_id + "/boxscoretraditional?Format=json")
    .field("time", utc_z(v.g.tip_epoch() + 3 * 3600).insert(19, ".5011")).end_object();
  const auto& home = team_of(v.g.home);
  const auto& away = team_of(v.g.away);
  w.key("boxScoreTraditional").begin_object().field("gameId", v.g.nba_id).field("awayTeamId", away.nba_id)
    .field("homeTeamId", home.nba_id).key("homeTeam");
  const int margin = v.box ? v.box->home.points() - v.box->away.points() : 0;
  v3_team(w, l, v.box ? &v.box->home : nullptr, v.g.home, margin);
  w.key("awayTeam");
  v3_team(w, l, v.box ? &v.box->away : nullptr, v.g.away, -margin);
  return w.end_object().end_object().take();
}

std::string missing_parameter(std::string_view name) {
  return "The " + std::string{name} + " property is required.";
}

} // namespace courtside::upstream_sim::stats
