#pragma once
// Test helpers for runtime/storage: a fresh scratch directory per test case, under
// COURTSIDE_BINARY_DIR/test-scratch/<test name>, and a database file migrated to the current
// schema. Real files, real SQLite: no mocks.
#include "runtime/storage/database.hpp"
#include "runtime/storage/migrations.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <string>

namespace courtside::storage::test {

/// Empties and returns test-scratch/<current test case name, as a file name>.
inline std::filesystem::path fresh_scratch_dir() {
  std::string name = "storage-";
  for (const char ch : Catch::getResultCapture().getCurrentTestName()) {
    const bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                       (ch >= '0' && ch <= '9');
    name += plain ? ch : '_';
  }
  if (name.size() > 120) name = name.substr(0, 100) + std::to_string(std::hash<std::string>{}(name));
  const auto dir = std::filesystem::path(COURTSIDE_BINARY_DIR) / "test-scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline database_options options_for(const std::filesystem::path& file) {
  database_options options;
  options.path = file.string();
  options.busy_timeout = std::chrono::milliseconds(0); // tests never wait on a lock
  return options;
}

/// Opens (creating) `file` and fails the test on error.
inline database open_or_fail(const std::filesystem::path& file) {
  auto opened = database::open(options_for(file));
  if (!opened) FAIL(opened.error().describe());
  return std::move(opened).value();
}

/// A database file in a fresh scratch directory, migrated to the current schema.
inline database fresh_warehouse(unix_ms now = 1'700'000'000'000) {
  database db = open_or_fail(fresh_scratch_dir() / "warehouse.db");
  auto migrated = migrate(db, now);
  if (!migrated) FAIL(migrated.error().describe());
  return db;
}

/// Fails the test with the error's description when `result` is an error.
#define REQUIRE_OK(expr)                                                  \
  do {                                                                    \
    const auto& require_ok_result_ = (expr);                              \
    if (!require_ok_result_) FAIL(require_ok_result_.error().describe()); \
  } while (false)

} // namespace courtside::storage::test
