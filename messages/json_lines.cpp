#include "messages/json_lines.hpp"

#include <charconv>
#include <cmath>

namespace courtside::json {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  if (b >= 0xC2 && b <= 0xDF)
    len = 2;
  else if (b >= 0xE0 && b <= 0xEF)
    len = 3;
  else if (b >= 0xF0 && b <= 0xF4)
    len = 4;
  else
    return 0;
  if (i + len > s.size())
    return 0;
  for (std::size_t k = 1; k < len; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0u) != 0x80u)
      return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90) ||
      (b == 0xF4 && b1 > 0x8F))
    return 0; // overlong, surrogate, or past U+10FFFF
  return len;
}

void stats_fields(object_writer& w, const StatLine& s) {
  w.field("seconds", s.seconds)
      .field("pts", s.pts)
      .field("reb", s.reb)
      .field("oreb", s.oreb)
      .field("dreb", s.dreb)
      .field("ast", s.ast)
      .field("stl", s.stl)
      .field("blk", s.blk)
      .field("tov", s.tov)
      .field("pf", s.pf)
      .field("fgm", s.fgm)
      .field("fga", s.fga)
      .field("fg3m", s.fg3m)
      .field("fg3a", s.fg3a)
      .field("ftm", s.ftm)
      .field("fta", s.fta)
      .field("plus_minus", s.plus_minus);
}

void game_fields(object_writer& w, const Game& g) {
  w.field("key", g.key)
      .field("nba_game_id", g.nba_game_id)
      .field("bdl_id", g.bdl_id)
      .field("date", g.date)
      .field("start_time_utc", g.start_time_utc)
      .field("away", g.away_tricode)
      .field("home", g.home_tricode)
      .field("away_score", g.away_score)
      .field("home_score", g.home_score)
      .field("status", to_string(g.status))
      .field("period", g.period)
      .field("status_text", g.status_text)
      .field("season", g.season)
      .field("postseason", g.postseason);
}

void page_line(std::string& out, const PageMeta& meta) {
  object_writer w(out);
  w.field("record", "page").field("next_cursor", meta.next_cursor).field("per_page", meta.per_page);
  w.close();
  out += '\n';
}

template <class T>
void line(std::string& out, const T& record) {
  append_json(out, record);
  out += '\n';
}

} // namespace

void append_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t len = utf8_length(text, i);
      if (len == 0) {
        out += "\xEF\xBF\xBD"; // U+FFFD for a byte that is not UTF-8
        ++i;
      } else {
        out.append(text, i, len);
        i += len;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

void append_number(std::string& out, double x) {
  if (!std::isfinite(x)) {
    out += "null";
    return;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  out.append(buffer, result.ptr);
}

void append_number(std::string& out, std::int64_t x) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  out.append(buffer, result.ptr);
}

object_writer::object_writer(std::string& out) : out_(out) {
  out_ += '{';
}

void object_writer::key(std::string_view name) {
  if (!first_)
    out_ += ',';
  first_ = false;
  append_string(out_, name);
  out_ += ':';
}

object_writer& object_writer::field(std::string_view name, std::string_view value) {
  key(name);
  append_string(out_, value);
  return *this;
}

object_writer& object_writer::field(std::string_view name, const char* value) {
  return field(name, std::string_view(value));
}

object_writer& object_writer::field(std::string_view name, const std::string& value) {
  return field(name, std::string_view(value));
}

object_writer& object_writer::field(std::string_view name, bool value) {
  key(name);
  out_ += value ? "true" : "false";
  return *this;
}

object_writer& object_writer::field(std::string_view name, double value) {
  key(name);
  append_number(out_, value);
  return *this;
}

void object_writer::close() {
  out_ += '}';
}

void append_json(std::string& out, const Game& game) {
  object_writer w(out);
  w.field("record", "game");
  game_fields(w, game);
  w.close();
}

void append_json(std::string& out, const TeamLine& t) {
  object_writer w(out);
  w.field("record", "team")
      .field("game_key", t.game_key)
      .field("nba_game_id", t.nba_game_id)
      .field("side", to_string(t.side))
      .field("tricode", t.tricode)
      .field("name", t.name)
      .field("nba_team_id", t.nba_team_id)
      .field("bdl_team_id", t.bdl_team_id)
      .field("score", t.score);
  stats_fields(w, t.totals);
  w.close();
}

void append_json(std::string& out, const PlayerLine& p) {
  object_writer w(out);
  w.field("record", "player")
      .field("game_key", p.game_key)
      .field("nba_game_id", p.nba_game_id)
      .field("bdl_game_id", p.bdl_game_id)
      .field("nba_player_id", p.nba_player_id)
      .field("bdl_player_id", p.bdl_player_id)
      .field("name", p.name)
      .field("lookup_key", p.lookup_key)
      .field("team", p.team_tricode)
      .field("starter", p.starter)
      .field("played", to_string(p.played))
      .field("not_playing_reason", p.not_playing_reason);
  stats_fields(w, p.stats);
  w.close();
}

void append_json(std::string& out, const ScheduleEntry& e) {
  object_writer w(out);
  w.field("record", "schedule_entry");
  game_fields(w, e.game);
  w.field("game_code", e.game_code)
      .field("label", e.label)
      .field("if_necessary", e.if_necessary)
      .field("neutral_site", e.neutral_site)
      .field("arena", e.arena);
  w.close();
}

void append_json(std::string& out, const Player& p) {
  object_writer w(out);
  w.field("record", "roster_player")
      .field("bdl_id", p.bdl_id)
      .field("nba_id", p.nba_id)
      .field("name", p.name)
      .field("lookup_key", p.lookup_key)
      .field("first_name", p.first_name)
      .field("last_name", p.last_name)
      .field("position", p.position)
      .field("team", p.team_tricode)
      .field("jersey_number", p.jersey_number)
      .field("draft_year", p.draft_year);
  w.close();
}

void append_json(std::string& out, const Event& e) {
  object_writer w(out);
  w.field("record", "event")
      .field("id", e.id)
      .field("sport_key", e.sport_key)
      .field("commence_time", e.commence_time)
      .field("home_team", e.home_team)
      .field("away_team", e.away_team)
      .field("home", e.home_tricode)
      .field("away", e.away_tricode)
      .field("game_key", e.game_key);
  w.close();
}

void append_json(std::string& out, const PropLine& p) {
  object_writer w(out);
  w.field("record", "prop")
      .field("event_id", p.event_id)
      .field("game_key", p.game_key)
      .field("book", p.book)
      .field("market", p.market)
      .field("player_name", p.player_name)
      .field("player_key", p.player_key)
      .field("line", p.line)
      .field("over_price", p.over_price)
      .field("under_price", p.under_price)
      .field("outcome", p.outcome)
      .field("price", p.price)
      .field("last_update", p.last_update);
  w.close();
}

void append_json_lines(std::string& out, const GamesPage& page) {
  for (const Game& g : page.games)
    line(out, g);
  page_line(out, page.meta);
}

void append_json_lines(std::string& out, const PlayerLinesPage& page) {
  for (const PlayerLine& p : page.lines)
    line(out, p);
  page_line(out, page.meta);
}

void append_json_lines(std::string& out, const BoxScoresPage& page) {
  for (const BoxScore& box : page.box_scores)
    append_json_lines(out, box);
  page_line(out, page.meta);
}

void append_json_lines(std::string& out, const PlayersPage& page) {
  for (const Player& p : page.players)
    line(out, p);
  page_line(out, page.meta);
}

void append_json_lines(std::string& out, const Schedule& schedule) {
  object_writer w(out);
  w.field("record", "schedule").field("season", schedule.season).field("games", schedule.entries.size());
  w.close();
  out += '\n';
  for (const ScheduleEntry& e : schedule.entries)
    line(out, e);
}

void append_json_lines(std::string& out, const Scoreboard& board) {
  object_writer w(out);
  w.field("record", "scoreboard").field("game_date", board.game_date).field("games", board.games.size());
  w.close();
  out += '\n';
  for (const Game& g : board.games)
    line(out, g);
}

void append_json_lines(std::string& out, const BoxScore& box) {
  line(out, box.game);
  line(out, box.away);
  line(out, box.home);
  for (const PlayerLine& p : box.players)
    line(out, p);
}

void append_json_lines(std::string& out, const OddsSnapshot& snapshot) {
  if (!snapshot.timestamp.empty()) {
    object_writer w(out);
    w.field("record", "odds_snapshot").field("timestamp", snapshot.timestamp);
    w.close();
    out += '\n';
  }
  for (const Event& e : snapshot.events)
    line(out, e);
  for (const PropLine& p : snapshot.props)
    line(out, p);
}

} // namespace courtside::json
