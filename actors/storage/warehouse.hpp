#pragma once
// storage.warehouse: the one actor that writes the SQLite warehouse (DESIGN.md "Durability").
//
//   (db_atom, db_job) -> db_reply
//
// A db_job is a plain function over the database: it runs on this actor, one at a time, so
// every write is serialized without locks, and a unit of work (output rows + the queue ack +
// the ledger transition) is one transaction that the job opens itself. Readers elsewhere
// (control plane, smoke test) open their own read-only connections; WAL lets them read while
// this actor writes.
//
// Opening the file and migrating it happens on start; if that fails the actor exits with the
// error and its supervisor restarts it with backoff (a full disk or a locked file may clear).
// A job's storage error is returned to the asker, never a crash: the asker nacks its item.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>

#include "runtime/storage/database.hpp"
#include "runtime/supervision/supervisor.hpp"

namespace courtside::store {

using db_atom = caf::atom_constant<caf::atom("db")>;

struct db_job {
  std::string label; ///< for logs: "box_score 0022500001"
  std::function<storage::storage_status(storage::database&)> run;
};

using db_job_ptr = std::shared_ptr<const db_job>;
using db_reply = std::shared_ptr<const storage::storage_status>;

/// Chaos runs only: asked before each job; an error returned here is the job's answer instead
/// of running it, as if its commit had failed (SQLITE_BUSY, a full disk). Null = never.
using fault_hook = std::function<std::optional<storage::storage_error>(const db_job&)>;

struct warehouse_settings {
  std::filesystem::path file;                   ///< <data_dir>/warehouse.sqlite
  std::chrono::milliseconds busy_timeout{5000}; ///< readers hold the WAL briefly
  std::function<storage::unix_ms()> wall_clock; ///< stamps the migrations
  fault_hook faults;
};

/// Path of the warehouse actor in the tree.
inline constexpr const char* warehouse_path = "storage.warehouse";

[[nodiscard]] child_spec warehouse_child(warehouse_settings settings);

/// Wraps `run` as a job.
[[nodiscard]] db_job_ptr make_job(std::string label,
                                  std::function<storage::storage_status(storage::database&)> run);

} // namespace courtside::store

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(courtside::store::db_job_ptr)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(courtside::store::db_reply)
