// Specs for actors/orchestrators/phase_trigger.hpp: "make sure phase P of date D runs now",
// with and without a refresh, on a real warehouse file.
#include "actors/orchestrators/phase_trigger.hpp"
#include "actors/phases/table_hash.hpp"
#include "heal_fixture.hpp"

namespace courtside::phases::test {
namespace {

using pipeline::trigger_outcome;
using storage::output_state;

std::int64_t items_of_date(database& db, const std::string& date) {
  return count_of(db, "SELECT count(*) FROM work_queue WHERE item_key = '" + date + "'");
}

} // namespace

TEST_CASE("a trigger plans a date never planned and queues its phase", "[trigger]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  const auto ctx = league_day(4, t0);
  const auto report = value_of(pipeline::trigger_phase(db, ctx, pipeline::same_day_phase3_tomorrow));
  const std::string d = league_date(5);
  CHECK(report.summary == "same-day-phase3-tomorrow: analytics of " + d + " enqueued");
  CHECK(report.alerts.empty());
  CHECK(count_of(db, "SELECT count(*) FROM expected_outputs WHERE game_date = '" + d + "' AND state = 'EXPECTED'") == 5);
  CHECK(pending_items(db, "schedule", d) == 1);
  CHECK(pending_items(db, "analytics", d) == 1);
}

TEST_CASE("a trigger of a settled row without refresh does nothing", "[trigger]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, 3);
  const std::string d = league_date(2);
  const auto before = ledger_row_of(db, d, "analytics");
  const auto queued = count_of(db, "SELECT count(*) FROM work_queue");
  const auto outcome = value_of(pipeline::trigger_phase_outcome(db, league_day(2, driver.now() + 5), pipeline::same_day_phase3));
  CHECK(outcome == trigger_outcome::already_settled);
  const auto after = ledger_row_of(db, d, "analytics");
  CHECK(after.state == before.state);
  CHECK(after.updated_at == before.updated_at);
  CHECK(count_of(db, "SELECT count(*) FROM work_queue") == queued);
  CHECK(pending_items(db, "analytics", d) == 0);
}

TEST_CASE("a trigger with refresh resets a settled row and the phases after it and queues it again", "[trigger]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, 3);
  const auto hashes = value_of(pipeline_content_hashes(db));
  const std::string d = league_date(2);
  const auto ctx = league_day(2, driver.now() + 5);
  const auto report = value_of(pipeline::trigger_phase(db, ctx, pipeline::morning_predictions));
  CHECK(report.summary == "morning-predictions: predictions of " + d + " refreshed");
  for (auto p : {"predictions", "publish"}) {
    CHECK(state_of(db, d, p) == output_state::expected);
    CHECK(ledger_row_of(db, d, p).reason == "morning-predictions: refresh");
  }
  CHECK(state_of(db, d, "precompute") == output_state::complete);
  CHECK(pending_items(db, "predictions", d) == 1);

  // Asked again before it ran: the queued item will do, nothing is queued twice.
  CHECK(value_of(pipeline::trigger_phase_outcome(db, ctx, pipeline::overnight_predictions)) ==
        trigger_outcome::already_queued);
  CHECK(pending_items(db, "predictions", d) == 1);

  CHECK(pending_items(db, "odds_events", d) == 0); // no prop-line source in this context

  driver.drain(db);
  CHECK(state_of(db, d, "predictions") != output_state::expected);
  CHECK(state_of(db, d, "publish") == output_state::complete);
  CHECK(value_of(pipeline_content_hashes(db)) == hashes);
}

TEST_CASE("the morning refresh asks the prop-line source for the date's lines again, once",
          "[trigger]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, 3);
  const std::string d = league_date(2);
  auto ctx = league_day(2, driver.now() + 5);
  ctx.has_odds_source = true;
  const auto report = value_of(pipeline::trigger_phase(db, ctx, pipeline::morning_predictions));
  CHECK(report.summary == "morning-predictions: predictions of " + d + " refreshed; prop lines asked again");
  CHECK(pending_items(db, "odds_events", d) == 1);
  CHECK(pending_items(db, "predictions", d) == 1);
  // The overnight refresh keeps the lines it has; a second morning run finds the ask pending.
  (void)value_of(pipeline::trigger_phase(db, ctx, pipeline::overnight_predictions));
  (void)value_of(pipeline::trigger_phase(db, ctx, pipeline::morning_predictions));
  CHECK(count_of(db, "SELECT count(*) FROM work_queue WHERE kind = 'odds_events'") == 1);
}

TEST_CASE("a trigger of an unsettled row with nothing queued queues it, and yesterday means yesterday", "[trigger]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, 3);
  const std::string yesterday = league_date(1);
  set_ledger(db, yesterday, "precompute", output_state::expected, "", driver.now());
  const auto ctx = league_day(2, driver.now() + 5);
  CHECK(value_of(pipeline::trigger_phase_outcome(db, ctx, pipeline::overnight_phase4)) == trigger_outcome::enqueued);
  CHECK(pending_items(db, "precompute", yesterday) == 1);
  CHECK(pending_items(db, "precompute", league_date(2)) == 0);
  driver.drain(db);
  CHECK(state_of(db, yesterday, "precompute") == output_state::complete);
}

TEST_CASE("a trigger whose transaction rolls back leaves neither a plan nor an item behind", "[trigger]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  const auto ctx = league_day(4, t0);
  {
    auto outer = value_of(db.begin("scheduler job"));
    CHECK(value_of(pipeline::trigger_phase_outcome(db, ctx, pipeline::same_day_phase3)) == trigger_outcome::enqueued);
    CHECK(items_of_date(db, ctx.today) == 2);
    REQUIRE_OK(outer.rollback());
  }
  CHECK(count_of(db, "SELECT count(*) FROM expected_outputs") == 0);
  CHECK(items_of_date(db, ctx.today) == 0);
}

TEST_CASE("a trigger of something that is not a phase kind is refused", "[trigger]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  const pipeline::trigger_spec bad{"bad-job", pipeline::which_date::today, "raw", false};
  const auto r = pipeline::trigger_phase(db, league_day(4, t0), bad);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == storage::storage_errc::invalid_argument);
  CHECK(count_of(db, "SELECT count(*) FROM expected_outputs") == 0);
}

} // namespace courtside::phases::test
