#include "actors/storage/warehouse.hpp"

#include <cerrno>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <stdexcept>
#include <system_error>

#include <caf/all.hpp>

#include "runtime/logging/log.hpp"
#include "runtime/storage/migrations.hpp"
#include "runtime/storage/tables.hpp"
#include "runtime/storage/work_queue.hpp"

namespace courtside::store {
namespace {

// An exclusive flock on <file>.lock for as long as this actor lives: one engine per warehouse,
// which is what lets it hand out every lease it finds on open.
class writer_lock {
public:
  writer_lock() = default;
  explicit writer_lock(const std::filesystem::path& file) {
    const auto path = file.string() + ".lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd_);
      fd_ = -1;
      throw std::runtime_error("another courtside engine is writing " + file.string() +
                               " (" + path + " is locked)");
    }
  }
  writer_lock(writer_lock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  writer_lock& operator=(writer_lock&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~writer_lock() {
    if (fd_ >= 0) ::close(fd_); // releases the flock
  }

private:
  int fd_ = -1;
};

struct warehouse_state {
  writer_lock lock; ///< declared first: released after the database closes
  std::optional<storage::database> db;
  static inline const char* name = "warehouse";
};

using warehouse_actor = caf::stateful_actor<warehouse_state>;

// Opens, migrates and checks the file; any failure is an exception, which
// crash_on_exception turns into a crash that the supervisor restarts with backoff.
void create_folder(const warehouse_settings& s) {
  std::error_code ec;
  if (s.file.has_parent_path()) std::filesystem::create_directories(s.file.parent_path(), ec);
  if (ec)
    throw std::runtime_error("cannot create " + s.file.parent_path().string() + ": " +
                             ec.message());
}

storage::database open_warehouse(const warehouse_settings& s) {
  auto db = storage::database::open({s.file.string(), s.busy_timeout, false});
  if (!db) throw std::runtime_error(db.error().describe());
  auto migrated = storage::migrate(db.value(), s.wall_clock());
  if (!migrated) throw std::runtime_error(migrated.error().describe());
  if (auto checked = storage::check_tables(db.value()); !checked)
    throw std::runtime_error(checked.error().describe());
  // Under the writer lock, every lease in the file belongs to an engine that is gone (killed,
  // crashed): hand the items out again now rather than when their leases would expire. Not
  // a failed try (unlike an expired lease): the whole batch in flight was interrupted, none of
  // it is to blame, so restarts never dead-letter work (see release_all_leases).
  auto swept = storage::release_all_leases(db.value(), s.wall_clock());
  if (!swept) throw std::runtime_error(swept.error().describe());
  if (swept.value().redelivered > 0)
    actor_log(warehouse_path)->warn("{} work items left leased by a previous run handed out again",
                                    swept.value().redelivered);
  return std::move(db.value());
}

caf::behavior warehouse(warehouse_actor* self, std::string path, warehouse_settings settings) {
  crash_on_exception(self);
  auto log = actor_log(path);
  try {
    create_folder(settings);
    self->state.lock = writer_lock{settings.file};
    self->state.db.emplace(open_warehouse(settings));
  } catch (const std::exception& e) {
    log->error("cannot open the warehouse: {}", e.what()); // the exit reason only says runtime_error
    throw;
  }
  log->info("warehouse open: {}", settings.file.string());
  return {
    [=](db_atom, const db_job_ptr& job) -> db_reply {
      if (settings.faults) {
        if (auto injected = settings.faults(*job))
          return std::make_shared<const storage::storage_status>(std::move(*injected));
      }
      auto status = job->run(*self->state.db);
      // The asker decides what a failure means (nack, retry) and logs it once.
      if (!status) log->debug("{}: {}", job->label, status.error().describe());
      return std::make_shared<const storage::storage_status>(std::move(status));
    },
  };
}

} // namespace

db_job_ptr make_job(std::string label,
                    std::function<storage::storage_status(storage::database&)> run) {
  return std::make_shared<const db_job>(db_job{std::move(label), std::move(run)});
}

child_spec warehouse_child(warehouse_settings settings) {
  child_spec c;
  c.name = "warehouse";
  c.start = [settings = std::move(settings)](const child_context& ctx) {
    return ctx.parent->spawn(warehouse, ctx.path, settings);
  };
  return c;
}

} // namespace courtside::store
