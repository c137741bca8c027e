// NBA.com CDN decoder against real captures and hand-made edge cases.
#include <catch2/catch.hpp>

#include <algorithm>

#include "fixtures.hpp"
#include "messages/decode/nbacom.hpp"

using namespace courtside;
using namespace courtside::decode;

namespace {

const PlayerLine* find_player(const BoxScore& box, const std::string& name) {
  for (const auto& p : box.players)
    if (p.name == name)
      return &p;
  return nullptr;
}

std::size_t count_played(const BoxScore& box, participation what) {
  return static_cast<std::size_t>(std::count_if(box.players.begin(), box.players.end(),
                                                [&](const PlayerLine& p) { return p.played == what; }));
}

} // namespace

TEST_CASE("CDN box score 0022500775: final, CHA 110-107 ATL") {
  SKIP_WITHOUT_FIXTURES();
  nbacom_decoder decoder;
  auto box = decoder.boxscore(test::read_fixture("nba-cdn-live/boxscore_0022500775.json"));
  REQUIRE(box.ok());
  const BoxScore& b = box.value();
  CHECK(b.game.nba_game_id == "0022500775");
  CHECK(b.game.key == "20260211_ATL_CHA");
  CHECK(b.game.date == "2026-02-11");
  CHECK(b.game.status == game_status::final);
  CHECK(b.game.status_text == "Final");
  CHECK(b.game.home_tricode == "CHA");
  CHECK(b.game.home_score == 110);
  CHECK(b.game.away_score == 107);
  CHECK(b.home.totals.pts == 110);
  CHECK(b.home.totals.seconds == 240 * 60);
  CHECK(b.home.nba_team_id == 1610612766);
  CHECK(b.home.name == "Charlotte Hornets");
  CHECK(b.game.season == 2025);

  const PlayerLine* kon = find_player(b, "Kon Knueppel");
  REQUIRE(kon);
  CHECK(kon->stats.seconds == 30 * 60 + 19);
  CHECK(kon->stats.pts == 18);
  CHECK(kon->stats.plus_minus == -6); // sent as -6.0
  CHECK(kon->starter == true);
  CHECK(kon->team_tricode == "CHA");
  CHECK(kon->game_key == "20260211_ATL_CHA");

  const PlayerLine* kalkbrenner = find_player(b, "Ryan Kalkbrenner");
  REQUIRE(kalkbrenner);
  CHECK(kalkbrenner->stats.seconds == 23 * 60 + 58); // "PT23M58.60S", fraction truncated

  const PlayerLine* salaun = find_player(b, "Tidjane Salaün");
  REQUIRE(salaun);
  CHECK(salaun->lookup_key == "tidjane salaun");

  const PlayerLine* bridges = find_player(b, "Miles Bridges");
  REQUIRE(bridges);
  CHECK(bridges->played == participation::did_not_play);
  CHECK(bridges->not_playing_reason == "DND_LEAGUE_SUSPENSION");

  const PlayerLine* connaughton = find_player(b, "Pat Connaughton");
  REQUIRE(connaughton); // ACTIVE, played "0", no reason
  CHECK(connaughton->played == participation::did_not_play);
  CHECK(connaughton->not_playing_reason.empty());

  const PlayerLine* white = find_player(b, "Coby White");
  REQUIRE(white);
  CHECK(white->played == participation::inactive);
  CHECK(white->not_playing_reason == "INACTIVE_INJURY");
}

TEST_CASE("CDN box score 0022000001: final, BKN 125-99 GSW, 6 inactive players") {
  SKIP_WITHOUT_FIXTURES();
  nbacom_decoder decoder;
  auto box = decoder.boxscore(test::read_fixture("nba-cdn-live/boxscore_0022000001.json"));
  REQUIRE(box.ok());
  const BoxScore& b = box.value();
  CHECK(b.game.key == "20201222_GSW_BKN");
  CHECK(b.game.home_score == 125);
  CHECK(b.game.away_score == 99);
  CHECK(count_played(b, participation::inactive) == 6);
  CHECK(b.players.size() == 17 + 17);
  const PlayerLine* oubre = find_player(b, "Kelly Oubre Jr.");
  REQUIRE(oubre);
  CHECK(oubre->lookup_key == "kelly oubre");
  CHECK(oubre->team_tricode == "GSW");
  const PlayerLine* claxton = find_player(b, "Nicolas Claxton");
  REQUIRE(claxton);
  CHECK(claxton->not_playing_reason == "INACTIVE_INJURY");
  CHECK(claxton->stats.seconds == 0);
}

TEST_CASE("CDN scoreboard of 2026-02-11: the same 3 games in progress, then final") {
  SKIP_WITHOUT_FIXTURES();
  nbacom_decoder decoder;
  auto live = decoder.scoreboard(
      test::read_fixture("nba-cdn-live/todaysScoreboard_00.2026-02-11.in-progress.json"));
  REQUIRE(live.ok());
  REQUIRE(live.value().games.size() == 3);
  CHECK(live.value().game_date == "2026-02-11");
  for (const Game& g : live.value().games) {
    CHECK(g.status == game_status::live);
    CHECK(g.period == 2);
  }
  CHECK(live.value().games[0].status_text == "Half");
  CHECK(live.value().games[1].status_text == "Q2 2:06");
  CHECK(live.value().games[0].home_score == 58);

  auto final = decoder.scoreboard(
      test::read_fixture("nba-cdn-live/todaysScoreboard_00.2026-02-11.final.json"));
  REQUIRE(final.ok());
  REQUIRE(final.value().games.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    const Game& g = final.value().games[i];
    CHECK(g.status == game_status::final);
    // gameEt turns into "...Z" once final; the key must not move.
    CHECK(g.key == live.value().games[i].key);
  }
  CHECK(final.value().games[0].key == "20260211_ATL_CHA");
  CHECK(final.value().games[0].home_score == 110);
  CHECK(final.value().games[1].key == "20260211_WAS_CLE");
  CHECK(final.value().games[1].home_score == 138);
}

TEST_CASE("CDN schedule, early 2025-26 release: 13 games, CRLF pretty-printed") {
  SKIP_WITHOUT_FIXTURES();
  nbacom_decoder decoder;
  auto schedule = decoder.schedule(
      test::read_fixture("nba-cdn-static/scheduleLeagueV2.2025-26.early.json"));
  REQUIRE(schedule.ok());
  const Schedule& s = schedule.value();
  CHECK(s.season == "2025-26");
  REQUIRE(s.entries.size() == 13);
  const ScheduleEntry& first = s.entries.front();
  CHECK(first.game.nba_game_id == "0012500008");
  CHECK(first.game.key == "20251002_PHI_NYK");
  CHECK(first.game.status == game_status::pre);
  CHECK(first.game.start_time_utc == "2025-10-02T16:00:00Z"); // not the 1900-01-01 sentinel
  CHECK(first.game_code == "20251002/PHINYK");
  CHECK(first.label == "Preseason");
  CHECK(first.neutral_site == true);
  CHECK(first.if_necessary == false);
  CHECK(first.arena == "Etihad Arena");
  // An evening game in Los Angeles: the key uses the Eastern date, not the UTC one.
  CHECK(s.entries[1].game.key == "20251003_PHX_LAL");
  CHECK(s.entries[1].game.start_time_utc == "2025-10-04T02:00:00Z");
  // Exhibition opponents keep their NBA.com code.
  CHECK(s.entries[2].game.away_tricode == "MEL");
}

TEST_CASE("CDN ifNecessary may be a bool or the string \"false\"") {
  nbacom_decoder decoder;
  auto schedule = decoder.schedule(R"({"leagueSchedule":{"gameDates":[{"games":[
    {"gameId":"0042400101","ifNecessary":"false","homeTeam":{"teamTricode":"OKC"},
     "awayTeam":{"teamTricode":"MEM"},"gameDateEst":"2025-04-20T00:00:00Z"},
    {"gameId":"0042400107","ifNecessary":true}]}]}})");
  REQUIRE(schedule.ok());
  CHECK(schedule.value().entries[0].if_necessary == false);
  CHECK(schedule.value().entries[0].game.postseason == true);
  CHECK(schedule.value().entries[0].game.key == "20250420_MEM_OKC");
  CHECK(schedule.value().entries[1].if_necessary == true);
  CHECK(schedule.value().entries[1].game.key.empty()); // no teams, no date: no key
}

TEST_CASE("CDN box score error paths name the player and the statistic") {
  nbacom_decoder decoder;
  auto box = decoder.boxscore(R"({"game":{"gameId":"0022500775","homeTeam":{"teamTricode":"CHA",
    "players":[{"personId":1,"statistics":{"points":2}},{"personId":2,"statistics":{}},
    {"personId":3},{"personId":4,"statistics":{"points":"two"}}]}}})");
  REQUIRE_FALSE(box.ok());
  CHECK(box.error().code == decode_errc::invalid_value);
  CHECK(box.error().path == "game.homeTeam.players[3].statistics.points");
}

TEST_CASE("CDN box score whose players do not add up to the team points is rejected") {
  nbacom_decoder decoder;
  auto box = decoder.boxscore(R"({"game":{"gameId":"0022500775","homeTeam":{"teamTricode":"CHA",
    "score":5,"players":[{"personId":1,"statistics":{"points":2}}],
    "statistics":{"points":5}},"awayTeam":{"teamTricode":"ATL"}}})");
  REQUIRE_FALSE(box.ok());
  CHECK(box.error().code == decode_errc::invariant_violation);
  CHECK(box.error().path == "game.homeTeam");
  CHECK(box.error().detail == "TeamLine CHA: points 5 != sum of player points 2");
}

TEST_CASE("CDN box score without gameId is missing_field game.gameId") {
  nbacom_decoder decoder;
  auto box = decoder.boxscore(R"({"meta":{},"game":{"homeTeam":{"teamTricode":"CHA"}}})");
  REQUIRE_FALSE(box.ok());
  CHECK(box.error().code == decode_errc::missing_field);
  CHECK(box.error().path == "game.gameId");

  auto no_game = decoder.boxscore(R"({"meta":{"code":200}})");
  REQUIRE_FALSE(no_game.ok());
  CHECK(no_game.error().path == "game");
}
