// Spec for runtime/storage/work_queue.hpp, the happy path: enqueue with key dedupe, lease order
// and not_before, and ack inside the transaction that writes the output.
#include "runtime/storage/work_queue.hpp"

#include "unit/runtime/storage/queue_fixture.hpp"

#include <catch2/catch.hpp>

using namespace courtside::storage;
using namespace courtside::storage::test;
using namespace std::chrono_literals;

TEST_CASE("enqueueing a key that is already pending is a no-op returning the pending item",
          "[storage][queue]") {
  database db = fresh_warehouse();
  auto first = enqueue(db, item("boxscore", "20250221_LAL_BOS", R"({"game":"x"})"), t0);
  REQUIRE_OK(first);
  CHECK(first.value().inserted_new);
  auto again = enqueue(db, item("boxscore", "20250221_LAL_BOS", "other payload"), t0 + 5);
  REQUIRE_OK(again);
  CHECK_FALSE(again.value().inserted_new);
  CHECK(again.value().id == first.value().id);
  CHECK(get_item(db, first.value().id).value().payload == R"({"game":"x"})");
  // The same key in another queue is another item.
  auto other_kind = enqueue(db, item("phase3", "20250221_LAL_BOS"), t0);
  REQUIRE_OK(other_kind);
  CHECK(other_kind.value().inserted_new);
}

TEST_CASE("a leased key is still pending, once done, the same key may be enqueued again",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const auto id = enqueue_or_fail(db, item("boxscore", "g1"), t0);
  REQUIRE(lease(db, "boxscore", "w1", t0, 30s, 1).value().size() == 1);
  CHECK_FALSE(enqueue(db, item("boxscore", "g1"), t0 + 1).value().inserted_new);
  REQUIRE_OK(ack_alone(db, id, "w1", t0 + 2));
  auto after_done = enqueue(db, item("boxscore", "g1"), t0 + 3);
  REQUIRE_OK(after_done);
  CHECK(after_done.value().inserted_new);
  CHECK(after_done.value().id != id);
}

TEST_CASE("a new item is ready, due now, with no attempts and no lease", "[storage][queue]") {
  database db = fresh_warehouse();
  const auto id = enqueue_or_fail(db, item("boxscore", "g1", "p", 4), t0);
  const work_item it = get_item(db, id).value();
  CHECK(it.kind == "boxscore");
  CHECK(it.key == "g1");
  CHECK(it.payload == "p");
  CHECK(it.state == item_state::ready);
  CHECK(it.attempts == 0);
  CHECK(it.max_attempts == 4);
  CHECK(it.not_before == t0);
  CHECK(it.lease_owner.empty());
  CHECK_FALSE(it.lease_expires.has_value());
  CHECK(it.created_at == t0);
  CHECK(it.updated_at == t0);
}

TEST_CASE("lease hands out due items oldest not_before first, then oldest id, up to the limit",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const auto late = enqueue_or_fail(db, item("boxscore", "late", "", 5, t0 - 1000), t0);
  const auto early = enqueue_or_fail(db, item("boxscore", "early", "", 5, t0 - 3000), t0);
  const auto tie_a = enqueue_or_fail(db, item("boxscore", "tie-a", "", 5, t0 - 2000), t0);
  const auto tie_b = enqueue_or_fail(db, item("boxscore", "tie-b", "", 5, t0 - 2000), t0);
  auto leased = lease(db, "boxscore", "w1", t0, 30s, 3);
  REQUIRE_OK(leased);
  REQUIRE(leased.value().size() == 3);
  CHECK(leased.value()[0].id == early);
  CHECK(leased.value()[1].id == tie_a);
  CHECK(leased.value()[2].id == tie_b);
  auto rest = lease(db, "boxscore", "w1", t0, 30s, 3);
  REQUIRE(rest.value().size() == 1);
  CHECK(rest.value()[0].id == late);
  CHECK(lease(db, "boxscore", "w1", t0, 30s, 3).value().empty());
}

TEST_CASE("an item with not_before T is not leased at T - 1 ms, and is leased at T",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const unix_ms due = t0 + 60'000;
  const auto id = enqueue_or_fail(db, item("boxscore", "g1", "", 5, due), t0);
  CHECK(lease(db, "boxscore", "w1", due - 1, 30s, 10).value().empty());
  auto at_due = lease(db, "boxscore", "w1", due, 30s, 10);
  REQUIRE(at_due.value().size() == 1);
  CHECK(at_due.value()[0].id == id);
}

TEST_CASE("a lease takes only its own kind, for the owner, until now + lease duration",
          "[storage][queue]") {
  database db = fresh_warehouse();
  enqueue_or_fail(db, item("schedule", "d1"), t0);
  const auto id = enqueue_or_fail(db, item("boxscore", "g1"), t0);
  auto leased = lease(db, "boxscore", "scraper_nba#1", t0 + 10, 45s, 10);
  REQUIRE(leased.value().size() == 1);
  const work_item& it = leased.value()[0];
  CHECK(it.id == id);
  CHECK(it.state == item_state::leased);
  CHECK(it.lease_owner == "scraper_nba#1");
  CHECK(it.lease_expires == t0 + 10 + 45'000);
  CHECK(it.updated_at == t0 + 10);
  CHECK(get_item(db, id).value().state == item_state::leased);
  CHECK(get_item(db, id - 1).value().state == item_state::ready);
}

TEST_CASE("ack inside the transaction that writes the output: both commit together",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const auto id = enqueue_or_fail(db, item("phase3", "20250221_LAL_BOS"), t0);
  REQUIRE(lease(db, "phase3", "w1", t0, 30s, 1).value().size() == 1);
  {
    auto tx = db.begin("phase3: store output");
    REQUIRE_OK(tx);
    REQUIRE_OK(upsert_output(db, "20250221_LAL_BOS", "LAL", 112));
    REQUIRE_OK(ack(tx.value(), id, "w1", t0 + 100));
    REQUIRE_OK(tx.value().commit());
  }
  const work_item it = get_item(db, id).value();
  CHECK(it.state == item_state::done);
  CHECK(it.lease_owner.empty());
  CHECK_FALSE(it.lease_expires.has_value());
  CHECK(it.updated_at == t0 + 100);
  CHECK(output_rows(db, "20250221_LAL_BOS") == 1);
}

TEST_CASE("rolling back the output's transaction undoes the ack: item still leased, no output",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const auto id = enqueue_or_fail(db, item("phase3", "20250221_LAL_BOS"), t0);
  REQUIRE(lease(db, "phase3", "w1", t0, 30s, 1).value().size() == 1);
  {
    auto tx = db.begin("phase3: store output");
    REQUIRE_OK(tx);
    REQUIRE_OK(upsert_output(db, "20250221_LAL_BOS", "LAL", 112));
    REQUIRE_OK(ack(tx.value(), id, "w1", t0 + 100));
    REQUIRE_OK(tx.value().rollback()); // e.g. a later write in the same unit failed
  }
  const work_item it = get_item(db, id).value();
  CHECK(it.state == item_state::leased);
  CHECK(it.lease_owner == "w1");
  CHECK(output_rows(db, "20250221_LAL_BOS") == 0);
  // The worker can still finish the job properly.
  REQUIRE_OK(ack_alone(db, id, "w1", t0 + 200));
  CHECK(get_item(db, id).value().state == item_state::done);
}

TEST_CASE("an ack through a finished transaction is misuse and changes nothing",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const auto id = enqueue_or_fail(db, item("phase3", "g1"), t0);
  REQUIRE(lease(db, "phase3", "w1", t0, 30s, 1).value().size() == 1);
  auto tx = db.begin("test");
  REQUIRE_OK(tx);
  REQUIRE_OK(tx.value().commit());
  auto acked = ack(tx.value(), id, "w1", t0 + 1);
  REQUIRE_FALSE(acked);
  CHECK(acked.error().code == storage_errc::misuse);
  CHECK(get_item(db, id).value().state == item_state::leased);
}

TEST_CASE("queue arguments that cannot be right are invalid_argument", "[storage][queue]") {
  database db = fresh_warehouse();
  CHECK(enqueue(db, item("", "k"), t0).error().code == storage_errc::invalid_argument);
  CHECK(enqueue(db, item("q", ""), t0).error().code == storage_errc::invalid_argument);
  CHECK(enqueue(db, item("q", "k", "", 0), t0).error().code == storage_errc::invalid_argument);
  CHECK(lease(db, "q", "", t0, 30s, 1).error().code == storage_errc::invalid_argument);
  CHECK(lease(db, "q", "w", t0, 0ms, 1).error().code == storage_errc::invalid_argument);
  CHECK(lease(db, "q", "w", t0, 30s, 0).error().code == storage_errc::invalid_argument);
  CHECK(nack(db, 1, "w", t0, "e", -1ms).error().code == storage_errc::invalid_argument);
}

TEST_CASE("defer puts a leased item back at a later instant without spending an attempt",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const auto id = enqueue_or_fail(db, item("boxscore", "g1", "", 2), t0);
  REQUIRE(lease(db, "boxscore", "w1", t0, 30s, 1).value().size() == 1);
  const unix_ms later = t0 + 120'000;
  REQUIRE_OK(defer(db, id, "w1", t0 + 5, later, "game not final yet"));
  auto deferred = get_item(db, id).value();
  CHECK(deferred.state == item_state::ready);
  CHECK(deferred.attempts == 0);
  CHECK(deferred.last_error == "game not final yet");
  CHECK(lease(db, "boxscore", "w1", later - 1, 30s, 1).value().empty());
  CHECK(lease(db, "boxscore", "w1", later, 30s, 1).value().size() == 1);
  // Only the lease holder may defer.
  CHECK(defer(db, id, "w2", later, later + 1, "x").error().code == storage_errc::lease_lost);
}

TEST_CASE("release_all_leases ends unexpired leases too, without spending a try",
          "[storage][queue]") {
  database db = fresh_warehouse();
  const auto id = enqueue_or_fail(db, item("boxscore", "g1", "", 2), t0);
  enqueue_or_fail(db, item("boxscore", "g2", "", 1), t0);
  REQUIRE(lease(db, "boxscore", "dead-engine", t0, 300s, 10).value().size() == 2);
  // Killed again and again with the same batch in flight: nothing is ever dead-lettered.
  for (int restart = 1; restart <= 3; ++restart) {
    auto released = release_all_leases(db, t0 + restart * 1'000);
    REQUIRE(released);
    CHECK(released.value().redelivered == 2);
    CHECK(released.value().exhausted.empty()); // g2 has a single attempt, still unspent
    auto again = get_item(db, id).value();
    CHECK(again.state == item_state::ready);
    CHECK(again.attempts == 0);
    CHECK(again.last_error == "lease released: its engine is gone (held by dead-engine)");
    REQUIRE(lease(db, "boxscore", "dead-engine", t0 + restart * 1'000, 30s, 10).value().size() == 2);
  }
  CHECK(release_all_leases(db, t0 + 9'000).value().redelivered == 2);
  CHECK(lease(db, "boxscore", "new-engine", t0 + 9'000, 30s, 10).value().size() == 2);
}
