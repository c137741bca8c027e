// JSON lines output: proper escaping, valid UTF-8, one parseable record per line.
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <limits>
#include <sstream>

#include "fixtures.hpp"
#include "messages/decode/any_decoder.hpp"
#include "messages/json_lines.hpp"

using namespace courtside;

namespace {

std::string quoted(std::string_view text) {
  std::string out;
  json::append_string(out, text);
  return out;
}

// Every line must be a JSON object that simdjson accepts; returns the number of lines.
std::size_t check_lines(const std::string& text) {
  simdjson::dom::parser parser;
  std::istringstream in(text);
  std::string row;
  std::size_t count = 0;
  while (std::getline(in, row)) {
    INFO(row);
    simdjson::dom::element element;
    REQUIRE(parser.parse(row).get(element) == simdjson::SUCCESS);
    CHECK(element.is_object());
    ++count;
  }
  return count;
}

} // namespace

TEST_CASE("JSON strings escape quotes, backslashes and control characters") {
  CHECK(quoted("plain") == "\"plain\"");
  CHECK(quoted("DNP - Coach's \"Decision\"") == R"("DNP - Coach's \"Decision\"")");
  CHECK(quoted("a\\b") == R"("a\\b")");
  CHECK(quoted("line\nbreak\ttab\r") == R"("line\nbreak\ttab\r")");
  CHECK(quoted(std::string_view("\x01\x1f", 2)) == R"("\u0001\u001f")");
  CHECK(quoted(std::string_view("nul\0", 4)) == R"("nul\u0000")");
}

TEST_CASE("JSON strings keep UTF-8 and replace bytes that are not UTF-8") {
  CHECK(quoted("Vučević") == "\"Vučević\"");
  CHECK(quoted("bad\xff") == "\"bad\xEF\xBF\xBD\"");
  CHECK(quoted("cut\xc4") == "\"cut\xEF\xBF\xBD\"");
  CHECK(quoted("\xed\xa0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""); // surrogate
}

TEST_CASE("JSON numbers: shortest round trip, integers exact, non-finite as null") {
  std::string out;
  json::append_number(out, 20.5);
  out += ' ';
  json::append_number(out, 0.1);
  out += ' ';
  json::append_number(out, std::int64_t{9223372036854775807});
  out += ' ';
  json::append_number(out, std::numeric_limits<double>::infinity());
  CHECK(out == "20.5 0.1 9223372036854775807 null");
}

TEST_CASE("a player line carries its record tag, nulls for absent stats") {
  PlayerLine p;
  p.name = "Tyler Kolek";
  p.nba_player_id = 1642278;
  p.played = participation::did_not_play;
  p.not_playing_reason = "DNP - Coach's Decision";
  std::string out;
  json::append_json(out, p);
  CHECK(out.rfind(R"({"record":"player",)", 0) == 0);
  CHECK(out.find(R"("nba_player_id":1642278)") != std::string::npos);
  CHECK(out.find(R"("played":"did_not_play")") != std::string::npos);
  CHECK(out.find(R"("pts":null)") != std::string::npos);
  CHECK(out.find(R"("starter":null)") != std::string::npos);
}

TEST_CASE("every decoded fixture prints as parseable JSON lines") {
  SKIP_WITHOUT_FIXTURES();
  decode::any_decoder decoder;
  struct expectation {
    const char* path;
    decode::decode_kind kind;
    std::size_t lines;
  };
  const expectation cases[] = {
      // 10 games x (game + 2 teams) + 347 players + page line
      {"balldontlie/v1_box_scores.date-2026-01-09.json", decode::decode_kind::bdl_box_scores, 30 + 347 + 1},
      {"nba-cdn-live/boxscore_0022000001.json", decode::decode_kind::nbacom_boxscore, 3 + 34},
      {"nba-cdn-static/scheduleLeagueV2.2025-26.early.json", decode::decode_kind::nbacom_schedule, 1 + 13},
      {"the-odds-api/v4_historical_events.2024-01-25T0355.json", decode::decode_kind::odds_events, 0},
  };
  for (const auto& c : cases) {
    INFO(c.path);
    auto result = decoder.decode(c.kind, test::read_fixture(c.path));
    REQUIRE(result.ok());
    std::string out;
    std::visit([&](const auto& doc) { json::append_json_lines(out, doc); }, result.value());
    const std::size_t lines = check_lines(out);
    if (c.lines != 0)
      CHECK(lines == c.lines);
    else
      CHECK(lines > 1);
  }
}
