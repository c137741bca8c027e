#pragma once
// The Odds API v4 payloads. Events are a bare compact array; event odds one object with
// bookmakers -> markets -> outcomes. Player props: name "Over"/"Under", description the
// player as the books spell him (ASCII, no periods: "Kelly Oubre Jr"), point the line;
// h2h outcomes carry no point. Decimal prices by default, American with oddsFormat=american.
// The historical endpoints wrap the same data in {"timestamp", "previous_timestamp",
// "next_timestamp", "data"}.
#include <cstdint>
#include <string>
#include <vector>

#include "tools/upstream-sim/league.hpp"

namespace courtside::upstream_sim::odds {

struct odds_query {
  std::vector<std::string> markets;    // empty = "h2h" (the API's default)
  std::vector<std::string> bookmakers; // empty = all
  bool american = false;
};

[[nodiscard]] std::string events(const league& l, const std::vector<int>& games);
/// The event with the bookmakers and markets that match; bookmakers is [] when none do.
[[nodiscard]] std::string event_odds(const league& l, int game, const odds_query& q);
/// Wraps a payload as the historical endpoints do; `at` is the snapshot time (epoch s).
[[nodiscard]] std::string historical(std::int64_t at, const std::string& data);
/// {"message": ..., "error_code": ..., "details_url": ...}.
[[nodiscard]] std::string error_body(std::string_view message, std::string_view code);
/// A decimal price in American odds: 2.5 -> +150, 1.5 -> -200.
[[nodiscard]] int american_price(double decimal);

} // namespace courtside::upstream_sim::odds
