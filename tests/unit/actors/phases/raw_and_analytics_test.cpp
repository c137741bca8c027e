// Specs for actors/phases raw_store.hpp and analytics.hpp on one hand-built evening:
// BOS at LAL (both NBA.com CDN and balldontlie) and MIA at NYK (balldontlie only).
#include "actors/phases/analytics.hpp"
#include "actors/phases/raw_store.hpp"
#include "actors/phases/table_hash.hpp"
#include "phases_fixture.hpp"

namespace courtside::phases::test {

namespace {

const std::string day = "2025-01-10";

double real_of(database& db, const std::string& sql) {
  auto st = db.prepare(sql, "test");
  if (!st) FAIL(st.error().describe());
  auto row = st.value().step();
  if (!row || !row.value()) FAIL("no row for " + sql);
  REQUIRE_FALSE(st.value().column_is_null(0));
  return st.value().column_double(0);
}

std::string text_of(database& db, const std::string& sql) {
  auto t = db.query_text(sql, "test");
  if (!t) FAIL(t.error().describe());
  return t.value();
}

BoxScore lal_box_nba() {
  const Game g = make_game(day, "BOS", "LAL");
  BoxScore box = make_box(g, {
      {"LeBron James", "LAL", 2160, 30, 11, 20, 3, 7, 5, 6, 1, 8, 9, 4},
      {"Anthony Davis", "LAL", 2400, 24, 9, 17, 1, 3, 5, 7, 3, 12, 2, 2},
      {"Bronny James", "LAL", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, participation::did_not_play},
      {"Jayson Tatum", "BOS", 2300, 28, 10, 22, 4, 9, 4, 4, 1, 7, 5, 3},
      {"Jaylen Brown", "BOS", 2200, 20, 8, 18, 2, 6, 2, 3, 2, 5, 3, 2},
  });
  box.home.totals.fga = 85; box.home.totals.fta = 20; box.home.totals.tov = 12;
  box.home.totals.oreb = 10; box.home.totals.pts = 110;
  box.away.totals.fga = 90; box.away.totals.fta = 15; box.away.totals.tov = 14;
  box.away.totals.oreb = 12; box.away.totals.pts = 105;
  return box;
}

// balldontlie's view of the same game: whole minutes, one points disagreement, no DNP line.
BoxScore lal_box_bdl() {
  BoxScore box = lal_box_nba();
  box.players.erase(box.players.begin() + 2);
  box.players[0].stats.seconds = 2100; // 35 min vs 36:00: a minute apart -> mismatch
  box.players[1].stats.seconds = 2430; // 30 s apart -> same
  box.players[1].stats.pts = 25;       // points differ -> mismatch
  return box;
}

BoxScore nyk_box_bdl() {
  const Game g = make_game(day, "MIA", "NYK");
  return make_box(g, {{"Jalen Brunson", "NYK", 2400, 33, 12, 22, 3, 8, 6, 7, 0, 3, 8, 3},
                      {"Bam Adebayo", "MIA", 2200, 18, 8, 14, 0, 0, 2, 4, 3, 11, 4, 2}});
}

void store_evening(database& db) {
  const std::vector<Game> games{make_game(day, "BOS", "LAL"), make_game(day, "MIA", "NYK")};
  REQUIRE_OK(store_games(db, games, "nba_cdn", "", t0));
  REQUIRE_OK(store_box_score(db, lal_box_nba(), "nba_cdn", "hash-a", t0));
  REQUIRE_OK(store_box_score(db, lal_box_bdl(), "balldontlie", "hash-b", t0));
  REQUIRE_OK(store_box_score(db, nyk_box_bdl(), "balldontlie", "hash-c", t0));
  const Game lal = games[0];
  REQUIRE_OK(store_props(db, {make_prop(lal, "LeBron James", "fanduel", 27.5),
                              make_prop(lal, "LeBron James", "draftkings", 28.5),
                              make_prop(lal, "LeBron James", "betmgm", 29.5),
                              make_prop(lal, "Anthony Davis", "fanduel", 24.0)},
                         day, "odds_api", "hash-d", t0));
}

} // namespace

TEST_CASE("store_box_score writes one row per listed player and fills missing team totals", "[phases][raw]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  const auto out = value_of(store_box_score(db, nyk_box_bdl(), "balldontlie", "h", t0));
  CHECK(out.rows("player_box_scores") == 2);
  CHECK(out.rows("team_box_scores") == 2);
  // No team totals in the payload: the players' sums stand in.
  CHECK(count_of(db, "SELECT fga FROM team_box_scores WHERE team = 'NYK'") == 22);
  CHECK(count_of(db, "SELECT pts FROM team_box_scores WHERE team = 'MIA'") == 18);
  CHECK(text_of(db, "SELECT player_id FROM player_box_scores WHERE team = 'NYK'") == "jalen brunson");
}

TEST_CASE("a corrected box score replaces the game's rows of that source", "[phases][raw]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  REQUIRE_OK(store_box_score(db, lal_box_nba(), "nba_cdn", "h1", t0));
  BoxScore corrected = lal_box_nba();
  corrected.players.pop_back();
  REQUIRE_OK(store_box_score(db, corrected, "nba_cdn", "h2", t0 + 1));
  CHECK(count_of(db, "SELECT COUNT(*) FROM player_box_scores") == 4);
  CHECK(count_of(db, "SELECT COUNT(*) FROM player_box_scores WHERE player_id = 'jaylen brown'") == 0);
}

TEST_CASE("a box score without a game key is an invalid_argument naming the table", "[phases][raw]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  BoxScore box = nyk_box_bdl();
  box.game.key.clear();
  box.game.date.clear();
  const auto out = store_box_score(db, box, "stats_nba", "h", t0);
  REQUIRE_FALSE(out);
  CHECK(out.error().code == storage::storage_errc::invalid_argument);
  CHECK(out.error().context.find("player_box_scores") != std::string::npos);
}

TEST_CASE("store_props keeps only over/under pairs with a line", "[phases][raw]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  const Game g = make_game(day, "BOS", "LAL");
  PropLine yes_no = make_prop(g, "LeBron James", "fanduel", 0);
  yes_no.market = "player_double_double";
  yes_no.line.reset();
  yes_no.outcome = "Yes";
  PropLine no_line = make_prop(g, "Anthony Davis", "fanduel", 0);
  no_line.line.reset();
  const auto out = value_of(store_props(
      db, {make_prop(g, "Kelly Oubre Jr.", "fanduel", 12.5), yes_no, no_line}, day, "odds_api", "h", t0));
  CHECK(out.rows("prop_lines") == 1);
  CHECK(out.skipped == 2);
  CHECK(text_of(db, "SELECT player_id FROM prop_lines") == "kelly oubre");
  CHECK(out.degraded_reason.empty());
}

TEST_CASE("reconcile_sources flags a minute or more and any points difference", "[phases][raw]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  store_evening(db);
  const auto out = value_of(reconcile_sources(db, day, t0));
  CHECK(out.games_compared == 1); // MIA at NYK is balldontlie only
  CHECK(out.players_compared == 5);
  CHECK(out.mismatches == 2);
  CHECK(text_of(db, "SELECT mismatch_fields FROM source_reconciliation WHERE player_id = 'lebron james'") == "seconds");
  CHECK(text_of(db, "SELECT mismatch_fields FROM source_reconciliation WHERE player_id = 'anthony davis'") == "pts");
  CHECK(count_of(db, "SELECT mismatch FROM source_reconciliation WHERE player_id = 'bronny james'") == 0);
  CHECK(count_of(db, "SELECT secondary_seconds IS NULL FROM source_reconciliation WHERE player_id = 'bronny james'") == 1);
}

TEST_CASE("completeness counts final games and those with a box score from any source", "[phases][raw]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  std::vector<Game> games{make_game(day, "BOS", "LAL"), make_game(day, "MIA", "NYK"),
                          make_game(day, "DEN", "PHX"), make_game(day, "GSW", "SAC", game_status::live)};
  REQUIRE_OK(store_games(db, games, "nba_cdn", "", t0));
  REQUIRE_OK(store_box_score(db, lal_box_nba(), "nba_cdn", "", t0));
  REQUIRE_OK(store_box_score(db, nyk_box_bdl(), "balldontlie", "", t0));
  const auto c = value_of(completeness(db, day));
  CHECK(c.scheduled == 4);
  CHECK(c.final_games == 3);
  CHECK(c.final_with_box_score == 2);
  CHECK(c.box_score_ratio() == Approx(2.0 / 3.0));
  CHECK(value_of(completeness(db, "2025-01-11")).scheduled == 0);
}

TEST_CASE("run_analytics computes TS, eFG, usage and the prop result from the primary source", "[phases][analytics]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  store_evening(db);
  const auto out = value_of(run_analytics(db, day, t0));
  // LAL game: 4 who played (Bronny DNP gets no row); NYK game from balldontlie: 2.
  CHECK(out.rows("player_game_summary") == 6);
  CHECK(out.rows("team_game_summary") == 4);
  CHECK(out.inputs_seen == 2);
  CHECK_FALSE(out.empty);
  const std::string lebron = " FROM player_game_summary WHERE player_id = 'lebron james'";
  CHECK(real_of(db, "SELECT ts_pct" + lebron) == 0.6625);   // 30 / (2 (20 + 0.44*6))
  CHECK(real_of(db, "SELECT efg_pct" + lebron) == 0.625);   // (11 + 0.5*3) / 20
  CHECK(real_of(db, "SELECT usage_pct" + lebron) == 0.1063); // 26.64*(4560/5)/(2160*105.8)
  CHECK(real_of(db, "SELECT prop_line" + lebron) == 28.5);   // median of 27.5, 28.5, 29.5
  CHECK(text_of(db, "SELECT over_under" + lebron) == "OVER");
  CHECK(text_of(db, "SELECT source_used" + lebron) == "nba_cdn");
  CHECK(text_of(db, "SELECT opponent" + lebron) == "BOS");
  CHECK(count_of(db, "SELECT pts FROM player_game_summary WHERE player_id = 'anthony davis'") == 24);
  CHECK(text_of(db, "SELECT over_under FROM player_game_summary WHERE player_id = 'anthony davis'") == "PUSH");
  CHECK(count_of(db, "SELECT COUNT(*) FROM player_game_summary WHERE player_id = 'bronny james'") == 0);
}

TEST_CASE("run_analytics team summary: possessions averaged over both teams, pace and ratings", "[phases][analytics]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  store_evening(db);
  REQUIRE_OK(run_analytics(db, day, t0));
  const std::string lal = " FROM team_game_summary WHERE team = 'LAL'";
  CHECK(real_of(db, "SELECT possessions" + lal) == 97.2); // (95.8 + 98.6) / 2
  CHECK(real_of(db, "SELECT pace" + lal) == 97.2);        // a 48-minute game
  CHECK(real_of(db, "SELECT off_rating" + lal) == 113.17);
  CHECK(real_of(db, "SELECT def_rating" + lal) == 108.02);
  CHECK(text_of(db, "SELECT side" + lal) == "home");
  CHECK(real_of(db, "SELECT def_rating FROM team_game_summary WHERE team = 'BOS'") == 113.17);
}

TEST_CASE("run_analytics falls back to balldontlie and says so", "[phases][analytics]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  store_evening(db);
  const auto out = value_of(run_analytics(db, day, t0));
  CHECK(text_of(db, "SELECT source_used FROM player_game_summary WHERE player_id = 'jalen brunson'") == "balldontlie");
  CHECK(out.degraded_reason.find("1 game(s) summarized from a fallback source") != std::string::npos);
  CHECK(ledger_state_of(out) == storage::output_state::degraded);

  // NBA.com arrives later: a re-run switches the game to it.
  REQUIRE_OK(store_box_score(db, nyk_box_bdl(), "nba_cdn", "", t0));
  const auto again = value_of(run_analytics(db, day, t0 + 1));
  CHECK(text_of(db, "SELECT source_used FROM player_game_summary WHERE player_id = 'jalen brunson'") == "nba_cdn");
  CHECK(again.degraded_reason.empty());
}

TEST_CASE("run_analytics leaves a live game for later", "[phases][analytics]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  REQUIRE_OK(store_games(db, {make_game(day, "MIA", "NYK", game_status::live)}, "nba_cdn", "", t0));
  REQUIRE_OK(store_box_score(db, nyk_box_bdl(), "nba_cdn", "", t0));
  const auto out = value_of(run_analytics(db, day, t0));
  CHECK(out.skipped == 1);
  CHECK(out.rows("player_game_summary") == 0);
}

TEST_CASE("run_analytics on a date without games is EMPTY_OK", "[phases][analytics]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  store_evening(db);
  const auto out = value_of(run_analytics(db, "2025-01-12", t0));
  CHECK(out.empty);
  CHECK(out.inputs_seen == 0);
  CHECK(ledger_state_of(out) == storage::output_state::empty_ok);
}

TEST_CASE("phase 2 and 3 twice leave identical tables, whatever the clock says", "[phases][idempotence]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  store_evening(db);
  REQUIRE_OK(reconcile_sources(db, day, t0));
  REQUIRE_OK(run_analytics(db, day, t0));
  const auto first = value_of(pipeline_content_hashes(db));
  store_evening(db);
  REQUIRE_OK(reconcile_sources(db, day, t0 + 5000));
  REQUIRE_OK(run_analytics(db, day, t0 + 5000));
  const auto second = value_of(pipeline_content_hashes(db));
  CHECK(first == second);
  CHECK(count_of(db, "SELECT COUNT(DISTINCT updated_at) FROM player_game_summary") == 1);
  CHECK(count_of(db, "SELECT MIN(updated_at) FROM player_game_summary") == t0 + 5000);
}

TEST_CASE("table_content_hash changes with content and refuses odd names", "[phases][idempotence]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  const auto empty = value_of(table_content_hash(db, "prop_lines"));
  CHECK(empty.size() == 64);
  REQUIRE_OK(store_props(db, {make_prop(make_game(day, "BOS", "LAL"), "LeBron James", "fanduel", 27.5)},
                         day, "odds_api", "", t0));
  CHECK(value_of(table_content_hash(db, "prop_lines")) != empty);
  CHECK(table_content_hash(db, "no_such_table").error().code == storage::storage_errc::not_found);
  CHECK(table_content_hash(db, "x; DROP TABLE y").error().code == storage::storage_errc::invalid_argument);
}

} // namespace courtside::phases::test
