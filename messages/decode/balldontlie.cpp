// balldontlie v1 decoder (see balldontlie.hpp).
#include "messages/decode/balldontlie.hpp"

#include "messages/decode/detail/walk.hpp"
#include "messages/decode/invariants.hpp"
#include "messages/identity.hpp"

namespace courtside::decode {
using namespace detail;
namespace {

bool read_meta(walk& w, od::value& v, PageMeta& meta) {
  return for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "next_cursor"))
      return read_int64(w, x, meta.next_cursor);
    if (key_is(key, "per_page"))
      return read_int(w, x, meta.per_page);
    return true;
  });
}

std::string full_name(const std::string& first, const std::string& last) {
  if (first.empty() || last.empty())
    return first + last;
  return first + " " + last;
}

// Whether a balldontlie row played: its schema lists non-players with "00" and zeros.
participation played_from_stats(const StatLine& s) {
  const std::optional<int>* counts[] = {&s.seconds, &s.pts, &s.reb, &s.ast, &s.stl, &s.blk,
                                        &s.tov,     &s.pf,  &s.fga, &s.fta};
  bool any = false;
  for (const auto* c : counts) {
    if (c->has_value())
      any = true;
    if (c->value_or(0) > 0)
      return participation::played;
  }
  return any ? participation::did_not_play : participation::unknown;
}

TeamLine line_for(team_side side) {
  TeamLine line;
  line.side = side;
  return line;
}

/// A game object under construction, with what it takes to finish it.
struct game_build {
  Game game;
  TeamLine home = line_for(team_side::home);
  TeamLine away = line_for(team_side::away);
  std::vector<PlayerLine>* players = nullptr; // box scores: where team players go
  std::string status;
  std::string time;
  std::string date;
  std::optional<std::int64_t> home_team_id;
  std::optional<std::int64_t> visitor_team_id;
};

bool read_stat_row(walk& w, od::value& v, PlayerLine& p, game_build* game);

bool read_team(walk& w, od::value& v, TeamLine& team, std::vector<PlayerLine>* players) {
  std::string abbreviation;
  const std::size_t first_player = players != nullptr ? players->size() : 0;
  bool ok = for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "id"))
      return read_int64(w, x, team.bdl_team_id);
    if (key_is(key, "abbreviation"))
      return read_string(w, x, abbreviation);
    if (key_is(key, "full_name"))
      return read_string(w, x, team.name);
    if (key_is(key, "players") && players != nullptr)
      return for_each_element(w, x, [&](std::size_t, od::value& row) {
        players->emplace_back();
        return read_stat_row(w, row, players->back(), nullptr);
      });
    return true;
  });
  if (!ok)
    return false;
  if (!abbreviation.empty())
    team.tricode = identity::normalize_tricode(abbreviation);
  else if (team.bdl_team_id)
    team.tricode = std::string(identity::tricode_from_bdl_team_id(*team.bdl_team_id).value_or(""));
  for (std::size_t i = first_player; players != nullptr && i < players->size(); ++i)
    (*players)[i].team_tricode = team.tricode;
  return true;
}

bool read_game_object(walk& w, od::value& v, game_build& b) {
  Game& g = b.game;
  return for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "id"))
      return read_int64(w, x, g.bdl_id);
    if (key_is(key, "date"))
      return read_string(w, x, b.date);
    if (key_is(key, "datetime"))
      return read_string(w, x, g.start_time_utc);
    if (key_is(key, "season"))
      return read_int(w, x, g.season);
    if (key_is(key, "status"))
      return read_string(w, x, b.status);
    if (key_is(key, "period"))
      return read_int(w, x, g.period);
    if (key_is(key, "time"))
      return read_string(w, x, b.time);
    if (key_is(key, "postseason"))
      return read_bool(w, x, g.postseason);
    if (key_is(key, "home_team_score"))
      return read_int(w, x, g.home_score);
    if (key_is(key, "visitor_team_score"))
      return read_int(w, x, g.away_score);
    if (key_is(key, "home_team_id"))
      return read_int64(w, x, b.home_team_id);
    if (key_is(key, "visitor_team_id"))
      return read_int64(w, x, b.visitor_team_id);
    if (key_is(key, "home_team"))
      return read_team(w, x, b.home, b.players);
    if (key_is(key, "visitor_team"))
      return read_team(w, x, b.away, b.players);
    return true;
  });
}

std::string tricode_of(const TeamLine& team, const std::optional<std::int64_t>& bdl_id) {
  if (!team.tricode.empty())
    return team.tricode;
  if (bdl_id)
    return std::string(identity::tricode_from_bdl_team_id(*bdl_id).value_or(""));
  return {};
}

// Fills the derived fields of a decoded game (date, key, status, team lines).
bool finish_game(walk& w, game_build& b, const char* at) {
  Game& g = b.game;
  if (!g.bdl_id)
    return w.missing("id", at);
  if (!b.date.empty()) {
    auto day = identity::iso_date(b.date);
    if (!day) {
      w.fail(decode_errc::invalid_value, "not a date: \"" + b.date + "\"", at);
      return w.in_field("date");
    }
    g.date = *day;
  }
  g.home_tricode = tricode_of(b.home, b.home_team_id);
  g.away_tricode = tricode_of(b.away, b.visitor_team_id);
  g.key = identity::make_game_key(g.date, g.away_tricode, g.home_tricode);
  g.status_text = !b.time.empty() ? b.time : b.status;
  if (b.status.size() >= 5 && (b.status.compare(0, 5, "Final") == 0 ||
                               b.status.compare(0, 5, "final") == 0))
    g.status = game_status::final;
  else if (g.period)
    g.status = *g.period > 0 ? game_status::live : game_status::pre;
  for (TeamLine* t : {&b.home, &b.away}) {
    t->game_key = g.key;
    if (!t->bdl_team_id)
      t->bdl_team_id = t == &b.home ? b.home_team_id : b.visitor_team_id;
  }
  b.home.score = g.home_score;
  b.away.score = g.away_score;
  return true;
}

bool read_player_ref(walk& w, od::value& v, PlayerLine& p, std::optional<std::int64_t>& team_id) {
  std::string first, last;
  bool ok = for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "id"))
      return read_int64(w, x, p.bdl_player_id);
    if (key_is(key, "first_name"))
      return read_string(w, x, first);
    if (key_is(key, "last_name"))
      return read_string(w, x, last);
    if (key_is(key, "team_id"))
      return read_int64(w, x, team_id);
    return true;
  });
  p.name = full_name(first, last);
  p.lookup_key = identity::player_lookup_key(p.name);
  return ok;
}

// The counting field `key` names in `s`, or nullptr. Dispatch on length and first byte: every
// row has ~25 fields and a chain of 16 comparisons per field showed in profiles (-6 %
// instructions per /box_scores page, tools/bench).
std::optional<int>* count_field(std::string_view key, StatLine& s) noexcept {
  switch (key.size()) {
    case 2:
      return key_is(key, "pf") ? &s.pf : nullptr;
    case 3:
      switch (key[0]) {
        case 'p': return key_is(key, "pts") ? &s.pts : nullptr;
        case 'r': return key_is(key, "reb") ? &s.reb : nullptr;
        case 'a': return key_is(key, "ast") ? &s.ast : nullptr;
        case 's': return key_is(key, "stl") ? &s.stl : nullptr;
        case 'b': return key_is(key, "blk") ? &s.blk : nullptr;
        case 'f':
          return key_is(key, "fgm") ? &s.fgm : key_is(key, "fga") ? &s.fga
               : key_is(key, "ftm") ? &s.ftm : key_is(key, "fta") ? &s.fta : nullptr;
        default: return nullptr;
      }
    case 4:
      return key_is(key, "oreb") ? &s.oreb : key_is(key, "dreb") ? &s.dreb
           : key_is(key, "fg3m") ? &s.fg3m : key_is(key, "fg3a") ? &s.fg3a : nullptr;
    case 8:
      return key_is(key, "turnover") ? &s.tov : nullptr;
    case 10:
      return key_is(key, "plus_minus") ? &s.plus_minus : nullptr;
    default:
      return nullptr;
  }
}

bool read_count(walk& w, std::string_view key, od::value& x, StatLine& s, bool& known) {
  known = true;
  if (key_is(key, "min"))
    return read_minutes(w, x, s.seconds);
  std::optional<int>* target = count_field(key, s);
  known = target != nullptr;
  return target == nullptr || read_int(w, x, *target);
}

// A player row of /box_scores (game == nullptr) or /stats (with its nested game and team).
bool read_stat_row(walk& w, od::value& v, PlayerLine& p, game_build* game) {
  const char* at = w.where(v);
  std::optional<std::int64_t> team_id;
  TeamLine team;
  bool ok = for_each_field(w, v, [&](std::string_view key, od::value& x) {
    bool known = false;
    if (!read_count(w, key, x, p.stats, known))
      return false;
    if (known)
      return true;
    if (key_is(key, "player"))
      return read_player_ref(w, x, p, team_id);
    if (key_is(key, "team") && game != nullptr)
      return read_team(w, x, team, nullptr);
    if (key_is(key, "game") && game != nullptr)
      return read_game_object(w, x, *game);
    return true;
  });
  if (!ok)
    return false;
  if (!p.bdl_player_id)
    return w.missing("player.id", at);
  p.team_tricode = tricode_of(team, team.bdl_team_id ? team.bdl_team_id : team_id);
  p.played = played_from_stats(p.stats);
  if (auto bad = check_stat_line(p.stats, stat_owner::player))
    return w.fail(decode_errc::invariant_violation, *bad, at);
  return true;
}

bool read_player(walk& w, od::value& v, Player& p) {
  const char* at = w.where(v);
  std::optional<std::int64_t> team_id;
  TeamLine team;
  bool ok = for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "id"))
      return read_int64(w, x, p.bdl_id);
    if (key_is(key, "first_name"))
      return read_string(w, x, p.first_name);
    if (key_is(key, "last_name"))
      return read_string(w, x, p.last_name);
    if (key_is(key, "position"))
      return read_string(w, x, p.position);
    if (key_is(key, "jersey_number"))
      return read_string(w, x, p.jersey_number);
    if (key_is(key, "draft_year"))
      return read_int(w, x, p.draft_year);
    if (key_is(key, "team_id"))
      return read_int64(w, x, team_id);
    if (key_is(key, "team"))
      return read_team(w, x, team, nullptr);
    return true;
  });
  if (!ok)
    return false;
  if (!p.bdl_id)
    return w.missing("id", at);
  p.name = full_name(p.first_name, p.last_name);
  p.lookup_key = identity::player_lookup_key(p.name);
  p.team_tricode = tricode_of(team, team.bdl_team_id ? team.bdl_team_id : team_id);
  return true;
}

// The {"data": ..., "meta": ...} envelope; `on_item(value&)` reads one element of data.
template <class OnItem>
bool read_envelope(walk& w, PageMeta& meta, bool allow_single, OnItem&& on_item) {
  bool saw_data = false;
  bool ok = for_each_root_field(w, [&](std::string_view key, od::value& x) {
    if (key_is(key, "meta"))
      return read_meta(w, x, meta);
    if (!key_is(key, "data"))
      return true;
    saw_data = true;
    od::json_type type{};
    if (allow_single && !x.type().get(type) && type == od::json_type::object)
      return on_item(x);
    return for_each_element(w, x, [&](std::size_t, od::value& item) { return on_item(item); });
  });
  if (ok && !saw_data)
    return w.missing("data");
  return ok;
}

bool decode_box_score(walk& w, od::value& v, BoxScore& box) {
  const char* at = w.where(v);
  game_build b;
  b.players = &box.players;
  box.players.reserve(40); // both rosters (~13-17 each): no regrowth
  if (!read_game_object(w, v, b) || !finish_game(w, b, at))
    return false;
  for (PlayerLine& p : box.players) {
    p.game_key = b.game.key;
    p.bdl_game_id = b.game.bdl_id;
  }
  box.game = std::move(b.game);
  box.home = std::move(b.home);
  box.away = std::move(b.away);
  if (auto bad = check_box_score_teams(box)) {
    w.fail(decode_errc::invariant_violation, std::move(bad->detail), at);
    return w.in_field(bad->home ? "home_team" : "visitor_team");
  }
  return true;
}

} // namespace

balldontlie_decoder::balldontlie_decoder() : session_(std::make_unique<json_session>()) {}
balldontlie_decoder::~balldontlie_decoder() = default;
balldontlie_decoder::balldontlie_decoder(balldontlie_decoder&&) noexcept = default;
balldontlie_decoder& balldontlie_decoder::operator=(balldontlie_decoder&&) noexcept = default;

decode_result<GamesPage> balldontlie_decoder::games(std::string_view json) {
  return run_decode<GamesPage>(*session_, json, [](walk& w, GamesPage& page) {
    return read_envelope(w, page.meta, true, [&](od::value& item) {
      const char* at = w.where(item);
      game_build b;
      if (!read_game_object(w, item, b) || !finish_game(w, b, at))
        return false;
      page.games.push_back(std::move(b.game));
      return true;
    });
  });
}

decode_result<PlayerLinesPage> balldontlie_decoder::stats(std::string_view json) {
  return run_decode<PlayerLinesPage>(*session_, json, [](walk& w, PlayerLinesPage& page) {
    return read_envelope(w, page.meta, false, [&](od::value& item) {
      const char* at = w.where(item);
      game_build b;
      PlayerLine line;
      if (!read_stat_row(w, item, line, &b))
        return false;
      if (b.game.bdl_id && !finish_game(w, b, at))
        return w.in_field("game");
      line.game_key = b.game.key;
      line.bdl_game_id = b.game.bdl_id;
      page.lines.push_back(std::move(line));
      return true;
    });
  });
}

decode_result<BoxScoresPage> balldontlie_decoder::box_scores(std::string_view json) {
  return run_decode<BoxScoresPage>(*session_, json, [](walk& w, BoxScoresPage& page) {
    return read_envelope(w, page.meta, false, [&](od::value& item) {
      page.box_scores.emplace_back();
      return decode_box_score(w, item, page.box_scores.back());
    });
  });
}

decode_result<PlayersPage> balldontlie_decoder::players(std::string_view json) {
  return run_decode<PlayersPage>(*session_, json, [](walk& w, PlayersPage& page) {
    return read_envelope(w, page.meta, true, [&](od::value& item) {
      page.players.emplace_back();
      return read_player(w, item, page.players.back());
    });
  });
}

} // namespace courtside::decode
