#pragma once
// NBA.com CDN boxscore_<gameId>.json from a DOM into BoxScore, as messages/decode/nbacom.cpp
// does it (see extract.hpp for the adapter).
#include <utility>
#include <vector>

#include "tools/bench/extract.hpp"

namespace courtside::bench {

template <class A>
struct nbacom_extract {
  using V = typename A::value;
  using S = scalars<A>;

  struct game_build {
    Game game;
    TeamLine home, away;
    std::string game_code, game_et, date_est;
    std::optional<int> status_code;
  };

  static bool player(const V& v, PlayerLine& p) {
    std::optional<bool> played;
    std::string status, first, family;
    bool ok = A::members(v, [&](std::string_view key, const V& x) {
      if (key == "personId") return S::to_int64(x, p.nba_player_id);
      if (key == "name") return S::to_string(x, p.name);
      if (key == "firstName") return S::to_string(x, first);
      if (key == "familyName") return S::to_string(x, family);
      if (key == "starter") return S::to_bool(x, p.starter);
      if (key == "played") return S::to_bool(x, played);
      if (key == "status") return S::to_string(x, status);
      if (key == "notPlayingReason") return S::to_string(x, p.not_playing_reason);
      if (key == "statistics")
        return A::members(x, [&](std::string_view stat, const V& y) { return S::nba_statistic(stat, y, p.stats); });
      return true;
    });
    if (!ok || !p.nba_player_id)
      return false;
    if (p.name.empty())
      p.name = first.empty() || family.empty() ? first + family : first + " " + family;
    p.lookup_key = identity::player_lookup_key(p.name);
    if (played)
      p.played = *played ? participation::played
                         : (status == "INACTIVE" ? participation::inactive : participation::did_not_play);
    else if (p.stats.seconds && *p.stats.seconds > 0)
      p.played = participation::played;
    return !decode::check_stat_line(p.stats, decode::stat_owner::player);
  }

  static bool team(const V& v, TeamLine& t, std::vector<PlayerLine>& players) {
    std::string tricode, city, nickname;
    const std::size_t first_player = players.size();
    bool ok = A::members(v, [&](std::string_view key, const V& x) {
      if (key == "teamId") return S::to_int64(x, t.nba_team_id);
      if (key == "teamTricode") return S::to_string(x, tricode);
      if (key == "teamCity") return S::to_string(x, city);
      if (key == "teamName") return S::to_string(x, nickname);
      if (key == "score") return S::to_int(x, t.score);
      if (key == "players")
        return A::elements(x, [&](const V& row) {
          players.emplace_back();
          return player(row, players.back());
        });
      if (key == "statistics")
        return A::members(x, [&](std::string_view stat, const V& y) { return S::nba_statistic(stat, y, t.totals); });
      return true;
    });
    if (!ok)
      return false;
    if (!tricode.empty())
      t.tricode = identity::normalize_tricode(tricode);
    else if (t.nba_team_id)
      t.tricode = std::string(identity::tricode_from_nba_team_id(*t.nba_team_id).value_or(""));
    t.name = city.empty() || nickname.empty() ? city + nickname : city + " " + nickname;
    for (std::size_t i = first_player; i < players.size(); ++i)
      players[i].team_tricode = t.tricode;
    return true;
  }

  // The teams are read after the other fields, home first: nlohmann::json iterates keys in
  // sorted order ("awayTeam" first) while the CDN (and so our decoder) has homeTeam first,
  // and the players must come out in the same order.
  static bool game(const V& v, game_build& b, std::vector<PlayerLine>& players) {
    Game& g = b.game;
    const V* home = nullptr;
    const V* away = nullptr;
    bool ok = A::members(v, [&](std::string_view key, const V& x) {
      if (key == "gameId") return S::to_game_id(x, g.nba_game_id);
      if (key == "gameCode") return S::to_string(x, b.game_code);
      if (key == "gameStatus") return S::to_int(x, b.status_code);
      if (key == "gameStatusText") return S::to_string(x, g.status_text);
      if (key == "period") return S::to_int(x, g.period);
      if (key == "gameEt") return S::to_string(x, b.game_et);
      if (key == "gameDateEst") return S::to_string(x, b.date_est);
      if (key == "gameTimeUTC" || key == "gameDateTimeUTC") {
        std::string instant;
        if (!S::to_string(x, instant))
          return false;
        if (instant.compare(0, 10, "1900-01-01") != 0)
          g.start_time_utc = std::move(instant);
        return true;
      }
      if (key == "homeTeam") home = &x;
      else if (key == "awayTeam") away = &x;
      return true;
    });
    return ok && (home == nullptr || team(*home, b.home, players)) && (away == nullptr || team(*away, b.away, players));
  }

  static std::string date_of(const game_build& b) {
    if (auto day = identity::iso_date(std::string_view(b.game_code).substr(0, 8)))
      return *day;
    if (auto day = identity::iso_date(b.game_et))
      return *day;
    if (auto day = identity::iso_date(b.date_est))
      return *day;
    return identity::eastern_date_of(b.game.start_time_utc).value_or("");
  }

  /// The document root: {"meta": ..., "game": {...}}.
  static bool boxscore(const V& root, BoxScore& box) {
    if (!S::object(root))
      return false;
    game_build b;
    b.home.side = team_side::home;
    b.away.side = team_side::away;
    bool seen = false;
    bool ok = A::members(root, [&](std::string_view key, const V& x) {
      if (key != "game")
        return true;
      seen = true;
      return game(x, b, box.players);
    });
    if (!ok || !seen)
      return false;
    Game& g = b.game;
    if (g.nba_game_id.empty() || (b.home.tricode.empty() && b.away.tricode.empty()))
      return false;
    g.date = date_of(b);
    g.home_tricode = b.home.tricode;
    g.away_tricode = b.away.tricode;
    g.key = identity::make_game_key(g.date, g.away_tricode, g.home_tricode);
    g.home_score = b.home.score;
    g.away_score = b.away.score;
    if (b.status_code && *b.status_code >= 1 && *b.status_code <= 3)
      g.status = static_cast<game_status>(*b.status_code);
    if (auto parts = identity::parse_nba_game_id(g.nba_game_id)) {
      g.season = parts->season;
      g.postseason = parts->season_type == 4 || parts->season_type == 5;
    }
    for (TeamLine* t : {&b.home, &b.away}) {
      t->game_key = g.key;
      t->nba_game_id = g.nba_game_id;
    }
    for (PlayerLine& p : box.players) {
      p.game_key = g.key;
      p.nba_game_id = g.nba_game_id;
    }
    box.game = std::move(b.game);
    box.home = std::move(b.home);
    box.away = std::move(b.away);
    return !decode::check_box_score_teams(box);
  }
};

} // namespace courtside::bench
