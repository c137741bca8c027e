// Specs for the stale-running cleanup (actors/monitors/stale_running_cleanup.hpp).
#include "actors/monitors/stale_running_cleanup.hpp"
#include "monitors_fixture.hpp"
#include "runtime/storage/work_queue.hpp"

namespace courtside::monitors::test {
namespace {

using namespace std::chrono_literals;
using storage::item_state;

const stale_running_settings defaults{};
const unix_ms now = utc_ms(2025, 1, 15, 12);
const unix_ms threshold = 2 * hour_ms;

std::int64_t enqueue_item(database& db, std::string_view kind, const std::string& key,
                          const std::string& payload = {}, int max_attempts = 5) {
  storage::new_work_item item{std::string{kind}, key, payload, max_attempts, std::nullopt};
  return value_of(storage::enqueue(db, item, now - 10 * hour_ms)).id;
}

// Leases the oldest ready item of `kind` at `at` for `duration`.
void lease_item(database& db, std::string_view kind, unix_ms at, std::chrono::milliseconds duration) {
  REQUIRE(value_of(storage::lease(db, kind, "worker#1", at, duration, 1)).size() == 1);
}

storage::ledger_row ledger_of(database& db, const std::string& date, std::string_view phase) {
  return value_of(storage::get_ledger_row(
    db, {date, std::string{phase}, std::string{pipeline::ledger_output(phase)}}));
}

} // namespace

TEST_CASE("an expired lease goes back to ready at its own deadline, not 2 h later",
          "[monitors][stale_running]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  const auto id = enqueue_item(db, "analytics", "2025-01-14");
  lease_item(db, "analytics", now - 60'000, 60s); // expires exactly at `now`
  const auto early = value_of(stale_running_cleanup(db, context_at(now - 1), defaults));
  CHECK(value_of(storage::get_item(db, id)).state == item_state::leased);
  CHECK(early.alerts.empty());
  const auto due = value_of(stale_running_cleanup(db, context_at(now), defaults));
  CHECK(value_of(storage::get_item(db, id)).state == item_state::ready);
  REQUIRE(due.alerts.size() == 1);
  CHECK(due.alerts.front().key == "monitor:stale_running");
  CHECK(due.alerts.front().level == alerting::severity::warning);
  CHECK(field_of(due.alerts.front(), "leases redelivered") == "1");
  CHECK(due.summary == "1 lease(s) redelivered, 0 out of tries, 0 stale RUNNING row(s) reset");
}

TEST_CASE("a lease expiring on the last attempt leaves the item out of tries and raises an error",
          "[monitors][stale_running]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  const auto id = enqueue_item(db, "publish", "2025-01-14", {}, 1);
  lease_item(db, "publish", now - hour_ms, 30s);
  const auto report = value_of(stale_running_cleanup(db, context_at(now), defaults));
  // Back to ready with no try left: its worker dead-letters it (ledger FAILED, alert).
  const auto item = value_of(storage::get_item(db, id));
  CHECK(item.state == item_state::ready);
  CHECK(item.attempts == item.max_attempts);
  REQUIRE(report.alerts.size() == 1);
  CHECK(report.alerts.front().level == alerting::severity::error);
  CHECK(field_of(report.alerts.front(), "out-of-tries items") == std::to_string(id));
}

TEST_CASE("a RUNNING row unchanged for more than 2 h with no pending work is reset to EXPECTED",
          "[monitors][stale_running]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  set_ledger(db, "2025-01-14", "precompute", output_state::running, now - threshold, "", {}, 2);
  set_ledger(db, "2025-01-13", "precompute", output_state::running, now - threshold - 1, "", {}, 3);
  const auto report = value_of(stale_running_cleanup(db, context_at(now), defaults));

  const auto kept = ledger_of(db, "2025-01-14", "precompute");
  CHECK(kept.state == output_state::running);
  const auto reset = ledger_of(db, "2025-01-13", "precompute");
  CHECK(reset.state == output_state::expected);
  CHECK(reset.attempts == 3);
  CHECK(reset.reason == "stale RUNNING since 2025-01-15T09:59:59Z reset");
  CHECK(reset.updated_at == now);
  REQUIRE(report.alerts.size() == 1);
  CHECK(report.alerts.front().level == alerting::severity::warning);
  CHECK(field_of(report.alerts.front(), "rows reset") == "2025-01-13 precompute");
}

TEST_CASE("a stale RUNNING row whose date has a live lease or a pending item is left alone",
          "[monitors][stale_running]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  const unix_ms old = now - 5 * hour_ms;
  set_ledger(db, "2025-01-14", "analytics", output_state::running, old);
  enqueue_item(db, "analytics", "2025-01-14");
  lease_item(db, "analytics", now - 1000, 10min);
  // Raw waits on a box-score item (keyed by game, the date in its payload), deferred.
  set_ledger(db, "2025-01-14", "raw", output_state::running, old);
  enqueue_item(db, pipeline::box_score_kind, "0022400561", "2025-01-14");
  // The same phase of another date has nobody working on it.
  set_ledger(db, "2025-01-12", "analytics", output_state::running, old);

  const auto report = value_of(stale_running_cleanup(db, context_at(now), defaults));
  CHECK(ledger_of(db, "2025-01-14", "analytics").state == output_state::running);
  CHECK(ledger_of(db, "2025-01-14", "raw").state == output_state::running);
  CHECK(ledger_of(db, "2025-01-12", "analytics").state == output_state::expected);
  CHECK(report.summary == "0 lease(s) redelivered, 0 out of tries, 1 stale RUNNING row(s) reset");
}

TEST_CASE("an item out of tries is pending work until its worker dead-letters it, a dead one "
          "is not",
          "[monitors][stale_running]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  set_ledger(db, "2025-01-14", "raw", output_state::running, now - 3 * hour_ms);
  const auto id = enqueue_item(db, pipeline::box_score_kind, "0022400561", "2025-01-14", 1);
  lease_item(db, pipeline::box_score_kind, now - hour_ms, 1min); // expires, last attempt
  const auto report = value_of(stale_running_cleanup(db, context_at(now), defaults));
  CHECK(ledger_of(db, "2025-01-14", "raw").state == output_state::running);
  CHECK(report.summary == "0 lease(s) redelivered, 1 out of tries, 0 stale RUNNING row(s) reset");

  lease_item(db, pipeline::box_score_kind, now, 1min);
  REQUIRE(storage::dead_letter_now(db, id, "worker#1", now, "out of tries"));
  const auto later = value_of(stale_running_cleanup(db, context_at(now + 1), defaults));
  CHECK(ledger_of(db, "2025-01-14", "raw").state == output_state::expected);
  CHECK(later.summary == "0 lease(s) redelivered, 0 out of tries, 1 stale RUNNING row(s) reset");
}

TEST_CASE("a clean warehouse reports zero counts and no alert", "[monitors][stale_running]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  set_ledger(db, "2025-01-14", "raw", output_state::complete, now - 10 * hour_ms);
  enqueue_item(db, "analytics", "2025-01-14");
  lease_item(db, "analytics", now - 1000, 10min);
  const auto report = value_of(stale_running_cleanup(db, context_at(now), defaults));
  CHECK(report.alerts.empty());
  CHECK(report.summary == "0 lease(s) redelivered, 0 out of tries, 0 stale RUNNING row(s) reset");
  CHECK(ledger_of(db, "2025-01-14", "raw").state == output_state::complete);
}

} // namespace courtside::monitors::test
