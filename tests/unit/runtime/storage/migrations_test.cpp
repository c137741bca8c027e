// Spec for runtime/storage/migrations.hpp: versions applied once each, in order, atomically;
// re-running is a no-op; a file newer than the code is refused.
#include "runtime/storage/migrations.hpp"

#include "unit/runtime/storage/scratch.hpp"

#include <catch2/catch.hpp>

using namespace courtside::storage;
using namespace courtside::storage::test;

namespace {

constexpr unix_ms t0 = 1'700'000'000'000;

bool table_exists(database& db, const std::string& name) {
  auto st = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                       "test: sqlite_master");
  REQUIRE_OK(st);
  st.value().bind_text(1, name);
  REQUIRE(st.value().step().value());
  return st.value().column_int64(0) == 1;
}

const std::vector<migration> two_steps = {
    {1, "create a", "CREATE TABLE a (x INTEGER)"},
    {2, "create b", "CREATE TABLE b (y INTEGER); CREATE INDEX b_y ON b (y)"},
};

} // namespace

TEST_CASE("a new file is migrated to the newest version, each version recorded once",
          "[storage][migrations]") {
  database db = open_or_fail(fresh_scratch_dir() / "m.db");
  CHECK(schema_version(db).value() == 0);
  auto report = migrate(db, warehouse_migrations(), t0);
  REQUIRE_OK(report);
  const int newest = warehouse_migrations().back().version;
  CHECK(report.value().from_version == 0);
  CHECK(report.value().to_version == newest);
  CHECK(report.value().applied == static_cast<int>(warehouse_migrations().size()));
  CHECK(schema_version(db).value() == newest);
  CHECK(db.query_int64("SELECT count(*) FROM schema_version", "test").value() ==
        static_cast<std::int64_t>(warehouse_migrations().size()));
  CHECK(db.query_int64("SELECT min(applied_at) FROM schema_version", "test").value() == t0);
}

TEST_CASE("running the migrations again is a no-op", "[storage][migrations]") {
  database db = open_or_fail(fresh_scratch_dir() / "m.db");
  REQUIRE_OK(migrate(db, t0));
  auto again = migrate(db, t0 + 1000);
  REQUIRE_OK(again);
  CHECK(again.value().applied == 0);
  CHECK(again.value().from_version == again.value().to_version);
  CHECK(db.query_int64("SELECT max(applied_at) FROM schema_version", "test").value() == t0);
}

TEST_CASE("a file at v1 is brought to v2 by applying only v2", "[storage][migrations]") {
  database db = open_or_fail(fresh_scratch_dir() / "m.db");
  REQUIRE_OK(migrate(db, {two_steps[0]}, t0));
  auto report = migrate(db, two_steps, t0 + 1);
  REQUIRE_OK(report);
  CHECK(report.value().from_version == 1);
  CHECK(report.value().to_version == 2);
  CHECK(report.value().applied == 1);
  CHECK(table_exists(db, "b"));
}

TEST_CASE("a file newer than the code is a schema_mismatch, and nothing is written",
          "[storage][migrations]") {
  database db = open_or_fail(fresh_scratch_dir() / "m.db");
  REQUIRE_OK(migrate(db, two_steps, t0));
  auto older_code = migrate(db, {two_steps[0]}, t0 + 1);
  REQUIRE_FALSE(older_code);
  CHECK(older_code.error().code == storage_errc::schema_mismatch);
  CHECK_THAT(older_code.error().message, Catch::Contains("v2") && Catch::Contains("v1"));

  REQUIRE_OK(db.exec("INSERT INTO schema_version VALUES (99, 'from the future', 0)", "test"));
  auto warehouse = migrate(db, t0 + 2);
  REQUIRE_FALSE(warehouse);
  CHECK(warehouse.error().code == storage_errc::schema_mismatch);
}

TEST_CASE("a migration that fails is rolled back whole, the ones before it stay",
          "[storage][migrations]") {
  database db = open_or_fail(fresh_scratch_dir() / "m.db");
  const std::vector<migration> broken = {
      two_steps[0],
      {2, "half good", "CREATE TABLE c (z INTEGER); CREATE TABLE c (z INTEGER)"},
  };
  auto report = migrate(db, broken, t0);
  REQUIRE_FALSE(report);
  CHECK(report.error().code == storage_errc::sql_error);
  CHECK_THAT(report.error().context, Catch::Contains("migration v2 (half good)"));
  CHECK(schema_version(db).value() == 1);
  CHECK(table_exists(db, "a"));
  CHECK_FALSE(table_exists(db, "c"));
  CHECK_FALSE(db.in_transaction());
}

TEST_CASE("migration versions must increase: a repeated or out-of-order version is misuse",
          "[storage][migrations]") {
  database db = open_or_fail(fresh_scratch_dir() / "m.db");
  auto repeated = migrate(db, {two_steps[0], two_steps[0]}, t0);
  REQUIRE_FALSE(repeated);
  CHECK(repeated.error().code == storage_errc::misuse);
  auto backwards = migrate(db, {two_steps[1], two_steps[0]}, t0);
  REQUIRE_FALSE(backwards);
  CHECK(backwards.error().code == storage_errc::misuse);
  CHECK(schema_version(db).value() == 0);
}
