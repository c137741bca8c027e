#pragma once
// The storage module's one error type. Every function in runtime/storage returns a value
// (storage_result<T> or storage_status); nothing throws across the module's edge, and every
// error says which operation and table it came from, so a log line is enough to act on.
#include <cassert>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace courtside::storage {

/// What went wrong, grouped by what the caller should do about it. Stable names (to_string)
/// are used in logs, metrics and alerts.
enum class storage_errc : std::uint8_t {
  open_failed = 1,  ///< the file could not be opened or created (missing directory, no
                    ///< permission to create it); fix the path or permissions, do not retry
  busy,             ///< another connection held the lock longer than busy_timeout
                    ///< (SQLITE_BUSY / SQLITE_LOCKED); transient: retry later
  constraint,       ///< a UNIQUE, NOT NULL, CHECK or FOREIGN KEY constraint rejected a write;
                    ///< the data is wrong, retrying the same write will fail again
  disk_full,        ///< the disk or the database size limit is full (SQLITE_FULL); alert
  corrupt,          ///< the file is damaged or is not a database (SQLITE_CORRUPT/NOTADB); alert
  readonly,         ///< a write was attempted on a read-only file, directory or connection
  schema_mismatch,  ///< the file's schema is newer than this code knows, or a declared table
                    ///< lacks its natural key or date column; do not write, upgrade the code
  io,               ///< the OS failed a read, write, sync or lock (SQLITE_IOERR); alert
  sql_error,        ///< the SQL itself was rejected (syntax, no such table or column): a bug
  misuse,           ///< the API was used wrongly: bind index out of range, a transaction
                    ///< closed out of order, an ack without a transaction (a bug)
  too_big,          ///< a string or blob exceeds SQLite's limits (SQLITE_TOOBIG)
  no_memory,        ///< SQLite could not allocate (SQLITE_NOMEM)
  not_found,        ///< the row asked for does not exist (queue item id, ledger row)
  lease_lost,       ///< work queue: the item is not leased by this owner any more (the lease
                    ///< expired and was redelivered, or it was acked/dead-lettered already)
  state_conflict,   ///< ledger: a transition's expected previous state did not match
  invalid_argument, ///< a value that cannot be stored (negative duration, empty key, limit < 1)
  internal,         ///< any other SQLite result code; the message says which
  unreachable,      ///< the warehouse writer did not answer (restarting, timed out, no tree);
                    ///< the job may or may not have run: retry, outputs are idempotent
};

/// "open_failed", "busy", ...
[[nodiscard]] const char* to_string(storage_errc code) noexcept;

struct storage_error {
  storage_errc code = storage_errc::internal;
  std::string context;  ///< the operation and table, e.g. "work_queue.ack: UPDATE work_queue"
  int sqlite_code = 0;  ///< SQLite's extended result code; 0 when the error is our own
  std::string message;  ///< SQLite's message (sqlite3_errmsg) or our own explanation

  /// "<code> in <context>: <message> (sqlite <n>)"
  [[nodiscard]] std::string describe() const;
};

/// A value or the reason there is none. Check ok() before value().
template <class T>
class [[nodiscard]] storage_result {
public:
  storage_result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  storage_result(storage_error error) : state_(std::in_place_index<1>, std::move(error)) {}

  [[nodiscard]] bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  /// Precondition: ok().
  [[nodiscard]] T& value() & {
    assert(ok());
    return *std::get_if<0>(&state_);
  }
  [[nodiscard]] const T& value() const& {
    assert(ok());
    return *std::get_if<0>(&state_);
  }
  [[nodiscard]] T&& value() && {
    assert(ok());
    return std::move(*std::get_if<0>(&state_));
  }

  /// Precondition: !ok().
  [[nodiscard]] const storage_error& error() const {
    assert(!ok());
    return *std::get_if<1>(&state_);
  }

private:
  std::variant<T, storage_error> state_;
};

/// Success with no value, or an error.
template <>
class [[nodiscard]] storage_result<void> {
public:
  storage_result() = default;
  storage_result(storage_error error) : error_(std::move(error)), failed_(true) {}

  [[nodiscard]] bool ok() const noexcept { return !failed_; }
  explicit operator bool() const noexcept { return ok(); }

  /// Precondition: !ok().
  [[nodiscard]] const storage_error& error() const {
    assert(!ok());
    return error_;
  }

private:
  storage_error error_;
  bool failed_ = false;
};

using storage_status = storage_result<void>;

/// An error of our own (no SQLite code).
[[nodiscard]] storage_error make_error(storage_errc code, std::string context,
                                       std::string message);

} // namespace courtside::storage
