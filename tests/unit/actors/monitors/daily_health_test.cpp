// Specs for the daily health check and summary bodies (actors/monitors/daily_health.hpp).
#include "actors/monitors/daily_health.hpp"
#include "monitors_fixture.hpp"
#include "runtime/storage/work_queue.hpp"

namespace courtside::monitors::test {
namespace {

const health_settings defaults{};
const unix_ms now = utc_ms(2025, 1, 15, 12);

// Yesterday settled with both games' box scores.
void healthy_yesterday(database& db) {
  set_all_phases(db, "2025-01-14", output_state::complete, now - 5 * hour_ms);
  box_score(db, final_game(db, "2025-01-14", "LAL", "BOS", "2025-01-15T00:30:00Z"), "nba_cdn");
  box_score(db, final_game(db, "2025-01-14", "NYK", "MIA", "2025-01-15T01:00:00Z"), "nba_cdn");
}

// A dead-lettered queue item: enqueued, leased and dead-lettered at once.
void dead_item(database& db, std::string_view kind, const std::string& key,
               const std::string& payload) {
  storage::new_work_item item{std::string{kind}, key, payload, 5, std::nullopt};
  const auto id = value_of(storage::enqueue(db, item, now - hour_ms)).id;
  REQUIRE(value_of(storage::lease(db, kind, "w", now - hour_ms, std::chrono::minutes{1}, 1)).size() == 1);
  REQUIRE_OK(storage::dead_letter_now(db, id, "w", now - hour_ms, "no box score in the payload"));
}

} // namespace

TEST_CASE("a healthy yesterday scores 100 and only resolves its key", "[monitors][health]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  healthy_yesterday(db);
  const auto report = value_of(daily_health_check(db, context_at(now), defaults));
  REQUIRE(report.alerts.size() == 1);
  CHECK(report.alerts.front().resolved);
  CHECK(report.alerts.front().key == "monitor:health:2025-01-14");
  CHECK(report.summary.rfind("health of 2025-01-14: 100 ", 0) == 0);
}

TEST_CASE("a failed precompute of yesterday makes the check raise an error with the scores",
          "[monitors][health]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  healthy_yesterday(db);
  for (const char* phase : {"precompute", "predictions", "publish"})
    set_ledger(db, "2025-01-14", phase, output_state::failed, now, "raw failed");
  const auto report = value_of(daily_health_check(db, context_at(now), defaults));
  REQUIRE(report.alerts.size() == 1);
  const auto& a = report.alerts.front();
  CHECK_FALSE(a.resolved);
  CHECK(a.level == alerting::severity::error);
  CHECK(a.date == "2025-01-14");
  CHECK(field_of(a, "overall") == "40");
  CHECK(field_of(a, "precompute") == "0 (FAILED)");
  CHECK(field_of(a, "raw") == "100");
}

TEST_CASE("dead-lettered and missing box scores of the date lower its raw score",
          "[monitors][health]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  healthy_yesterday(db);
  final_game(db, "2025-01-14", "DEN", "PHX", "2025-01-15T02:00:00Z");
  dead_item(db, pipeline::box_score_kind, "0022400999", "2025-01-14");
  dead_item(db, pipeline::box_score_kind, "0022400998", "2025-01-13"); // another date's
  dead_item(db, "publish", "2025-01-14", "");
  const auto facts = value_of(read_health_facts(db, "2025-01-14", defaults));
  CHECK(facts.phases.front().dead_items == 1);
  CHECK(facts.phases.back().dead_items == 1);
  CHECK(facts.final_games == 3);
  CHECK(facts.final_with_box_scores == 2);
  const auto r = score_health(facts, now, defaults);
  CHECK(describe_scores(r) == "raw 66 (2/3 box scores) · analytics 100 · precompute 100 · "
                              "predictions 100 · publish 80 (1 dead item(s))");
  CHECK(r.overall == 89);
  // Above the warning line: the check resolves, the completeness monitor does the alerting.
  const auto report = value_of(daily_health_check(db, context_at(now), defaults));
  REQUIRE(report.alerts.size() == 1);
  CHECK(report.alerts.front().resolved);
}

TEST_CASE("an unprocessed yesterday makes the check warn", "[monitors][health]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  set_all_phases(db, "2025-01-14", output_state::expected, now - 20 * hour_ms);
  const auto report = value_of(daily_health_check(db, context_at(now), defaults));
  REQUIRE(report.alerts.size() == 1);
  CHECK_FALSE(report.alerts.front().resolved);
  CHECK(report.alerts.front().level == alerting::severity::warning);
  CHECK(report.alerts.front().title == "Pipeline health of 2025-01-14 is 60/100");
}

TEST_CASE("the daily summary always raises one info digest for yesterday and today",
          "[monitors][health]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  healthy_yesterday(db);
  set_all_phases(db, "2025-01-15", output_state::expected, now);
  const auto report = value_of(daily_health_summary(db, context_at(now), defaults));
  REQUIRE(report.alerts.size() == 1);
  const auto& a = report.alerts.front();
  CHECK(a.level == alerting::severity::info);
  CHECK_FALSE(a.resolved);
  CHECK(a.key == "monitor:health_summary:2025-01-15");
  CHECK(a.title == "Daily health: 2025-01-14 100/100, 2025-01-15 60/100");
  REQUIRE(a.fields.size() == 2);
  CHECK(a.fields[0].name == "2025-01-14 (yesterday)");
  CHECK(a.fields[1].value.rfind("overall 60 · raw 60 (EXPECTED)", 0) == 0);
  CHECK(report.summary == "health 2025-01-14 100, 2025-01-15 60");
}

} // namespace courtside::monitors::test
