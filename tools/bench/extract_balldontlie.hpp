#pragma once
// balldontlie /v1/box_scores and /v1/stats from a DOM into BoxScoresPage / PlayerLinesPage, as
// messages/decode/balldontlie.cpp does it (see extract.hpp for the adapter).
#include <utility>
#include <vector>

#include "tools/bench/extract.hpp"

namespace courtside::bench {

template <class A>
struct balldontlie_extract {
  using V = typename A::value;
  using S = scalars<A>;

  struct game_build {
    Game game;
    TeamLine home, away;
    std::vector<PlayerLine>* players = nullptr;
    std::string status, time, date;
    std::optional<std::int64_t> home_team_id, visitor_team_id;
  };

  static bool meta(const V& v, PageMeta& m) {
    return A::members(v, [&](std::string_view key, const V& x) {
      if (key == "next_cursor") return S::to_int64(x, m.next_cursor);
      if (key == "per_page") return S::to_int(x, m.per_page);
      return true;
    });
  }

  static std::string tricode_of(const TeamLine& t, const std::optional<std::int64_t>& id) {
    if (!t.tricode.empty())
      return t.tricode;
    if (id)
      return std::string(identity::tricode_from_bdl_team_id(*id).value_or(""));
    return {};
  }

  static bool team(const V& v, TeamLine& t, std::vector<PlayerLine>* players) {
    std::string abbreviation;
    const std::size_t first_player = players != nullptr ? players->size() : 0;
    bool ok = A::members(v, [&](std::string_view key, const V& x) {
      if (key == "id") return S::to_int64(x, t.bdl_team_id);
      if (key == "abbreviation") return S::to_string(x, abbreviation);
      if (key == "full_name") return S::to_string(x, t.name);
      if (key == "players" && players != nullptr)
        return A::elements(x, [&](const V& row) {
          players->emplace_back();
          return stat_row(row, players->back(), nullptr);
        });
      return true;
    });
    if (!ok)
      return false;
    if (!abbreviation.empty())
      t.tricode = identity::normalize_tricode(abbreviation);
    else if (t.bdl_team_id)
      t.tricode = std::string(identity::tricode_from_bdl_team_id(*t.bdl_team_id).value_or(""));
    for (std::size_t i = first_player; players != nullptr && i < players->size(); ++i)
      (*players)[i].team_tricode = t.tricode;
    return true;
  }

  static bool game_object(const V& v, game_build& b) {
    Game& g = b.game;
    return A::members(v, [&](std::string_view key, const V& x) {
      if (key == "id") return S::to_int64(x, g.bdl_id);
      if (key == "date") return S::to_string(x, b.date);
      if (key == "datetime") return S::to_string(x, g.start_time_utc);
      if (key == "season") return S::to_int(x, g.season);
      if (key == "status") return S::to_string(x, b.status);
      if (key == "period") return S::to_int(x, g.period);
      if (key == "time") return S::to_string(x, b.time);
      if (key == "postseason") return S::to_bool(x, g.postseason);
      if (key == "home_team_score") return S::to_int(x, g.home_score);
      if (key == "visitor_team_score") return S::to_int(x, g.away_score);
      if (key == "home_team_id") return S::to_int64(x, b.home_team_id);
      if (key == "visitor_team_id") return S::to_int64(x, b.visitor_team_id);
      if (key == "home_team") return team(x, b.home, b.players);
      if (key == "visitor_team") return team(x, b.away, b.players);
      return true;
    });
  }

  static bool finish_game(game_build& b) {
    Game& g = b.game;
    if (!g.bdl_id)
      return false;
    if (!b.date.empty()) {
      auto day = identity::iso_date(b.date);
      if (!day)
        return false;
      g.date = *day;
    }
    g.home_tricode = tricode_of(b.home, b.home_team_id);
    g.away_tricode = tricode_of(b.away, b.visitor_team_id);
    g.key = identity::make_game_key(g.date, g.away_tricode, g.home_tricode);
    g.status_text = !b.time.empty() ? b.time : b.status;
    if (b.status.size() >= 5 && (b.status.compare(0, 5, "Final") == 0 || b.status.compare(0, 5, "final") == 0))
      g.status = game_status::final;
    else if (g.period)
      g.status = *g.period > 0 ? game_status::live : game_status::pre;
    b.home.side = team_side::home;
    b.away.side = team_side::away;
    for (TeamLine* t : {&b.home, &b.away}) {
      t->game_key = g.key;
      if (!t->bdl_team_id)
        t->bdl_team_id = t == &b.home ? b.home_team_id : b.visitor_team_id;
    }
    b.home.score = g.home_score;
    b.away.score = g.away_score;
    return true;
  }

  static bool player_ref(const V& v, PlayerLine& p, std::optional<std::int64_t>& team_id) {
    std::string first, last;
    bool ok = A::members(v, [&](std::string_view key, const V& x) {
      if (key == "id") return S::to_int64(x, p.bdl_player_id);
      if (key == "first_name") return S::to_string(x, first);
      if (key == "last_name") return S::to_string(x, last);
      if (key == "team_id") return S::to_int64(x, team_id);
      return true;
    });
    p.name = first.empty() || last.empty() ? first + last : first + " " + last;
    p.lookup_key = identity::player_lookup_key(p.name);
    return ok;
  }

  static std::optional<int>* count_field(std::string_view key, StatLine& s) {
    if (key == "pts") return &s.pts;
    if (key == "reb") return &s.reb;
    if (key == "oreb") return &s.oreb;
    if (key == "dreb") return &s.dreb;
    if (key == "ast") return &s.ast;
    if (key == "stl") return &s.stl;
    if (key == "blk") return &s.blk;
    if (key == "turnover") return &s.tov;
    if (key == "pf") return &s.pf;
    if (key == "fgm") return &s.fgm;
    if (key == "fga") return &s.fga;
    if (key == "fg3m") return &s.fg3m;
    if (key == "fg3a") return &s.fg3a;
    if (key == "ftm") return &s.ftm;
    if (key == "fta") return &s.fta;
    if (key == "plus_minus") return &s.plus_minus;
    return nullptr;
  }

  static participation played_from_stats(const StatLine& s) {
    const std::optional<int>* counts[] = {&s.seconds, &s.pts, &s.reb, &s.ast, &s.stl,
                                          &s.blk,     &s.tov, &s.pf,  &s.fga, &s.fta};
    bool any = false;
    for (const auto* c : counts) {
      if (c->has_value())
        any = true;
      if (c->value_or(0) > 0)
        return participation::played;
    }
    return any ? participation::did_not_play : participation::unknown;
  }

  static bool stat_row(const V& v, PlayerLine& p, game_build* g) {
    std::optional<std::int64_t> team_id;
    TeamLine t;
    bool ok = A::members(v, [&](std::string_view key, const V& x) {
      if (key == "min") return S::to_minutes(x, p.stats.seconds);
      if (std::optional<int>* target = count_field(key, p.stats)) return S::to_int(x, *target);
      if (key == "player") return player_ref(x, p, team_id);
      if (key == "team" && g != nullptr) return team(x, t, nullptr);
      if (key == "game" && g != nullptr) return game_object(x, *g);
      return true;
    });
    if (!ok || !p.bdl_player_id)
      return false;
    p.team_tricode = tricode_of(t, t.bdl_team_id ? t.bdl_team_id : team_id);
    p.played = played_from_stats(p.stats);
    return !decode::check_stat_line(p.stats, decode::stat_owner::player);
  }

  template <class OnItem>
  static bool envelope(const V& root, PageMeta& m, OnItem&& on_item) {
    if (!S::object(root))
      return false;
    bool saw_data = false;
    bool ok = A::members(root, [&](std::string_view key, const V& x) {
      if (key == "meta") return meta(x, m);
      if (key != "data") return true;
      saw_data = true;
      return A::elements(x, on_item);
    });
    return ok && saw_data;
  }

  static bool box_scores(const V& root, BoxScoresPage& page) {
    return envelope(root, page.meta, [&](const V& item) {
      BoxScore& box = page.box_scores.emplace_back();
      game_build b;
      b.players = &box.players;
      if (!game_object(item, b) || !finish_game(b))
        return false;
      for (PlayerLine& p : box.players) {
        p.game_key = b.game.key;
        p.bdl_game_id = b.game.bdl_id;
      }
      box.game = std::move(b.game);
      box.home = std::move(b.home);
      box.away = std::move(b.away);
      return !decode::check_box_score_teams(box);
    });
  }

  static bool stats(const V& root, PlayerLinesPage& page) {
    return envelope(root, page.meta, [&](const V& item) {
      game_build b;
      PlayerLine line;
      if (!stat_row(item, line, &b))
        return false;
      if (b.game.bdl_id && !finish_game(b))
        return false;
      line.game_key = b.game.key;
      line.bdl_game_id = b.game.bdl_id;
      page.lines.push_back(std::move(line));
      return true;
    });
  }
};

} // namespace courtside::bench
