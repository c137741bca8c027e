// Specs for actors/orchestrators/reconciler.hpp and output_check.hpp: the ledger against the
// tables over the whole history, bounded re-runs, lost triggers; end to end through the flow's
// phase handlers on a real warehouse file.
#include "actors/orchestrators/output_check.hpp"
#include "actors/orchestrators/reconciler.hpp"
#include "actors/phases/table_hash.hpp"
#include "heal_fixture.hpp"

#include <algorithm>

namespace courtside::phases::test {
namespace {

using pipeline::date_action;
using pipeline::reconcile_ledger;
using storage::output_state;
using storage::pipeline_phase;

constexpr int league_days = 6;

int alerts_with_key(const std::vector<alerting::alert>& alerts, const std::string& key) {
  return static_cast<int>(std::count_if(alerts.begin(), alerts.end(),
                                        [&](const alerting::alert& a) { return a.key == key; }));
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::int64_t reruns_of(database& db, const std::string& date, const std::string& phase) {
  return count_of(db, "SELECT coalesce(max(reruns), 0) FROM ledger_reruns WHERE game_date = '" + date +
                        "' AND phase = '" + phase + "'");
}

pipeline::phase_view phase(std::string name, output_state state) {
  pipeline::phase_view p;
  p.phase = std::move(name);
  p.state = state;
  return p;
}

} // namespace

TEST_CASE("the output check passes a COMPLETE phase with rows and fails it once its rows are deleted", "[output_check]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, 2);
  const std::string d = league_date(1);
  CHECK(value_of(pipeline::check_output(db, d, pipeline_phase::analytics)).pass);
  REQUIRE_OK(db.exec("DELETE FROM player_game_summary WHERE game_date = '" + d + "'", "test"));
  const auto v = value_of(pipeline::check_output(db, d, pipeline_phase::analytics));
  CHECK_FALSE(v.pass);
  CHECK(v.why == "ledger COMPLETE but player_game_summary has no rows");
  CHECK(value_of(pipeline::check_output(db, league_date(0), pipeline_phase::analytics)).pass);
  CHECK(pipeline::primary_output(pipeline_phase::predictions)->name == "predictions");
  CHECK(pipeline::primary_output(pipeline_phase::precompute)->name == "feature_store"); // what phase 5 reads
}

TEST_CASE("the output check says not planned, the state with its reason, no games and degraded", "[output_check]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  const std::string d = "2025-02-01";
  CHECK(value_of(pipeline::check_output(db, d, pipeline_phase::raw)).why == "not planned");
  for (auto p : {"raw", "analytics", "precompute"})
    REQUIRE_OK(storage::ensure_expected(db, ledger_key(d, p), std::nullopt, t0));
  set_ledger(db, d, "raw", output_state::empty_ok, "no games", t0);
  set_ledger(db, d, "analytics", output_state::failed, "raw failed", t0);
  set_ledger(db, d, "precompute", output_state::degraded, "no history", t0);
  CHECK(value_of(pipeline::check_output(db, d, pipeline_phase::raw)).pass);
  const auto failed = value_of(pipeline::check_output(db, d, pipeline_phase::analytics));
  CHECK_FALSE(failed.pass);
  CHECK(failed.why == "FAILED: raw failed");
  const auto degraded = value_of(pipeline::check_output(db, d, pipeline_phase::precompute));
  CHECK(degraded.pass);
  CHECK(degraded.why == "degraded: no history");
}

TEST_CASE("a date whose summaries were deleted is re-run from analytics and its rows come back identical", "[reconciler]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, league_days);
  const auto before = value_of(pipeline_content_hashes(db));
  const auto ctx = league_day(league_days, driver.now() + 1000);
  const auto quiet = value_of(reconcile_ledger(db, ctx));
  CHECK(contains(quiet.summary, "30 ledger rows over 6 dates up to 2025-01-07"));
  CHECK(contains(quiet.summary, "0 re-runs started"));
  CHECK(quiet.alerts.empty());

  // An old date, not a recent one: the pass walks the whole history.
  const std::string d = league_date(1);
  REQUIRE_OK(db.exec("DELETE FROM player_game_summary WHERE game_date = '" + d + "'", "test"));
  const auto report = value_of(reconcile_ledger(db, ctx));
  CHECK(contains(report.summary, "1 re-run started"));
  const auto analytics = ledger_row_of(db, d, "analytics");
  CHECK(analytics.state == output_state::expected);
  CHECK(analytics.reason == "reconciler: ledger COMPLETE but player_game_summary has no rows");
  for (auto later : {"precompute", "predictions", "publish"}) CHECK(state_of(db, d, later) == output_state::expected);
  CHECK(state_of(db, league_date(2), "analytics") == output_state::complete);
  CHECK(pending_items(db, "analytics", d) == 1);
  CHECK(reruns_of(db, d, "analytics") == 1);
  REQUIRE(report.alerts.size() == 1);
  CHECK(report.alerts[0].key == "reconciler:reruns");
  CHECK(report.alerts[0].level == alerting::severity::warning);

  driver.drain(db);
  CHECK(count_of(db, "SELECT count(*) FROM player_game_summary WHERE game_date = '" + d + "'") == 12);
  CHECK(value_of(pipeline_content_hashes(db)) == before);
  for (auto p : {"analytics", "precompute", "predictions", "publish"})
    CHECK(value_of(pipeline::check_output(db, d, *storage::parse_pipeline_phase(p))).pass);

  // Healthy again: the count is cleared, so a later loss gets a fresh budget.
  const auto after = value_of(reconcile_ledger(db, {ctx.now + 1, ctx.today, ctx.yesterday, ctx.tomorrow}));
  CHECK(contains(after.summary, "1 recovered"));
  CHECK(count_of(db, "SELECT count(*) FROM ledger_reruns") == 0);
  CHECK(after.alerts.empty());
}

TEST_CASE("a FAILED row is re-run at most three times, then left FAILED and alerted exactly once", "[reconciler]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, 4);
  const std::string d = league_date(3);
  const std::string key = "reconciler:failed:" + d + ":analytics";
  // Analytics of d fails for real: every try is a storage error, five tries, dead-lettered.
  auto break_analytics = [&] {
    REQUIRE_OK(db.exec("ALTER TABLE team_game_summary RENAME TO team_game_summary_hidden", "test"));
    driver.drain(db);
    REQUIRE_OK(db.exec("ALTER TABLE team_game_summary_hidden RENAME TO team_game_summary", "test"));
    REQUIRE(state_of(db, d, "analytics") == output_state::failed);
  };
  set_ledger(db, d, "analytics", output_state::expected, "", driver.now());
  REQUIRE_OK(storage::enqueue(db, {"analytics", d, "", 5, std::nullopt}, driver.now()));
  break_analytics();
  CHECK(state_of(db, d, "publish") == output_state::failed);

  std::vector<alerting::alert> alerts;
  for (int pass = 1; pass <= 3; ++pass) {
    const auto report = value_of(reconcile_ledger(db, league_day(4, driver.now() + pass)));
    CHECK(contains(report.summary, "1 re-run started"));
    CHECK(reruns_of(db, d, "analytics") == pass);
    CHECK(state_of(db, d, "analytics") == output_state::expected);
    CHECK(pending_items(db, "analytics", d) == 1); // the dead item was given a fresh start
    alerts.insert(alerts.end(), report.alerts.begin(), report.alerts.end());
    break_analytics();
  }
  CHECK(alerts_with_key(alerts, key) == 0);
  const auto gave_up = value_of(reconcile_ledger(db, league_day(4, driver.now() + 10)));
  CHECK(contains(gave_up.summary, "0 re-runs started"));
  CHECK(contains(gave_up.summary, "1 given up, 0 given up before"));
  REQUIRE(alerts_with_key(gave_up.alerts, key) == 1);
  const auto& alert = gave_up.alerts.front();
  CHECK(alert.level == alerting::severity::error);
  CHECK(alert.attempt == 3);
  CHECK(alert.max_attempts == 3);
  CHECK(alert.date == d);
  CHECK(contains(ledger_row_of(db, d, "analytics").reason, "reconciler: gave up after 3 re-runs"));
  for (int pass = 0; pass < 2; ++pass) {
    const auto later = value_of(reconcile_ledger(db, league_day(5, driver.now() + 20 + pass)));
    CHECK(later.alerts.empty());
    CHECK(contains(later.summary, "0 re-runs started"));
    CHECK(contains(later.summary, "0 given up, 1 given up before"));
  }
  CHECK(reruns_of(db, d, "analytics") == 3);
  CHECK(state_of(db, d, "analytics") == output_state::failed);
  CHECK(pending_items(db, "analytics", d) == 0);
}

TEST_CASE("a row given up on that is healthy again is resolved and its count cleared", "[reconciler]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, 2);
  const std::string d = league_date(1);
  set_ledger(db, d, "publish", output_state::failed, "disk full", driver.now());
  pipeline::reconciler_settings settings;
  settings.max_reruns = 1;
  CHECK(contains(value_of(reconcile_ledger(db, league_day(2, driver.now()), settings)).summary, "1 re-run started"));
  set_ledger(db, d, "publish", output_state::failed, "disk full", driver.now());
  CHECK(value_of(reconcile_ledger(db, league_day(2, driver.now() + 1), settings)).alerts.size() == 1);
  // An operator fixes it: publish runs again and succeeds.
  REQUIRE_OK(storage::enqueue(db, {"publish", d, "", 5, std::nullopt}, driver.now()));
  driver.drain(db);
  REQUIRE(state_of(db, d, "publish") == output_state::complete);
  const auto report = value_of(reconcile_ledger(db, league_day(2, driver.now() + 2), settings));
  REQUIRE(report.alerts.size() == 1);
  CHECK(report.alerts[0].key == "reconciler:failed:" + d + ":publish");
  CHECK(report.alerts[0].resolved);
  CHECK(count_of(db, "SELECT count(*) FROM ledger_reruns") == 0);
}

TEST_CASE("an unsettled past row with nothing queued gets its item again, one with its item queued waits", "[reconciler]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, 3);
  const std::string d = league_date(1);
  // The precompute item of d was lost (a restore from before it was queued, say).
  set_ledger(db, d, "precompute", output_state::expected, "", driver.now());
  // Today's row is not a lost trigger: today's work may not have been queued yet.
  const std::string today = league_date(3);
  for (auto p : {"raw", "analytics"}) REQUIRE_OK(storage::ensure_expected(db, ledger_key(today, p), std::nullopt, t0));
  const auto ctx = league_day(3, driver.now() + 1);
  const auto first = value_of(reconcile_ledger(db, ctx));
  CHECK(contains(first.summary, "1 lost trigger queued"));
  CHECK(contains(first.summary, "1 waiting"));
  CHECK(pending_items(db, "precompute", d) == 1);
  CHECK(pending_items(db, "schedule", today) == 0);
  const auto second = value_of(reconcile_ledger(db, ctx));
  CHECK(contains(second.summary, "0 lost triggers queued"));
  CHECK(contains(second.summary, "2 waiting"));
  driver.drain(db);
  CHECK(state_of(db, d, "precompute") == output_state::complete);
}

TEST_CASE("a pass starts at most max_starts_per_pass re-runs and leaves the rest for the next pass", "[reconciler]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, 5);
  for (int i = 0; i < 5; ++i) set_ledger(db, league_date(i), "publish", output_state::failed, "disk full", driver.now());
  pipeline::reconciler_settings settings;
  settings.max_starts_per_pass = 2;
  const auto ctx = league_day(5, driver.now());
  const auto first = value_of(reconcile_ledger(db, ctx, settings));
  CHECK(contains(first.summary, "2 re-runs started"));
  CHECK(contains(first.summary, "3 deferred to the next pass"));
  CHECK(pending_items(db, "publish", league_date(0)) == 1);
  CHECK(pending_items(db, "publish", league_date(2)) == 0);
  const auto second = value_of(reconcile_ledger(db, ctx, settings));
  CHECK(contains(second.summary, "2 re-runs started"));
  CHECK(contains(second.summary, "2 waiting"));
  CHECK(contains(second.summary, "1 deferred to the next pass"));
  driver.drain(db);
  for (int i = 0; i < 4; ++i) CHECK(state_of(db, league_date(i), "publish") == output_state::complete);
}

TEST_CASE("the first unhealthy phase of a date decides and a phase given up before stops the scan", "[reconciler]") {
  pipeline::date_view view{"2025-01-03", true, {}};
  view.phases = {phase("raw", output_state::complete), phase("analytics", output_state::complete),
                 phase("precompute", output_state::failed), phase("predictions", output_state::failed)};
  view.phases[1].output_missing = true;
  view.phases[1].missing_why = "ledger COMPLETE but player_game_summary has no rows";
  auto d = pipeline::decide(view, {});
  CHECK(d.action == date_action::rerun);
  CHECK(d.phase == "analytics");
  CHECK(d.why == view.phases[1].missing_why);

  view.phases[1].reruns = 2;
  CHECK(pipeline::decide(view, {}).action == date_action::rerun);
  view.phases[1].reruns = 3; // just at the limit
  CHECK(pipeline::decide(view, {}).action == date_action::give_up);
  view.phases[1].gave_up = true;
  d = pipeline::decide(view, {});
  CHECK(d.action == date_action::gave_up_before);
  CHECK(d.phase == "analytics");

  view.phases[1].output_missing = false; // healthy again: counted, so recovered
  d = pipeline::decide(view, {});
  CHECK(d.action == date_action::rerun);
  CHECK(d.phase == "precompute");
  CHECK(d.why == "FAILED");
  CHECK(d.recovered == std::vector<std::string>{"analytics"});
}

TEST_CASE("today's COMPLETE rows are not judged by their tables and today's unsettled rows wait", "[reconciler]") {
  pipeline::date_view view{"2025-01-03", false, {phase("raw", output_state::running)}};
  CHECK(pipeline::decide(view, {}).action == date_action::waiting);
  view.before_today = true;
  CHECK(pipeline::decide(view, {}).action == date_action::lost_trigger);
  view.phases[0].triggered = true;
  CHECK(pipeline::decide(view, {}).action == date_action::waiting);

  pipeline::date_view today{"2025-01-03", false, {phase("analytics", output_state::complete)}};
  today.phases[0].output_missing = true; // the pregame pass: nothing summarized yet
  CHECK(pipeline::decide(today, {}).action == date_action::none);
  today.before_today = true;
  CHECK(pipeline::decide(today, {}).action == date_action::rerun);
}

} // namespace courtside::phases::test
