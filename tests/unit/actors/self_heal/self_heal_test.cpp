// Specs for actors/self_heal/self_heal.hpp: yesterday's analytics, today's and tomorrow's
// predictions checked, missing outputs re-run 3 -> 4 -> 5 a bounded number of times a day,
// low quality marked; on a real warehouse file through the flow's phase handlers.
#include "actors/self_heal/self_heal.hpp"
#include "actors/phases/table_hash.hpp"
#include "unit/actors/orchestrators/heal_fixture.hpp"

#include <algorithm>

namespace courtside::phases::test {
namespace {

using self_heal::heal_verdict;
using self_heal::self_heal_predictions;
using storage::output_state;

int alerts_with_key(const std::vector<alerting::alert>& alerts, const std::string& key) {
  return static_cast<int>(std::count_if(alerts.begin(), alerts.end(),
                                        [&](const alerting::alert& a) { return a.key == key; }));
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::int64_t attempts_of(database& db, const std::string& date, const std::string& day) {
  return count_of(db, "SELECT coalesce(max(attempts), 0) FROM self_heal_actions WHERE game_date = '" +
                        date + "' AND day = '" + day + "'");
}

// Long enough for every phase of its last days to be COMPLETE, not DEGRADED: five games of
// history per player, and 60 training rows for the regression.
constexpr int clean_days = 12;

// Plans a date at `now` (its rows are then in progress, not overdue).
void plan(database& db, const std::string& date, unix_ms now) {
  REQUIRE_OK(pipeline::plan_date(db, date, 5, now));
}

} // namespace

TEST_CASE("an unsettled row is in progress until its deadline and overdue from it", "[self_heal]") {
  self_heal::self_heal_settings s;
  storage::ledger_row row;
  row.state = output_state::running;
  row.updated_at = t0;
  const unix_ms deadline = t0 + s.overdue_after.count();
  CHECK(self_heal::judge(row, false, deadline - 1, s) == heal_verdict::in_progress);
  CHECK(self_heal::judge(row, false, deadline, s) == heal_verdict::overdue);
  row.expected_by = t0 + 1000; // a deadline of its own wins
  CHECK(self_heal::judge(row, false, t0 + 999, s) == heal_verdict::in_progress);
  CHECK(self_heal::judge(row, false, t0 + 1000, s) == heal_verdict::overdue);
}

TEST_CASE("self-heal verdicts: not planned, output missing, failed, healthy", "[self_heal]") {
  self_heal::self_heal_settings s;
  CHECK(self_heal::judge(std::nullopt, false, t0, s) == heal_verdict::not_planned);
  storage::ledger_row row;
  row.state = output_state::complete;
  CHECK(self_heal::judge(row, true, t0, s) == heal_verdict::healthy);
  CHECK(self_heal::judge(row, false, t0, s) == heal_verdict::output_missing);
  row.state = output_state::degraded;
  CHECK(self_heal::judge(row, false, t0, s) == heal_verdict::healthy);
  row.state = output_state::failed;
  CHECK(self_heal::judge(row, true, t0, s) == heal_verdict::failed);
  CHECK(self_heal::needs_heal(heal_verdict::failed));
  CHECK_FALSE(self_heal::needs_heal(heal_verdict::in_progress));
}

TEST_CASE("yesterday's deleted analytics are re-run through phases 3 to 5 and come back", "[self_heal]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, clean_days);
  const auto hashes = value_of(pipeline_content_hashes(db));
  const auto ctx = league_day(clean_days - 1, driver.now() + 1);
  plan(db, ctx.tomorrow, ctx.now);
  const auto quiet = value_of(self_heal_predictions(db, ctx));
  CHECK(quiet.alerts.empty());
  CHECK(contains(quiet.summary, "yesterday's analytics " + ctx.yesterday + " healthy"));
  CHECK(contains(quiet.summary, "today's predictions " + ctx.today + " healthy"));
  CHECK(contains(quiet.summary, "tomorrow's predictions " + ctx.tomorrow + " in progress"));

  REQUIRE_OK(db.exec("DELETE FROM player_game_summary WHERE game_date = '" + ctx.yesterday + "'", "test"));
  const auto report = value_of(self_heal_predictions(db, ctx));
  CHECK(contains(report.summary, "output missing -> re-run from analytics (attempt 1 of 2 today)"));
  for (auto p : {"analytics", "precompute", "predictions", "publish"}) {
    CHECK(state_of(db, ctx.yesterday, p) == output_state::expected);
    CHECK(contains(ledger_row_of(db, ctx.yesterday, p).reason, "self-heal: ledger COMPLETE but"));
  }
  CHECK(state_of(db, ctx.yesterday, "raw") == output_state::complete);
  CHECK(pending_items(db, "analytics", ctx.yesterday) == 1);
  CHECK(attempts_of(db, ctx.yesterday, ctx.today) == 1);
  REQUIRE(report.alerts.size() == 1);
  CHECK(report.alerts[0].key == "self_heal:" + ctx.yesterday);
  CHECK(report.alerts[0].level == alerting::severity::warning);
  CHECK(report.alerts[0].attempt == 1);
  CHECK(report.alerts[0].max_attempts == 2);

  driver.drain(db);
  CHECK(value_of(pipeline_content_hashes(db)) == hashes);
  CHECK(value_of(self_heal_predictions(db, {ctx.now + 1, ctx.today, ctx.yesterday, ctx.tomorrow})).alerts.empty());
}

TEST_CASE("self-heal attempts are bounded per date and day, and a new day brings new ones", "[self_heal]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, 4);
  const std::string d = league_date(3);
  const auto day2 = league_day(2, driver.now() + 1); // d is tomorrow
  const std::string gave_up_key = "self_heal:gave_up:" + d;
  std::vector<alerting::alert> alerts;
  for (int pass = 1; pass <= 5; ++pass) {
    set_ledger(db, d, "predictions", output_state::failed, "no features", driver.now()); // the re-run failed too
    const auto report = value_of(self_heal_predictions(db, {day2.now + pass, day2.today, day2.yesterday, day2.tomorrow}));
    alerts.insert(alerts.end(), report.alerts.begin(), report.alerts.end());
    CHECK(attempts_of(db, d, day2.today) == std::min(pass, 2));
    if (pass == 3) CHECK(contains(report.summary, "failed -> gave up for today"));
    if (pass > 3) {
      CHECK(contains(report.summary, "failed -> out of attempts today"));
      CHECK(alerts_with_key(report.alerts, "self_heal:" + d) == 0);
      CHECK(alerts_with_key(report.alerts, gave_up_key) == 0);
    }
  }
  CHECK(alerts_with_key(alerts, "self_heal:" + d) == 2);
  REQUIRE(alerts_with_key(alerts, gave_up_key) == 1);
  CHECK(std::find_if(alerts.begin(), alerts.end(), [&](const alerting::alert& a) {
          return a.key == gave_up_key;
        })->level == alerting::severity::error);

  // The next day d is today: a fresh budget.
  auto day3 = league_day(3, driver.now() + 100);
  plan(db, day3.tomorrow, day3.now);
  const auto next = value_of(self_heal_predictions(db, day3));
  CHECK(contains(next.summary, "today's predictions " + d + " failed -> re-run from analytics (attempt 1 of 2 today)"));
  CHECK(attempts_of(db, d, day3.today) == 1);
  CHECK(attempts_of(db, d, day2.today) == 2);
}

TEST_CASE("self-heal starts from raw when raw itself failed", "[self_heal]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, 3);
  const auto ctx = league_day(2, driver.now() + 1);
  plan(db, ctx.tomorrow, ctx.now);
  set_ledger(db, ctx.today, "raw", output_state::failed, "box score: 503", ctx.now);
  set_ledger(db, ctx.today, "predictions", output_state::failed, "raw failed", ctx.now);
  const auto report = value_of(self_heal_predictions(db, ctx));
  CHECK(contains(report.summary, "re-run from raw"));
  CHECK(state_of(db, ctx.today, "raw") == output_state::expected);
  CHECK(pending_items(db, "schedule", ctx.today) == 1);
  CHECK(pending_items(db, "analytics", ctx.today) == 0);
}

TEST_CASE("low feature quality is marked in the summary and a warning, just below the bar and not at it", "[self_heal]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, clean_days);
  const auto ctx = league_day(clean_days - 1, driver.now() + 1);
  plan(db, ctx.tomorrow, ctx.now);
  // Lower one player's quality so the mean is not the maximum.
  REQUIRE_OK(db.exec("UPDATE feature_store SET quality_score = 40 WHERE game_date = '" + ctx.today +
                       "' AND player_id = 'player a bos'", "test"));
  const auto mean = count_of(db, "SELECT CAST(avg(quality_score) AS INTEGER) FROM feature_store WHERE game_date = '" +
                                   ctx.today + "'");
  REQUIRE(mean < 100);
  self_heal::self_heal_settings s;
  s.min_mean_quality = static_cast<int>(mean);
  const auto at_bar = value_of(self_heal_predictions(db, ctx, s));
  CHECK_FALSE(contains(at_bar.summary, "low quality"));
  CHECK(at_bar.alerts.empty());
  s.min_mean_quality = static_cast<int>(mean) + 1;
  const auto below = value_of(self_heal_predictions(db, ctx, s));
  CHECK(contains(below.summary, "today's predictions " + ctx.today + " healthy; low quality: feature quality"));
  REQUIRE(below.alerts.size() == 1);
  CHECK(below.alerts[0].key == "self_heal:quality:" + ctx.today);
  CHECK(below.alerts[0].level == alerting::severity::warning);
  REQUIRE_FALSE(below.alerts[0].fields.empty());
  CHECK(below.alerts[0].fields[0].name == "feature quality");
}

TEST_CASE("a DEGRADED phase is marked as low quality", "[self_heal]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  flow_driver driver(dir / "exports", t0);
  run_league(db, driver, clean_days);
  const auto ctx = league_day(clean_days - 1, driver.now() + 1);
  plan(db, ctx.tomorrow, ctx.now);
  self_heal::self_heal_settings s;
  CHECK(value_of(self_heal_predictions(db, ctx, s)).alerts.empty());
  set_ledger(db, ctx.today, "precompute", output_state::degraded, "no history for MIA", ctx.now);
  const auto report = value_of(self_heal_predictions(db, ctx, s));
  CHECK(contains(report.summary, "low quality: precompute DEGRADED (no history for MIA)"));
  CHECK(alerts_with_key(report.alerts, "self_heal:quality:" + ctx.today) == 1);
}

} // namespace courtside::phases::test
