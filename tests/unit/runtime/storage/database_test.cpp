// Spec for runtime/storage/database.hpp: connection settings, statements, the cache,
// transactions and savepoints, and every failure as a typed error value.
#include "runtime/storage/database.hpp"

#include "unit/runtime/storage/scratch.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace courtside::storage;
using namespace courtside::storage::test;

namespace {

database db_with_table() {
  database db = open_or_fail(fresh_scratch_dir() / "t.db");
  REQUIRE_OK(db.exec("CREATE TABLE t (k TEXT PRIMARY KEY NOT NULL, i INTEGER, r REAL, b BLOB)",
                     "test: CREATE t"));
  return db;
}

std::int64_t count_rows(database& db) {
  auto n = db.query_int64("SELECT count(*) FROM t", "test: count t");
  REQUIRE_OK(n);
  return n.value();
}

storage_status insert_key(database& db, std::string_view key) {
  auto st = db.prepare("INSERT INTO t (k) VALUES (?1)", "test: INSERT t");
  if (!st) return st.error();
  st.value().bind_text(1, key);
  return st.value().run();
}

} // namespace

TEST_CASE("a new file opens in WAL mode, synchronous NORMAL, foreign keys on, busy timeout set",
          "[storage][database]") {
  const auto dir = fresh_scratch_dir();
  database_options options = options_for(dir / "w.db");
  options.busy_timeout = std::chrono::milliseconds(250);
  auto opened = database::open(options);
  REQUIRE_OK(opened);
  database& db = opened.value();
  CHECK(db.query_text("PRAGMA journal_mode", "test").value() == "wal");
  CHECK(db.query_int64("PRAGMA synchronous", "test").value() == 1); // NORMAL
  CHECK(db.query_int64("PRAGMA foreign_keys", "test").value() == 1);
  CHECK(db.query_int64("PRAGMA busy_timeout", "test").value() == 250);
  REQUIRE_OK(db.exec("CREATE TABLE x (a INTEGER)", "test"));
  CHECK(std::filesystem::exists(dir / "w.db-wal"));
  CHECK(db.path() == (dir / "w.db").string());
  CHECK_FALSE(db.read_only());
}

TEST_CASE("values bound by index come back from the columns, blobs with NUL bytes intact",
          "[storage][database]") {
  database db = db_with_table();
  const std::string blob("a\0b\xff", 4);
  {
    auto st = db.prepare("INSERT INTO t (k, i, r, b) VALUES (?1, ?2, ?3, ?4)", "test: INSERT t");
    REQUIRE_OK(st);
    st.value().bind_text(1, "key").bind_int64(2, -9'000'000'000'000).bind_double(3, 20.5)
        .bind_blob(4, blob);
    REQUIRE_OK(st.value().run());
  }
  auto st = db.prepare("SELECT k, i, r, b, NULL, x'' FROM t", "test: SELECT t");
  REQUIRE_OK(st);
  statement& row = st.value();
  auto step = row.step();
  REQUIRE_OK(step);
  REQUIRE(step.value());
  CHECK(row.column_count() == 6);
  CHECK(row.column_text(0) == "key");
  CHECK(row.column_int64(1) == -9'000'000'000'000);
  CHECK(row.column_double(2) == 20.5);
  CHECK(row.column_blob(3) == blob);
  CHECK(row.column_is_null(4));
  CHECK_FALSE(row.column_optional_int64(4).has_value());
  CHECK(row.column_blob(5).empty());
  CHECK(row.step().value() == false);
}

TEST_CASE("a re-run of a finished INSERT with the same key is a constraint error naming the "
          "operation",
          "[storage][database]") {
  database db = db_with_table();
  REQUIRE_OK(insert_key(db, "a"));
  auto again = insert_key(db, "a");
  REQUIRE_FALSE(again);
  CHECK(again.error().code == storage_errc::constraint);
  CHECK(again.error().context == "test: INSERT t");
  CHECK(again.error().sqlite_code != 0);
  CHECK_THAT(again.error().describe(), Catch::Contains("constraint in test: INSERT t"));
  CHECK_THAT(again.error().message, Catch::Contains("UNIQUE"));
}

TEST_CASE("a statement is prepared once and then reused, a nested use gets a private copy",
          "[storage][database]") {
  database db = db_with_table();
  const std::size_t before = db.cached_statement_count();
  REQUIRE_OK(insert_key(db, "a"));
  REQUIRE_OK(insert_key(db, "b"));
  CHECK(db.cached_statement_count() == before + 1);
  auto outer = db.prepare("SELECT k FROM t ORDER BY k", "test: outer");
  auto inner = db.prepare("SELECT k FROM t ORDER BY k", "test: inner");
  REQUIRE_OK(outer);
  REQUIRE_OK(inner);
  REQUIRE(outer.value().step().value());
  REQUIRE(inner.value().step().value());
  REQUIRE(inner.value().step().value());
  CHECK(outer.value().column_text(0) == "a"); // the two do not share a cursor
  CHECK(inner.value().column_text(0) == "b");
  CHECK(db.cached_statement_count() == before + 2);
}

TEST_CASE("a bind to a parameter that does not exist is reported once, by step, as misuse",
          "[storage][database]") {
  database db = db_with_table();
  auto st = db.prepare("INSERT INTO t (k) VALUES (?1)", "test: INSERT t");
  REQUIRE_OK(st);
  st.value().bind_text(1, "a").bind_int64(2, 7);
  auto ran = st.value().run();
  REQUIRE_FALSE(ran);
  CHECK(ran.error().code == storage_errc::misuse);
  CHECK_THAT(ran.error().message, Catch::Contains("bind parameter 2"));
  CHECK(count_rows(db) == 0);
}

TEST_CASE("bad SQL is a sql_error naming the operation, two statements in prepare are misuse",
          "[storage][database]") {
  database db = db_with_table();
  auto bad = db.prepare("SELECT nope FROM t", "monitor: SELECT t");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == storage_errc::sql_error);
  CHECK(bad.error().context == "monitor: SELECT t");
  CHECK_THAT(bad.error().message, Catch::Contains("nope"));
  auto two = db.prepare("SELECT 1; SELECT 2", "test: two");
  REQUIRE_FALSE(two);
  CHECK(two.error().code == storage_errc::misuse);
  auto missing = db.exec("INSERT INTO no_such_table VALUES (1)", "test: exec");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == storage_errc::sql_error);
}

TEST_CASE("a transaction that is not committed rolls back when it goes out of scope",
          "[storage][database]") {
  database db = db_with_table();
  {
    auto tx = db.begin("test: scope");
    REQUIRE_OK(tx);
    REQUIRE_OK(insert_key(db, "lost"));
    CHECK(db.in_transaction());
  }
  CHECK_FALSE(db.in_transaction());
  CHECK(count_rows(db) == 0);
  auto tx = db.begin("test: commit");
  REQUIRE_OK(tx);
  REQUIRE_OK(insert_key(db, "kept"));
  REQUIRE_OK(tx.value().commit());
  CHECK_FALSE(tx.value().active());
  CHECK(count_rows(db) == 1);
}

TEST_CASE("a transaction inside a transaction is a savepoint: its rollback keeps the outer work",
          "[storage][database]") {
  database db = db_with_table();
  auto outer = db.begin("test: outer");
  REQUIRE_OK(outer);
  REQUIRE_OK(insert_key(db, "outer"));
  {
    auto inner = db.begin("test: inner");
    REQUIRE_OK(inner);
    REQUIRE_OK(insert_key(db, "inner"));
    REQUIRE_OK(inner.value().rollback());
  }
  {
    auto inner = db.begin("test: inner 2");
    REQUIRE_OK(inner);
    REQUIRE_OK(insert_key(db, "inner 2"));
    REQUIRE_OK(inner.value().commit()); // released into the outer transaction
  }
  REQUIRE_OK(outer.value().commit());
  CHECK(count_rows(db) == 2);
  CHECK(db.query_int64("SELECT count(*) FROM t WHERE k = 'inner'", "test").value() == 0);
}

TEST_CASE("finishing transactions out of order, or twice, is misuse", "[storage][database]") {
  database db = db_with_table();
  auto outer = db.begin("test: outer");
  REQUIRE_OK(outer);
  auto inner = db.begin("test: inner");
  REQUIRE_OK(inner);
  auto early = outer.value().commit();
  REQUIRE_FALSE(early);
  CHECK(early.error().code == storage_errc::misuse);
  REQUIRE_OK(inner.value().commit());
  auto twice = inner.value().commit();
  REQUIRE_FALSE(twice);
  CHECK(twice.error().code == storage_errc::misuse);
  REQUIRE_OK(outer.value().commit());
}

TEST_CASE("a second writer that cannot get the lock within busy_timeout gets busy",
          "[storage][database]") {
  const auto file = fresh_scratch_dir() / "shared.db";
  database first = open_or_fail(file);
  database second = open_or_fail(file);
  auto holding = first.begin("test: first writer");
  REQUIRE_OK(holding);
  auto blocked = second.begin("test: second writer");
  REQUIRE_FALSE(blocked);
  CHECK(blocked.error().code == storage_errc::busy);
  CHECK_THAT(blocked.error().context, Catch::Contains("second writer"));
  REQUIRE_OK(holding.value().commit());
  auto now_free = second.begin("test: second writer");
  REQUIRE_OK(now_free);
}

TEST_CASE("open errors are values: empty path, missing directory, a file that is not a database",
          "[storage][database]") {
  const auto dir = fresh_scratch_dir();
  auto empty = database::open(database_options{});
  REQUIRE_FALSE(empty);
  CHECK(empty.error().code == storage_errc::invalid_argument);

  auto missing = database::open(options_for(dir / "no" / "such" / "dir" / "w.db"));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == storage_errc::open_failed);
  CHECK_THAT(missing.error().context, Catch::Contains("no/such/dir"));

  {
    std::ofstream junk(dir / "junk.db", std::ios::binary);
    junk << std::string(4096, 'x');
  }
  auto junk = database::open(options_for(dir / "junk.db"));
  REQUIRE_FALSE(junk);
  CHECK(junk.error().code == storage_errc::corrupt);
}

TEST_CASE("a read-only connection reads, and a write through it is readonly",
          "[storage][database]") {
  const auto file = fresh_scratch_dir() / "ro.db";
  {
    database db = open_or_fail(file);
    REQUIRE_OK(db.exec("CREATE TABLE t (k TEXT PRIMARY KEY NOT NULL); INSERT INTO t VALUES ('a')",
                       "test: setup"));
  }
  database_options options = options_for(file);
  options.read_only = true;
  auto opened = database::open(options);
  REQUIRE_OK(opened);
  CHECK(opened.value().read_only());
  CHECK(opened.value().query_int64("SELECT count(*) FROM t", "test").value() == 1);
  auto write = opened.value().exec("INSERT INTO t VALUES ('b')", "test: INSERT t");
  REQUIRE_FALSE(write);
  CHECK(write.error().code == storage_errc::readonly);
}
