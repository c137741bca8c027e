// Specs for the phase 4 failure monitor (actors/monitors/phase4_failure_alert.hpp).
#include "actors/monitors/phase4_failure_alert.hpp"
#include "monitors_fixture.hpp"

namespace courtside::monitors::test {
namespace {

const unix_ms now = utc_ms(2025, 1, 15, 12);

} // namespace

TEST_CASE("failed and blocked precompute rows of yesterday to tomorrow raise an error each",
          "[monitors][phase4]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  set_ledger(db, "2025-01-14", "precompute", output_state::failed, now - hour_ms,
             "raw failed", {}, 5);
  set_ledger(db, "2025-01-16", "precompute", output_state::blocked, now - hour_ms,
             "completeness 3/10 final games below threshold 0.95");
  set_ledger(db, "2025-01-15", "precompute", output_state::expected, now);
  const auto report = value_of(phase4_failure_alert(db, context_at(now)));
  REQUIRE(report.alerts.size() == 2);
  const auto* failed = alert_with_key(report, "monitor:phase4:2025-01-14");
  REQUIRE(failed != nullptr);
  CHECK(failed->level == alerting::severity::error);
  CHECK(failed->text == "raw failed");
  CHECK(failed->phase == "precompute");
  CHECK(failed->date == "2025-01-14");
  CHECK(field_of(*failed, "state") == "FAILED");
  CHECK(field_of(*failed, "attempts") == "5");
  const auto* blocked = alert_with_key(report, "monitor:phase4:2025-01-16");
  REQUIRE(blocked != nullptr);
  CHECK(blocked->title == "Phase 4 (precompute) BLOCKED for 2025-01-16");
  CHECK(blocked->text == "completeness 3/10 final games below threshold 0.95");
  CHECK(report.summary == "2 precompute date(s) failed or blocked between 2025-01-14 and 2025-01-16");
}

TEST_CASE("other phases and dates outside yesterday to tomorrow are not phase 4 failures",
          "[monitors][phase4]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  set_ledger(db, "2025-01-13", "precompute", output_state::failed, now);
  set_ledger(db, "2025-01-17", "precompute", output_state::blocked, now);
  set_ledger(db, "2025-01-14", "analytics", output_state::failed, now);
  set_ledger(db, "2025-01-15", "predictions", output_state::blocked, now);
  const auto report = value_of(phase4_failure_alert(db, context_at(now)));
  CHECK(report.alerts.empty());
}

TEST_CASE("a usable precompute row resolves its date and a pending one says nothing",
          "[monitors][phase4]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  set_ledger(db, "2025-01-14", "precompute", output_state::complete, now);
  set_ledger(db, "2025-01-15", "precompute", output_state::degraded, now);
  set_ledger(db, "2025-01-16", "precompute", output_state::running, now);
  const auto report = value_of(phase4_failure_alert(db, context_at(now)));
  CHECK(open_alerts(report) == 0);
  REQUIRE(report.alerts.size() == 2);
  CHECK(alert_with_key(report, "monitor:phase4:2025-01-14")->resolved);
  CHECK(alert_with_key(report, "monitor:phase4:2025-01-15")->resolved);
  CHECK(alert_with_key(report, "monitor:phase4:2025-01-16") == nullptr);
}

} // namespace courtside::monitors::test
