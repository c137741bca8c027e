// The router's payloads, without a network: the shapes and quirks of the real APIs, the
// invariants readable from the JSON itself, and byte-for-byte determinism.
#include <catch2/catch.hpp>

#include <set>

#include "runtime/http/url.hpp"
#include "sim_fixture.hpp"
#include "tools/upstream-sim/router.hpp"

namespace us = courtside::upstream_sim;
namespace http = courtside::http;
using us::test::parsed_json;
using namespace std::chrono_literals;

namespace {

http::server_request get_request(const std::string& target, http::header_list headers = {}) {
  http::server_request r;
  r.method = "GET";
  r.target = target;
  const auto q = target.find('?');
  r.path = http::percent_decode(target.substr(0, q), false);
  if (q != std::string::npos)
    r.query = http::parse_query(target.substr(q + 1));
  r.headers = std::move(headers);
  return r;
}

const us::league& season() {
  static const us::league l{us::test::default_options().league};
  return l;
}

struct fixture {
  us::router router{season(), us::router_options{}};
  http::server_response get(const std::string& target, std::chrono::milliseconds since = 0ms) const {
    return router.handle(get_request(target), since);
  }
};

/// A played game (2025-11-14) and a scheduled one inside the props horizon (2025-11-16).
const us::game& played_game() { return season().games()[static_cast<std::size_t>(season().games_on({2025, 11, 14}).front())]; }
const us::game& future_game() { return season().games()[static_cast<std::size_t>(season().games_on({2025, 11, 16}).front())]; }

const std::vector<std::string>& sample_targets() {
  static const std::vector<std::string> targets{
      "/balldontlie/v1/games?dates[]=2025-11-14",
      "/balldontlie/v1/stats?game_ids[]=" + std::to_string(played_game().bdl_id),
      "/balldontlie/v1/box_scores?date=2025-11-14",
      "/balldontlie/v1/players?per_page=100",
      "/nba_cdn/static/json/liveData/boxscore/boxscore_" + played_game().nba_id + ".json",
      "/nba_cdn/static/json/liveData/scoreboard/todaysScoreboard_00.json",
      "/stats_nba/stats/boxscoretraditionalv2?GameID=" + played_game().nba_id,
      "/stats_nba/stats/boxscoretraditionalv3?GameID=" + played_game().nba_id,
      "/odds_api/v4/sports/basketball_nba/events",
      "/odds_api/v4/sports/basketball_nba/events/" + future_game().event_id
        + "/odds?markets=player_points,player_rebounds,player_assists",
  };
  return targets;
}

} // namespace

TEST_CASE("every payload is valid JSON and byte-identical for the same seed", "[upstream_sim][payload]") {
  const fixture f;
  const us::league again{us::test::default_options().league};
  const us::router other{again, us::router_options{}};
  for (const auto& target : sample_targets()) {
    INFO(target);
    const auto a = f.get(target);
    const auto b = other.handle(get_request(target), 0ms);
    CHECK(a.status == 200);
    CHECK(a.body == b.body);
    CHECK(us::test::valid_json(a.body));
  }
  const auto schedule = f.get("/nba_cdn/static/json/staticData/scheduleLeagueV2.json");
  CHECK(schedule.body == other.handle(get_request("/nba_cdn/static/json/staticData/scheduleLeagueV2.json"), 0ms).body);
}

TEST_CASE("another seed gives other box scores", "[upstream_sim][payload]") {
  auto options = us::test::default_options().league;
  options.seed = 7;
  const us::league seven{options};
  const us::router r7{seven, {}};
  const fixture f;
  const auto target = "/nba_cdn/liveData/boxscore/boxscore_" + played_game().nba_id + ".json";
  CHECK(r7.handle(get_request(target), 0ms).body != f.get(target).body);
}

TEST_CASE("the real base path below the prefix is optional", "[upstream_sim][payload]") {
  const fixture f;
  CHECK(f.get("/balldontlie/games?dates[]=2025-11-14").body == f.get("/balldontlie/v1/games?dates[]=2025-11-14").body);
  CHECK(f.get("/nba_cdn/liveData/scoreboard/todaysScoreboard_00.json").body
        == f.get("/nba_cdn/static/json/liveData/scoreboard/todaysScoreboard_00.json").body);
  CHECK(f.get("/stats_nba/boxscoretraditionalv2?GameID=0022500001").body
        == f.get("/stats_nba/stats/boxscoretraditionalv2?GameID=0022500001").body);
  CHECK(f.get("/odds_api/sports/basketball_nba/events").body == f.get("/odds_api/v4/sports/basketball_nba/events").body);
}

TEST_CASE("balldontlie box_scores: players' points add up to the score, minutes are whole-minute strings",
          "[upstream_sim][payload][balldontlie]") {
  const fixture f;
  const auto r = f.get("/balldontlie/v1/box_scores?date=2025-11-14");
  parsed_json j{r.body};
  REQUIRE(j.ok());
  CHECK(j.root["meta"].error() == simdjson::NO_SUCH_FIELD);
  const auto games = j.root["data"].get_array().value();
  REQUIRE(games.size() == season().games_on({2025, 11, 14}).size());
  for (auto g : games) {
    CHECK(g["status"].get_string().value() == "Final");
    for (const char* side : {"home_team", "visitor_team"}) {
      std::int64_t sum = 0;
      for (auto p : us::test::array_of(g[side]["players"])) {
        sum += p["pts"].get_int64().value();
        const auto min = p["min"].get_string().value();
        CHECK(min.size() == 2);
      }
      const std::string score = std::string{side} == "home_team" ? "home_team_score" : "visitor_team_score";
      CHECK(sum == g[score].get_int64().value());
    }
    CHECK(g["home_ot3"].is_null());
  }
  CHECK(f.get("/balldontlie/v1/box_scores?date=2025-11-20").body == "{\"data\":[]}");
  CHECK(f.get("/balldontlie/v1/box_scores").status == 400);
}

TEST_CASE("balldontlie games: scheduled games carry the tip-off as status and no period",
          "[upstream_sim][payload][balldontlie]") {
  const fixture f;
  parsed_json j{f.get("/balldontlie/v1/games/" + std::to_string(future_game().bdl_id)).body};
  REQUIRE(j.ok());
  const auto g = j.root["data"];
  CHECK(g["period"].get_int64().value() == 0);
  CHECK(g["time"].is_null());
  CHECK(g["status"].get_string().value().back() == 'Z');
  CHECK(f.get("/balldontlie/v1/games/1").status == 404);
}

TEST_CASE("CDN box score: points add up, minutes sum to PT240M, booleans are strings",
          "[upstream_sim][payload][cdn]") {
  const fixture f;
  const auto r = f.get("/nba_cdn/static/json/liveData/boxscore/boxscore_" + played_game().nba_id + ".json");
  CHECK(r.body.rfind("{\"meta\": {\"version\": 1, \"code\": 200,", 0) == 0);  // Python separators
  parsed_json j{r.body};
  REQUIRE(j.ok());
  const auto game = j.root["game"];
  CHECK(game["gameStatus"].get_int64().value() == 3);
  for (const char* side : {"homeTeam", "awayTeam"}) {
    std::int64_t points = 0, seconds = 0, starters = 0;
    for (auto p : us::test::array_of(game[side]["players"])) {
      const auto s = p["statistics"];
      points += s["points"].get_int64().value();
      const std::string minutes{s["minutes"].get_string().value()};
      REQUIRE(minutes.rfind("PT", 0) == 0);
      seconds += std::stoi(minutes.substr(2)) * 60 + std::stoi(minutes.substr(minutes.find('M') + 1));
      const auto starter = p["starter"].get_string().value();
      CHECK((starter == "0" || starter == "1"));
      CHECK((p["position"].error() == simdjson::SUCCESS) == (starter == "1"));
      starters += starter == "1" ? 1 : 0;
      if (p["played"].get_string().value() == "1")
        CHECK(p["notPlayingReason"].error() == simdjson::NO_SUCH_FIELD);
    }
    CHECK(points == game[side]["score"].get_int64().value());
    const std::string team_minutes{game[side]["statistics"]["minutes"].get_string().value()};
    CHECK(seconds == std::stoi(team_minutes.substr(2)) * 60);  // "PT240M00.00S": 48 min x 5
    CHECK(seconds >= 14400);
    CHECK(starters == 5);
  }
}

TEST_CASE("CDN box score of a game not played yet is S3's 403 AccessDenied", "[upstream_sim][payload][cdn]") {
  const fixture f;
  const auto r = f.get("/nba_cdn/static/json/liveData/boxscore/boxscore_" + future_game().nba_id + ".json");
  CHECK(r.status == 403);
  CHECK(r.body.find("<Code>AccessDenied</Code>") != std::string::npos);
  CHECK(f.get("/nba_cdn/static/json/liveData/boxscore/boxscore_0029999999.json").status == 403);
}

TEST_CASE("scoreboard: today's final games end in a mislabelled Z with an empty clock",
          "[upstream_sim][payload][cdn]") {
  const fixture f;
  parsed_json j{f.get("/nba_cdn/static/json/liveData/scoreboard/todaysScoreboard_00.json").body};
  REQUIRE(j.ok());
  CHECK(j.root["scoreboard"]["gameDate"].get_string().value() == "2025-11-15");
  const auto games = j.root["scoreboard"]["games"].get_array().value();
  CHECK(games.size() == season().games_on({2025, 11, 15}).size());
  for (auto g : games) {
    CHECK(g["gameStatus"].get_int64().value() == 3);
    CHECK(g["gameClock"].get_string().value().empty());
    CHECK(g["gameEt"].get_string().value().back() == 'Z');
    CHECK(g["gameLeaders"]["homeLeaders"]["playerSlug"].is_null());
  }
}

TEST_CASE("schedule: every game once, CRLF, US dates, final games with scores", "[upstream_sim][payload][cdn]") {
  const fixture f;
  const auto r = f.get("/nba_cdn/static/json/staticData/scheduleLeagueV2.json");
  CHECK(r.body.find("\r\n") != std::string::npos);
  parsed_json j{r.body};
  REQUIRE(j.ok());
  std::set<std::string> ids;
  std::size_t finals = 0;
  for (auto day : us::test::array_of(j.root["leagueSchedule"]["gameDates"])) {
    const auto date = day["gameDate"].get_string().value();
    CHECK(date.size() == 19);
    CHECK(date.substr(10) == " 00:00:00");
    for (auto g : us::test::array_of(day["games"])) {
      ids.emplace(g["gameId"].get_string().value());
      finals += g["gameStatus"].get_int64().value() == 3 ? 1 : 0;
    }
  }
  CHECK(ids.size() == 1230);
  std::size_t played = 0;
  for (const auto& g : season().games()) played += season().played(g) ? 1 : 0;
  CHECK(finals == played);
}

TEST_CASE("stats v2: rows line up with headers, DNP rows are null with a COMMENT, names escaped",
          "[upstream_sim][payload][stats]") {
  const fixture f;
  // Find a game with an accented player so the \u escape shows.
  std::string body;
  for (int i = 0; i < 200 && body.find("\\u") == std::string::npos; ++i)
    body = f.get("/stats_nba/stats/boxscoretraditionalv2?GameID=" + season().games()[static_cast<std::size_t>(i)].nba_id).body;
  CHECK(body.find("\\u") != std::string::npos);
  parsed_json j{body};
  REQUIRE(j.ok());
  const auto players = j.root["resultSets"].at(0);
  CHECK(players["name"].get_string().value() == "PlayerStats");
  const auto width = players["headers"].get_array().value().size();
  std::size_t dnp = 0;
  for (auto row : us::test::array_of(players["rowSet"])) {
    CHECK(row.get_array().value().size() == width);
    if (row.at(9).is_null()) {
      ++dnp;
      CHECK(!row.at(8).get_string().value().empty());
      CHECK(row.at(27).is_null());
    } else {
      CHECK(row.at(9).get_string().value().find(':') != std::string_view::npos);
    }
  }
  CHECK(dnp > 0);
  CHECK(f.get("/stats_nba/stats/boxscoretraditionalv2").status == 400);
  parsed_json empty{f.get("/stats_nba/stats/boxscoretraditionalv2?GameID=" + future_game().nba_id).body};
  REQUIRE(empty.ok());
  CHECK(empty.root["resultSets"].at(0)["rowSet"].get_array().value().size() == 0);
}

TEST_CASE("stats v3: DNP minutes are empty strings, team minutes 240:00 or more", "[upstream_sim][payload][stats]") {
  const fixture f;
  const auto body = f.get("/stats_nba/stats/boxscoretraditionalv3?GameID=" + played_game().nba_id).body;
  CHECK(body.find("\n    \"boxScoreTraditional\": {") != std::string::npos);
  parsed_json j{body};
  REQUIRE(j.ok());
  const auto home = j.root["boxScoreTraditional"]["homeTeam"];
  bool saw_dnp = false;
  for (auto p : us::test::array_of(home["players"]))
    if (!p["comment"].get_string().value().empty()) {
      saw_dnp = true;
      CHECK(p["statistics"]["minutes"].get_string().value().empty());
    }
  CHECK(saw_dnp);
  CHECK(home["statistics"]["minutes"].get_string().value().substr(0, 2) >= "24");
  CHECK(home["starters"]["plusMinusPoints"].error() == simdjson::NO_SUCH_FIELD);
}

TEST_CASE("odds: future events, Over/Under pairs named as the books do, American prices on request",
          "[upstream_sim][payload][odds]") {
  const fixture f;
  parsed_json events{f.get("/odds_api/v4/sports/basketball_nba/events").body};
  REQUIRE(events.ok());
  std::size_t upcoming = 0;
  for (const auto& g : season().games()) upcoming += season().played(g) ? 0 : 1;
  CHECK(events.root.get_array().value().size() == upcoming);

  const auto base = "/odds_api/v4/sports/basketball_nba/events/" + future_game().event_id + "/odds";
  parsed_json odds{f.get(base + "?markets=player_points&oddsFormat=american").body};
  REQUIRE(odds.ok());
  const auto books = odds.root["bookmakers"].get_array().value();
  REQUIRE(books.size() == 2);
  for (auto book : books) {
    const auto markets = book["markets"].get_array().value();
    REQUIRE(markets.size() == 1);
    const auto outcomes = markets.at(0)["outcomes"].get_array().value();
    CHECK(outcomes.size() == 32);
    for (auto o : outcomes) {
      CHECK(o["description"].get_string().value().find('.') == std::string_view::npos);
      CHECK(o["price"].is_int64());
      const auto point = o["point"].get_double().value();
      CHECK(point - static_cast<int>(point) == Approx(0.5));
    }
  }
  parsed_json h2h{f.get(base).body};
  REQUIRE(h2h.ok());
  CHECK(h2h.root["bookmakers"].at(0)["markets"].at(0)["key"].get_string().value() == "h2h");
  CHECK(h2h.root["bookmakers"].at(0)["markets"].at(0)["outcomes"].at(0)["point"].error() == simdjson::NO_SUCH_FIELD);
  CHECK(f.get(base + "?markets=player_blocks").body.find("\"bookmakers\": []") != std::string::npos);
}

TEST_CASE("odds: markets open two days ahead, later events answer 204", "[upstream_sim][payload][odds]") {
  const fixture f;
  auto odds_for = [&](us::civil_date d) {
    const auto& g = season().games()[static_cast<std::size_t>(season().games_on(d).front())];
    return f.get("/odds_api/v4/sports/basketball_nba/events/" + g.event_id + "/odds?markets=player_points").status;
  };
  CHECK(odds_for({2025, 11, 17}) == 200);  // today + 2
  CHECK(odds_for({2025, 11, 18}) == 204);  // today + 3
}

TEST_CASE("odds: historical endpoints wrap the data with snapshot timestamps", "[upstream_sim][payload][odds]") {
  const fixture f;
  parsed_json j{f.get("/odds_api/v4/historical/sports/basketball_nba/events?date=2025-11-14T03:57:12Z").body};
  REQUIRE(j.ok());
  CHECK(j.root["timestamp"].get_string().value() == "2025-11-14T03:55:00Z");
  CHECK(j.root["previous_timestamp"].get_string().value() == "2025-11-14T03:50:00Z");
  CHECK(j.root["next_timestamp"].get_string().value() == "2025-11-14T04:00:00Z");
  CHECK(j.root["data"].get_array().value().size() > 0);
  CHECK(f.get("/odds_api/v4/historical/sports/basketball_nba/events").status == 422);
}

TEST_CASE("a game configured not final stays live until its time, then is final", "[upstream_sim][payload]") {
  us::router_options options;
  options.not_final.push_back({played_game().nba_id, 30'000ms});
  const us::router r{season(), options};
  const auto target = "/nba_cdn/liveData/boxscore/boxscore_" + played_game().nba_id + ".json";
  parsed_json before{r.handle(get_request(target), 29'999ms).body};
  parsed_json after{r.handle(get_request(target), 30'000ms).body};
  REQUIRE(before.ok());
  REQUIRE(after.ok());
  CHECK(before.root["game"]["gameStatus"].get_int64().value() == 2);
  CHECK(after.root["game"]["gameStatus"].get_int64().value() == 3);
  // The live box score keeps the invariants too.
  std::int64_t points = 0;
  for (auto p : us::test::array_of(before.root["game"]["homeTeam"]["players"]))
    points += p["statistics"]["points"].get_int64().value();
  CHECK(points == before.root["game"]["homeTeam"]["score"].get_int64().value());
}

TEST_CASE("auth: balldontlie wants its key in Authorization, The Odds API in apiKey", "[upstream_sim][payload][auth]") {
  us::router_options options;
  options.bdl_key = "bdl-secret";
  options.odds_key = "odds-secret";
  const us::router r{season(), options};
  CHECK(r.handle(get_request("/balldontlie/v1/teams"), 0ms).status == 401);
  CHECK(r.handle(get_request("/balldontlie/v1/teams", {{"Authorization", "wrong"}}), 0ms).status == 401);
  CHECK(r.handle(get_request("/balldontlie/v1/teams", {{"Authorization", "bdl-secret"}}), 0ms).status == 200);
  const auto missing = r.handle(get_request("/odds_api/v4/sports/basketball_nba/events"), 0ms);
  CHECK(missing.status == 401);
  CHECK(missing.body.find("MISSING_KEY") != std::string::npos);
  CHECK(r.handle(get_request("/odds_api/v4/sports/basketball_nba/events?apiKey=nope"), 0ms).body.find("INVALID_KEY")
        != std::string::npos);
  CHECK(r.handle(get_request("/odds_api/v4/sports/basketball_nba/events?apiKey=odds-secret"), 0ms).status == 200);
  // The CDN and stats.nba.com have no keys.
  CHECK(r.handle(get_request("/nba_cdn/liveData/scoreboard/todaysScoreboard_00.json"), 0ms).status == 200);
}

TEST_CASE("unknown routes are 404 with a JSON error, other methods 405", "[upstream_sim][payload]") {
  const fixture f;
  for (const char* target : {"/", "/nope", "/balldontlie/v1/nope", "/nba_cdn/elsewhere", "/odds_api/v4/x"}) {
    INFO(target);
    const auto r = f.get(target);
    CHECK(r.status == 404);
    CHECK(us::test::valid_json(r.body));
  }
  auto post = get_request("/balldontlie/v1/games");
  post.method = "POST";
  CHECK(f.router.handle(post, 0ms).status == 405);
}
