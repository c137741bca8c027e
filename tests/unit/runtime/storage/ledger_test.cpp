// Spec for runtime/storage/ledger.hpp: rows per (date, phase, output), compare-and-set
// transitions, and queries by date range and by state.
#include "runtime/storage/ledger.hpp"

#include "unit/runtime/storage/scratch.hpp"

#include <catch2/catch.hpp>

using namespace courtside::storage;
using namespace courtside::storage::test;

namespace {

constexpr unix_ms t0 = 1'700'000'000'000;

ledger_key key(std::string date, std::string output = "player_game_summary") {
  return ledger_key{std::move(date), "phase3", std::move(output)};
}

} // namespace

TEST_CASE("planning a row twice creates it once and never resets its progress",
          "[storage][ledger]") {
  database db = fresh_warehouse();
  auto planned = ensure_expected(db, key("2025-02-21"), t0 + 3'600'000, t0);
  REQUIRE_OK(planned);
  CHECK(planned.value());
  auto row = get_ledger_row(db, key("2025-02-21"));
  REQUIRE_OK(row);
  CHECK(row.value().state == output_state::expected);
  CHECK(row.value().attempts == 0);
  CHECK(row.value().expected_by == t0 + 3'600'000);
  CHECK(row.value().updated_at == t0);

  REQUIRE_OK(transition(db, key("2025-02-21"),
                        {output_state::expected, output_state::running, "", true}, t0 + 1));
  auto replanned = ensure_expected(db, key("2025-02-21"), std::nullopt, t0 + 2);
  REQUIRE_OK(replanned);
  CHECK_FALSE(replanned.value());
  CHECK(get_ledger_row(db, key("2025-02-21")).value().state == output_state::running);
}

TEST_CASE("a transition from the state the row is in succeeds and can count an attempt",
          "[storage][ledger]") {
  database db = fresh_warehouse();
  REQUIRE_OK(ensure_expected(db, key("2025-02-21"), std::nullopt, t0));
  auto running = transition(db, key("2025-02-21"),
                            {output_state::expected, output_state::running, "run 1", true}, t0 + 5);
  REQUIRE_OK(running);
  CHECK(running.value().state == output_state::running);
  CHECK(running.value().attempts == 1);
  CHECK(running.value().reason == "run 1");
  CHECK(running.value().updated_at == t0 + 5);
  auto done = transition(db, key("2025-02-21"),
                         {output_state::running, output_state::complete, "412 rows", false}, t0 + 9);
  REQUIRE_OK(done);
  CHECK(done.value().state == output_state::complete);
  CHECK(done.value().attempts == 1);
}

TEST_CASE("a transition from a state the row is not in is a state_conflict naming the real state",
          "[storage][ledger]") {
  database db = fresh_warehouse();
  REQUIRE_OK(ensure_expected(db, key("2025-02-21"), std::nullopt, t0));
  REQUIRE_OK(transition(db, key("2025-02-21"),
                        {output_state::expected, output_state::blocked, "completeness 61% < 80%", false},
                        t0 + 1));
  auto stale = transition(db, key("2025-02-21"),
                          {output_state::expected, output_state::running, "", true}, t0 + 2);
  REQUIRE_FALSE(stale);
  CHECK(stale.error().code == storage_errc::state_conflict);
  CHECK_THAT(stale.error().message, Catch::Contains("BLOCKED") && Catch::Contains("EXPECTED"));
  const auto row = get_ledger_row(db, key("2025-02-21")).value();
  CHECK(row.state == output_state::blocked);
  CHECK(row.reason == "completeness 61% < 80%");
  CHECK(row.attempts == 0);

  auto missing = transition(db, key("2025-02-22"),
                            {output_state::expected, output_state::running, "", true}, t0);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == storage_errc::not_found);
}

TEST_CASE("upsert overwrites every field of a row", "[storage][ledger]") {
  database db = fresh_warehouse();
  ledger_row row{key("2025-02-21"), output_state::failed, "3 attempts", 3, t0, 0};
  REQUIRE_OK(upsert_ledger_row(db, row, t0 + 1));
  row.state = output_state::degraded;
  row.reason = "2 of 3 sources";
  row.expected_by = std::nullopt;
  REQUIRE_OK(upsert_ledger_row(db, row, t0 + 2));
  const auto stored = get_ledger_row(db, key("2025-02-21")).value();
  CHECK(stored.state == output_state::degraded);
  CHECK(stored.reason == "2 of 3 sources");
  CHECK(stored.attempts == 3);
  CHECK_FALSE(stored.expected_by.has_value());
  CHECK(stored.updated_at == t0 + 2);
  CHECK(db.query_int64("SELECT count(*) FROM expected_outputs", "test").value() == 1);
}

TEST_CASE("a date range includes both ends and nothing outside them", "[storage][ledger]") {
  database db = fresh_warehouse();
  for (const char* date : {"2025-02-19", "2025-02-20", "2025-02-21", "2025-02-22"}) {
    REQUIRE_OK(ensure_expected(db, key(date, "b_output"), std::nullopt, t0));
    REQUIRE_OK(ensure_expected(db, key(date, "a_output"), std::nullopt, t0));
  }
  auto rows = ledger_rows_between(db, "2025-02-20", "2025-02-21");
  REQUIRE_OK(rows);
  REQUIRE(rows.value().size() == 4);
  CHECK(rows.value()[0].key.game_date == "2025-02-20");
  CHECK(rows.value()[0].key.output == "a_output");
  CHECK(rows.value()[1].key.output == "b_output");
  CHECK(rows.value()[3].key.game_date == "2025-02-21");
}

TEST_CASE("rows in a state come oldest date first, up to the limit", "[storage][ledger]") {
  database db = fresh_warehouse();
  for (const char* date : {"2025-02-21", "2025-01-05", "2025-02-01"}) {
    REQUIRE_OK(upsert_ledger_row(db, {key(date), output_state::failed, "x", 3, std::nullopt, 0},
                                 t0));
  }
  REQUIRE_OK(ensure_expected(db, key("2025-01-01"), std::nullopt, t0));
  auto failed = ledger_rows_in_state(db, output_state::failed, 2);
  REQUIRE_OK(failed);
  REQUIRE(failed.value().size() == 2);
  CHECK(failed.value()[0].key.game_date == "2025-01-05");
  CHECK(failed.value()[1].key.game_date == "2025-02-01");
}

TEST_CASE("states are stored by their upper-case names, bad keys are invalid_argument",
          "[storage][ledger]") {
  for (auto s : {output_state::expected, output_state::running, output_state::complete,
                 output_state::empty_ok, output_state::degraded, output_state::blocked,
                 output_state::failed}) {
    CHECK(parse_output_state(to_string(s)) == s);
  }
  CHECK(std::string(to_string(output_state::empty_ok)) == "EMPTY_OK");
  database db = fresh_warehouse();
  CHECK(ensure_expected(db, key("21/02/2025"), std::nullopt, t0).error().code ==
        storage_errc::invalid_argument);
  CHECK(ensure_expected(db, ledger_key{"2025-02-21", "", "x"}, std::nullopt, t0).error().code ==
        storage_errc::invalid_argument);
}
