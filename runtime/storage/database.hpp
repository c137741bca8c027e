#pragma once
// One SQLite connection to a warehouse FILE, in WAL mode, with a prepared-statement cache,
// a small typed statement wrapper and RAII transactions. No CAF, no clock: the writer actor
// owns one `database` and calls these functions; readers may open their own (read_only).
//
// Lifetimes: a `statement` or `transaction` borrows its `database`; the database must not be
// moved or destroyed while either is alive (like an iterator and its container).
//
// Connection settings applied by open(): journal_mode=WAL (readers never block the writer;
// a commit is one append to the -wal file), synchronous=NORMAL (durable against a process
// crash; a power cut may lose the last commits but never corrupts), foreign_keys=ON,
// busy_timeout from the options, extended result codes.
#include "runtime/storage/storage_error.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace courtside::storage {

/// A wall-clock instant as stored: milliseconds since 1970-01-01T00:00:00Z. Callers pass it
/// in (`now`); nothing here reads a clock.
using unix_ms = std::int64_t;

struct database_options {
  std::string path;                              ///< the database file; created if missing
  std::chrono::milliseconds busy_timeout{5000};  ///< how long a locked database is waited for
  bool read_only = false; ///< open without write access (monitors, smoke test, tools)
};

class database;
namespace detail {
struct connection;
struct cached_statement;
} // namespace detail

/// A prepared statement. Bind parameters are 1-based (`?1`, `?2`...), columns 0-based, as in
/// SQLite. Binds chain; the first bind failure is remembered and returned by step()/run(),
/// so a caller checks once. Destroying a statement resets it and returns it to the cache.
class statement {
public:
  statement(statement&& other) noexcept;
  statement& operator=(statement&&) = delete;
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;
  ~statement();

  statement& bind_int64(int index, std::int64_t value);
  statement& bind_double(int index, double value);
  statement& bind_text(int index, std::string_view value);
  statement& bind_blob(int index, std::string_view bytes);
  statement& bind_null(int index);
  /// NULL when empty, else the value.
  statement& bind_optional_int64(int index, const std::optional<std::int64_t>& value);

  /// Advances one row: true = a row is ready for the column getters, false = done.
  [[nodiscard]] storage_result<bool> step();
  /// Steps until done (for INSERT/UPDATE/DELETE); rows, if any, are skipped.
  [[nodiscard]] storage_status run();
  /// Rewinds and clears the bindings, to run the statement again with new values.
  void reset();

  [[nodiscard]] int column_count() const;
  [[nodiscard]] bool column_is_null(int index) const;
  [[nodiscard]] std::int64_t column_int64(int index) const;
  [[nodiscard]] double column_double(int index) const;
  [[nodiscard]] std::string column_text(int index) const;
  /// The text without a copy: valid until the next step(), reset() or column call on `index`.
  [[nodiscard]] std::string_view column_view(int index) const;
  [[nodiscard]] std::string column_blob(int index) const;
  [[nodiscard]] std::optional<std::int64_t> column_optional_int64(int index) const;

  [[nodiscard]] const std::string& context() const { return context_; }

private:
  friend class database;
  statement(detail::connection* conn, sqlite3_stmt* stmt, detail::cached_statement* slot,
            std::string context);
  void remember_bind_error(int rc, int index);

  detail::connection* conn_;
  sqlite3_stmt* stmt_;
  detail::cached_statement* slot_; ///< the cache entry lent to us; nullptr = private statement
  std::string context_;
  std::optional<storage_error> bind_error_;
};

/// A transaction that rolls back unless committed. The outermost one is BEGIN IMMEDIATE
/// (the write lock is taken up front, so two writers never deadlock on an upgrade); one begun
/// while another is open is a SAVEPOINT, so a function that needs atomicity can open its own
/// whether or not its caller already has one. Commit or drop them in reverse order of begin.
class transaction {
public:
  transaction(transaction&& other) noexcept;
  transaction& operator=(transaction&&) = delete;
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;
  ~transaction();

  [[nodiscard]] storage_status commit();
  [[nodiscard]] storage_status rollback();
  [[nodiscard]] bool active() const { return db_ != nullptr; }
  /// The connection the transaction runs on, to prepare statements inside it.
  [[nodiscard]] database& db() const { return *db_; }

private:
  friend class database;
  transaction(database* db, int level, std::string context);
  [[nodiscard]] storage_status finish(bool commit);

  database* db_;
  int level_;  ///< 1 = outermost (BEGIN), n > 1 = SAVEPOINT sp<n>
  std::string context_;
};

class database {
public:
  /// Opens (creating if missing) and configures the file; see the header comment.
  [[nodiscard]] static storage_result<database> open(const database_options& options);

  database(database&& other) noexcept;
  database& operator=(database&& other) noexcept;
  database(const database&) = delete;
  database& operator=(const database&) = delete;
  ~database();

  /// A statement from the cache (prepared on first use). `context` names the operation and
  /// table for error messages, e.g. "work_queue.lease: SELECT work_queue". If the cached
  /// statement for `sql` is in use (a nested query), a private one is prepared instead.
  [[nodiscard]] storage_result<statement> prepare(std::string_view sql, std::string_view context);
  /// Runs one or more statements that return no rows (DDL, migrations); not cached.
  [[nodiscard]] storage_status exec(std::string_view sql, std::string_view context);
  /// The first column of the first row, as text / integer (PRAGMAs, counts); not_found if no
  /// row.
  [[nodiscard]] storage_result<std::string> query_text(std::string_view sql,
                                                       std::string_view context);
  [[nodiscard]] storage_result<std::int64_t> query_int64(std::string_view sql,
                                                         std::string_view context);

  [[nodiscard]] storage_result<transaction> begin(std::string_view context);

  /// Rows changed by the last INSERT/UPDATE/DELETE on this connection.
  [[nodiscard]] std::int64_t changes() const;
  [[nodiscard]] bool in_transaction() const;
  [[nodiscard]] const std::string& path() const;
  [[nodiscard]] bool read_only() const;
  [[nodiscard]] std::size_t cached_statement_count() const;

private:
  friend class transaction;
  explicit database(std::unique_ptr<detail::connection> conn);

  std::unique_ptr<detail::connection> conn_;
};

} // namespace courtside::storage
