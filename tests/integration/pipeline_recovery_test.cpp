// kill -9 in the middle of a backfill, restart, and the warehouse ends identical to an
// uninterrupted run; then the smoke test passes on that range and fails once a phase's output
// is deleted behind the ledger's back; then the running engine's scheduled self-heal job finds
// the hole and fills it, and the warehouse is identical again.
#include <catch2/catch.hpp>

#include <csignal>
#include <fstream>

#include "actors/phases/table_hash.hpp"
#include "engine_process.hpp"
#include "pipeline_fixture.hpp"
#include "runtime/storage/database.hpp"
#include "tools/upstream-sim/server.hpp"

using namespace std::chrono_literals;
using courtside::testing::engine_process;
using courtside::testing::eventually;
using courtside::testing::scratch_dir;
namespace sim = courtside::upstream_sim;
namespace storage = courtside::storage;

namespace {

constexpr const char* first_date = "2025-10-21";
constexpr const char* last_date = "2025-10-25";

std::string write_config(const std::filesystem::path& dir, const std::string& base_url) {
  return courtside::testing::write_pipeline_config(dir, "recovery", base_url, "5s", 4);
}

std::vector<std::string> backfill_args(const std::string& config) {
  return {"backfill", "--from", first_date, "--to", last_date, "-c", config};
}

std::map<std::string, std::string> content(const std::filesystem::path& dir) {
  auto db = storage::database::open({(dir / "data" / "warehouse.sqlite").string(), 5000ms, true});
  REQUIRE(db);
  auto hashes = courtside::phases::pipeline_content_hashes(db.value());
  REQUIRE(hashes);
  return hashes.value();
}

std::int64_t count_of(const std::filesystem::path& file, const std::string& sql) {
  auto db = storage::database::open({file.string(), 5000ms, true});
  if (!db) return -1;
  auto count = db.value().query_int64(sql, "test");
  return count ? count.value() : -1;
}

std::int64_t done_items(const std::filesystem::path& file) {
  auto db = storage::database::open({file.string(), 5000ms, true});
  if (!db) return 0;
  auto st = db.value().prepare("SELECT count(*) FROM work_queue WHERE state = 'done'", "test");
  if (!st) return 0;
  auto row = st.value().step();
  return row && row.value() ? st.value().column_int64(0) : 0;
}

} // namespace

TEST_CASE("kill -9 during a backfill, restart: the warehouse equals an uninterrupted run's, "
          "the smoke test passes, and fails once an output is deleted",
          "[integration][pipeline][recovery]") {
  sim::simulator_options o;
  o.league.seed = 3;
  o.league.today = sim::civil_date{2025, 11, 20};
  o.faults.all.latency = 5ms; // time for the kills to land mid-flight
  sim::upstream_server upstream{o};
  REQUIRE(upstream.start().ok());
  // Both runs use the same folder (exports record their path), one after the other.
  auto dir = scratch_dir("pipeline-recovery");
  const auto config = write_config(dir, upstream.base_url());

  engine_process clean(backfill_args(config), dir / "clean.log");
  REQUIRE(clean.started());
  REQUIRE(clean.wait_exit(240s) == 0);
  const auto expected = content(dir);
  REQUIRE(expected.size() >= 10);
  std::filesystem::remove_all(dir / "data");

  const auto warehouse = dir / "data" / "warehouse.sqlite";
  int kills = 0;
  for (std::int64_t progress : {5, 25, 45}) {
    engine_process run(backfill_args(config), dir / ("killed-" + std::to_string(kills) + ".log"));
    REQUIRE(run.started());
    const bool reached = eventually(120s, [&] { return done_items(warehouse) >= progress || !run.running(); });
    REQUIRE(reached);
    if (!run.running()) break; // finished before this kill point: nothing left to interrupt
    run.signal(SIGKILL);
    REQUIRE_FALSE(run.wait_exit(10s).has_value()); // died of the signal, no exit code
    ++kills;
  }
  CHECK(kills >= 2);
  engine_process resumed(backfill_args(config), dir / "resumed.log");
  REQUIRE(resumed.started());
  const auto code = resumed.wait_exit(240s);
  INFO(resumed.output());
  REQUIRE(code == 0);
  const auto actual = content(dir);
  for (const auto& [table, hash] : expected) {
    INFO(table);
    CHECK(actual.at(table) == hash);
  }

  engine_process smoke({"smoke-test", "-c", config, std::string{first_date} + ".." + last_date},
                       dir / "smoke-pass.log");
  REQUIRE(smoke.wait_exit(60s) == 0);
  CHECK(smoke.output().find("0 phases failed") != std::string::npos);

  {
    auto db = storage::database::open({warehouse.string(), 5000ms, false});
    REQUIRE(db);
    REQUIRE(db.value().exec("DELETE FROM player_game_summary WHERE game_date = '2025-10-23'", "test"));
  }
  engine_process broken({"smoke-test", "-c", config, std::string{first_date} + ".." + last_date},
                        dir / "smoke-fail.log");
  REQUIRE(broken.wait_exit(60s) == 1);
  CHECK(broken.output().find("FAIL 2025-10-23 analytics") != std::string::npos);

  // The engine's calendar at 18:00 ET on the 24th: the 23rd is "yesterday", whose analytics
  // self-heal checks; it fires every 2 s here (production: 08:20, 11:20, 14:20, 17:20).
  const auto healing = courtside::testing::write_pipeline_config(
    dir, "healing", upstream.base_url(), "5s", 4,
    "[http]\nport = 0\n[jobs.self-heal-predictions]\nschedule = \"*/2 * * * * *\"\ntimeout = \"30s\"\n",
    "clock_start = \"2025-10-24T22:00:00Z\"\n");
  engine_process engine({"run", "-c", healing}, dir / "self-heal.log");
  REQUIRE(engine.started());
  const bool healed = eventually(120s, [&] {
    return count_of(warehouse, "SELECT count(*) FROM player_game_summary WHERE game_date = '2025-10-23'") > 0 &&
           count_of(warehouse, "SELECT count(*) FROM expected_outputs WHERE game_date = '2025-10-23' "
                               "AND state IN ('EXPECTED', 'RUNNING', 'BLOCKED', 'FAILED')") == 0;
  });
  engine.signal(SIGTERM);
  REQUIRE(engine.wait_exit(30s) == 0);
  INFO(engine.output());
  REQUIRE(healed);
  CHECK(count_of(warehouse, "SELECT count(*) FROM self_heal_actions WHERE game_date = '2025-10-23'") == 1);
  CHECK(count_of(warehouse, "SELECT count(*) FROM job_runs WHERE job = 'self-heal-predictions' AND outcome = 'ok'") >= 1);
  const auto after = content(dir);
  for (const auto& [table, hash] : expected) {
    INFO(table);
    CHECK(after.at(table) == hash);
  }
  upstream.stop();
}
