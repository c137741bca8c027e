// Phases 2-3 on real upstream payloads (../shared/fixtures/real; skipped when absent): the
// balldontlie box scores of 2026-01-09 and an NBA.com CDN box score, decoded by messages/
// and summarized. Exact values are unknown here, so the specs hold invariants that any real
// game satisfies.
#include "actors/phases/analytics.hpp"
#include "actors/phases/raw_store.hpp"
#include "messages/decode/balldontlie.hpp"
#include "messages/decode/nbacom.hpp"
#include "phases_fixture.hpp"

#include <fstream>
#include <iterator>

namespace courtside::phases::test {

namespace {

std::optional<std::string> fixture(const std::string& relative) {
  std::ifstream in(std::filesystem::path(COURTSIDE_FIXTURES_DIR) / relative, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Minutes-weighted usage over a team: sum(usage * seconds) / (team seconds / 5) is the share
// of the team's plays its players used, 1 when the team totals are the players' sums.
void check_invariants(database& db, const std::string& date) {
  auto st = db.prepare(
      "SELECT team, SUM(usage_pct * seconds_played) / (SUM(seconds_played) / 5.0), SUM(pts),"
      " MIN(ts_pct), MAX(ts_pct) FROM player_game_summary WHERE game_date = ?1 GROUP BY game_id, team",
      "test");
  REQUIRE(st);
  st.value().bind_text(1, date);
  int teams = 0;
  for (;;) {
    auto row = st.value().step();
    REQUIRE(row);
    if (!row.value()) break;
    ++teams;
    INFO("team " << st.value().column_text(0));
    CHECK(st.value().column_double(1) == Approx(1.0).margin(0.06));
    CHECK(st.value().column_int64(2) > 60);
    CHECK(st.value().column_double(3) >= 0.0);
    CHECK(st.value().column_double(4) < 1.6);
  }
  CHECK(teams > 0);
  CHECK(count_of(db, "SELECT COUNT(*) FROM team_game_summary WHERE game_date = '" + date +
                         "' AND (pace < 85 OR pace > 115 OR off_rating < 80 OR off_rating > 150)") == 0);
  // A team's points in the summary are its players' points.
  CHECK(count_of(db, "SELECT COUNT(*) FROM team_game_summary t WHERE game_date = '" + date +
                         "' AND t.pts <> (SELECT SUM(pts) FROM player_game_summary p"
                         " WHERE p.game_id = t.game_id AND p.team = t.team)") == 0);
}

} // namespace

TEST_CASE("real balldontlie box scores summarize with sane efficiency and pace", "[phases][real]") {
  const auto body = fixture("balldontlie/v1_box_scores.date-2026-01-09.json");
  if (!body) {
    WARN("real fixtures absent: skipped");
    return;
  }
  decode::balldontlie_decoder decoder;
  auto page = decoder.box_scores(*body);
  REQUIRE(page);
  database db = fresh_warehouse(fresh_scratch_dir());
  for (const BoxScore& box : page.value().box_scores) {
    REQUIRE_OK(store_games(db, {box.game}, "balldontlie", "", t0));
    REQUIRE_OK(store_box_score(db, box, "balldontlie", "", t0));
  }
  const auto done = value_of(completeness(db, "2026-01-09"));
  CHECK(done.final_with_box_score == done.final_games);
  const auto out = value_of(run_analytics(db, "2026-01-09", t0));
  CHECK(out.rows("team_game_summary") == 2 * static_cast<std::int64_t>(page.value().box_scores.size()));
  CHECK(out.degraded_reason.find("fallback") != std::string::npos); // balldontlie only
  check_invariants(db, "2026-01-09");
}

TEST_CASE("a real NBA.com box score summarizes with sane efficiency and pace", "[phases][real]") {
  const auto body = fixture("nba-cdn-live/boxscore_0022500775.json");
  if (!body) {
    WARN("real fixtures absent: skipped");
    return;
  }
  decode::nbacom_decoder decoder;
  auto box = decoder.boxscore(*body);
  REQUIRE(box);
  database db = fresh_warehouse(fresh_scratch_dir());
  REQUIRE_OK(store_games(db, {box.value().game}, "nba_cdn", "", t0));
  REQUIRE_OK(store_box_score(db, box.value(), "nba_cdn", "", t0));
  const std::string date = box.value().game.date;
  const auto out = value_of(run_analytics(db, date, t0));
  CHECK(out.degraded_reason.empty());
  CHECK(out.rows("player_game_summary") >= 16);
  check_invariants(db, date);
}

} // namespace courtside::phases::test
