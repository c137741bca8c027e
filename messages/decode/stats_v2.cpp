// stats.nba.com boxscoretraditionalv2 decoder (see stats_nba.hpp). Rows are positional: a
// result set's values are kept as cells until the set is complete, then mapped through its
// headers, so the decoder does not depend on "headers" preceding "rowSet".
#include <algorithm>
#include <array>

#include "messages/decode/detail/walk.hpp"
#include "messages/decode/invariants.hpp"
#include "messages/decode/stats_nba.hpp"
#include "messages/identity.hpp"

namespace courtside::decode {
using namespace detail;
namespace {

enum column : std::uint8_t {
  game_id, team_id, team_abbreviation, team_city, team_name, player_id, player_name,
  start_position, comment, min, fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, reb, ast, stl,
  blk, tov, pf, pts, plus_minus, column_count
};

struct header_name {
  std::string_view text; // upper case: headers are compared case-insensitively
  column col;
};

constexpr std::array<header_name, 27> header_names{{
    {"GAME_ID", game_id},       {"TEAM_ID", team_id},         {"TEAM_ABBREVIATION", team_abbreviation},
    {"TEAM_CITY", team_city},   {"TEAM_NAME", team_name},     {"PLAYER_ID", player_id},
    {"PLAYER_NAME", player_name}, {"START_POSITION", start_position}, {"COMMENT", comment},
    {"MIN", min},               {"FGM", fgm},                 {"FGA", fga},
    {"FG3M", fg3m},             {"FG3A", fg3a},               {"FTM", ftm},
    {"FTA", fta},               {"OREB", oreb},               {"DREB", dreb},
    {"REB", reb},               {"AST", ast},                 {"STL", stl},
    {"BLK", blk},               {"TO", tov},                  {"TOV", tov},
    {"PF", pf},                 {"PTS", pts},                 {"PLUS_MINUS", plus_minus},
}};

using row = std::vector<json_cell>;

/// One result set as read: its name, where each known column sits, and the raw rows.
struct result_set {
  std::string name;
  std::array<int, column_count> index{};
  std::size_t header_count = 0;
  std::vector<row> rows;
};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
  return out;
}

bool read_result_set(walk& w, od::value& v, result_set& set) {
  set.index.fill(-1);
  return for_each_field(w, v, [&](std::string_view key, od::value& x) {
    if (key_is(key, "name"))
      return read_string(w, x, set.name);
    if (key_is(key, "headers"))
      return for_each_element(w, x, [&](std::size_t i, od::value& h) {
        std::string text;
        if (!read_string(w, h, text))
          return false;
        const std::string name = upper(text);
        for (const header_name& known : header_names)
          if (known.text == name && set.index[known.col] < 0)
            set.index[known.col] = static_cast<int>(i);
        set.header_count = i + 1;
        return true;
      });
    if (key_is(key, "rowSet"))
      return for_each_element(w, x, [&](std::size_t, od::value& r) {
        set.rows.emplace_back();
        return for_each_element(w, r, [&](std::size_t, od::value& cell) {
          set.rows.back().emplace_back();
          return read_cell(w, cell, set.rows.back().back());
        });
      });
    return true;
  });
}

/// Reads the columns of one row; on failure the path names the row and the value.
class row_reader {
public:
  row_reader(walk& w, const result_set& set, std::size_t r) : w_(w), set_(set), r_(r) {}

  template <class T, class Convert>
  bool get(column col, T& out, Convert convert) {
    const int i = set_.index[col];
    if (i < 0)
      return true; // column absent in this capture
    if (convert(w_, set_.rows[r_][static_cast<std::size_t>(i)], out))
      return true;
    w_.in_index(static_cast<std::size_t>(i));
    w_.in_index(r_);
    return w_.in_field("rowSet");
  }

  bool stats(StatLine& s) {
    return get(min, s.seconds, cell_to_minutes) && get(fgm, s.fgm, cell_to_int) &&
           get(fga, s.fga, cell_to_int) && get(fg3m, s.fg3m, cell_to_int) &&
           get(fg3a, s.fg3a, cell_to_int) && get(ftm, s.ftm, cell_to_int) &&
           get(fta, s.fta, cell_to_int) && get(oreb, s.oreb, cell_to_int) &&
           get(dreb, s.dreb, cell_to_int) && get(reb, s.reb, cell_to_int) &&
           get(ast, s.ast, cell_to_int) && get(stl, s.stl, cell_to_int) &&
           get(blk, s.blk, cell_to_int) && get(tov, s.tov, cell_to_int) &&
           get(pf, s.pf, cell_to_int) && get(pts, s.pts, cell_to_int) &&
           get(plus_minus, s.plus_minus, cell_to_int);
  }

  bool fail(decode_errc code, std::string detail) {
    const auto& cells = set_.rows[r_];
    w_.fail(code, std::move(detail), cells.empty() ? nullptr : cells.front().at);
    w_.in_index(r_);
    return w_.in_field("rowSet");
  }

private:
  walk& w_;
  const result_set& set_;
  std::size_t r_;
};

/// What the whole document holds, gathered before the box score is assembled.
struct v2_document {
  std::string game_id; // parameters.GameID
  std::vector<PlayerLine> players;
  std::vector<TeamLine> teams; // TeamStats rows
  std::optional<std::size_t> player_set;
};

bool check_row_width(row_reader& reader, const result_set& set, std::size_t r) {
  if (set.rows[r].size() == set.header_count)
    return true;
  return reader.fail(decode_errc::invalid_value,
                     "row has " + std::to_string(set.rows[r].size()) + " values for " +
                         std::to_string(set.header_count) + " headers");
}

bool map_player_rows(walk& w, const result_set& set, v2_document& doc) {
  for (std::size_t r = 0; r < set.rows.size(); ++r) {
    row_reader reader(w, set, r);
    PlayerLine p;
    std::optional<std::int64_t> team;
    std::string position;
    if (!check_row_width(reader, set, r) || !reader.get(game_id, p.nba_game_id, cell_to_game_id) ||
        !reader.get(team_id, team, cell_to_int64) ||
        !reader.get(team_abbreviation, p.team_tricode, cell_to_string) ||
        !reader.get(player_id, p.nba_player_id, cell_to_int64) ||
        !reader.get(player_name, p.name, cell_to_string) ||
        !reader.get(start_position, position, cell_to_string) ||
        !reader.get(comment, p.not_playing_reason, cell_to_string) || !reader.stats(p.stats))
      return false;
    if (!p.nba_player_id)
      return reader.fail(decode_errc::missing_field, "PLAYER_ID is absent or null");
    p.team_tricode = p.team_tricode.empty() && team
                         ? std::string(identity::tricode_from_nba_team_id(*team).value_or(""))
                         : identity::normalize_tricode(p.team_tricode);
    p.lookup_key = identity::player_lookup_key(p.name);
    p.starter = !position.empty();
    p.played = participation_from_comment(p.not_playing_reason, p.stats);
    if (auto bad = check_stat_line(p.stats, stat_owner::player))
      return reader.fail(decode_errc::invariant_violation, *bad);
    doc.players.push_back(std::move(p));
  }
  return true;
}

bool map_team_rows(walk& w, const result_set& set, v2_document& doc) {
  for (std::size_t r = 0; r < set.rows.size(); ++r) {
    row_reader reader(w, set, r);
    TeamLine t;
    std::string city, nickname;
    if (!check_row_width(reader, set, r) || !reader.get(game_id, t.nba_game_id, cell_to_game_id) ||
        !reader.get(team_id, t.nba_team_id, cell_to_int64) ||
        !reader.get(team_abbreviation, t.tricode, cell_to_string) ||
        !reader.get(team_city, city, cell_to_string) ||
        !reader.get(team_name, nickname, cell_to_string) || !reader.stats(t.totals))
      return false;
    t.tricode = t.tricode.empty() && t.nba_team_id
                    ? std::string(identity::tricode_from_nba_team_id(*t.nba_team_id).value_or(""))
                    : identity::normalize_tricode(t.tricode);
    t.name = city.empty() || nickname.empty() ? city + nickname : city + " " + nickname;
    t.score = t.totals.pts;
    doc.teams.push_back(std::move(t));
  }
  return true;
}

bool read_result_sets(walk& w, od::value& v, v2_document& doc) {
  auto on_set = [&](std::size_t index, od::value& x) {
    result_set set;
    if (!read_result_set(w, x, set))
      return false;
    const std::string name = upper(set.name);
    if (key_is(name, "PLAYERSTATS")) {
      doc.player_set = index;
      return map_player_rows(w, set, doc);
    }
    return !key_is(name, "TEAMSTATS") || map_team_rows(w, set, doc);
  };
  od::json_type type{};
  if (auto ec = v.type().get(type))
    return w.fail_json(ec, "an array of result sets");
  if (type == od::json_type::object) // "resultSet": one set
    return on_set(0, v);
  return for_each_element(w, v, on_set);
}

TeamLine team_named(const v2_document& doc, const std::string& tricode) {
  for (const TeamLine& t : doc.teams)
    if (t.tricode == tricode)
      return t;
  TeamLine t;
  t.tricode = tricode;
  t.nba_team_id = identity::nba_team_id_from_tricode(tricode);
  return t;
}

// Every row must belong to the same game; the first id seen (parameters.GameID first) wins.
bool settle_game_id(walk& w, v2_document& doc, std::string& id) {
  id = doc.game_id;
  auto agree = [&](const std::string& row_id, const std::string& who) {
    if (row_id.empty() || row_id == id)
      return true;
    if (id.empty()) {
      id = row_id;
      return true;
    }
    w.fail(decode_errc::invariant_violation, who + ": GAME_ID " + row_id + " != " + id);
    return w.in_field("resultSets");
  };
  for (const PlayerLine& p : doc.players)
    if (!agree(p.nba_game_id, "PlayerLine " + p.name))
      return false;
  for (const TeamLine& t : doc.teams)
    if (!agree(t.nba_game_id, "TeamLine " + t.tricode))
      return false;
  if (id.empty())
    return w.missing("parameters.GameID");
  return true;
}

bool assemble(walk& w, v2_document& doc, BoxScore& box) {
  if (!doc.player_set) {
    w.fail(decode_errc::missing_field, "no PlayerStats result set");
    return w.in_field("resultSets");
  }
  Game& g = box.game;
  if (!settle_game_id(w, doc, g.nba_game_id))
    return false;
  std::vector<std::string> order; // teams in order of appearance, players first
  auto note = [&](const std::string& tricode) {
    if (!tricode.empty() && std::find(order.begin(), order.end(), tricode) == order.end())
      order.push_back(tricode);
  };
  for (const PlayerLine& p : doc.players)
    note(p.team_tricode);
  for (const TeamLine& t : doc.teams)
    note(t.tricode);
  if (order.size() > 2) {
    w.fail(decode_errc::invariant_violation,
           "BoxScore: " + std::to_string(order.size()) + " teams in one game");
    return w.in_field("resultSets");
  }
  order.resize(2);
  box.sides_known = false;
  box.away = team_named(doc, order[0]);
  box.home = team_named(doc, order[1]);
  box.players = std::move(doc.players);
  g.away_tricode = box.away.tricode;
  g.home_tricode = box.home.tricode;
  g.away_score = box.away.score;
  g.home_score = box.home.score;
  if (auto parts = identity::parse_nba_game_id(g.nba_game_id)) {
    g.season = parts->season;
    g.postseason = parts->season_type == 4 || parts->season_type == 5;
  }
  box.home.nba_game_id = box.away.nba_game_id = g.nba_game_id;
  for (PlayerLine& p : box.players)
    p.nba_game_id = g.nba_game_id;
  if (auto bad = check_box_score_teams(box)) {
    w.fail(decode_errc::invariant_violation, std::move(bad->detail));
    return w.in_field("resultSets");
  }
  return true;
}

} // namespace

decode_result<BoxScore> stats_nba_decoder::boxscore_v2(std::string_view json) {
  return run_decode<BoxScore>(*session_, json, [](walk& w, BoxScore& box) {
    v2_document doc;
    bool ok = for_each_root_field(w, [&](std::string_view key, od::value& x) {
      if (key_is(key, "parameters"))
        return for_each_field(w, x, [&](std::string_view name, od::value& y) {
          return !key_is(name, "GameID") || read_nba_game_id(w, y, doc.game_id);
        });
      if (key_is(key, "resultSets") || key_is(key, "resultSet"))
        return read_result_sets(w, x, doc);
      return true;
    });
    return ok && assemble(w, doc, box);
  });
}

} // namespace courtside::decode
