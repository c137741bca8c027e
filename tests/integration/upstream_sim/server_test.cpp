// upstream_server over loopback: every route, gzip, pagination, auth, recorded files.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "sim_fixture.hpp"

namespace us = courtside::upstream_sim;
namespace http = courtside::http;
using us::test::parsed_json;
using us::test::running_sim;

namespace {

std::string played_id(const us::league& l) { return l.games()[static_cast<std::size_t>(l.games_on({2025, 11, 14}).front())].nba_id; }

bool has_header(const http::http_response& r, std::string_view name, std::string_view value) {
  const auto v = http::find_header(r.headers, name);
  return v && *v == value;
}

} // namespace

TEST_CASE("each route answers over loopback with JSON of its API's shape", "[upstream_sim][server]") {
  running_sim sim;
  REQUIRE(sim.started());
  const auto& l = sim.server().league_data();
  const auto id = played_id(l);
  const std::vector<std::pair<std::string, std::string>> routes{
      {"/balldontlie/v1/games?dates[]=2025-11-14", "\"data\":[{\"id\":"},
      {"/balldontlie/v1/stats?dates[]=2025-11-14&per_page=5", "\"meta\":{\"next_cursor\":"},
      {"/balldontlie/v1/box_scores?date=2025-11-14", "\"players\":[{\"min\":"},
      {"/balldontlie/v1/players/active?per_page=3", "\"team\":{\"id\":"},
      {"/balldontlie/v1/teams", "\"abbreviation\":\"ATL\""},
      {"/nba_cdn/static/json/liveData/boxscore/boxscore_" + id + ".json", "\"gameId\": \"" + id + "\""},
      {"/nba_cdn/static/json/liveData/scoreboard/todaysScoreboard_00.json", "\"leagueName\": \"National Basketball Association\""},
      {"/nba_cdn/static/json/staticData/scheduleLeagueV2.json", "\"seasonYear\": \"2025-26\""},
      {"/stats_nba/stats/boxscoretraditionalv2?GameID=" + id, "\"resultSets\":[{\"name\":\"PlayerStats\""},
      {"/stats_nba/stats/boxscoretraditionalv3?GameID=" + id, "\"boxScoreTraditional\": {"},
      {"/odds_api/v4/sports", "\"key\":\"basketball_nba\""},
      {"/odds_api/v4/sports/basketball_nba/events", "\"sport_key\":\"basketball_nba\""},
  };
  for (const auto& [path, marker] : routes) {
    INFO(path);
    const auto r = sim.response(path);
    CHECK(r.status == 200);
    CHECK(us::test::valid_json(r.body));
    CHECK(r.body.find(marker) != std::string::npos);
    CHECK(http::find_header(r.headers, "Content-Type").value_or("").find("application/json") == 0);
  }
}

TEST_CASE("answers are gzipped when the client accepts gzip, plain when it does not", "[upstream_sim][server]") {
  running_sim sim;
  REQUIRE(sim.started());
  const auto path = "/nba_cdn/static/json/liveData/boxscore/boxscore_" + played_id(sim.server().league_data()) + ".json";
  const auto zipped = sim.response(path);  // the client sends Accept-Encoding: gzip, deflate
  const auto plain = sim.response(path, {{"Accept-Encoding", "identity"}});
  CHECK(has_header(zipped, "Content-Encoding", "gzip"));
  CHECK(!http::find_header(plain.headers, "Content-Encoding"));
  CHECK(zipped.body == plain.body);  // the client decoded it
  CHECK(zipped.status == 200);
}

TEST_CASE("balldontlie cursors walk every game of a date range exactly once", "[upstream_sim][server][balldontlie]") {
  running_sim sim;
  REQUIRE(sim.started());
  const auto& l = sim.server().league_data();
  std::set<std::int64_t> expected;
  for (const auto& g : l.games())
    if (!(g.date < us::civil_date{2025, 11, 1}) && !(us::civil_date{2025, 11, 20} < g.date)) expected.insert(g.bdl_id);
  std::set<std::int64_t> seen;
  std::string cursor;
  int pages = 0;
  for (; pages < 100; ++pages) {
    const auto r = sim.response("/balldontlie/v1/games?start_date=2025-11-01&end_date=2025-11-20&per_page=7" + cursor);
    REQUIRE(r.status == 200);
    parsed_json j{r.body};
    REQUIRE(j.ok());
    const auto data = j.root["data"].get_array().value();
    CHECK(data.size() <= 7);
    for (auto g : data) CHECK(seen.insert(g["id"].get_int64().value()).second);
    CHECK(j.root["meta"]["per_page"].get_int64().value() == 7);
    const auto next = j.root["meta"]["next_cursor"];
    if (next.error() == simdjson::NO_SUCH_FIELD)
      break;
    cursor = "&cursor=" + std::to_string(next.get_int64().value());
  }
  CHECK(seen == expected);
  CHECK(pages == static_cast<int>((expected.size() + 6) / 7) - 1);
}

TEST_CASE("balldontlie stats pages cover every player line of the games asked for", "[upstream_sim][server][balldontlie]") {
  running_sim sim;
  REQUIRE(sim.started());
  const auto& l = sim.server().league_data();
  const auto& a = l.games()[10];
  const auto& b = l.games()[11];
  const auto base = "/balldontlie/v1/stats?game_ids[]=" + std::to_string(a.bdl_id) + "&game_ids[]=" + std::to_string(b.bdl_id)
                    + "&per_page=25";
  std::size_t rows = 0;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    parsed_json j{sim.response(base + cursor).body};
    REQUIRE(j.ok());
    rows += j.root["data"].get_array().value().size();
    const auto next = j.root["meta"]["next_cursor"];
    if (next.error() != simdjson::SUCCESS)
      break;
    cursor = "&cursor=" + std::to_string(next.get_int64().value());
  }
  CHECK(rows == 4 * 15);
}

TEST_CASE("keys: 401 without them over the wire, 200 with them", "[upstream_sim][server][auth]") {
  auto options = us::test::default_options();
  options.routes.bdl_key = "k1";
  options.routes.odds_key = "k2";
  running_sim sim{options};
  REQUIRE(sim.started());
  CHECK(sim.response("/balldontlie/v1/teams").status == 401);
  CHECK(sim.response("/balldontlie/v1/teams", {{"Authorization", "k1"}}).status == 200);
  CHECK(sim.response("/odds_api/v4/sports/basketball_nba/events").status == 401);
  CHECK(sim.response("/odds_api/v4/sports/basketball_nba/events?apiKey=k2").status == 200);
}

TEST_CASE("unknown routes answer 404 with a JSON error", "[upstream_sim][server]") {
  running_sim sim;
  REQUIRE(sim.started());
  const auto r = sim.response("/nowhere/at/all");
  CHECK(r.status == 404);
  CHECK(r.body == "{\"error\":\"not found\",\"path\":\"/nowhere/at/all\"}");
}

TEST_CASE("/_sim/stats counts requests per endpoint", "[upstream_sim][server]") {
  running_sim sim;
  REQUIRE(sim.started());
  for (int i = 0; i < 3; ++i) CHECK(sim.response("/balldontlie/v1/teams").status == 200);
  CHECK(sim.server().counts(us::endpoint::bdl_teams).requests == 3);
  parsed_json j{sim.response("/_sim/stats").body};
  REQUIRE(j.ok());
  CHECK(j.root["endpoints"]["balldontlie/teams"]["requests"].get_int64().value() == 3);
  CHECK(sim.response("/_sim/health").body == "ok\n");
}

TEST_CASE("serve-dir answers from recorded files, query-named files first, never outside the folder",
          "[upstream_sim][server][files]") {
  const auto dir = std::filesystem::path{COURTSIDE_BINARY_DIR} / "test-scratch" / "upstream_sim_files";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "nba_cdn/liveData/boxscore");
  std::filesystem::create_directories(dir / "balldontlie/v1");
  const std::string recorded = "{\"recorded\": true}";
  std::ofstream{dir / "nba_cdn/liveData/boxscore/boxscore_0022500001.json"} << recorded;
  std::ofstream{dir / "balldontlie/v1/box_scores?date=2026-01-09"} << "{\"data\":[\"by query\"]}";
  std::ofstream{dir / "balldontlie/v1/box_scores"} << "{\"data\":[\"bare\"]}";
  std::ofstream{dir.parent_path() / "secret.json"} << "{\"secret\":1}";
  auto options = us::test::default_options();
  options.serve_dir = dir.string();
  running_sim sim{options};
  REQUIRE(sim.started());
  CHECK(sim.response("/nba_cdn/liveData/boxscore/boxscore_0022500001.json").body == recorded);
  CHECK(sim.response("/balldontlie/v1/box_scores?date=2026-01-09").body == "{\"data\":[\"by query\"]}");
  CHECK(sim.response("/balldontlie/v1/box_scores?date=2026-01-10").body == "{\"data\":[\"bare\"]}");
  const auto escape = sim.response("/../secret.json");
  CHECK(escape.status == 404);
  CHECK(escape.body.find("\"secret\":1") == std::string::npos);
  // Paths without a recording fall through to the synthetic league.
  CHECK(sim.response("/balldontlie/v1/teams").body.find("\"abbreviation\":\"ATL\"") != std::string::npos);
}

TEST_CASE("recorded real fixtures come back byte for byte", "[upstream_sim][server][files]") {
  const std::filesystem::path fixtures{COURTSIDE_FIXTURES_DIR};
  if (!std::filesystem::exists(fixtures)) {
    WARN("fixtures absent");
    return;
  }
  const auto dir = std::filesystem::path{COURTSIDE_BINARY_DIR} / "test-scratch" / "upstream_sim_fixtures";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "nba_cdn/liveData/boxscore");
  std::filesystem::copy_file(fixtures / "nba-cdn-live/boxscore_0022500775.json",
                             dir / "nba_cdn/liveData/boxscore/boxscore_0022500775.json");
  auto options = us::test::default_options();
  options.serve_dir = dir.string();
  running_sim sim{options};
  REQUIRE(sim.started());
  std::ifstream in{fixtures / "nba-cdn-live/boxscore_0022500775.json", std::ios::binary};
  const std::string original{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
  // Path for path: the file sits where the request path says.
  CHECK(sim.response("/nba_cdn/liveData/boxscore/boxscore_0022500775.json").body == original);
}
