#pragma once
// Maps a request to the synthetic league's answer, with no I/O and no clock of its own: the
// server passes how long it has been running (for "not final until" rules) and whether the
// fault plan turned this request into a "not final yet" one. Tests call it directly.
//
// Each API lives under a prefix; below it the real API's base path is optional, so both a
// base URL with the real path (http://127.0.0.1:18080/balldontlie/v1 + /games) and the bare
// prefix (http://127.0.0.1:18080/balldontlie + /games) reach the same handler:
//   /balldontlie[/v1]/{games,games/{id},stats,box_scores,box_scores/live,players,
//                      players/active,players/{id},teams,teams/{id}}
//   /nba_cdn[/static/json]/liveData/boxscore/boxscore_{gameId}.json
//   /nba_cdn[/static/json]/liveData/scoreboard/todaysScoreboard_00.json
//   /nba_cdn[/static/json]/staticData/scheduleLeagueV2.json
//   /stats_nba[/stats]/{boxscoretraditionalv2,boxscoretraditionalv3}?GameID=...
//   /odds_api[/v4]/sports, /sports/basketball_nba/events, .../events/{id}/odds,
//                  /historical/sports/basketball_nba/events[/{id}/odds]?date=...
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/http/server.hpp"
#include "tools/upstream-sim/league.hpp"

namespace courtside::upstream_sim {

/// Every endpoint the simulator knows; fault specs and request counters are per endpoint.
enum class endpoint : std::uint8_t {
  bdl_games, bdl_stats, bdl_box_scores, bdl_players, bdl_teams, bdl_other,
  cdn_boxscore, cdn_scoreboard, cdn_schedule, cdn_other,
  stats_v2, stats_v3, stats_other,
  odds_events, odds_event_odds, odds_historical, odds_other,
  admin, unknown,
};
inline constexpr std::size_t endpoint_count = static_cast<std::size_t>(endpoint::unknown) + 1;

/// "nba_cdn/boxscore": the key fault specs and counters use.
[[nodiscard]] std::string_view to_string(endpoint e);
/// "nba_cdn": the API an endpoint belongs to ("" for admin/unknown).
[[nodiscard]] std::string_view api_of(endpoint e);

struct route_match {
  endpoint which = endpoint::unknown;
  std::string rest;  // path below the prefix and the optional real base path: "/games/7"
};

[[nodiscard]] route_match match_route(std::string_view path);

/// A game stays live ("not final yet") until the simulator has run for `until`.
struct not_final_rule {
  std::string game;  // NBA.com id, balldontlie id or Odds API event id
  std::chrono::milliseconds until{0};
};

struct router_options {
  std::string bdl_key;   // when set, Authorization must equal it; empty: no check
  std::string odds_key;  // when set, apiKey must equal it; empty: no check
  std::vector<not_final_rule> not_final;
  /// Event odds for games more than this many days after `today` answer 204 (no markets yet).
  int props_horizon_days = 2;
};

class router {
public:
  router(const league& l, router_options options);

  /// The answer to one request. `since_start` is how long the simulator has been running;
  /// `force_live` reports final games live (the "not final yet" fault).
  [[nodiscard]] http::server_response handle(const http::server_request& req,
                                             std::chrono::milliseconds since_start,
                                             bool force_live = false) const;

  [[nodiscard]] const league& league_data() const { return league_; }
  [[nodiscard]] const router_options& options() const { return options_; }

private:
  const league& league_;
  router_options options_;
};

/// A JSON answer (Content-Type: application/json, gzip when the client accepts it).
[[nodiscard]] http::server_response json_response(unsigned status, std::string body);
/// 404 {"error": "not found", "path": ...}.
[[nodiscard]] http::server_response not_found(std::string_view path);

} // namespace courtside::upstream_sim
