// A simulated week scraped over loopback through injected faults, by the real engine process
// (`courtside backfill`), then checked against the simulator's ground truth in the warehouse.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <map>

#include "engine_process.hpp"
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

std::string write_config(const std::filesystem::path& dir, const std::string& base_url) {
  return courtside::testing::write_pipeline_config(dir, "week", base_url, "4s", 8,
                                                   "[pipeline]\nnot_final_recheck = \"2s\"\n");
}

} // namespace

TEST_CASE("a simulated week through 5xx, 429, hangs and not-final answers: every game stored once",
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
