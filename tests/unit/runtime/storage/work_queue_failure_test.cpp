// Spec for runtime/storage/work_queue.hpp, the failure paths: nack with backoff, dead letters,
// expired leases, stale owners, redelivery with an upsert, and the numbers for metrics.
#include "runtime/storage/work_queue.hpp"

#include "unit/runtime/storage/queue_fixture.hpp"

#include <catch2/catch.hpp>

using namespace courtside::storage;
using namespace courtside::storage::test;
using namespace std::chrono_literals;

namespace {

std::int64_t lease_one(database& db, std::string_view kind, std::string_view owner, unix_ms now,
                       std::chrono::milliseconds duration = 30s) {
  auto leased = lease(db, kind, owner, now, duration, 1);
  REQUIRE_OK(leased);
  REQUIRE(leased.value().size() == 1);
  return leased.value()[0].id;
}

} // namespace

TEST_CASE("a nack counts the attempt and holds the item back for the backoff: not at "
          "now + backoff - 1 ms, yes at now + backoff",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const auto id = enqueue_or_fail(db, item("boxscore", "g1"), t0);
  lease_one(db, "boxscore", "w1", t0);
  auto nacked = nack(db, id, "w1", t0 + 500, "HTTP 503", 2s);
  REQUIRE_OK(nacked);
  CHECK(nacked.value() == nack_outcome::retry_scheduled);
  const work_item it = get_item(db, id).value();
  CHECK(it.state == item_state::ready);
  CHECK(it.attempts == 1);
  CHECK(it.not_before == t0 + 2500);
  CHECK(it.last_error == "HTTP 503");
  CHECK(it.lease_owner.empty());
  CHECK(lease(db, "boxscore", "w1", t0 + 2499, 30s, 1).value().empty());
  CHECK(lease(db, "boxscore", "w1", t0 + 2500, 30s, 1).value().size() == 1);
}

TEST_CASE("with max_attempts 3, the second failure retries and the third dead-letters",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const auto id = enqueue_or_fail(db, item("boxscore", "g1", "", 3), t0);
  unix_ms now = t0;
  for (int attempt = 1; attempt <= 2; ++attempt) {
    lease_one(db, "boxscore", "w1", now);
    CHECK(nack(db, id, "w1", now, "timeout", 1s).value() == nack_outcome::retry_scheduled);
    now += 1000;
  }
  lease_one(db, "boxscore", "w1", now);
  CHECK(nack(db, id, "w1", now, "timeout again", 1s).value() == nack_outcome::dead_lettered);
  const work_item it = get_item(db, id).value();
  CHECK(it.state == item_state::dead);
  CHECK(it.attempts == 3);
  CHECK(it.last_error == "timeout again");
  CHECK(lease(db, "boxscore", "w1", now + 3'600'000, 30s, 10).value().empty());
  auto dead = list_dead(db, "boxscore", 10);
  REQUIRE(dead.value().size() == 1);
  CHECK(dead.value()[0].id == id);
  CHECK(list_dead(db, "", 10).value().size() == 1);
  CHECK(list_dead(db, "schedule", 10).value().empty());
}

TEST_CASE("a malformed item is dead-lettered at once, with attempts to spare",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const auto id = enqueue_or_fail(db, item("boxscore", "g1", "{not json", 5), t0);
  lease_one(db, "boxscore", "w1", t0);
  REQUIRE_OK(dead_letter_now(db, id, "w1", t0 + 1, "malformed payload: expected object"));
  const work_item it = get_item(db, id).value();
  CHECK(it.state == item_state::dead);
  CHECK(it.attempts == 1);
  CHECK(it.last_error == "malformed payload: expected object");
  CHECK(lease(db, "boxscore", "w1", t0 + 3'600'000, 30s, 10).value().empty());
  // A dead key is still pending: the planner enqueueing it again does not revive it.
  CHECK_FALSE(enqueue(db, item("boxscore", "g1"), t0 + 2).value().inserted_new);
}

TEST_CASE("an expired lease is redelivered exactly at expiry, not 1 ms before",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const auto id = enqueue_or_fail(db, item("boxscore", "g1"), t0);
  lease_one(db, "boxscore", "w1", t0, 30s);
  const unix_ms expiry = t0 + 30'000;
  auto early = sweep_expired_leases(db, expiry - 1);
  REQUIRE_OK(early);
  CHECK(early.value().redelivered == 0);
  CHECK(get_item(db, id).value().state == item_state::leased);
  auto at_expiry = sweep_expired_leases(db, expiry);
  REQUIRE_OK(at_expiry);
  CHECK(at_expiry.value().redelivered == 1);
  CHECK(at_expiry.value().exhausted.empty());
  const work_item it = get_item(db, id).value();
  CHECK(it.state == item_state::ready);
  CHECK(it.attempts == 1);
  CHECK(it.not_before == expiry);
  CHECK_THAT(it.last_error, Catch::Contains("lease expired") && Catch::Contains("w1"));
  CHECK(lease_one(db, "boxscore", "w2", expiry) == id);
}

TEST_CASE("a lease that expires on the last attempt hands the item back with no try left, "
          "named, for its worker to dead-letter",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const auto id = enqueue_or_fail(db, item("boxscore", "poison", "", 1), t0);
  lease_one(db, "boxscore", "w1", t0, 10s);
  auto swept = sweep_expired_leases(db, t0 + 10'000);
  REQUIRE_OK(swept);
  CHECK(swept.value().redelivered == 0);
  CHECK(swept.value().exhausted == std::vector<std::int64_t>{id});
  const work_item back = get_item(db, id).value();
  CHECK(back.state == item_state::ready);
  CHECK(back.attempts == back.max_attempts);
  // The worker that leases it next dead-letters it; the try count stays at the maximum.
  CHECK(lease_one(db, "boxscore", "w2", t0 + 10'000) == id);
  REQUIRE_OK(dead_letter_now(db, id, "w2", t0 + 10'001, "out of tries"));
  const work_item dead = get_item(db, id).value();
  CHECK(dead.state == item_state::dead);
  CHECK(dead.attempts == 1);
}

TEST_CASE("a stale owner cannot ack, nack or dead-letter an item redelivered to another",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const auto id = enqueue_or_fail(db, item("boxscore", "g1"), t0);
  lease_one(db, "boxscore", "w1#gen1", t0, 30s);
  REQUIRE_OK(sweep_expired_leases(db, t0 + 30'000));
  lease_one(db, "boxscore", "w2#gen1", t0 + 30'000, 30s);

  auto stale_ack = ack_alone(db, id, "w1#gen1", t0 + 30'001);
  REQUIRE_FALSE(stale_ack);
  CHECK(stale_ack.error().code == storage_errc::lease_lost);
  CHECK_THAT(stale_ack.error().message, Catch::Contains("w2#gen1") && Catch::Contains("w1#gen1"));
  CHECK(nack(db, id, "w1#gen1", t0 + 30'001, "e", 1s).error().code == storage_errc::lease_lost);
  CHECK(dead_letter_now(db, id, "w1#gen1", t0 + 30'001, "e").error().code ==
        storage_errc::lease_lost);
  CHECK(get_item(db, id).value().lease_owner == "w2#gen1");

  REQUIRE_OK(ack_alone(db, id, "w2#gen1", t0 + 30'002));
  auto late_ack = ack_alone(db, id, "w2#gen1", t0 + 30'003);
  REQUIRE_FALSE(late_ack);
  CHECK(late_ack.error().code == storage_errc::lease_lost); // already done
  auto unknown = ack_alone(db, id + 1000, "w2#gen1", t0);
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == storage_errc::not_found);
}

TEST_CASE("redelivery and re-running an item leave exactly one output row, the last one written",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const auto id = enqueue_or_fail(db, item("phase3", "20250221_LAL_BOS"), t0);
  lease_one(db, "phase3", "slow", t0, 30s);
  // "slow" hangs past its lease; the item goes to "fast", which finishes first.
  REQUIRE_OK(sweep_expired_leases(db, t0 + 30'000));
  lease_one(db, "phase3", "fast", t0 + 30'000, 30s);
  {
    auto tx = db.begin("fast: store");
    REQUIRE_OK(tx);
    REQUIRE_OK(upsert_output(db, "20250221_LAL_BOS", "LAL", 112));
    REQUIRE_OK(ack(tx.value(), id, "fast", t0 + 30'100));
    REQUIRE_OK(tx.value().commit());
  }
  {
    // "slow" wakes up and writes the same output; its ack fails, so its transaction is dropped.
    auto tx = db.begin("slow: store");
    REQUIRE_OK(tx);
    REQUIRE_OK(upsert_output(db, "20250221_LAL_BOS", "LAL", 999));
    CHECK(ack(tx.value(), id, "slow", t0 + 30'200).error().code == storage_errc::lease_lost);
  }
  // A backfill runs the same key again: a new item, the same upsert.
  const auto rerun = enqueue_or_fail(db, item("phase3", "20250221_LAL_BOS"), t0 + 40'000);
  lease_one(db, "phase3", "fast", t0 + 40'000, 30s);
  {
    auto tx = db.begin("fast: store again");
    REQUIRE_OK(tx);
    REQUIRE_OK(upsert_output(db, "20250221_LAL_BOS", "LAL", 112));
    REQUIRE_OK(ack(tx.value(), rerun, "fast", t0 + 40'100));
    REQUIRE_OK(tx.value().commit());
  }
  CHECK(output_rows(db, "20250221_LAL_BOS") == 1);
  CHECK(db.query_int64("SELECT pts FROM team_game_summary", "test").value() == 112);
}

TEST_CASE("queue numbers per kind: counts per state, and the age of the oldest due ready item",
          "[storage][queue]") {
  database db = fresh_warehouse();
  enqueue_or_fail(db, item("boxscore", "due", "", 5, t0 - 90'000), t0);
  enqueue_or_fail(db, item("boxscore", "future", "", 5, t0 + 1), t0);
  enqueue_or_fail(db, item("boxscore", "taken", "", 5, t0 - 100'000), t0);
  lease_one(db, "boxscore", "w1", t0); // takes "taken", the oldest due
  const auto dead = enqueue_or_fail(db, item("schedule", "d1", "", 1), t0);
  lease_one(db, "schedule", "w1", t0);
  REQUIRE(nack(db, dead, "w1", t0, "bad", 1s).value() == nack_outcome::dead_lettered);

  auto stats = queue_stats_by_kind(db, t0);
  REQUIRE_OK(stats);
  REQUIRE(stats.value().size() == 2);
  const queue_stats& box = stats.value()[0];
  CHECK(box.kind == "boxscore");
  CHECK(box.ready == 2);
  CHECK(box.leased == 1);
  CHECK(box.done == 0);
  CHECK(box.dead == 0);
  CHECK(box.oldest_ready_age == std::chrono::milliseconds(90'000));
  const queue_stats& schedule = stats.value()[1];
  CHECK(schedule.dead == 1);
  CHECK_FALSE(schedule.oldest_ready_age.has_value());
}

TEST_CASE("an item due at T counts as waiting from T: no age at T - 1 ms, age 0 at T",
          "[storage][queue]") {
  database db = fresh_warehouse();
  enqueue_or_fail(db, item("boxscore", "g1", "", 5, t0), t0 - 10);
  CHECK_FALSE(queue_stats_by_kind(db, t0 - 1).value()[0].oldest_ready_age.has_value());
  CHECK(queue_stats_by_kind(db, t0).value()[0].oldest_ready_age == std::chrono::milliseconds(0));
}

TEST_CASE("a dead item can be requeued with fresh attempts, anything else cannot",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const auto id = enqueue_or_fail(db, item("boxscore", "g1", "", 1), t0);
  CHECK(requeue_dead(db, id, t0).error().code == storage_errc::state_conflict);
  lease_one(db, "boxscore", "w1", t0);
  REQUIRE(nack(db, id, "w1", t0, "bad", 1s).value() == nack_outcome::dead_lettered);
  REQUIRE_OK(requeue_dead(db, id, t0 + 5));
  const work_item it = get_item(db, id).value();
  CHECK(it.state == item_state::ready);
  CHECK(it.attempts == 0);
  CHECK(it.not_before == t0 + 5);
  CHECK(requeue_dead(db, id + 1000, t0).error().code == storage_errc::not_found);
}

TEST_CASE("purge_done deletes done items last updated before the cutoff, not at it",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const auto id = enqueue_or_fail(db, item("boxscore", "g1"), t0);
  lease_one(db, "boxscore", "w1", t0);
  REQUIRE_OK(ack_alone(db, id, "w1", t0 + 100));
  enqueue_or_fail(db, item("boxscore", "g2"), t0); // ready: never purged
  CHECK(purge_done(db, t0 + 100).value() == 0);
  CHECK(purge_done(db, t0 + 101).value() == 1);
  CHECK(get_item(db, id).error().code == storage_errc::not_found);
  CHECK(queue_stats_by_kind(db, t0).value()[0].ready == 1);
}
