// NBA.com CDN decoder (see nbacom.hpp). Box score, scoreboard and schedule games share one
// game reader: the three documents use the same field names for the same things.
#include "messages/decode/nbacom.hpp"

#include "messages/decode/detail/walk.hpp"
#include "messages/decode/invariants.hpp"
#include "messages/identity.hpp"

namespace courtside::decode {
using namespace detail;
namespace {

TeamLine line_for(team_side side) {
  TeamLine line;
  line.side = side;
  return line;
}

/// A game object under construction.
struct game_build {
  Game game;
  TeamLine home = line_for(team_side::home);
  TeamLine away = line_for(team_side::away);
  std::vector<PlayerLine>* players = nullptr; // box score: where players go
  ScheduleEntry* entry = nullptr;             // schedule: where the extras go
  std::string game_code;                      // "20260211/ATLCHA"
  std::string game_et;                        // Eastern wall time (mislabelled Z when final)
  std::string date_est;                       // schedule's "2025-10-02T00:00:00Z"
  std::optional<int> status_code;
};

// "ACTIVE" players with played "0" did not play; "INACTIVE" ones were not available.
participation participation_of(const std::optional<bool>& played, const std::string& status,
                               const StatLine& stats) {
  if (played)
    return *played ? participation::played
                   : (status == "INACTIVE" ? participation::inactive : participation::did_not_play);
  if (stats.seconds && *stats.seconds > 0)
    return participation::played;
  return participation::unknown;
}

bool read_player(walk& w, od::value& v, PlayerLine& p) {
  const char* at = w.where(v);
  std::optional<bool> played;
  std::string status, first, family;
  bool ok = for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "personId"))
      return read_int64(w, x, p.nba_player_id);
    if (key_is(key, "name"))
      return read_string(w, x, p.name);
    if (key_is(key, "firstName"))
      return read_string(w, x, first);
    if (key_is(key, "familyName"))
      return read_string(w, x, family);
    if (key_is(key, "starter"))
      return read_bool(w, x, p.starter);
    if (key_is(key, "played"))
      return read_bool(w, x, played);
    if (key_is(key, "status"))
      return read_string(w, x, status);
    if (key_is(key, "notPlayingReason"))
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
  if (p.name.empty())
    p.name = first.empty() || family.empty() ? first + family : first + " " + family;
  p.lookup_key = identity::player_lookup_key(p.name);
  p.played = participation_of(played, status, p.stats);
  if (auto bad = check_stat_line(p.stats, stat_owner::player))
    return w.fail(decode_errc::invariant_violation, *bad, at);
  return true;
}

bool read_team(walk& w, od::value& v, TeamLine& team, std::vector<PlayerLine>* players) {
  std::string tricode, city, nickname;
  const std::size_t first_player = players != nullptr ? players->size() : 0;
  bool ok = for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "teamId"))
      return read_int64(w, x, team.nba_team_id);
    if (key_is(key, "teamTricode"))
      return read_string(w, x, tricode);
    if (key_is(key, "teamCity"))
      return read_string(w, x, city);
    if (key_is(key, "teamName"))
      return read_string(w, x, nickname);
    if (key_is(key, "score"))
      return read_int(w, x, team.score);
    if (key_is(key, "players") && players != nullptr)
      return for_each_element(w, x, [&](std::size_t, od::value& row) {
        players->emplace_back();
        return read_player(w, row, players->back());
      });
    if (key_is(key, "statistics") && players != nullptr)
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
  for (std::size_t i = first_player; players != nullptr && i < players->size(); ++i)
    (*players)[i].team_tricode = team.tricode;
  return true;
}

bool read_schedule_extra(walk& w, std::string_view key, od::value& x, ScheduleEntry& e) {
  if (key_is(key, "ifNecessary"))
    return read_bool(w, x, e.if_necessary);
  if (key_is(key, "gameLabel"))
    return read_string(w, x, e.label);
  if (key_is(key, "isNeutral"))
    return read_bool(w, x, e.neutral_site);
  if (key_is(key, "arenaName"))
    return read_string(w, x, e.arena);
  return true;
}

bool read_game(walk& w, od::value& v, game_build& b) {
  Game& g = b.game;
  return for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "gameId"))
      return read_nba_game_id(w, x, g.nba_game_id);
    if (key_is(key, "gameCode"))
      return read_string(w, x, b.game_code);
    if (key_is(key, "gameStatus"))
      return read_int(w, x, b.status_code);
    if (key_is(key, "gameStatusText"))
      return read_string(w, x, g.status_text);
    if (key_is(key, "period"))
      return read_int(w, x, g.period);
    if (key_is(key, "gameEt"))
      return read_string(w, x, b.game_et);
    if (key_is(key, "gameDateEst"))
      return read_string(w, x, b.date_est);
    if (key_is(key, "gameTimeUTC") || key_is(key, "gameDateTimeUTC")) {
      std::string instant;
      if (!read_string(w, x, instant))
        return false;
      if (instant.compare(0, 10, "1900-01-01") != 0) // time-only sentinel date
        g.start_time_utc = std::move(instant);
      return true;
    }
    if (key_is(key, "homeTeam"))
      return read_team(w, x, b.home, b.players);
    if (key_is(key, "awayTeam"))
      return read_team(w, x, b.away, b.players);
    return b.entry == nullptr || read_schedule_extra(w, key, x, *b.entry);
  });
}

// The US Eastern date of the game: gameCode's "YYYYMMDD/", else gameEt's wall-clock date,
// else the schedule's gameDateEst, else the Eastern date of the UTC start time.
std::string date_of(const game_build& b) {
  if (auto day = identity::iso_date(std::string_view(b.game_code).substr(0, 8)))
    return *day;
  if (auto day = identity::iso_date(b.game_et))
    return *day;
  if (auto day = identity::iso_date(b.date_est))
    return *day;
  return identity::eastern_date_of(b.game.start_time_utc).value_or("");
}

bool finish_game(walk& w, game_build& b, const char* at) {
  Game& g = b.game;
  if (g.nba_game_id.empty())
    return w.missing("gameId", at);
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
  return true;
}

bool read_box_score(walk& w, od::value& v, BoxScore& box) {
  const char* at = w.where(v);
  game_build b;
  b.players = &box.players;
  box.players.reserve(40); // both rosters as the CDN lists them (~17 each): no regrowth
  if (!read_game(w, v, b) || !finish_game(w, b, at))
    return false;
  if (b.home.tricode.empty() && b.away.tricode.empty())
    return w.missing("homeTeam", at);
  for (PlayerLine& p : box.players) {
    p.game_key = b.game.key;
    p.nba_game_id = b.game.nba_game_id;
  }
  box.game = std::move(b.game);
  box.home = std::move(b.home);
  box.away = std::move(b.away);
  if (auto bad = check_box_score_teams(box)) {
    w.fail(decode_errc::invariant_violation, std::move(bad->detail), at);
    return w.in_field(bad->home ? "homeTeam" : "awayTeam");
  }
  return true;
}

bool read_scoreboard(walk& w, od::value& v, Scoreboard& board) {
  return for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "gameDate"))
      return read_string(w, x, board.game_date);
    if (!key_is(key, "games"))
      return true;
    return for_each_element(w, x, [&](std::size_t, od::value& item) {
      const char* at = w.where(item);
      game_build b;
      if (!read_game(w, item, b) || !finish_game(w, b, at))
        return false;
      board.games.push_back(std::move(b.game));
      return true;
    });
  });
}

bool read_schedule_game(walk& w, od::value& v, ScheduleEntry& entry) {
  const char* at = w.where(v);
  game_build b;
  b.entry = &entry;
  if (!read_game(w, v, b) || !finish_game(w, b, at))
    return false;
  entry.game_code = std::move(b.game_code);
  entry.game = std::move(b.game);
  return true;
}

bool read_league_schedule(walk& w, od::value& v, Schedule& schedule) {
  return for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "seasonYear"))
      return read_string(w, x, schedule.season);
    if (!key_is(key, "gameDates"))
      return true;
    return for_each_element(w, x, [&](std::size_t, od::value& day) {
      return for_each_field(w, day, [&](std::string_view day_key, od::value& y) {
        if (!key_is(day_key, "games"))
          return true;
        return for_each_element(w, y, [&](std::size_t, od::value& item) {
          schedule.entries.emplace_back();
          return read_schedule_game(w, item, schedule.entries.back());
        });
      });
    });
  });
}

// Walks the root for the one field that holds the document, failing if it is absent.
template <class OnBody>
bool read_root(walk& w, std::string_view body_key, OnBody&& on_body) {
  bool seen = false;
  bool ok = for_each_root_field(w, [&](std::string_view key, od::value& x) {
    if (key != body_key)
      return true;
    seen = true;
    return on_body(x);
  });
  if (ok && !seen)
    return w.missing(body_key);
  return ok;
}

} // namespace

nbacom_decoder::nbacom_decoder() : session_(std::make_unique<json_session>()) {}
nbacom_decoder::~nbacom_decoder() = default;
nbacom_decoder::nbacom_decoder(nbacom_decoder&&) noexcept = default;
nbacom_decoder& nbacom_decoder::operator=(nbacom_decoder&&) noexcept = default;

decode_result<BoxScore> nbacom_decoder::boxscore(std::string_view json) {
  return run_decode<BoxScore>(*session_, json, [](walk& w, BoxScore& box) {
    return read_root(w, "game", [&](od::value& x) { return read_box_score(w, x, box); });
  });
}

decode_result<Scoreboard> nbacom_decoder::scoreboard(std::string_view json) {
  return run_decode<Scoreboard>(*session_, json, [](walk& w, Scoreboard& board) {
    return read_root(w, "scoreboard", [&](od::value& x) { return read_scoreboard(w, x, board); });
  });
}

decode_result<Schedule> nbacom_decoder::schedule(std::string_view json) {
  return run_decode<Schedule>(*session_, json, [](walk& w, Schedule& schedule) {
    return read_root(w, "leagueSchedule",
                     [&](od::value& x) { return read_league_schedule(w, x, schedule); });
  });
}

} // namespace courtside::decode
