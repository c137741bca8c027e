// Spec for runtime/storage/payload_archive.hpp: one row per distinct body, keyed by SHA-256.
#include "runtime/storage/payload_archive.hpp"

#include "runtime/storage/sha256.hpp"
#include "unit/runtime/storage/scratch.hpp"

#include <catch2/catch.hpp>

using namespace courtside::storage;
using namespace courtside::storage::test;

namespace {
constexpr unix_ms t0 = 1'700'000'000'000;

std::int64_t payload_rows(database& db) {
  return db.query_int64("SELECT count(*) FROM raw_payloads", "test").value();
}
} // namespace

TEST_CASE("the same body archived twice is stored once, the first fetch's metadata is kept",
          "[storage][payloads]") {
  database db = fresh_warehouse();
  const std::string body = R"({"scoreboard":{"games":[]}})";
  auto first = archive_payload(db, "nba_com", "https://cdn.nba.com/a.json", t0, body);
  REQUIRE_OK(first);
  CHECK(first.value().inserted_new);
  CHECK(first.value().hash == sha256_hex(body));
  CHECK(first.value().hash.size() == 64);

  auto again = archive_payload(db, "nba_com_mirror", "https://mirror/a.json", t0 + 60'000, body);
  REQUIRE_OK(again);
  CHECK_FALSE(again.value().inserted_new);
  CHECK(again.value().hash == first.value().hash);
  CHECK(payload_rows(db) == 1);

  auto stored = load_payload(db, first.value().hash);
  REQUIRE_OK(stored);
  CHECK(stored.value().source == "nba_com");
  CHECK(stored.value().url == "https://cdn.nba.com/a.json");
  CHECK(stored.value().fetched_at == t0);
  CHECK(stored.value().body == body);
  CHECK(stored.value().size_bytes == static_cast<std::int64_t>(body.size()));
}

TEST_CASE("bodies differing in one byte are two payloads", "[storage][payloads]") {
  database db = fresh_warehouse();
  REQUIRE_OK(archive_payload(db, "bdl", "u", t0, "{\"pts\":20}"));
  auto other = archive_payload(db, "bdl", "u", t0, "{\"pts\":21}");
  REQUIRE_OK(other);
  CHECK(other.value().inserted_new);
  CHECK(payload_rows(db) == 2);
}

TEST_CASE("binary bodies with NUL bytes, and empty bodies, round-trip exactly",
          "[storage][payloads]") {
  database db = fresh_warehouse();
  const std::string gzip_like("\x1f\x8b\x08\0\0\0\0\0\xff\0", 10);
  auto binary = archive_payload(db, "odds", "u", t0, gzip_like);
  REQUIRE_OK(binary);
  CHECK(load_payload(db, binary.value().hash).value().body == gzip_like);
  auto empty = archive_payload(db, "odds", "u", t0, "");
  REQUIRE_OK(empty);
  CHECK(empty.value().hash == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(load_payload(db, empty.value().hash).value().body.empty());
}

TEST_CASE("an unknown hash is not_found, an empty source is invalid_argument",
          "[storage][payloads]") {
  database db = fresh_warehouse();
  auto missing = load_payload(db, std::string(64, '0'));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == storage_errc::not_found);
  auto no_source = archive_payload(db, "", "u", t0, "x");
  REQUIRE_FALSE(no_source);
  CHECK(no_source.error().code == storage_errc::invalid_argument);
}

TEST_CASE("a payload archived inside a rolled-back transaction is gone with it",
          "[storage][payloads]") {
  database db = fresh_warehouse();
  {
    auto tx = db.begin("test: phase2 store");
    REQUIRE_OK(tx);
    REQUIRE_OK(archive_payload(db, "nba_com", "u", t0, "body"));
  }
  CHECK(payload_rows(db) == 0);
}

TEST_CASE("a hash computed by the caller is the one stored, and equals the archive's own",
          "[storage][archive]") {
  database db = fresh_warehouse();
  const std::string body = "{\"games\":[]}";
  auto computed = archive_payload(db, "nba_cdn", "https://cdn/x", 1, body);
  REQUIRE_OK(computed);
  auto given = archive_payload(db, "nba_cdn", "https://cdn/x", 2, body, sha256_hex(body));
  REQUIRE_OK(given);
  CHECK(given.value().hash == computed.value().hash);
  CHECK_FALSE(given.value().inserted_new); // the same bytes: stored once
}
