#pragma once
// balldontlie /v1 payloads, compact as the real API sends them: the {"data": ..., "meta":
// {"next_cursor", "per_page"}} envelope (next_cursor only when another page exists; no meta
// at all on /box_scores), whole minutes as strings ("06", "00"), integers for ids, bio fields
// as strings or null, percentages with 3 (box_scores) or 7 (stats) digits, a bare 0 or 1
// when integral, null for zero attempts of a player who played.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tools/upstream-sim/format_common.hpp"

namespace courtside::upstream_sim::bdl {

struct page_meta {
  std::optional<std::int64_t> next_cursor;  // absent on the last page
  int per_page = 25;
};

/// One stats row: a player's line in one game.
struct stat_row {
  game_view game;
  bool home = true;
  std::size_t slot = 0;  // index into the team's players

  [[nodiscard]] const team_box& team() const { return home ? game.box->home : game.box->away; }
  [[nodiscard]] const player_line& line() const { return team().players[slot]; }
  /// Stable, unique, increasing with (game, side, slot): the cursor key of /v1/stats.
  [[nodiscard]] std::int64_t id() const;
};

[[nodiscard]] std::string games_page(const std::vector<game_view>& games, const page_meta& meta);
[[nodiscard]] std::string single_game(const game_view& game);
[[nodiscard]] std::string stats_page(const league& l, const std::vector<stat_row>& rows, const page_meta& meta);
[[nodiscard]] std::string box_scores(const league& l, const std::vector<game_view>& games);
[[nodiscard]] std::string players_page(const league& l, const std::vector<int>& players, const page_meta& meta);
[[nodiscard]] std::string single_player(const league& l, int player);
[[nodiscard]] std::string teams_list();
/// balldontlie's error body: {"error": "..."}.
[[nodiscard]] std::string error_body(std::string_view message);

} // namespace courtside::upstream_sim::bdl
