#pragma once
// Helpers for the actors/phases specs: a fresh migrated warehouse file per test case under
// <build>/test-scratch/phases-<test name>/, and builders for hand-made games, box scores and
// prop lines with exactly known numbers. Real SQLite files, no mocks.
#include "messages/identity.hpp"
#include "messages/types.hpp"
#include "runtime/storage/database.hpp"
#include "runtime/storage/migrations.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <string>

namespace courtside::phases::test {

using storage::database;
using storage::unix_ms;

inline constexpr unix_ms t0 = 1'736'500'000'000;

inline std::filesystem::path fresh_scratch_dir() {
  std::string name = "phases-";
  for (const char ch : Catch::getResultCapture().getCurrentTestName()) {
    const bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    name += plain ? ch : '_';
  }
  if (name.size() > 120) name = name.substr(0, 100) + std::to_string(std::hash<std::string>{}(name));
  const auto dir = std::filesystem::path(COURTSIDE_BINARY_DIR) / "test-scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline database fresh_warehouse(const std::filesystem::path& dir) {
  storage::database_options options;
  options.path = (dir / "warehouse.db").string();
  options.busy_timeout = std::chrono::milliseconds(0);
  auto opened = database::open(options);
  if (!opened) FAIL(opened.error().describe());
  database db = std::move(opened).value();
  auto migrated = storage::migrate(db, t0);
  if (!migrated) FAIL(migrated.error().describe());
  return db;
}

#define REQUIRE_OK(expr)                                                  \
  do {                                                                    \
    const auto& require_ok_result_ = (expr);                              \
    if (!require_ok_result_) FAIL(require_ok_result_.error().describe()); \
  } while (false)

/// The value of a result, failing the test on error.
template <class R>
auto value_of(R&& result) {
  if (!result) FAIL(result.error().describe());
  return std::move(result).value();
}

inline Game make_game(const std::string& date, const std::string& away, const std::string& home,
                      game_status status = game_status::final) {
  Game g;
  g.date = date;
  g.key = identity::make_game_key(date, away, home);
  g.away_tricode = away;
  g.home_tricode = home;
  g.status = status;
  return g;
}

struct line_spec {
  std::string name, team;
  int seconds = 0, pts = 0, fgm = 0, fga = 0, fg3m = 0, fg3a = 0, ftm = 0, fta = 0;
  int oreb = 0, reb = 0, ast = 0, tov = 0;
  participation played = participation::played;
};

inline PlayerLine make_line(const Game& g, const line_spec& s) {
  PlayerLine p;
  p.game_key = g.key;
  p.name = s.name;
  p.lookup_key = identity::player_lookup_key(s.name);
  p.team_tricode = s.team;
  p.played = s.played;
  if (s.played == participation::played) {
    StatLine& t = p.stats;
    t.seconds = s.seconds; t.pts = s.pts; t.fgm = s.fgm; t.fga = s.fga; t.fg3m = s.fg3m;
    t.fg3a = s.fg3a; t.ftm = s.ftm; t.fta = s.fta; t.oreb = s.oreb; t.reb = s.reb;
    t.ast = s.ast; t.tov = s.tov;
  } else {
    p.stats.seconds = 0;
  }
  return p;
}

inline BoxScore make_box(const Game& g, const std::vector<line_spec>& lines) {
  BoxScore b;
  b.game = g;
  b.home.tricode = g.home_tricode;
  b.home.side = team_side::home;
  b.away.tricode = g.away_tricode;
  b.away.side = team_side::away;
  for (const auto& s : lines) b.players.push_back(make_line(g, s));
  return b;
}

inline PropLine make_prop(const Game& g, const std::string& player, const std::string& book,
                          double line) {
  PropLine p;
  p.game_key = g.key;
  p.book = book;
  p.market = "player_points";
  p.player_name = player;
  p.player_key = identity::player_lookup_key(player);
  p.line = line;
  p.over_price = 1.91;
  p.under_price = 1.91;
  return p;
}

/// A single integer from SQL (counts, one column of one row).
inline std::int64_t count_of(database& db, const std::string& sql) {
  auto n = db.query_int64(sql, "test");
  if (!n) FAIL(n.error().describe());
  return n.value();
}

} // namespace courtside::phases::test
