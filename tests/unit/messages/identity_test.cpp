// Canonical identity: game keys, Eastern dates, team codes and names, player lookup keys.
#include <catch2/catch.hpp>

#include "messages/identity.hpp"

using namespace courtside;
using namespace courtside::identity;

TEST_CASE("game key is YYYYMMDD_AWAY_HOME with canonical tricodes") {
  CHECK(make_game_key("2025-01-31", "BOS", "LAL") == "20250131_BOS_LAL");
  CHECK(make_game_key("20250131", "bos", "lal") == "20250131_BOS_LAL");
  CHECK(make_game_key("2025-01-31T00:00:00.000Z", "GS", "PHO") == "20250131_GSW_PHX");
  CHECK(make_game_key("2025-02-30", "BOS", "LAL").empty());
  CHECK(make_game_key("2025-01-31", "", "LAL").empty());
  CHECK(make_game_key("", "BOS", "LAL").empty());
}

TEST_CASE("game key parses back into its parts") {
  auto parts = parse_game_key("20250131_BOS_LAL");
  REQUIRE(parts);
  CHECK(parts->date == "2025-01-31");
  CHECK(parts->away_tricode == "BOS");
  CHECK(parts->home_tricode == "LAL");
  CHECK_FALSE(parse_game_key("20250131_BOS"));
  CHECK_FALSE(parse_game_key("20250132_BOS_LAL"));
  CHECK_FALSE(parse_game_key("20250131-BOS-LAL"));
  CHECK_FALSE(parse_game_key("20250131_BOS_LAL_X"));
}

TEST_CASE("dates: leap days and month lengths") {
  CHECK(iso_date("2024-02-29") == "2024-02-29");
  CHECK_FALSE(iso_date("2025-02-29"));
  CHECK_FALSE(iso_date("2025-13-01"));
  CHECK_FALSE(iso_date("10/05/2023 00:00:00"));
  CHECK(iso_date("20240229") == "2024-02-29");
}

TEST_CASE("Eastern date of a UTC instant, around the 2025 daylight-saving switches") {
  // Standard time (UTC-5): 04:59Z is still the previous evening, 05:00Z is the new day.
  CHECK(eastern_date_of("2025-02-01T00:40:00Z") == "2025-01-31");
  CHECK(eastern_date_of("2025-01-15T04:59:00Z") == "2025-01-14");
  CHECK(eastern_date_of("2025-01-15T05:00:00Z") == "2025-01-15");
  // Daylight time (UTC-4) from 2025-03-09 07:00Z to 2025-11-02 06:00Z.
  CHECK(eastern_date_of("2025-04-15T03:59:59Z") == "2025-04-14");
  CHECK(eastern_date_of("2025-04-15T04:00:00Z") == "2025-04-15");
  CHECK(eastern_date_of("2025-03-09T06:59:00Z") == "2025-03-09"); // 01:59 EST
  CHECK(eastern_date_of("2025-03-10T03:59:00Z") == "2025-03-09"); // 23:59 EDT
  CHECK(eastern_date_of("2025-11-02T04:30:00Z") == "2025-11-02"); // 00:30 EDT
  CHECK(eastern_date_of("2025-11-03T04:30:00Z") == "2025-11-02"); // 23:30 EST
  // Offsets and fractions as the upstreams write them.
  CHECK(eastern_date_of("2026-02-11T19:00:00-05:00") == "2026-02-11");
  CHECK(eastern_date_of("2025-02-21T02:00:00.000Z") == "2025-02-20");
  CHECK(eastern_date_of("2024-01-01T04:00:00+00:00") == "2023-12-31");
  // Before 2007: first Sunday of April to last Sunday of October.
  CHECK(eastern_date_of("2006-03-20T04:30:00Z") == "2006-03-19");
  CHECK_FALSE(eastern_date_of("2025-02-01"));
  CHECK_FALSE(eastern_date_of("2025-02-01T25:00:00Z"));
  CHECK_FALSE(eastern_date_of("2025-02-01T00:40:00"));
}

TEST_CASE("NBA.com game ids: season type, season and number, integers get their zeros back") {
  auto parts = parse_nba_game_id("0022400561");
  REQUIRE(parts);
  CHECK(parts->season_type == 2);
  CHECK(parts->season == 2024);
  CHECK(parts->number == 561);
  CHECK(parse_nba_game_id("0049900001")->season == 1999);
  CHECK_FALSE(parse_nba_game_id("22400561"));
  CHECK_FALSE(parse_nba_game_id("1022400561"));
  CHECK(nba_game_id_from_number(22400561) == "0022400561");
  CHECK(nba_game_id_from_number(-1).empty());
  CHECK(nba_game_id_from_number(99999999999).empty());
}

TEST_CASE("team codes from every source map to NBA.com tricodes") {
  CHECK(canonical_tricode("LAL") == "LAL");
  CHECK(canonical_tricode("lal") == "LAL");
  CHECK(canonical_tricode("GS") == "GSW");
  CHECK(canonical_tricode("NY") == "NYK");
  CHECK(canonical_tricode("SA") == "SAS");
  CHECK(canonical_tricode("UTAH") == "UTA");
  CHECK(canonical_tricode("BRK") == "BKN");
  CHECK(canonical_tricode("PHO") == "PHX");
  CHECK(canonical_tricode("NJN") == "BKN");
  CHECK_FALSE(canonical_tricode("MEL"));
  CHECK(normalize_tricode("mel") == "MEL");
  CHECK(normalize_tricode(" bos ") == "BOS");
}

TEST_CASE("team names as The Odds API writes them, and historic ones") {
  CHECK(tricode_from_team_name("Los Angeles Lakers") == "LAL");
  CHECK(tricode_from_team_name("LA Clippers") == "LAC");
  CHECK(tricode_from_team_name("Los Angeles Clippers") == "LAC");
  CHECK(tricode_from_team_name("L.A. Clippers") == "LAC");
  CHECK(tricode_from_team_name("Philadelphia 76ers") == "PHI");
  CHECK(tricode_from_team_name("Portland Trail Blazers") == "POR");
  CHECK(tricode_from_team_name("golden state warriors") == "GSW");
  CHECK(tricode_from_team_name("Celtics") == "BOS");
  CHECK(tricode_from_team_name("New Jersey Nets") == "BKN");
  CHECK(tricode_from_team_name("Seattle SuperSonics") == "OKC");
  CHECK(tricode_from_team_name("Charlotte Bobcats") == "CHA");
  CHECK(tricode_from_team_name("New Orleans Hornets") == "NOP");
  CHECK_FALSE(tricode_from_team_name("Melbourne United"));
  CHECK_FALSE(tricode_from_team_name(""));
}

TEST_CASE("team ids of NBA.com and balldontlie") {
  CHECK(tricode_from_nba_team_id(1610612747) == "LAL");
  CHECK(tricode_from_nba_team_id(1610612766) == "CHA");
  CHECK_FALSE(tricode_from_nba_team_id(1610612736));
  CHECK(nba_team_id_from_tricode("GS") == 1610612744);
  CHECK(tricode_from_bdl_team_id(1) == "ATL");
  CHECK(tricode_from_bdl_team_id(14) == "LAL");
  CHECK(tricode_from_bdl_team_id(30) == "WAS");
  CHECK_FALSE(tricode_from_bdl_team_id(31));
  CHECK(team_full_name("LAC") == "LA Clippers");
}

TEST_CASE("player lookup keys match a name across sources") {
  CHECK(player_lookup_key("Kelly Oubre Jr") == player_lookup_key("Kelly Oubre Jr."));
  CHECK(player_lookup_key("Kelly Oubre Jr.") == "kelly oubre");
  CHECK(player_lookup_key("Nikola Vučević") == "nikola vucevic");
  CHECK(player_lookup_key("Nikola Vučević") == player_lookup_key("Nikola Vucevic"));
  CHECK(player_lookup_key("Kristaps Porziņģis") == "kristaps porzingis");
  CHECK(player_lookup_key("Dāvis Bertāns") == "davis bertans");
  CHECK(player_lookup_key("Juan Toscano-Anderson") == "juan toscano anderson");
  CHECK(player_lookup_key("Tidjane Salaün") == "tidjane salaun");
  CHECK(player_lookup_key("Nikola Đurišić") == "nikola durisic");
  CHECK(player_lookup_key("Luka Dončić") == "luka doncic");
  CHECK(player_lookup_key("José Alvarado") == "jose alvarado");
  CHECK(player_lookup_key("Karlo Matković") == "karlo matkovic");
  CHECK(player_lookup_key("Mañon") == "manon");
  CHECK(player_lookup_key("P.J. Washington") == player_lookup_key("PJ Washington"));
  CHECK(player_lookup_key("De'Aaron Fox") == "deaaron fox");
  CHECK(player_lookup_key("De’Aaron Fox") == "deaaron fox");
  CHECK(player_lookup_key("  Ricky   Council IV ") == "ricky council");
  CHECK(player_lookup_key("Jeff Dowtin Jr.") == "jeff dowtin");
  CHECK(player_lookup_key("Tim Hardaway Sr") == "tim hardaway");
  CHECK(player_lookup_key("Gary Payton II") == "gary payton");
  CHECK(player_lookup_key("Robert Williams III") == "robert williams");
  CHECK(player_lookup_key("Vučević") == "vucevic");
  CHECK(player_lookup_key("Jr.") == "jr"); // a lone token is never dropped
  // Decomposed accents (NFD) fold like precomposed ones.
  CHECK(player_lookup_key("Vuc\xcc\x8c" "evic\xcc\x81") == "vucevic");
  // Invalid UTF-8 bytes are dropped, not propagated.
  CHECK(player_lookup_key("Bad\xff Byte") == "bad byte");
}

TEST_CASE("game index joins NBA.com and balldontlie ids on the canonical key") {
  game_index index;
  Game from_cdn;
  from_cdn.key = "20260211_ATL_CHA";
  from_cdn.nba_game_id = "0022500775";
  Game from_bdl;
  from_bdl.key = "20260211_ATL_CHA";
  from_bdl.bdl_id = 18447400;
  Game keyless;
  keyless.nba_game_id = "0022400561";
  index.remember(from_cdn);
  index.remember(from_bdl);
  index.remember(keyless);
  CHECK(index.size() == 1);
  CHECK(index.key_for_nba_id("0022500775") == "20260211_ATL_CHA");
  CHECK(index.key_for_bdl_id(18447400) == "20260211_ATL_CHA");
  CHECK(index.nba_id_for_key("20260211_ATL_CHA") == "0022500775");
  CHECK(index.bdl_id_for_key("20260211_ATL_CHA") == 18447400);
  CHECK_FALSE(index.key_for_nba_id("0022400561"));
}
