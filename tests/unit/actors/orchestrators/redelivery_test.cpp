// Spec (issue 4): at-least-once delivery, exactly-once effect. Redelivering every work item of a
// whole league, and running a date again from phase 3, leave every pipeline table identical
// (content hashes), driven through the flow's real handlers on a real warehouse file.
#include "actors/orchestrators/phase_trigger.hpp"
#include "actors/phases/table_hash.hpp"
#include "heal_fixture.hpp"

namespace courtside::phases::test {
namespace {

std::map<std::string, std::string> hashes(database& db) { return value_of(pipeline_content_hashes(db)); }

void check_same(const std::map<std::string, std::string>& before, const std::map<std::string, std::string>& after) {
  REQUIRE(before.size() == after.size());
  for (const auto& [table, hash] : before) {
    INFO(table);
    CHECK(after.at(table) == hash);
  }
}

} // namespace

TEST_CASE("redelivering every work item leaves every table identical", "[redelivery]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, 5);
  const auto before = hashes(db);
  REQUIRE(count_of(db, "SELECT count(*) FROM player_game_summary") > 0);
  REQUIRE(count_of(db, "SELECT count(*) FROM feature_store") > 0);

  // Every item delivered again, as if each ack had been lost after its commit.
  const auto redelivered = count_of(db, "SELECT count(*) FROM (SELECT max(id) FROM work_queue "
                                        "WHERE state = 'done' GROUP BY kind, item_key)");
  REQUIRE(redelivered >= 20);
  REQUIRE(db.exec("UPDATE work_queue SET state = 'ready', attempts = 0, lease_owner = NULL, "
                  "lease_expires = NULL, not_before = 0 WHERE id IN (SELECT max(id) FROM work_queue "
                  "WHERE state = 'done' GROUP BY kind, item_key)",
                  "test: redeliver"));
  CHECK(driver.drain(db) >= redelivered);
  check_same(before, hashes(db));
  CHECK(count_of(db, "SELECT count(*) FROM work_queue WHERE state = 'dead'") == 0);
}

TEST_CASE("running a date again from phase 3 leaves every table identical", "[redelivery]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, 5);
  const auto before = hashes(db);

  const pipeline::trigger_spec again{"test-rerun", pipeline::which_date::today, "analytics", true};
  REQUIRE(value_of(pipeline::trigger_phase_outcome(db, league_day(2, driver.now() + 1), again)) ==
          pipeline::trigger_outcome::refreshed);
  CHECK(driver.drain(db) >= 4); // analytics, precompute, predictions, publish of that date
  check_same(before, hashes(db));
  for (auto phase : pipeline::phase_kinds) {
    INFO(phase);
    CHECK(state_of(db, league_date(2), phase) == state_of(db, league_date(1), phase));
  }
}

} // namespace courtside::phases::test
