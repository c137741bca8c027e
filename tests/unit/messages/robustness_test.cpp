// Any byte sequence gives a value or a typed error: never a crash, a hang or a throw.
// Every real fixture is cut at every byte offset and corrupted at random (seeded), with one
// decoder (one parser per upstream) reused throughout.
#include <catch2/catch.hpp>

#include <array>
#include <map>

#include "fixtures.hpp"
#include "messages/decode/any_decoder.hpp"
#include "runtime/random.hpp"

using namespace courtside;
using namespace courtside::decode;

namespace {

struct fixture_case {
  const char* path;
  decode_kind kind;
};

constexpr std::array<fixture_case, 14> fixture_cases{{
    {"balldontlie/v1_box_scores.date-2026-01-09.json", decode_kind::bdl_box_scores},
    {"balldontlie/v1_box_scores.empty.json", decode_kind::bdl_box_scores},
    {"balldontlie/v1_games.date-2025-02-20.json", decode_kind::bdl_games},
    {"balldontlie/v1_stats.game-18444564.json", decode_kind::bdl_stats},
    {"balldontlie/v1_players_active.page1.json", decode_kind::bdl_players},
    {"nba-cdn-live/boxscore_0022500775.json", decode_kind::nbacom_boxscore},
    {"nba-cdn-live/boxscore_0022000001.json", decode_kind::nbacom_boxscore},
    {"nba-cdn-live/todaysScoreboard_00.2026-02-11.in-progress.json", decode_kind::nbacom_scoreboard},
    {"nba-cdn-live/todaysScoreboard_00.2026-02-11.final.json", decode_kind::nbacom_scoreboard},
    {"nba-cdn-static/scheduleLeagueV2.2025-26.early.json", decode_kind::nbacom_schedule},
    {"stats-nba-com/boxscoretraditionalv2.0022400561.json", decode_kind::stats_boxscore_v2},
    {"stats-nba-com/boxscoretraditionalv3.docs-0022500165.json", decode_kind::stats_boxscore_v3},
    {"the-odds-api/v4_historical_event_odds_player_props.2025-01-31.json", decode_kind::odds_event_odds},
    {"the-odds-api/v4_historical_events.2024-01-25T0355.json", decode_kind::odds_events},
}};

// Length without trailing whitespace: cutting only whitespace leaves a complete document.
std::size_t content_length(const std::string& s) {
  std::size_t n = s.size();
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == '\t'))
    --n;
  return n;
}

} // namespace

TEST_CASE("every real fixture decodes with its kind") {
  SKIP_WITHOUT_FIXTURES();
  any_decoder decoder;
  for (const fixture_case& c : fixture_cases) {
    INFO(c.path);
    auto result = decoder.decode(c.kind, test::read_fixture(c.path));
    CHECK(result.ok());
    if (!result.ok())
      FAIL_CHECK(result.error().describe());
  }
}

TEST_CASE("a real fixture cut at every byte offset is a truncated error, never a value") {
  SKIP_WITHOUT_FIXTURES();
  any_decoder decoder;
  for (const fixture_case& c : fixture_cases) {
    INFO(c.path);
    const std::string json = test::read_fixture(c.path);
    REQUIRE(!json.empty());
    const std::size_t n = content_length(json);
    std::size_t values = 0, not_truncated = 0, offsets_past_cut = 0;
    std::string first_surprise;
    for (std::size_t cut = 0; cut < n; ++cut) {
      auto result = decoder.decode(c.kind, std::string_view(json.data(), cut));
      if (result.ok()) {
        ++values;
        continue;
      }
      if (result.error().code != decode_errc::truncated) {
        ++not_truncated;
        if (first_surprise.empty())
          first_surprise = std::to_string(cut) + ": " + result.error().describe();
      }
      if (result.error().byte_offset > cut)
        ++offsets_past_cut;
    }
    INFO(first_surprise);
    CHECK(values == 0);
    CHECK(not_truncated == 0);
    CHECK(offsets_past_cut == 0);
    // The whole document still decodes after all that reuse of one parser.
    CHECK(decoder.decode(c.kind, json).ok());
  }
}

TEST_CASE("a real fixture with random bytes corrupted gives a value or a typed error") {
  SKIP_WITHOUT_FIXTURES();
  any_decoder decoder;
  random_source random(20250131);
  std::map<decode_errc, std::size_t> seen;
  constexpr int mutations_per_fixture = 150;
  for (const fixture_case& c : fixture_cases) {
    INFO(c.path);
    const std::string original = test::read_fixture(c.path);
    std::size_t bad_offsets = 0;
    for (int i = 0; i < mutations_per_fixture; ++i) {
      std::string json = original;
      const auto edits = 1 + random.below(3);
      for (std::uint64_t e = 0; e < edits && !json.empty(); ++e) {
        const auto at = static_cast<std::size_t>(random.below(json.size()));
        static constexpr char tokens[] = "{}[],:\"\\0123456789.-eEtrufalsn \x80\xff";
        const char byte = random.below(2) == 0 ? static_cast<char>(random.below(256))
                                               : tokens[random.below(sizeof tokens - 1)];
        switch (random.below(3)) {
          case 0:
            json[at] = byte;
            break;
          case 1:
            json.insert(json.begin() + static_cast<std::ptrdiff_t>(at), byte);
            break;
          default:
            json.erase(at, 1);
            break;
        }
      }
      auto result = decoder.decode(c.kind, json);
      if (!result.ok()) {
        ++seen[result.error().code];
        if (result.error().byte_offset > json.size())
          ++bad_offsets;
      }
    }
    CHECK(bad_offsets == 0);
  }
  CHECK(seen.size() >= 3); // many kinds of damage, many kinds of error
}

TEST_CASE("roots that are not the expected document are typed errors") {
  any_decoder decoder;
  struct expectation {
    const char* json;
    decode_errc code;
    std::size_t offset;
  };
  const expectation cases[] = {
      {"", decode_errc::truncated, 0},
      {"   \r\n", decode_errc::truncated, 5},
      {"{", decode_errc::truncated, 1},
      {"{\"data\":[", decode_errc::truncated, 9},
      {"42", decode_errc::wrong_type, 0},
      {"  \"data\"", decode_errc::wrong_type, 2},
      {"null", decode_errc::wrong_type, 0},
      {"[]", decode_errc::wrong_type, 0},
      {"{\"data\":[]} {}", decode_errc::malformed_json, 12},
      {"{\"data\":[}", decode_errc::malformed_json, 9},
      {"{\"data\" [] }", decode_errc::malformed_json, 8},
      {"{\"data\":[\"\xff\"]}", decode_errc::invalid_utf8, 10},
      {"{\"data\":{\"id\":1}}", decode_errc::wrong_type, 8},
      {"{\"data\":[1]}", decode_errc::wrong_type, 9},
  };
  for (const auto& c : cases) {
    INFO(c.json);
    auto result = decoder.decode(decode_kind::bdl_box_scores, c.json);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == c.code);
    CHECK(result.error().byte_offset == c.offset);
  }
}

TEST_CASE("numbers past 64 bits and counts past int are out_of_range") {
  any_decoder decoder;
  auto huge = decoder.decode(decode_kind::bdl_games,
                             R"({"data":[{"id":18446744073709551616000}]})");
  REQUIRE_FALSE(huge.ok());
  CHECK((huge.error().code == decode_errc::out_of_range ||
         huge.error().code == decode_errc::malformed_json));

  auto big_id = decoder.decode(decode_kind::bdl_games, R"({"data":[{"id":9223372036854775808}]})");
  REQUIRE_FALSE(big_id.ok());
  CHECK(big_id.error().code == decode_errc::out_of_range);
  CHECK(big_id.error().path == "data[0].id");

  auto id_64 = decoder.decode(decode_kind::bdl_games, R"({"data":[{"id":9223372036854775807}]})");
  REQUIRE(id_64.ok());
  CHECK(std::get<GamesPage>(id_64.value()).games[0].bdl_id == 9223372036854775807);

  auto count = decoder.decode(decode_kind::bdl_stats,
                              R"({"data":[{"pts":2147483648,"player":{"id":1}}]})");
  REQUIRE_FALSE(count.ok());
  CHECK(count.error().code == decode_errc::out_of_range);
  CHECK(count.error().path == "data[0].pts");
}

TEST_CASE("unicode escapes and raw UTF-8 decode to the same name and lookup key") {
  any_decoder decoder;
  auto escaped = decoder.decode(decode_kind::bdl_stats,
      R"({"data":[{"player":{"id":1,"first_name":"Nikola","last_name":"Vu\u010devi\u0107"}}]})");
  auto raw = decoder.decode(decode_kind::bdl_stats,
      "{\"data\":[{\"player\":{\"id\":1,\"first_name\":\"Nikola\",\"last_name\":\"Vu\xc4\x8d"
      "evi\xc4\x87\"}}]}");
  REQUIRE(escaped.ok());
  REQUIRE(raw.ok());
  const PlayerLine& a = std::get<PlayerLinesPage>(escaped.value()).lines[0];
  const PlayerLine& b = std::get<PlayerLinesPage>(raw.value()).lines[0];
  CHECK(a.name == b.name);
  CHECK(a.lookup_key == "nikola vucevic");
  CHECK(b.lookup_key == "nikola vucevic");

  auto lone_surrogate = decoder.decode(decode_kind::bdl_stats,
      R"({"data":[{"player":{"id":1,"first_name":"\ud800x"}}]})");
  REQUIRE_FALSE(lone_surrogate.ok());
  CHECK(lone_surrogate.error().path == "data[0].player.first_name");
}

TEST_CASE("booleans as strings, ints and literals, bad ones are invalid_value") {
  any_decoder decoder;
  auto box = decoder.decode(decode_kind::nbacom_boxscore, R"({"game":{"gameId":"0022500775",
    "homeTeam":{"teamTricode":"CHA","players":[{"personId":1,"starter":"1","played":"1"},
    {"personId":2,"starter":false,"played":0},{"personId":3,"starter":"true","played":"false"}]},
    "awayTeam":{"teamTricode":"ATL"}}})");
  REQUIRE(box.ok());
  const auto& players = std::get<BoxScore>(box.value()).players;
  CHECK(players[0].starter == true);
  CHECK(players[1].starter == false);
  CHECK(players[1].played == participation::did_not_play);
  CHECK(players[2].starter == true);

  auto bad = decoder.decode(decode_kind::nbacom_boxscore,
                            R"({"game":{"gameId":"1","homeTeam":{"players":[{"starter":"yes"}]}}})");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == decode_errc::invalid_value);
  CHECK(bad.error().path == "game.homeTeam.players[0].starter");
}

TEST_CASE("CRLF pretty-printed input decodes like compact input") {
  any_decoder decoder;
  auto crlf = decoder.decode(decode_kind::bdl_games,
                             "{\r\n  \"data\" : [\r\n    {\r\n      \"id\" : 5\r\n    }\r\n  ]\r\n}\r\n");
  REQUIRE(crlf.ok());
  CHECK(std::get<GamesPage>(crlf.value()).games.at(0).bdl_id == 5);
}

TEST_CASE("a UTF-8 byte order mark before the document is skipped, offsets still count it") {
  any_decoder decoder;
  auto ok = decoder.decode(decode_kind::bdl_games, "\xEF\xBB\xBF{\"data\":[{\"id\":5}]}");
  REQUIRE(ok.ok());
  CHECK(std::get<GamesPage>(ok.value()).games.at(0).bdl_id == 5);
  auto bad = decoder.decode(decode_kind::bdl_games, "\xEF\xBB\xBF{\"data\":[{\"id\":\"x\"}]}");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().byte_offset == 3 + 15);
  auto cut = decoder.decode(decode_kind::bdl_games, "\xEF\xBB\xBF{\"data\":[");
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.error().byte_offset == 3 + 9);
}

TEST_CASE("a document past the 64 MiB cap is too_large, not parsed") {
  any_decoder decoder;
  std::string huge(65u << 20, ' ');
  huge.front() = '{';
  huge.back() = '}';
  auto result = decoder.decode(decode_kind::nbacom_schedule, huge);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == decode_errc::too_large);
}
