// Spec for runtime/storage/database.hpp against a file the process may not write: the open is
// refused with a typed error (readonly, or open_failed when even reading is impossible), and
// nothing crashes. Root ignores file modes, so as root the open runs in a child process that
// has dropped to the `nobody` user first.
#include "runtime/storage/database.hpp"

#include "unit/runtime/storage/scratch.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace courtside::storage;
using namespace courtside::storage::test;

namespace {

constexpr int opened_fine = 0;
constexpr int could_not_drop_privileges = 1;
constexpr int error_base = 100; // exit status error_base + storage_errc

int open_for_writing(const std::filesystem::path& file) {
  auto opened = database::open(options_for(file));
  if (opened) return opened_fine;
  return error_base + static_cast<int>(opened.error().code);
}

// Result of open_for_writing as a user that file modes apply to.
int open_for_writing_unprivileged(const std::filesystem::path& file) {
  if (geteuid() != 0) return open_for_writing(file);
  const pid_t child = fork();
  if (child == 0) {
    const uid_t nobody = 65534;
    if (setgid(nobody) != 0 || setuid(nobody) != 0) _exit(could_not_drop_privileges);
    _exit(open_for_writing(file));
  }
  int status = 0;
  if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

} // namespace

TEST_CASE("a database file with mode 0444 cannot be opened for writing: readonly, not a crash",
          "[storage][database]") {
  const auto file = fresh_scratch_dir() / "chmod.db";
  {
    database db = open_or_fail(file);
    REQUIRE_OK(db.exec("CREATE TABLE t (k TEXT PRIMARY KEY NOT NULL)", "test: setup"));
  }
  REQUIRE(chmod(file.c_str(), 0444) == 0);
  const int outcome = open_for_writing_unprivileged(file);
  chmod(file.c_str(), 0644); // let the next run's clean-up remove it
  if (outcome == could_not_drop_privileges) {
    WARN("running as root and cannot switch to nobody: file modes cannot be tested here");
    return;
  }
  INFO("child outcome " << outcome);
  REQUIRE(outcome >= error_base);
  const auto code = static_cast<storage_errc>(outcome - error_base);
  INFO(to_string(code));
  CHECK((code == storage_errc::readonly || code == storage_errc::open_failed));
}
