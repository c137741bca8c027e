// The Odds API v4 decoder: events, player props, the historical wrapper.
#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "messages/decode/odds_api.hpp"
#include "messages/identity.hpp"

using namespace courtside;
using namespace courtside::decode;

TEST_CASE("Odds historical events of 2024-01-25 03:55: events without bookmakers") {
  SKIP_WITHOUT_FIXTURES();
  odds_api_decoder decoder;
  auto snap = decoder.events(test::read_fixture("the-odds-api/v4_historical_events.2024-01-25T0355.json"));
  REQUIRE(snap.ok());
  const OddsSnapshot& s = snap.value();
  CHECK(s.timestamp == "2024-01-25T03:55:40Z");
  REQUIRE(s.events.size() >= 6);
  CHECK(s.props.empty());
  const Event& first = s.events.front();
  CHECK(first.id == "f137689983933840bf2f2a91278eb03b");
  CHECK(first.home_team == "Dallas Mavericks");
  CHECK(first.home_tricode == "DAL");
  CHECK(first.away_tricode == "PHX");
  // 01:40 UTC on the 25th is 20:40 Eastern on the 24th.
  CHECK(first.game_key == "20240124_PHX_DAL");
  CHECK(s.events[3].game_key == "20240125_PHI_IND");
}

TEST_CASE("Odds player props of 2025-01-31: one event, one bookmaker, Over/Under paired") {
  SKIP_WITHOUT_FIXTURES();
  odds_api_decoder decoder;
  auto snap = decoder.event_odds(
      test::read_fixture("the-odds-api/v4_historical_event_odds_player_props.2025-01-31.json"));
  REQUIRE(snap.ok());
  const OddsSnapshot& s = snap.value();
  REQUIRE(s.events.size() == 1);
  CHECK(s.events[0].game_key == "20250131_DEN_PHI");
  CHECK(s.timestamp == "2025-01-31T22:35:38Z");

  const PropLine* oubre_assists = nullptr;
  std::size_t yes_lines = 0;
  for (const PropLine& p : s.props) {
    CHECK(p.book == "fanduel");
    CHECK(p.event_id == "0002c59303f70b3dd2b393a67b49f975");
    CHECK(p.game_key == "20250131_DEN_PHI");
    if (p.market == "player_assists" && p.player_name == "Kelly Oubre Jr")
      oubre_assists = &p;
    if (p.outcome == "Yes")
      ++yes_lines;
  }
  REQUIRE(oubre_assists);
  CHECK(oubre_assists->line == 2.5);
  CHECK(oubre_assists->over_price == 2.12);
  CHECK(oubre_assists->under_price == 1.71);
  CHECK(oubre_assists->last_update == "2025-01-31T22:35:53Z");
  // "Kelly Oubre Jr" (odds) and "Kelly Oubre Jr." (NBA.com) meet on one lookup key.
  CHECK(oubre_assists->player_key == identity::player_lookup_key("Kelly Oubre Jr."));
  CHECK(yes_lines == 8 + 9 + 1); // double double, first basket, triple double
}

TEST_CASE("Odds bare array of events with h2h markets") {
  odds_api_decoder decoder;
  auto snap = decoder.events(R"([{"id":"a","commence_time":"2025-02-01T00:40:00Z",
    "home_team":"LA Clippers","away_team":"Los Angeles Lakers","bookmakers":[{"key":"dk",
    "markets":[{"key":"h2h","outcomes":[{"name":"LA Clippers","price":1.9},
    {"name":"Los Angeles Lakers","price":1.95}]}]}]}])");
  REQUIRE(snap.ok());
  const OddsSnapshot& s = snap.value();
  REQUIRE(s.events.size() == 1);
  CHECK(s.events[0].game_key == "20250131_LAL_LAC");
  REQUIRE(s.props.size() == 2);
  CHECK(s.props[0].outcome == "LA Clippers");
  CHECK(s.props[0].price == 1.9);
  CHECK_FALSE(s.props[0].line);
  CHECK(s.props[0].market == "h2h");
}

TEST_CASE("Odds empty bookmakers means no markets yet, not an error") {
  odds_api_decoder decoder;
  auto snap = decoder.event_odds(R"({"id":"a","home_team":"Miami Heat","away_team":"Boston Celtics",
    "commence_time":"2024-01-26T00:40:00Z","bookmakers":[]})");
  REQUIRE(snap.ok());
  CHECK(snap.value().events.size() == 1);
  CHECK(snap.value().events[0].game_key == "20240125_BOS_MIA");
  CHECK(snap.value().props.empty());
}

TEST_CASE("Odds errors: missing price, missing teams, an upstream error body") {
  odds_api_decoder decoder;
  auto no_price = decoder.event_odds(R"({"data":{"id":"a","home_team":"Miami Heat",
    "away_team":"Boston Celtics","bookmakers":[{"key":"fd","markets":[{"key":"player_points",
    "outcomes":[{"name":"Over","description":"X","point":1.5}]}]}]}})");
  REQUIRE_FALSE(no_price.ok());
  CHECK(no_price.error().code == decode_errc::missing_field);
  CHECK(no_price.error().path == "data.bookmakers[0].markets[0].outcomes[0].price");

  auto no_team = decoder.events(R"([{"id":"a","home_team":"Miami Heat"}])");
  REQUIRE_FALSE(no_team.ok());
  CHECK(no_team.error().path == "[0].away_team");

  auto body = decoder.events(R"({"message":"Usage quota has been reached","error_code":"OUT_OF_USAGE_CREDITS"})");
  REQUIRE_FALSE(body.ok());
  CHECK(body.error().code == decode_errc::invalid_value);
}
