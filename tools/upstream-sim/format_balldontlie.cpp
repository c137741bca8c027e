#include "tools/upstream-sim/format_balldontlie.hpp"

#include "tools/upstream-sim/json_writer.hpp"

namespace courtside::upstream_sim::bdl {
namespace {

const team_info& team_of(int index) { return teams()[static_cast<std::size_t>(index)]; }

void team_object(json_writer& w, const team_info& t) {
  w.begin_object()
    .field("id", t.bdl_id)
    .field("conference", t.conference)
    .field("division", t.division)
    .field("city", t.city)
    .field("name", t.name)
    .field("full_name", t.full_name())
    .field("abbreviation", t.tricode)
    .end_object();
}

void optional_int(json_writer& w, std::string_view key, const std::optional<int>& v) {
  if (v)
    w.field(key, *v);
  else
    w.null_field(key);
}

/// The player object; `team` adds the nested team (/players), `team_id` the bare id (/stats).
void player_object(json_writer& w, const player& p, bool nested_team, bool team_id) {
  w.begin_object()
    .field("id", p.bdl_id)
    .field("first_name", p.first_name)
    .field("last_name", p.last_name)
    .field("position", p.position)
    .field("height", p.height)
    .field("weight", p.weight)
    .field("jersey_number", p.jersey)
    .field("college", p.college)
    .field("country", p.country);
  optional_int(w, "draft_year", p.draft_year);
  optional_int(w, "draft_round", p.draft_round);
  optional_int(w, "draft_number", p.draft_number);
  if (team_id)
    w.field("team_id", team_of(p.team).bdl_id);
  if (nested_team) {
    w.key("team");
    team_object(w, team_of(p.team));
  }
  w.end_object();
}

std::string ordinal_quarter(int period) {
  static constexpr const char* names[] = {"1st Qtr", "2nd Qtr", "3rd Qtr", "4th Qtr"};
  return period >= 1 && period <= 4 ? names[period - 1] : "OT" + std::to_string(period - 4);
}

/// status, period, time, postseason, scores: the part every game object shares.
void status_fields(json_writer& w, const game_view& v) {
  switch (v.state.phase) {
    case game_phase::final:
      w.field("status", "Final").field("period", v.box->periods).field("time", "Final");
      break;
    case game_phase::live:
      w.field("status", v.state.halftime() ? "Halftime" : ordinal_quarter(v.state.period()))
        .field("period", v.state.period())
        .field("time", v.state.halftime() ? std::string{"Half"}
                                          : std::to_string(v.state.clock() / 60) + ":"
                                              + (v.state.clock() % 60 < 10 ? "0" : "")
                                              + std::to_string(v.state.clock() % 60));
      break;
    case game_phase::scheduled:
      w.field("status", utc_z(v.g.tip_epoch())).field("period", 0).null_field("time");
      break;
  }
  w.field("postseason", false)
    .field("home_team_score", v.box ? v.box->home.points() : 0)
    .field("visitor_team_score", v.box ? v.box->away.points() : 0);
}

void game_object(json_writer& w, const game_view& v) {
  w.begin_object().field("id", v.g.bdl_id).field("date", iso(v.g.date))
    .field("season", v.g.date.month >= 8 ? v.g.date.year : v.g.date.year - 1);
  status_fields(w, v);
  w.field("datetime", utc_millis(v.g.tip_epoch())).key("home_team");
  team_object(w, team_of(v.g.home));
  w.key("visitor_team");
  team_object(w, team_of(v.g.away));
  w.end_object();
}

/// A percentage as balldontlie writes it: `digits` decimals, bare 0/1 when integral, null
/// for zero attempts by a player who played (real captures do this inconsistently).
void pct(json_writer& w, std::string_view key, int made, int att, int digits, bool played) {
  w.key(key);
  if (att == 0 && played)
    w.null();
  else
    w.decimal(ratio(made, att), digits, true);
}

void line_fields(json_writer& w, const player_line& l, int digits, bool with_plus_minus) {
  const bool played = l.played() && l.seconds > 0;
  w.field("min", bdl_minutes(l.seconds)).field("fgm", l.fgm).field("fga", l.fga);
  pct(w, "fg_pct", l.fgm, l.fga, digits, played);
  w.field("fg3m", l.fg3m).field("fg3a", l.fg3a);
  pct(w, "fg3_pct", l.fg3m, l.fg3a, digits, played);
  w.field("ftm", l.ftm).field("fta", l.fta);
  pct(w, "ft_pct", l.ftm, l.fta, digits, played);
  w.field("oreb", l.oreb).field("dreb", l.dreb).field("reb", l.reb()).field("ast", l.ast)
    .field("stl", l.stl).field("blk", l.blk).field("turnover", l.tov).field("pf", l.pf)
    .field("pts", l.pts);
  if (with_plus_minus)
    w.field("plus_minus", l.plus_minus);
}

void quarter_fields(json_writer& w, const char* side, const game_view& v, const team_box* t) {
  const std::string s{side};
  for (int q = 1; q <= 4; ++q) {
    w.key(s + "_q" + std::to_string(q));
    if (t) w.integer(t->periods[static_cast<std::size_t>(q - 1)]);
    else w.null();
  }
  for (int ot = 1; ot <= 3; ++ot) {
    w.key(s + "_ot" + std::to_string(ot));
    const auto idx = static_cast<std::size_t>(3 + ot);
    if (t && idx < t->periods.size()) w.integer(t->periods[idx]);
    else w.null();
  }
  const bool live = v.state.phase == game_phase::live;
  w.field(s + "_timeouts_remaining", live ? 3 : v.g.index % 3).field(s + "_in_bonus", live && v.g.index % 2 == 0);
}

void box_team(json_writer& w, const league& l, const team_info& t, const team_box* box) {
  w.begin_object()
    .field("id", t.bdl_id).field("conference", t.conference).field("division", t.division)
    .field("city", t.city).field("name", t.name).field("full_name", t.full_name())
    .field("abbreviation", t.tricode).key("players").begin_array();
  for (std::size_t i = 0; box && i < box->players.size(); ++i) {
    const auto& line = box->players[i];
    w.begin_object();
    line_fields(w, line, 3, true);
    w.key("player");
    player_object(w, l.players()[static_cast<std::size_t>(line.player)], false, false);
    w.end_object();
  }
  w.end_array().end_object();
}

void write_meta(json_writer& w, const page_meta& meta) {
  w.key("meta").begin_object();
  if (meta.next_cursor)
    w.field("next_cursor", *meta.next_cursor);
  w.field("per_page", meta.per_page).end_object();
}

} // namespace

std::int64_t stat_row::id() const {
  return 20'700'000 + std::int64_t{game.g.index} * 40 + (home ? 0 : 20) + static_cast<std::int64_t>(slot);
}

std::string games_page(const std::vector<game_view>& games, const page_meta& meta) {
  json_writer w;
  w.begin_object().key("data").begin_array();
  for (const auto& v : games) game_object(w, v);
  w.end_array();
  write_meta(w, meta);
  return w.end_object().take();
}

std::string single_game(const game_view& v) {
  json_writer w;
  w.begin_object().key("data");
  game_object(w, v);
  return w.end_object().take();
}

std::string stats_page(const league& l, const std::vector<stat_row>& rows, const page_meta& meta) {
  json_writer w;
  w.begin_object().key("data").begin_array();
  for (const auto& r : rows) {
    const auto& line = r.line();
    const auto& v = r.game;
    w.begin_object().field("id", r.id());
    line_fields(w, line, 7, false);
    w.key("player");
    player_object(w, l.players()[static_cast<std::size_t>(line.player)], false, true);
    w.key("team");
    team_object(w, team_of(r.team().team));
    w.key("game").begin_object().field("id", v.g.bdl_id).field("date", iso(v.g.date))
      .field("season", v.g.date.month >= 8 ? v.g.date.year : v.g.date.year - 1);
    status_fields(w, v);
    w.field("datetime", utc_millis(v.g.tip_epoch()))
      .field("home_team_id", team_of(v.g.home).bdl_id)
      .field("visitor_team_id", team_of(v.g.away).bdl_id)
      .end_object();
    w.end_object();
  }
  w.end_array();
  write_meta(w, meta);
  return w.end_object().take();
}

std::string box_scores(const league& l, const std::vector<game_view>& games) {
  json_writer w;
  w.begin_object().key("data").begin_array();
  for (const auto& v : games) {
    const team_box* home = v.box ? &v.box->home : nullptr;
    const team_box* away = v.box ? &v.box->away : nullptr;
    w.begin_object().field("id", v.g.bdl_id).field("date", iso(v.g.date))
      .field("datetime", utc_millis(v.g.tip_epoch()));
    quarter_fields(w, "home", v, home);
    quarter_fields(w, "visitor", v, away);
    w.field("season", v.g.date.month >= 8 ? v.g.date.year : v.g.date.year - 1);
    status_fields(w, v);
    w.key("home_team");
    box_team(w, l, team_of(v.g.home), home);
    w.key("visitor_team");
    box_team(w, l, team_of(v.g.away), away);
    w.end_object();
  }
  return w.end_array().end_object().take();
}

std::string players_page(const league& l, const std::vector<int>& players, const page_meta& meta) {
  json_writer w;
  w.begin_object().key("data").begin_array();
  for (int p : players) player_object(w, l.players()[static_cast<std::size_t>(p)], true, false);
  w.end_array();
  write_meta(w, meta);
  return w.end_object().take();
}

std::string single_player(const league& l, int p) {
  json_writer w;
  w.begin_object().key("data");
  player_object(w, l.players()[static_cast<std::size_t>(p)], true, false);
  return w.end_object().take();
}

std::string teams_list() {
  json_writer w;
  w.begin_object().key("data").begin_array();
  for (const auto& t : teams()) team_object(w, t);
  return w.end_array().end_object().take();
}

std::string error_body(std::string_view message) {
  json_writer w;
  return w.begin_object().field("error", message).end_object().take();
}

} // namespace courtside::upstream_sim::bdl
