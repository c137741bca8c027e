// stats.nba.com box score decoders (v2 resultSets, v3 named fields).
#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "messages/decode/stats_nba.hpp"

using namespace courtside;
using namespace courtside::decode;

namespace {

const PlayerLine* find_player(const BoxScore& box, const std::string& name) {
  for (const auto& p : box.players)
    if (p.name == name)
      return &p;
  return nullptr;
}

} // namespace

TEST_CASE("stats v2 box score 0022400561: OT game NYK 125-119 PHI, mapped through headers") {
  SKIP_WITHOUT_FIXTURES();
  stats_nba_decoder decoder;
  auto box = decoder.boxscore_v2(test::read_fixture("stats-nba-com/boxscoretraditionalv2.0022400561.json"));
  REQUIRE(box.ok());
  const BoxScore& b = box.value();
  CHECK(b.game.nba_game_id == "0022400561");
  CHECK(b.game.season == 2024);
  CHECK_FALSE(b.sides_known);
  CHECK(b.game.key.empty()); // no date in a v2 payload
  CHECK(b.players.size() == 25);
  CHECK(b.away.tricode == "NYK"); // first team listed
  CHECK(b.home.tricode == "PHI");
  CHECK(b.away.totals.pts == 125);
  CHECK(b.home.totals.pts == 119);
  CHECK(b.away.totals.seconds == 265 * 60); // overtime: 265 team minutes
  CHECK(b.away.name == "New York Knicks");

  const PlayerLine* hart = find_player(b, "Josh Hart");
  REQUIRE(hart);
  CHECK(hart->stats.seconds == 49 * 60 + 25);
  CHECK(hart->stats.reb == 17);
  CHECK(hart->starter == true);
  CHECK(hart->played == participation::played);
  CHECK(hart->nba_player_id == 1628404);

  const PlayerLine* payne = find_player(b, "Cameron Payne");
  REQUIRE(payne);
  CHECK(payne->stats.seconds == 7 * 60 + 28); // "7:28"
  CHECK(payne->starter == false);

  const PlayerLine* oubre = find_player(b, "Kelly Oubre Jr.");
  REQUIRE(oubre);
  CHECK(oubre->lookup_key == "kelly oubre");
}

TEST_CASE("stats v2 DNP rows are all null with the reason in COMMENT") {
  SKIP_WITHOUT_FIXTURES();
  stats_nba_decoder decoder;
  auto box = decoder.boxscore_v2(test::read_fixture("stats-nba-com/boxscoretraditionalv2.0022400561.json"));
  REQUIRE(box.ok());
  const PlayerLine* kolek = find_player(box.value(), "Tyler Kolek");
  REQUIRE(kolek);
  CHECK(kolek->played == participation::did_not_play);
  CHECK(kolek->not_playing_reason == "DNP - Coach's Decision");
  CHECK_FALSE(kolek->stats.seconds);
  CHECK_FALSE(kolek->stats.pts);
  CHECK_FALSE(kolek->stats.plus_minus);

  const PlayerLine* drummond = find_player(box.value(), "Andre Drummond");
  REQUIRE(drummond);
  CHECK(drummond->played == participation::inactive); // "DND - Injury/Illness"
}

TEST_CASE("stats v2 header case varies and rows may come before headers") {
  stats_nba_decoder decoder;
  auto box = decoder.boxscore_v2(R"({"resultSets":[{"rowSet":[
      ["0022400561",1610612752,"NYK",1,"A B","F","","10:00",2,3,0,1,0,0,4,"  "],
      ["0022400561",1610612755,"PHI",2,"C D","","DNP - Coach's Decision                  ",null,null,null,null,null,null,null,null,null]],
    "name":"PlayerStats",
    "headers":["Game_ID","Team_ID","team_abbreviation","Player_ID","Player_Name","START_POSITION","COMMENT","MIN","FGM","FGA","FG3M","FG3A","FTM","FTA","PTS","PLUS_MINUS"]}]})");
  REQUIRE(box.ok());
  const BoxScore& b = box.value();
  REQUIRE(b.players.size() == 2);
  CHECK(b.players[0].stats.pts == 4);
  CHECK(b.players[0].stats.seconds == 600);
  CHECK_FALSE(b.players[0].stats.plus_minus); // "  " is no value
  CHECK(b.players[1].not_playing_reason == "DNP - Coach's Decision"); // padding trimmed
  CHECK(b.game.nba_game_id == "0022400561");
}

TEST_CASE("stats v2 errors name the result set, row and column") {
  stats_nba_decoder decoder;
  auto bad_cell = decoder.boxscore_v2(R"({"resultSets":[{"name":"PlayerStats",
    "headers":["GAME_ID","PLAYER_ID","PTS"],"rowSet":[["0022400561",1,2],["0022400561",2,"x"]]}]})");
  REQUIRE_FALSE(bad_cell.ok());
  CHECK(bad_cell.error().code == decode_errc::invalid_value);
  CHECK(bad_cell.error().path == "resultSets[0].rowSet[1][2]");

  auto short_row = decoder.boxscore_v2(R"({"resultSets":[{"name":"PlayerStats",
    "headers":["GAME_ID","PLAYER_ID","PTS"],"rowSet":[["0022400561",1]]}]})");
  REQUIRE_FALSE(short_row.ok());
  CHECK(short_row.error().code == decode_errc::invalid_value);
  CHECK(short_row.error().path == "resultSets[0].rowSet[0]");

  auto no_players = decoder.boxscore_v2(R"({"resultSets":[{"name":"TeamStats","headers":[],"rowSet":[]}]})");
  REQUIRE_FALSE(no_players.ok());
  CHECK(no_players.error().code == decode_errc::missing_field);

  auto two_games = decoder.boxscore_v2(R"({"parameters":{"GameID":"0022400561"},"resultSets":[{
    "name":"PlayerStats","headers":["GAME_ID","PLAYER_ID"],"rowSet":[["0022400562",1]]}]})");
  REQUIRE_FALSE(two_games.ok());
  CHECK(two_games.error().code == decode_errc::invariant_violation);
}

TEST_CASE("stats v3 box score 0022500165: TOR 128-100 MIL, DNP minutes are \"\"") {
  SKIP_WITHOUT_FIXTURES();
  stats_nba_decoder decoder;
  auto box = decoder.boxscore_v3(test::read_fixture("stats-nba-com/boxscoretraditionalv3.docs-0022500165.json"));
  REQUIRE(box.ok());
  const BoxScore& b = box.value();
  CHECK(b.sides_known);
  CHECK(b.game.nba_game_id == "0022500165");
  CHECK(b.home.tricode == "TOR");
  CHECK(b.away.tricode == "MIL");
  CHECK(b.game.home_score == 128);
  CHECK(b.game.away_score == 100);
  CHECK(b.home.totals.seconds == 240 * 60);
  CHECK(b.players.size() == 14 + 15);

  const PlayerLine* temple = find_player(b, "Garrett Temple");
  REQUIRE(temple);
  CHECK_FALSE(temple->stats.seconds);
  CHECK(temple->played == participation::did_not_play);
  CHECK(temple->not_playing_reason == "DNP - Coach's Decision");

  const PlayerLine* ingram = find_player(b, "Brandon Ingram");
  REQUIRE(ingram);
  CHECK(ingram->starter == true);
  CHECK(ingram->stats.seconds == 30 * 60 + 49);
  const PlayerLine* trent = find_player(b, "Gary Trent Jr.");
  REQUIRE(trent);
  CHECK(trent->lookup_key == "gary trent");
  CHECK(trent->team_tricode == "MIL");
}

TEST_CASE("stats v3 without boxScoreTraditional is missing_field") {
  stats_nba_decoder decoder;
  auto box = decoder.boxscore_v3(R"({"meta":{"version":1}})");
  REQUIRE_FALSE(box.ok());
  CHECK(box.error().code == decode_errc::missing_field);
  CHECK(box.error().path == "boxScoreTraditional");
}
