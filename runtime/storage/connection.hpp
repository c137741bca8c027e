#pragma once
// Internal to runtime/storage: the state behind a `database` handle. Its address is stable
// (the handle owns it through a unique_ptr), so statements can point at it.
#include "runtime/storage/storage_error.hpp"

#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace courtside::storage::detail {

struct cached_statement {
  sqlite3_stmt* stmt = nullptr;
  bool in_use = false; ///< lent to a live `statement`; a second user gets a private copy
};

struct connection {
  connection() = default;
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;
  ~connection(); ///< finalizes the cache and closes the handle

  sqlite3* handle = nullptr;
  std::string path;
  bool read_only = false;
  int transaction_depth = 0; ///< open transactions: 0 none, 1 BEGIN, n SAVEPOINTs inside
  int live_statements = 0;   ///< must be 0 when the connection closes
  std::unordered_map<std::string, cached_statement> cache;
};

/// Maps a SQLite result code (primary or extended) to our enum.
[[nodiscard]] storage_errc classify(int sqlite_code) noexcept;

/// The error for a failed call on `handle`: classified code, the connection's message.
[[nodiscard]] storage_error sqlite_error(int sqlite_code, sqlite3* handle,
                                         std::string_view context);

} // namespace courtside::storage::detail
