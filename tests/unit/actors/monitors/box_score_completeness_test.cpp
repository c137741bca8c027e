// Specs for the box-score completeness monitor (actors/monitors/box_score_completeness.hpp).
#include "actors/monitors/box_score_completeness.hpp"
#include "monitors_fixture.hpp"

namespace courtside::monitors::test {
namespace {

using alerting::severity;

const completeness_settings defaults{};

// Yesterday (2025-01-14): three final games, the last tip-off 03:00Z, so over at 06:00Z.
// nba_cdn has the box score of the first only; balldontlie has the second.
struct yesterday_games {
  Game boxed, other_source_only, none;
  unix_ms ended = utc_ms(2025, 1, 15, 6);
};

yesterday_games store_yesterday(database& db) {
  yesterday_games y;
  y.boxed = final_game(db, "2025-01-14", "LAL", "BOS", "2025-01-15T00:30:00Z");
  y.other_source_only = final_game(db, "2025-01-14", "NYK", "MIA", "2025-01-15T03:00:00Z");
  y.none = final_game(db, "2025-01-14", "DEN", "PHX", "2025-01-15T01:00:00.000Z");
  box_score(db, y.boxed, "nba_cdn");
  box_score(db, y.other_source_only, "balldontlie");
  return y;
}

} // namespace

TEST_CASE("completeness tiers follow the hours since the games ended", "[monitors][completeness]") {
  const unix_ms end = utc_ms(2025, 1, 15, 6);
  const auto tier = [&](unix_ms age) { return completeness_tier(2, end, end + age, defaults); };
  CHECK_FALSE(tier(2 * hour_ms - 1));
  CHECK(tier(2 * hour_ms) == severity::warning);
  CHECK(tier(6 * hour_ms - 1) == severity::warning);
  CHECK(tier(6 * hour_ms) == severity::error);
  CHECK(tier(24 * hour_ms - 1) == severity::error);
  CHECK(tier(24 * hour_ms) == severity::critical);
  CHECK_FALSE(completeness_tier(0, end, end + 48 * hour_ms, defaults));
}

TEST_CASE("missing primary box scores 6 h after the end raise one error naming the games",
          "[monitors][completeness]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  const auto y = store_yesterday(db);
  const auto report =
    value_of(box_score_completeness(db, context_at(y.ended + 6 * hour_ms), defaults));
  REQUIRE(open_alerts(report) == 1);
  const auto* a = alert_with_key(report, "monitor:completeness:2025-01-14");
  REQUIRE(a != nullptr);
  CHECK(a->level == severity::error);
  CHECK(a->date == "2025-01-14");
  CHECK(a->phase == "raw");
  CHECK(field_of(*a, "missing") == "2");
  CHECK(field_of(*a, "final games") == "3");
  CHECK(field_of(*a, "games") == y.none.key + ", " + y.other_source_only.key);
  CHECK(field_of(*a, "ended") == "2025-01-15T06:00:00Z");
  CHECK(report.summary == "1 ended date(s) checked, 2 box score(s) missing");
}

TEST_CASE("box scores are not called missing until 2 h after the games ended",
          "[monitors][completeness]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  const auto y = store_yesterday(db);
  const auto early =
    value_of(box_score_completeness(db, context_at(y.ended + 2 * hour_ms - 1), defaults));
  CHECK(early.alerts.empty());
  const auto due = value_of(box_score_completeness(db, context_at(y.ended + 2 * hour_ms), defaults));
  REQUIRE(open_alerts(due) == 1);
  CHECK(due.alerts.front().level == severity::warning);
}

TEST_CASE("a date with every box score finds nothing and resolves its key",
          "[monitors][completeness]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  const auto y = store_yesterday(db);
  box_score(db, y.other_source_only, "nba_cdn");
  box_score(db, y.none, "nba_cdn");
  const auto report =
    value_of(box_score_completeness(db, context_at(y.ended + 30 * hour_ms), defaults));
  CHECK(open_alerts(report) == 0);
  REQUIRE(report.alerts.size() == 1);
  CHECK(report.alerts.front().resolved);
  CHECK(report.alerts.front().key == "monitor:completeness:2025-01-14");
}

TEST_CASE("games not final yet are not missing box scores", "[monitors][completeness]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  final_game(db, "2025-01-14", "LAL", "BOS", "2025-01-15T00:30:00Z", game_status::live);
  const auto report =
    value_of(box_score_completeness(db, context_at(utc_ms(2025, 1, 16)), defaults));
  CHECK(report.alerts.empty());
}

TEST_CASE("the look-back covers 7 days before today and not the 8th", "[monitors][completeness]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  final_game(db, "2025-01-08", "LAL", "BOS", "2025-01-09T00:30:00Z");
  final_game(db, "2025-01-07", "NYK", "MIA", "2025-01-08T00:30:00Z");
  const auto report =
    value_of(box_score_completeness(db, context_at(utc_ms(2025, 1, 15, 12)), defaults));
  REQUIRE(report.alerts.size() == 1);
  CHECK(report.alerts.front().key == "monitor:completeness:2025-01-08");
  CHECK(report.alerts.front().level == severity::critical);
}

TEST_CASE("without a tip-off time the game counts as ended when it was stored final",
          "[monitors][completeness]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  final_game(db, "2025-01-10", "LAL", "BOS", "");
  const auto before = value_of(box_score_completeness(db, context_at(t0 + 24 * hour_ms - 1), defaults));
  REQUIRE(before.alerts.size() == 1);
  CHECK(before.alerts.front().level == severity::error);
  const auto after = value_of(box_score_completeness(db, context_at(t0 + 24 * hour_ms), defaults));
  REQUIRE(after.alerts.size() == 1);
  CHECK(after.alerts.front().level == severity::critical);
}

} // namespace courtside::monitors::test
