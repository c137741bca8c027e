#include "runtime/storage/database.hpp"

#include "runtime/storage/connection.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cassert>
#include <limits>

namespace courtside::storage {

namespace detail {

connection::~connection() {
  assert(live_statements == 0 && "a statement outlived its database");
  for (auto& entry : cache) sqlite3_finalize(entry.second.stmt);
  cache.clear();
  // close_v2 so that a leaked statement turns the handle into a zombie, not a crash.
  if (handle != nullptr) sqlite3_close_v2(handle);
}

storage_errc classify(int sqlite_code) noexcept {
  switch (sqlite_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return storage_errc::busy;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH: return storage_errc::constraint;
    case SQLITE_FULL: return storage_errc::disk_full;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return storage_errc::corrupt;
    case SQLITE_READONLY: return storage_errc::readonly;
    case SQLITE_IOERR:
    case SQLITE_PROTOCOL: return storage_errc::io;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH: return storage_errc::open_failed;
    case SQLITE_ERROR: return storage_errc::sql_error;
    case SQLITE_MISUSE:
    case SQLITE_RANGE: return storage_errc::misuse;
    case SQLITE_TOOBIG: return storage_errc::too_big;
    case SQLITE_NOMEM: return storage_errc::no_memory;
    default: return storage_errc::internal;
  }
}

storage_error sqlite_error(int sqlite_code, sqlite3* handle, std::string_view context) {
  const char* message = handle != nullptr ? sqlite3_errmsg(handle) : sqlite3_errstr(sqlite_code);
  return storage_error{classify(sqlite_code), std::string(context), sqlite_code,
                       message != nullptr ? message : ""};
}

} // namespace detail

namespace {

std::string savepoint_name(int level) { return "courtside_sp" + std::to_string(level); }

int clamp_to_int(std::chrono::milliseconds ms) {
  return static_cast<int>(std::clamp<std::int64_t>(ms.count(), 0,
                                                   std::numeric_limits<int>::max()));
}

// Journal mode and per-connection pragmas. A read-only connection can only look.
storage_status configure(database& db, const database_options& options) {
  const std::string ctx = "open " + options.path;
  auto mode = db.query_text(options.read_only ? "PRAGMA journal_mode" : "PRAGMA journal_mode=WAL",
                            ctx + ": PRAGMA journal_mode");
  if (!mode) return mode.error();
  if (!options.read_only && mode.value() != "wal") {
    return make_error(storage_errc::open_failed, ctx,
                      "journal_mode is '" + mode.value() + "', WAL is required");
  }
  return db.exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", ctx + ": PRAGMAs");
}

} // namespace

// -- database ------------------------------------------------------------------------------

database::database(std::unique_ptr<detail::connection> conn) : conn_(std::move(conn)) {}
database::database(database&& other) noexcept = default;
database& database::operator=(database&& other) noexcept = default;
database::~database() = default;

storage_result<database> database::open(const database_options& options) {
  const std::string ctx = "open " + options.path;
  if (options.path.empty()) {
    return make_error(storage_errc::invalid_argument, ctx, "empty database path");
  }
  if (options.busy_timeout.count() < 0) {
    return make_error(storage_errc::invalid_argument, ctx, "negative busy_timeout");
  }
  auto conn = std::make_unique<detail::connection>();
  conn->path = options.path;
  conn->read_only = options.read_only;
  const int flags = SQLITE_OPEN_NOMUTEX | (options.read_only
                                               ? SQLITE_OPEN_READONLY
                                               : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  const int rc = sqlite3_open_v2(options.path.c_str(), &conn->handle, flags, nullptr);
  if (rc != SQLITE_OK) {
    storage_error error = detail::sqlite_error(rc, conn->handle, ctx);
    if (error.code == storage_errc::internal) error.code = storage_errc::open_failed;
    return error;
  }
  sqlite3_extended_result_codes(conn->handle, 1);
  sqlite3_busy_timeout(conn->handle, clamp_to_int(options.busy_timeout));
  // SQLite silently falls back to read-only when the file is not writable; a writer must
  // hear about that now, not at its first INSERT.
  if (!options.read_only && sqlite3_db_readonly(conn->handle, "main") == 1) {
    return make_error(storage_errc::readonly, ctx, "the database file is not writable");
  }
  database db{std::move(conn)};
  if (auto configured = configure(db, options); !configured) return configured.error();
  return db;
}

storage_result<statement> database::prepare(std::string_view sql, std::string_view context) {
  detail::connection& conn = *conn_;
  auto found = conn.cache.find(std::string(sql));
  if (found != conn.cache.end() && !found->second.in_use) {
    found->second.in_use = true;
    return statement(&conn, found->second.stmt, &found->second, std::string(context));
  }
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(conn.handle, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  if (rc != SQLITE_OK) return detail::sqlite_error(rc, conn.handle, context);
  const std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
  if (stmt == nullptr || rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
    sqlite3_finalize(stmt);
    return make_error(storage_errc::misuse, std::string(context),
                      "prepare() takes exactly one SQL statement; use exec() for scripts");
  }
  detail::cached_statement* slot = nullptr;
  if (found == conn.cache.end()) {
    slot = &conn.cache.emplace(std::string(sql), detail::cached_statement{stmt, true})
                .first->second;
  }
  return statement(&conn, stmt, slot, std::string(context));
}

storage_status database::exec(std::string_view sql, std::string_view context) {
  const std::string text(sql);
  const int rc = sqlite3_exec(conn_->handle, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return detail::sqlite_error(rc, conn_->handle, context);
  return {};
}

storage_result<std::string> database::query_text(std::string_view sql, std::string_view context) {
  auto st = prepare(sql, context);
  if (!st) return st.error();
  auto row = st.value().step();
  if (!row) return row.error();
  if (!row.value()) return make_error(storage_errc::not_found, std::string(context), "no row");
  return st.value().column_text(0);
}

storage_result<std::int64_t> database::query_int64(std::string_view sql,
                                                   std::string_view context) {
  auto st = prepare(sql, context);
  if (!st) return st.error();
  auto row = st.value().step();
  if (!row) return row.error();
  if (!row.value()) return make_error(storage_errc::not_found, std::string(context), "no row");
  return st.value().column_int64(0);
}

storage_result<transaction> database::begin(std::string_view context) {
  detail::connection& conn = *conn_;
  if (conn.transaction_depth == 0 && sqlite3_get_autocommit(conn.handle) == 0) {
    return make_error(storage_errc::misuse, std::string(context),
                      "a transaction was opened outside database::begin()");
  }
  const int level = conn.transaction_depth + 1;
  const std::string sql = level == 1 ? "BEGIN IMMEDIATE" : "SAVEPOINT " + savepoint_name(level);
  if (auto begun = exec(sql, std::string(context) + ": " + sql); !begun) return begun.error();
  conn.transaction_depth = level;
  return transaction(this, level, std::string(context));
}

std::int64_t database::changes() const { return sqlite3_changes64(conn_->handle); }
bool database::in_transaction() const { return sqlite3_get_autocommit(conn_->handle) == 0; }
const std::string& database::path() const { return conn_->path; }
bool database::read_only() const { return conn_->read_only; }
std::size_t database::cached_statement_count() const { return conn_->cache.size(); }

// -- transaction ---------------------------------------------------------------------------

transaction::transaction(database* db, int level, std::string context)
    : db_(db), level_(level), context_(std::move(context)) {}

transaction::transaction(transaction&& other) noexcept
    : db_(other.db_), level_(other.level_), context_(std::move(other.context_)) {
  other.db_ = nullptr;
}

transaction::~transaction() {
  if (db_ != nullptr) (void)finish(false);
}

storage_status transaction::commit() { return finish(true); }
storage_status transaction::rollback() { return finish(false); }

storage_status transaction::finish(bool commit) {
  if (db_ == nullptr) {
    return make_error(storage_errc::misuse, context_, "the transaction is already finished");
  }
  detail::connection& conn = *db_->conn_;
  if (conn.transaction_depth != level_) {
    return make_error(storage_errc::misuse, context_,
                      "transactions must be finished in reverse order of begin()");
  }
  const std::string sp = savepoint_name(level_);
  const std::string sql = level_ == 1 ? (commit ? "COMMIT" : "ROLLBACK")
                                      : (commit ? "RELEASE " + sp
                                                : "ROLLBACK TO " + sp + "; RELEASE " + sp);
  storage_status done = db_->exec(sql, context_ + ": " + sql);
  // A failed COMMIT (busy, disk full) leaves the transaction open for a retry or a rollback,
  // unless SQLite already rolled it back by itself.
  const bool closed = done.ok() || (level_ == 1 && sqlite3_get_autocommit(conn.handle) != 0);
  if (closed) {
    conn.transaction_depth = level_ - 1;
    db_ = nullptr;
  }
  return done;
}

} // namespace courtside::storage
