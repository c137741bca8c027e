// balldontlie v1 decoder against real captures and hand-made edge cases.
#include <catch2/catch.hpp>

#include <numeric>

#include "fixtures.hpp"
#include "messages/decode/balldontlie.hpp"

using namespace courtside;
using namespace courtside::decode;

namespace {

int points_of(const std::vector<PlayerLine>& lines, const std::string& tricode) {
  int sum = 0;
  for (const auto& p : lines)
    if (p.team_tricode == tricode)
      sum += p.stats.pts.value_or(0);
  return sum;
}

} // namespace

TEST_CASE("balldontlie box scores of 2026-01-09: 10 final games, 347 player rows") {
  SKIP_WITHOUT_FIXTURES();
  balldontlie_decoder decoder;
  auto page = decoder.box_scores(test::read_fixture("balldontlie/v1_box_scores.date-2026-01-09.json"));
  REQUIRE(page.ok());
  const auto& boxes = page.value().box_scores;
  REQUIRE(boxes.size() == 10);
  std::size_t rows = 0;
  for (const auto& box : boxes) {
    rows += box.players.size();
    CHECK(box.game.status == game_status::final);
    CHECK(box.game.date == "2026-01-09");
    CHECK(box.home.score == box.game.home_score);
    CHECK(points_of(box.players, box.home.tricode) == *box.game.home_score);
    CHECK(points_of(box.players, box.away.tricode) == *box.game.away_score);
  }
  CHECK(rows == 347);
  CHECK_FALSE(page.value().meta.next_cursor);

  const BoxScore& first = boxes.front();
  CHECK(first.game.key == "20260109_TOR_BOS");
  CHECK(first.game.bdl_id == 18447346);
  CHECK(first.home.tricode == "BOS");
  CHECK(first.game.home_score == 125);
  CHECK(first.game.away_score == 117);
  const PlayerLine& brown = first.players.front();
  CHECK(brown.name == "Jaylen Brown");
  CHECK(brown.lookup_key == "jaylen brown");
  CHECK(brown.bdl_player_id == 70);
  CHECK(brown.team_tricode == "BOS");
  CHECK(brown.game_key == "20260109_TOR_BOS");
  CHECK(brown.stats.seconds == 37 * 60);
  CHECK(brown.stats.pts == 25);
  CHECK(brown.stats.tov == 4);
  CHECK(brown.stats.plus_minus == 17);
  CHECK(brown.played == participation::played);
}

TEST_CASE("balldontlie lists non-players with min \"00\" and zero stats: did_not_play") {
  SKIP_WITHOUT_FIXTURES();
  balldontlie_decoder decoder;
  auto page = decoder.box_scores(test::read_fixture("balldontlie/v1_box_scores.date-2026-01-09.json"));
  REQUIRE(page.ok());
  std::size_t did_not_play = 0, unpadded_five = 0;
  for (const auto& box : page.value().box_scores)
    for (const auto& p : box.players) {
      if (p.played == participation::did_not_play) {
        ++did_not_play;
        CHECK(p.stats.seconds == 0);
      }
      if (p.stats.seconds == 5 * 60)
        ++unpadded_five;
    }
  CHECK(did_not_play > 100); // ~40 % of rows
  CHECK(unpadded_five >= 1); // "5" and "05" both read as five minutes
}

TEST_CASE("balldontlie empty box-score day has an empty data array and no meta") {
  SKIP_WITHOUT_FIXTURES();
  balldontlie_decoder decoder;
  auto page = decoder.box_scores(test::read_fixture("balldontlie/v1_box_scores.empty.json"));
  REQUIRE(page.ok());
  CHECK(page.value().box_scores.empty());
  CHECK_FALSE(page.value().meta.per_page);
}

TEST_CASE("balldontlie games of 2025-02-20: 9 games, last page has no next_cursor") {
  SKIP_WITHOUT_FIXTURES();
  balldontlie_decoder decoder;
  auto page = decoder.games(test::read_fixture("balldontlie/v1_games.date-2025-02-20.json"));
  REQUIRE(page.ok());
  const auto& games = page.value().games;
  REQUIRE(games.size() == 9);
  CHECK(page.value().meta.per_page == 100);
  CHECK_FALSE(page.value().meta.next_cursor);
  CHECK(games[0].key == "20250220_CHA_DEN");
  CHECK(games[0].bdl_id == 15908525);
  CHECK(games[0].season == 2024);
  CHECK(games[0].postseason == false);
  CHECK(games[0].start_time_utc == "2025-02-21T02:00:00.000Z");
  CHECK(games.back().key == "20250220_LAL_POR");
}

TEST_CASE("balldontlie stats of game 18444564: 30 player lines keyed by the nested game") {
  SKIP_WITHOUT_FIXTURES();
  balldontlie_decoder decoder;
  auto page = decoder.stats(test::read_fixture("balldontlie/v1_stats.game-18444564.json"));
  REQUIRE(page.ok());
  const auto& lines = page.value().lines;
  REQUIRE(lines.size() == 30);
  for (const auto& line : lines) {
    CHECK(line.game_key == "20250622_IND_OKC");
    CHECK(line.bdl_game_id == 18444564);
  }
  CHECK(points_of(lines, "OKC") == 103);
  CHECK(points_of(lines, "IND") == 91);
  CHECK(lines.front().name == "Jalen Williams");
  CHECK(lines.front().bdl_player_id == 38017703);
}

TEST_CASE("balldontlie active players page 1: cursor pagination exposes next_cursor 277") {
  SKIP_WITHOUT_FIXTURES();
  balldontlie_decoder decoder;
  auto page = decoder.players(test::read_fixture("balldontlie/v1_players_active.page1.json"));
  REQUIRE(page.ok());
  CHECK(page.value().players.size() == 100);
  CHECK(page.value().meta.next_cursor == 277);
  CHECK(page.value().meta.per_page == 100);
  const Player& adams = page.value().players.front();
  CHECK(adams.name == "Steven Adams");
  CHECK(adams.team_tricode == "HOU");
  CHECK(adams.draft_year == 2013);
}

TEST_CASE("balldontlie /games/{id} puts one object under data") {
  balldontlie_decoder decoder;
  auto page = decoder.games(R"({"data":{"id":7,"date":"2025-02-20","status":"Final","period":4,
    "home_team":{"id":14,"abbreviation":"LAL"},"visitor_team":{"id":2,"abbreviation":"BOS"}}})");
  REQUIRE(page.ok());
  REQUIRE(page.value().games.size() == 1);
  CHECK(page.value().games[0].key == "20250220_BOS_LAL");
}

TEST_CASE("balldontlie strings for numbers, integral floats and older \"36:49\" minutes") {
  balldontlie_decoder decoder;
  auto page = decoder.stats(R"({"data":[{"min":"36:49","pts":"20","fgm":7.0,"fga":"20",
    "fg3m":2,"fg3a":7,"ftm":4,"fta":6,"reb":null,"player":{"id":"38017703","first_name":"Jalen",
    "last_name":"Williams"},"team":{"id":21,"abbreviation":"OKC"}}],"meta":{"next_cursor":"5"}})");
  REQUIRE(page.ok());
  const PlayerLine& line = page.value().lines.at(0);
  CHECK(line.stats.seconds == 36 * 60 + 49);
  CHECK(line.stats.pts == 20);
  CHECK(line.stats.fgm == 7);
  CHECK_FALSE(line.stats.reb);
  CHECK(line.bdl_player_id == 38017703);
  CHECK(page.value().meta.next_cursor == 5);
}

TEST_CASE("balldontlie envelope without data is missing_field data") {
  balldontlie_decoder decoder;
  auto page = decoder.games(R"({"meta":{"per_page":100}})");
  REQUIRE_FALSE(page.ok());
  CHECK(page.error().code == decode_errc::missing_field);
  CHECK(page.error().path == "data");
}

TEST_CASE("balldontlie row whose points do not add up is an invariant_violation naming it") {
  balldontlie_decoder decoder;
  auto page = decoder.stats(R"({"data":[{"pts":21,"fgm":7,"fga":20,"fg3m":2,"fg3a":7,"ftm":4,
    "fta":6,"player":{"id":1}}]})");
  REQUIRE_FALSE(page.ok());
  CHECK(page.error().code == decode_errc::invariant_violation);
  CHECK(page.error().path == "data[0]");
  CHECK(page.error().detail == "PlayerLine: pts 21 != 2*fgm + fg3m + ftm = 20");
  CHECK(page.error().byte_offset == 9);
}

TEST_CASE("balldontlie team score that its players do not add up to is rejected") {
  balldontlie_decoder decoder;
  auto page = decoder.box_scores(R"({"data":[{"id":1,"date":"2026-01-09","home_team_score":10,
    "visitor_team_score":0,"home_team":{"abbreviation":"BOS","players":[{"pts":9,
    "player":{"id":70}}]},"visitor_team":{"abbreviation":"TOR","players":[]}}]})");
  REQUIRE_FALSE(page.ok());
  CHECK(page.error().code == decode_errc::invariant_violation);
  CHECK(page.error().path == "data[0].home_team");
  CHECK(page.error().detail == "TeamLine BOS: points 10 != sum of player points 9");
}

TEST_CASE("balldontlie made > attempted names the record and the fields") {
  balldontlie_decoder decoder;
  auto page = decoder.stats(R"({"data":[{"fgm":8,"fga":7,"player":{"id":1}}]})");
  REQUIRE_FALSE(page.ok());
  CHECK(page.error().code == decode_errc::invariant_violation);
  CHECK(page.error().detail == "PlayerLine: fgm 8 > fga 7");
}

TEST_CASE("balldontlie wrong types carry the path of the value") {
  balldontlie_decoder decoder;
  auto page = decoder.box_scores(R"({"data":[{"id":1,"home_team":{"players":[{"pts":[1],
    "player":{"id":70}}]}}]})");
  REQUIRE_FALSE(page.ok());
  CHECK(page.error().code == decode_errc::wrong_type);
  CHECK(page.error().path == "data[0].home_team.players[0].pts");

  auto negative = decoder.stats(R"({"data":[{"min":"-5","player":{"id":1}}]})");
  REQUIRE_FALSE(negative.ok());
  CHECK(negative.error().code == decode_errc::out_of_range);
  CHECK(negative.error().path == "data[0].min");

  auto fractional = decoder.stats(R"({"data":[{"pts":6.5,"player":{"id":1}}]})");
  REQUIRE_FALSE(fractional.ok());
  CHECK(fractional.error().code == decode_errc::invalid_value);
}

TEST_CASE("balldontlie row without a player id is missing_field player.id") {
  balldontlie_decoder decoder;
  auto page = decoder.stats(R"({"data":[{"pts":2,"player":{"first_name":"A"}}]})");
  REQUIRE_FALSE(page.ok());
  CHECK(page.error().code == decode_errc::missing_field);
  CHECK(page.error().path == "data[0].player.id");
}

TEST_CASE("balldontlie min in every form a row may carry") {
  balldontlie_decoder decoder;
  auto page = decoder.stats(R"({"data":[
    {"min":"06","player":{"id":1}},{"min":"5","player":{"id":2}},{"min":"36:49","player":{"id":3}},
    {"min":"PT21M","player":{"id":4}},{"min":"PT34M12.00S","player":{"id":5}},{"min":34,"player":{"id":6}},
    {"min":34.5,"player":{"id":7}},{"min":"","player":{"id":8}},{"min":null,"player":{"id":9}},
    {"player":{"id":10}}]})");
  REQUIRE(page.ok());
  const auto& lines = page.value().lines;
  REQUIRE(lines.size() == 10);
  CHECK(lines[0].stats.seconds == 360);
  CHECK(lines[1].stats.seconds == 300);
  CHECK(lines[2].stats.seconds == 2209);
  CHECK(lines[3].stats.seconds == 1260);
  CHECK(lines[4].stats.seconds == 2052);
  CHECK(lines[5].stats.seconds == 2040);
  CHECK(lines[6].stats.seconds == 2070);
  CHECK_FALSE(lines[7].stats.seconds);
  CHECK_FALSE(lines[8].stats.seconds);
  CHECK_FALSE(lines[9].stats.seconds);
  CHECK(lines[9].played == participation::unknown);

  auto bad = decoder.stats(R"({"data":[{"min":"34:75","player":{"id":1}}]})");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == decode_errc::invalid_value);
  CHECK(bad.error().path == "data[0].min");
  CHECK(bad.error().byte_offset == 16);
}

TEST_CASE("one decoder object decodes many documents, good and bad, in any order") {
  balldontlie_decoder decoder;
  for (int round = 0; round < 3; ++round) {
    CHECK(decoder.games(R"({"data":[{"id":1}]})").ok());
    CHECK_FALSE(decoder.games(R"({"data":[{"id":)").ok());
    CHECK_FALSE(decoder.games("not json").ok());
    auto big = decoder.games(R"({"data":[{"id":1},{"id":2},{"id":3},{"id":4}]})");
    REQUIRE(big.ok());
    CHECK(big.value().games.size() == 4);
  }
}
