// Spec for runtime/storage as a whole: what was committed is in the file. Close it, open it
// again, and every table says the same; uncommitted work is not there.
#include "runtime/storage/ledger.hpp"
#include "runtime/storage/payload_archive.hpp"
#include "runtime/storage/tables.hpp"
#include "runtime/storage/work_queue.hpp"

#include "unit/runtime/storage/queue_fixture.hpp"

#include <catch2/catch.hpp>

using namespace courtside::storage;
using namespace courtside::storage::test;
using namespace std::chrono_literals;

TEST_CASE("reopening the file finds every committed row, and migrating again changes nothing",
          "[storage][durability]") {
  const auto file = fresh_scratch_dir() / "warehouse.db";
  std::int64_t done_id = 0;
  std::int64_t leased_id = 0;
  std::string hash;
  {
    database db = open_or_fail(file);
    REQUIRE_OK(migrate(db, t0));
    hash = archive_payload(db, "nba_com", "u", t0, "{\"games\":[]}").value().hash;
    done_id = enqueue_or_fail(db, item("phase3", "g1"), t0);
    leased_id = enqueue_or_fail(db, item("phase3", "g2"), t0 + 1);
    REQUIRE(lease(db, "phase3", "w1", t0 + 2, 30s, 1).value().size() == 1);
    {
      auto tx = db.begin("test: store g1");
      REQUIRE_OK(tx);
      REQUIRE_OK(upsert_output(db, "g1", "LAL", 101));
      REQUIRE_OK(ack(tx.value(), done_id, "w1", t0 + 3));
      REQUIRE_OK(tx.value().commit());
    }
    REQUIRE(lease(db, "phase3", "w1", t0 + 4, 30s, 1).value().size() == 1);
    REQUIRE_OK(ensure_expected(db, {"2025-02-21", "phase3", "team_game_summary"}, t0 + 9, t0));
    {
      auto uncommitted = db.begin("test: lost on close");
      REQUIRE_OK(uncommitted);
      REQUIRE_OK(upsert_output(db, "g2", "LAL", 99));
      // closed without commit: rolled back
    }
  }
  database db = open_or_fail(file);
  CHECK(db.query_text("PRAGMA journal_mode", "test").value() == "wal");
  auto again = migrate(db, t0 + 100);
  REQUIRE_OK(again);
  CHECK(again.value().applied == 0);
  REQUIRE_OK(check_tables(db));
  CHECK(load_payload(db, hash).value().body == "{\"games\":[]}");
  CHECK(get_item(db, done_id).value().state == item_state::done);
  const work_item leased = get_item(db, leased_id).value();
  CHECK(leased.state == item_state::leased);
  CHECK(leased.lease_owner == "w1");
  CHECK(leased.lease_expires == t0 + 4 + 30'000);
  CHECK(output_rows(db, "g1") == 1);
  CHECK(output_rows(db, "g2") == 0);
  CHECK(get_ledger_row(db, {"2025-02-21", "phase3", "team_game_summary"}).value().expected_by ==
        t0 + 9);
  // The restarted engine's sweeper redelivers what the dead process held.
  CHECK(sweep_expired_leases(db, t0 + 4 + 30'000).value().redelivered == 1);
}
