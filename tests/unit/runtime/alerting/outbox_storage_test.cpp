// runtime/storage/alert_outbox on a real SQLite file: per-webhook order, dedupe, the state
// transitions and their guards, counts, dead letters and purge.
#include <catch2/catch.hpp>

#include "../storage/scratch.hpp"
#include "runtime/storage/alert_outbox.hpp"

using namespace courtside::storage;
using namespace courtside::storage::test;

namespace {

constexpr unix_ms t0 = 1'700'000'000'000;

new_outbox_message msg(std::string webhook, std::string dedupe, std::string title = "t") {
  new_outbox_message m;
  m.webhook = std::move(webhook);
  m.dedupe_key = std::move(dedupe);
  m.alert_key = "k";
  m.severity = "error";
  m.title = std::move(title);
  m.payload = "{\"text\":\"" + m.title + "\"}";
  return m;
}

} // namespace

TEST_CASE("pending rows come back per webhook in insertion order", "[storage][alert_outbox]") {
  auto db = fresh_warehouse();
  REQUIRE_OK(enqueue_alert(db, msg("ops", "1", "first"), t0));
  REQUIRE_OK(enqueue_alert(db, msg("errors", "2", "other"), t0));
  REQUIRE_OK(enqueue_alert(db, msg("ops", "3", "second"), t0 - 5)); // an older clock does not reorder
  auto rows = pending_alerts(db, "ops", 10);
  REQUIRE_OK(rows);
  REQUIRE(rows.value().size() == 2);
  CHECK(rows.value()[0].title == "first");
  CHECK(rows.value()[1].title == "second");
  CHECK(rows.value()[0].payload == "{\"text\":\"first\"}");
  CHECK(rows.value()[0].state == outbox_state::pending);
  CHECK(pending_alerts(db, "ops", 1).value().size() == 1);
  CHECK(pending_alerts(db, "ops", 0).error().code == storage_errc::invalid_argument);
}

TEST_CASE("the same dedupe key twice is one row", "[storage][alert_outbox]") {
  auto db = fresh_warehouse();
  auto a = enqueue_alert(db, msg("ops", "same"), t0);
  auto b = enqueue_alert(db, msg("ops", "same"), t0 + 1);
  REQUIRE_OK(a);
  REQUIRE_OK(b);
  CHECK(a.value().inserted_new);
  CHECK_FALSE(b.value().inserted_new);
  CHECK(a.value().id == b.value().id);
  CHECK(count_alerts(db, "ops").value().pending == 1);
}

TEST_CASE("empty webhook, dedupe key or payload is refused", "[storage][alert_outbox]") {
  auto db = fresh_warehouse();
  auto m = msg("ops", "x");
  m.payload.clear();
  CHECK(enqueue_alert(db, m, t0).error().code == storage_errc::invalid_argument);
  CHECK(enqueue_alert(db, msg("", "x"), t0).error().code == storage_errc::invalid_argument);
}

TEST_CASE("sent only from pending, failures count, dead letters keep the reason", "[storage][alert_outbox]") {
  auto db = fresh_warehouse();
  const auto a = enqueue_alert(db, msg("ops", "a"), t0).value().id;
  const auto b = enqueue_alert(db, msg("ops", "b"), t0).value().id;
  REQUIRE_OK(record_alert_failure(db, a, t0 + 10, t0 + 2010, "server_error: rollup_error"));
  REQUIRE_OK(record_alert_failure(db, a, t0 + 2010, t0 + 6010, "server_error: rollup_error"));
  auto row = load_alert(db, a).value();
  CHECK(row.attempts == 2);
  CHECK(row.next_attempt_at == t0 + 6010);
  CHECK(row.last_error == "server_error: rollup_error");
  REQUIRE_OK(mark_alert_sent(db, a, t0 + 6020));
  row = load_alert(db, a).value();
  CHECK(row.state == outbox_state::sent);
  CHECK(row.sent_at == t0 + 6020);
  auto twice = mark_alert_sent(db, a, t0 + 7000);
  REQUIRE_FALSE(twice);
  CHECK(twice.error().code == storage_errc::state_conflict);
  CHECK_THAT(twice.error().message, Catch::Contains("is sent, not pending"));

  REQUIRE_OK(dead_letter_alert(db, b, t0 + 10, "no_service: no_service"));
  row = load_alert(db, b).value();
  CHECK(row.state == outbox_state::dropped);
  CHECK(row.attempts == 1);
  CHECK(row.last_error == "no_service: no_service");
  CHECK(record_alert_failure(db, b, t0, t0, "x").error().code == storage_errc::state_conflict);
  CHECK(mark_alert_sent(db, 999, t0).error().code == storage_errc::not_found);

  auto counts = count_alerts(db, "ops").value();
  CHECK(counts.pending == 0);
  CHECK(counts.sent == 1);
  CHECK(counts.dropped == 1);
  CHECK(pending_alerts(db, "ops", 10).value().empty());
  auto dead = dead_alerts(db, "ops", 10).value();
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].id == b);
  CHECK(dead_alerts(db, {}, 10).value().size() == 1); // empty webhook: all of them
  CHECK(dead_alerts(db, "errors", 10).value().empty());
}

TEST_CASE("counts for all webhooks, and purge of old sent rows", "[storage][alert_outbox]") {
  auto db = fresh_warehouse();
  const auto a = enqueue_alert(db, msg("ops", "a"), t0).value().id;
  const auto b = enqueue_alert(db, msg("errors", "b"), t0).value().id;
  (void) enqueue_alert(db, msg("errors", "c"), t0);
  REQUIRE_OK(mark_alert_sent(db, a, t0 + 100));
  REQUIRE_OK(mark_alert_sent(db, b, t0 + 200));
  auto all = count_alerts(db).value();
  CHECK(all.sent == 2);
  CHECK(all.pending == 1);
  CHECK(purge_sent_alerts(db, t0 + 200).value() == 1); // strictly older than the cutoff
  CHECK(purge_sent_alerts(db, t0 + 201).value() == 1);
  CHECK(count_alerts(db).value().sent == 0);
  CHECK(count_alerts(db).value().pending == 1);
}

TEST_CASE("a second connection on the same file sees the rows (the notifier's view)", "[storage][alert_outbox]") {
  const auto file = fresh_scratch_dir() / "warehouse.db";
  auto writer = open_or_fail(file);
  REQUIRE_OK(migrate(writer, t0));
  REQUIRE_OK(enqueue_alert(writer, msg("ops", "a", "from the router"), t0));
  auto reader = open_or_fail(file);
  REQUIRE_OK(migrate(reader, t0)); // a no-op, as each actor does on start
  auto rows = pending_alerts(reader, "ops", 1).value();
  REQUIRE(rows.size() == 1);
  REQUIRE_OK(mark_alert_sent(reader, rows[0].id, t0 + 1));
  CHECK(count_alerts(writer, "ops").value().sent == 1);
}
