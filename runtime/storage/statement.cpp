#include "runtime/storage/connection.hpp"
#include "runtime/storage/database.hpp"

#include <sqlite3.h>

namespace courtside::storage {

statement::statement(detail::connection* conn, sqlite3_stmt* stmt, detail::cached_statement* slot,
                     std::string context)
    : conn_(conn), stmt_(stmt), slot_(slot), context_(std::move(context)) {
  ++conn_->live_statements;
}

statement::statement(statement&& other) noexcept
    : conn_(other.conn_),
      stmt_(other.stmt_),
      slot_(other.slot_),
      context_(std::move(other.context_)),
      bind_error_(std::move(other.bind_error_)) {
  other.stmt_ = nullptr;
  other.slot_ = nullptr;
}

statement::~statement() {
  if (stmt_ == nullptr) return;
  --conn_->live_statements;
  if (slot_ == nullptr) {
    sqlite3_finalize(stmt_);
    return;
  }
  // Back to the cache, rewound and with no values left bound (a blob must not linger).
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  slot_->in_use = false;
}

void statement::remember_bind_error(int rc, int index) {
  if (rc == SQLITE_OK || bind_error_) return;
  storage_error error = detail::sqlite_error(rc, conn_->handle, context_);
  error.message += " (bind parameter " + std::to_string(index) + ")";
  bind_error_ = std::move(error);
}

statement& statement::bind_int64(int index, std::int64_t value) {
  remember_bind_error(sqlite3_bind_int64(stmt_, index, value), index);
  return *this;
}

statement& statement::bind_double(int index, double value) {
  remember_bind_error(sqlite3_bind_double(stmt_, index, value), index);
  return *this;
}

statement& statement::bind_text(int index, std::string_view value) {
  remember_bind_error(sqlite3_bind_text64(stmt_, index, value.data(), value.size(),
                                          SQLITE_TRANSIENT, SQLITE_UTF8),
                      index);
  return *this;
}

statement& statement::bind_blob(int index, std::string_view bytes) {
  // A zero-length blob still binds as a blob, not NULL: data() of an empty view may be null.
  static const char empty = 0;
  const char* data = bytes.empty() ? &empty : bytes.data();
  remember_bind_error(sqlite3_bind_blob64(stmt_, index, data, bytes.size(), SQLITE_TRANSIENT),
                      index);
  return *this;
}

statement& statement::bind_null(int index) {
  remember_bind_error(sqlite3_bind_null(stmt_, index), index);
  return *this;
}

statement& statement::bind_optional_int64(int index, const std::optional<std::int64_t>& value) {
  return value ? bind_int64(index, *value) : bind_null(index);
}

storage_result<bool> statement::step() {
  if (bind_error_) return *bind_error_;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  storage_error error = detail::sqlite_error(rc, conn_->handle, context_);
  // Rewind, so that the cached statement releases its locks before the caller reacts.
  sqlite3_reset(stmt_);
  return error;
}

storage_status statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return row.error();
    if (!row.value()) return {};
  }
}

void statement::reset() {
  bind_error_.reset();
  sqlite3_clear_bindings(stmt_);
  // sqlite3_reset repeats the last step's error; that error was already reported by step().
  sqlite3_reset(stmt_);
}

int statement::column_count() const { return sqlite3_column_count(stmt_); }

bool statement::column_is_null(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

std::int64_t statement::column_int64(int index) const {
  return sqlite3_column_int64(stmt_, index);
}

double statement::column_double(int index) const { return sqlite3_column_double(stmt_, index); }

std::string statement::column_text(int index) const {
  const unsigned char* text = sqlite3_column_text(stmt_, index);
  const int size = sqlite3_column_bytes(stmt_, index);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::string_view statement::column_view(int index) const {
  const unsigned char* text = sqlite3_column_text(stmt_, index);
  const int size = sqlite3_column_bytes(stmt_, index);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

std::string statement::column_blob(int index) const {
  const void* data = sqlite3_column_blob(stmt_, index);
  const int size = sqlite3_column_bytes(stmt_, index);
  if (data == nullptr) return {};
  return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::optional<std::int64_t> statement::column_optional_int64(int index) const {
  if (column_is_null(index)) return std::nullopt;
  return column_int64(index);
}

} // namespace courtside::storage
