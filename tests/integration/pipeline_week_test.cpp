// A simulated week scraped over loopback through injected faults, by the real engine process
// (`courtside backfill`), then checked against the simulator's ground truth in the warehouse.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <map>

#include "actors/phases/stats_math.hpp"
#include "engine_process.hpp"
#include "messages/identity.hpp"
#include "pipeline_fixture.hpp"
#include "runtime/storage/database.hpp"
#include "tools/upstream-sim/server.hpp"
#include "tools/upstream-sim/teams.hpp"

using namespace std::chrono_literals;
using courtside::testing::engine_process;
using courtside::testing::scratch_dir;
namespace sim = courtside::upstream_sim;
namespace storage = courtside::storage;

namespace {

std::string date_text(const sim::civil_date& d) {
  char buf[48]; // room for any int, so -O3 sees no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string game_key(const sim::game& g) {
  auto date = date_text(g.date);
  return date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2) + "_" +
         std::string{sim::teams()[static_cast<std::size_t>(g.away)].tricode} + "_" +
         std::string{sim::teams()[static_cast<std::size_t>(g.home)].tricode};
}

std::int64_t count(storage::database& db, const std::string& sql, const std::string& arg = "") {
  auto st = db.prepare(sql, "test");
  REQUIRE(st);
  if (!arg.empty()) st.value().bind_text(1, arg);
  auto row = st.value().step();
  REQUIRE(row);
  REQUIRE(row.value());
  return st.value().column_int64(0);
}

// Phase 3 of one game against the simulator's ground truth: every player who played has a
// summary with his points, minutes and shots and the true-shooting % they imply; each team's
// summary has both scores.
void check_summaries(storage::database& db, const sim::league& league, const sim::game& g) {
  const auto& box = league.box(g.index);
  const auto key = game_key(g);
  int played = 0;
  for (const auto* side : {&box.home, &box.away}) {
    for (const auto& line : side->players) {
      if (!line.played()) continue;
      ++played;
      const auto& who = league.players()[static_cast<std::size_t>(line.player)];
      INFO(key << " " << who.full_name());
      auto st = db.prepare("SELECT pts, seconds_played, fga, fta, ts_pct FROM player_game_summary "
                           "WHERE game_id = ?1 AND player_id = ?2", "test");
      REQUIRE(st);
      st.value().bind_text(1, key).bind_text(2, courtside::identity::player_lookup_key(who.full_name()));
      auto row = st.value().step();
      REQUIRE(row);
      REQUIRE(row.value());
      CHECK(st.value().column_int64(0) == line.pts);
      CHECK(st.value().column_int64(1) == line.seconds);
      CHECK(st.value().column_int64(2) == line.fga);
      CHECK(st.value().column_int64(3) == line.fta);
      if (const auto ts = courtside::phases::true_shooting(line.pts, line.fga, line.fta))
        CHECK(st.value().column_double(4) == Approx(*ts).margin(1e-3));
    }
  }
  CHECK(count(db, "SELECT count(*) FROM player_game_summary WHERE game_id = ?1 AND seconds_played > 0",
              key) == played);
  for (const auto& [team, points, against] : {std::tuple{box.home.team, box.home.points(), box.away.points()},
                                              std::tuple{box.away.team, box.away.points(), box.home.points()}}) {
    const std::string code{sim::teams()[static_cast<std::size_t>(team)].tricode};
    CHECK(count(db, "SELECT pts FROM team_game_summary WHERE game_id = '" + key + "' AND team = ?1", code) == points);
    CHECK(count(db, "SELECT opp_pts FROM team_game_summary WHERE game_id = '" + key + "' AND team = ?1", code) == against);
  }
}

std::string write_config(const std::filesystem::path& dir, const std::string& base_url) {
  return courtside::testing::write_pipeline_config(dir, "week", base_url, "4s", 8,
                                                   "[pipeline]\nnot_final_recheck = \"2s\"\n");
}

} // namespace

TEST_CASE("a simulated week through 5xx, 429, hangs and not-final answers: every game stored once, "
          "its summaries equal the ground truth",
          "[integration][pipeline]") {
  sim::simulator_options o;
  o.league.seed = 7;
  o.league.today = sim::civil_date{2025, 11, 20};
  sim::fault_spec flaky;
  flaky.error_rate = 0.15;
  flaky.rate_limit_rate = 0.05;
  flaky.retry_after_share = 0.5;
  flaky.retry_after = std::chrono::seconds{1};
  flaky.hang_rate = 0.02;
  flaky.hang = std::chrono::milliseconds{6'000};
  flaky.not_final_rate = 0.05;
  flaky.latency = std::chrono::milliseconds{2};
  o.faults.by_route["nba_cdn/boxscore"] = flaky;
  o.faults.by_route["balldontlie"] = flaky;
  sim::upstream_server upstream{o};
  REQUIRE(upstream.start().ok());

  auto dir = scratch_dir("pipeline-week");
  const std::string first = "2025-11-10", last = "2025-11-16";
  engine_process engine({"backfill", "--from", first, "--to", last, "-c",
                         write_config(dir, upstream.base_url())},
                        dir / "engine.log");
  REQUIRE(engine.started());
  const auto code = engine.wait_exit(240s);
  INFO(engine.output());
  REQUIRE(code.has_value());
  CHECK(*code == 0);

  auto opened = storage::database::open({(dir / "data" / "warehouse.sqlite").string(), 5000ms, true});
  REQUIRE(opened);
  auto& db = opened.value();

  int games = 0;
  for (const auto& g : upstream.league_data().games()) {
    const auto date = date_text(g.date);
    if (date < first || date > last) continue;
    ++games;
    const auto& box = upstream.league_data().box(g.index);
    const auto listed = static_cast<std::int64_t>(box.home.players.size() + box.away.players.size());
    INFO(game_key(g) << " " << g.nba_id);
    CHECK(count(db, "SELECT count(*) FROM player_box_scores WHERE game_id = ?1 AND source = 'nba_cdn'",
                game_key(g)) == listed);
    CHECK(count(db, "SELECT count(*) FROM team_box_scores WHERE game_id = ?1 AND source = 'nba_cdn'",
                game_key(g)) == 2);
    CHECK(count(db, "SELECT count(*) FROM work_queue WHERE kind = 'box_score' AND item_key = ?1 "
                    "AND state = 'done'", g.nba_id) == 1);
    check_summaries(db, upstream.league_data(), g);
  }
  REQUIRE(games > 30);
  // Nothing extra: exactly the week's games, each once.
  CHECK(count(db, "SELECT count(DISTINCT game_id) FROM player_box_scores WHERE source = 'nba_cdn'") == games);
  CHECK(count(db, "SELECT count(*) FROM work_queue WHERE kind = 'box_score'") == games);
  CHECK(count(db, "SELECT count(*) FROM work_queue WHERE state = 'dead'") == 0);
  // Every ledger row of the week settled without failure.
  CHECK(count(db, "SELECT count(*) FROM expected_outputs WHERE state NOT IN "
                  "('COMPLETE', 'EMPTY_OK', 'DEGRADED')") == 0);
  CHECK(count(db, "SELECT count(*) FROM expected_outputs") == 7 * 5);
  // And the faults really happened.
  const auto faults = upstream.counts(sim::endpoint::cdn_boxscore).faults;
  std::uint64_t injected = 0;
  for (auto n : faults) injected += n;
  CHECK(injected > 5);
  upstream.stop();
}
