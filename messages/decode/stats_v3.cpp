// stats.nba.com boxscoretraditionalv3 decoder (see stats_nba.hpp). Also holds the decoder
// object's plumbing; boxscore_v2 lives in stats_v2.cpp.
#include "messages/decode/stats_nba.hpp"

#include "messages/decode/detail/walk.hpp"
#include "messages/decode/invariants.hpp"
#include "messages/identity.hpp"

namespace courtside::decode {
using namespace detail;
namespace {

bool read_player(walk& w, od::value& v, PlayerLine& p) {
  const char* at = w.where(v);
  std::string first, family, position;
  bool ok = for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "personId"))
      return read_int64(w, x, p.nba_player_id);
    if (key_is(key, "firstName"))
      return read_string(w, x, first);
    if (key_is(key, "familyName"))
      return read_string(w, x, family);
    if (key_is(key, "position"))
      return read_string(w, x, position);
    if (key_is(key, "comment"))
      return read_string(w, x, p.not_playing_reason);
    if (key_is(key, "statistics"))
      return for_each_field(w, x, [&](std::string_view stat, od::value& y) {
        return read_nba_statistic(w, stat, y, p.stats);
      });
    return true;
  });
  if (!ok)
    return false;
  if (!p.nba_player_id)
    return w.missing("personId", at);
  p.name = first.empty() || family.empty() ? first + family : first + " " + family;
  p.lookup_key = identity::player_lookup_key(p.name);
  p.starter = !position.empty(); // v3 gives a position to starters only
  p.played = participation_from_comment(p.not_playing_reason, p.stats);
  if (auto bad = check_stat_line(p.stats, stat_owner::player))
    return w.fail(decode_errc::invariant_violation, *bad, at);
  return true;
}

bool read_team(walk& w, od::value& v, TeamLine& team, std::vector<PlayerLine>& players) {
  std::string tricode, city, nickname;
  const std::size_t first_player = players.size();
  bool ok = for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "teamId"))
      return read_int64(w, x, team.nba_team_id);
    if (key_is(key, "teamTricode"))
      return read_string(w, x, tricode);
    if (key_is(key, "teamCity"))
      return read_string(w, x, city);
    if (key_is(key, "teamName"))
      return read_string(w, x, nickname);
    if (key_is(key, "players"))
      return for_each_element(w, x, [&](std::size_t, od::value& row) {
        players.emplace_back();
        return read_player(w, row, players.back());
      });
    if (key_is(key, "statistics"))
      return for_each_field(w, x, [&](std::string_view stat, od::value& y) {
        return read_nba_statistic(w, stat, y, team.totals);
      });
    return true;
  });
  if (!ok)
    return false;
  if (!tricode.empty())
    team.tricode = identity::normalize_tricode(tricode);
  else if (team.nba_team_id)
    team.tricode = std::string(identity::tricode_from_nba_team_id(*team.nba_team_id).value_or(""));
  team.name = city.empty() || nickname.empty() ? city + nickname : city + " " + nickname;
  team.score = team.totals.pts;
  for (std::size_t i = first_player; i < players.size(); ++i)
    players[i].team_tricode = team.tricode;
  return true;
}

bool read_box_score(walk& w, od::value& v, BoxScore& box) {
  const char* at = w.where(v);
  Game& g = box.game;
  box.home.side = team_side::home;
  box.away.side = team_side::away;
  bool ok = for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "gameId"))
      return read_nba_game_id(w, x, g.nba_game_id);
    if (key_is(key, "homeTeam"))
      return read_team(w, x, box.home, box.players);
    if (key_is(key, "awayTeam"))
      return read_team(w, x, box.away, box.players);
    return true;
  });
  if (!ok)
    return false;
  if (g.nba_game_id.empty())
    return w.missing("gameId", at);
  g.home_tricode = box.home.tricode;
  g.away_tricode = box.away.tricode;
  g.home_score = box.home.score;
  g.away_score = box.away.score;
  if (auto parts = identity::parse_nba_game_id(g.nba_game_id)) {
    g.season = parts->season;
    g.postseason = parts->season_type == 4 || parts->season_type == 5;
  }
  box.home.nba_game_id = box.away.nba_game_id = g.nba_game_id;
  for (PlayerLine& p : box.players)
    p.nba_game_id = g.nba_game_id;
  if (auto bad = check_box_score_teams(box)) {
    w.fail(decode_errc::invariant_violation, std::move(bad->detail), at);
    return w.in_field(bad->home ? "homeTeam" : "awayTeam");
  }
  return true;
}

} // namespace

stats_nba_decoder::stats_nba_decoder() : session_(std::make_unique<json_session>()) {}
stats_nba_decoder::~stats_nba_decoder() = default;
stats_nba_decoder::stats_nba_decoder(stats_nba_decoder&&) noexcept = default;
stats_nba_decoder& stats_nba_decoder::operator=(stats_nba_decoder&&) noexcept = default;

decode_result<BoxScore> stats_nba_decoder::boxscore_v3(std::string_view json) {
  return run_decode<BoxScore>(*session_, json, [](walk& w, BoxScore& box) {
    bool seen = false;
    bool ok = for_each_root_field(w, [&](std::string_view key, od::value& x) {
      if (!key_is(key, "boxScoreTraditional"))
        return true;
      seen = true;
      return read_box_score(w, x, box);
    });
    if (ok && !seen)
      return w.missing("boxScoreTraditional");
    return ok;
  });
}

} // namespace courtside::decode
