// Specs for the phase-5 gate (actors/pipeline/flow_phases.cpp, features_gate): predictions do
// not run on a date whose precompute says COMPLETE but whose feature rows are gone; the gate's
// verdict is stored as BLOCKED with its reason, and precompute made again opens it at once.
#include "actors/phases/table_hash.hpp"
#include "heal_fixture.hpp"

namespace courtside::phases::test {
namespace {

using storage::output_state;

// One commit of kind:key at `now` with the flow's own handler, as the queue worker does it.
pipeline::commit_decision commit_once(database& db, const std::filesystem::path& exports,
                                      const std::string& kind, const std::string& key, unix_ms now) {
  pipeline::flow_settings s;
  s.primary_source = "nba_cdn";
  s.exports_dir = exports;
  std::shared_ptr<const pipeline::work_handler> handler;
  for (auto& h : pipeline::make_flow_handlers(s))
    if (h.kind == kind) handler = h.handler;
  REQUIRE(handler);
  auto items = value_of(storage::lease(db, kind, "test", now, std::chrono::minutes(1), 1));
  REQUIRE(items.size() == 1);
  REQUIRE(items.front().key == key);
  auto tx = value_of(db.begin("test commit"));
  const auto decision = value_of(handler->commit(db, items.front(), nullptr, now));
  if (decision.what == pipeline::commit_decision::kind::ack) REQUIRE_OK(storage::ack(tx, items.front().id, "test", now));
  else REQUIRE_OK(storage::defer(db, items.front().id, "test", now, decision.until, decision.reason));
  REQUIRE_OK(tx.commit());
  return decision;
}

} // namespace

TEST_CASE("predictions are blocked while a COMPLETE precompute's feature rows are missing, "
          "and run once precompute is made again",
          "[pipeline][gate]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, 3);
  const auto hashes = value_of(pipeline_content_hashes(db));
  const std::string d = league_date(2);
  REQUIRE(state_of(db, d, "precompute") == output_state::complete);
  const auto predicted = state_of(db, d, "predictions"); // DEGRADED: too little history to fit

  REQUIRE_OK(db.exec("DELETE FROM feature_store WHERE game_date = '" + d + "'", "test"));
  set_ledger(db, d, "predictions", output_state::expected, "", driver.now());
  REQUIRE_OK(storage::enqueue(db, {"predictions", d, "", 5, std::nullopt}, driver.now()));
  unix_ms now = driver.now() + 1000;
  const auto blocked = commit_once(db, dir / "exports", "predictions", d, now);
  CHECK(blocked.what == pipeline::commit_decision::kind::defer);
  CHECK(state_of(db, d, "predictions") == output_state::blocked);
  CHECK(ledger_row_of(db, d, "predictions").reason ==
        "features: feature_store has no row for " + d + " (2 games) although precompute is COMPLETE");

  // Precompute made again (as the reconciler would start it): its commit makes the blocked
  // item due at once, not after the gate's one-minute recheck.
  REQUIRE_OK(storage::enqueue(db, {"precompute", d, "", 5, std::nullopt}, now));
  now += 1000;
  CHECK(commit_once(db, dir / "exports", "precompute", d, now).what == pipeline::commit_decision::kind::ack);
  CHECK(count_of(db, "SELECT count(*) FROM work_queue WHERE kind = 'predictions' AND item_key = '" + d +
                        "' AND state = 'ready' AND not_before <= " + std::to_string(now)) == 1);
  CHECK(commit_once(db, dir / "exports", "predictions", d, now).what == pipeline::commit_decision::kind::ack);
  CHECK(state_of(db, d, "predictions") == predicted);
  driver.drain(db);
  CHECK(value_of(pipeline_content_hashes(db)) == hashes);
}

} // namespace courtside::phases::test
