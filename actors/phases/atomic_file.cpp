#include "actors/phases/atomic_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace courtside::phases {

namespace {

// Temp files held open at once while a batch is flushed: far below any fd limit.
constexpr std::size_t max_open_files = 256;

// From this many files on, a batch is made durable with syncfs (twice: once for the temp
// files, once for the renames) instead of an fsync per file and per directory. Each fsync
// ends in a flush of the device's cache (on this VM's virtio disk: the host syncing the disk
// image, ~1 ms or more under load), so a date's ~160 files cost ~160 flushes one way and 2 the
// other. The price: syncfs also writes back whatever else is dirty on that file system.
constexpr std::size_t syncfs_from_files = 8;

storage::storage_error io_error(const std::string& what, const std::filesystem::path& path,
                                int err) {
  return storage::make_error(storage::storage_errc::io, "publish: " + what + " " + path.string(),
                             std::strerror(err));
}

bool same_content(const std::filesystem::path& path, std::string_view content) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size != content.size()) return false;
  std::ifstream in(path, std::ios::binary);
  const std::string existing((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return existing == content;
}

std::filesystem::path temp_of(const std::filesystem::path& path) {
  return path.parent_path() / ("." + path.filename().string() + ".tmp");
}

// A batch in progress: its open files and temp files, cleaned up on failure.
class batch {
public:
  batch(const atomic_write_options& options, bool whole_file_system)
    : options_(options), syncfs_(options.fsync && whole_file_system) {}
  batch(const batch&) = delete;
  batch& operator=(const batch&) = delete;
  ~batch() {
    close_open();
    for (const auto& temp : temps_)
      if (!temp.empty()) ::unlink(temp.c_str());
  }

  // Creates the parent directories of `path`; remembers which directories must be synced
  // for its entry (and any new directory's entry) to last.
  storage::storage_status make_parents(const std::filesystem::path& path) {
    const auto parent = path.parent_path();
    if (!dirs_.insert(parent).second) return {};
    for (auto dir = parent; !dir.empty() && !std::filesystem::exists(dir); dir = dir.parent_path()) {
      if (dir.has_parent_path()) dirs_.insert(dir.parent_path());
      if (dir == dir.parent_path()) break;
    }
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) return io_error("create directory", parent, ec.value());
    return {};
  }

  // Writes `content` to the temp file of `target` and starts its writeback.
  storage::storage_status write_temp(const std::filesystem::path& target, std::string_view content) {
    const auto temp = temp_of(target);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return io_error("open", temp, errno);
    open_.push_back({fd, temp});
    temps_.push_back(temp);
    renames_.push_back(target);
    std::size_t written = 0;
    while (written < content.size()) {
      const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
      if (n < 0) {
        if (errno == EINTR) continue;
        return io_error("write", temp, errno);
      }
      written += static_cast<std::size_t>(n);
    }
    if (syncfs_) return flush(); // closes it: syncfs below writes it back
    // Start the disk write now, so the device works on the whole batch at once and the fsyncs
    // below mostly wait for writes already under way.
    if (options_.fsync) (void)::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
    return flush_if_full();
  }

  // A target that already holds its content: not rewritten, but synced with the batch.
  storage::storage_status keep(const std::filesystem::path& target) {
    if (!options_.fsync || syncfs_) return {};
    const int fd = ::open(target.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return io_error("open", target, errno);
    open_.push_back({fd, target});
    return flush_if_full();
  }

  // The durability barrier: fsync and close every open file, rename the temp files over
  // their targets, fsync the directories.
  storage::storage_status finish() {
    if (auto flushed = flush(); !flushed) return flushed;
    if (syncfs_)
      if (auto synced = sync_file_systems(); !synced) return synced;
    for (std::size_t i = 0; i < renames_.size(); ++i) {
      if (::rename(temps_[i].c_str(), renames_[i].c_str()) != 0)
        return io_error("rename to", renames_[i], errno);
      temps_[i].clear(); // renamed: nothing to clean up
    }
    temps_.clear();
    if (!options_.fsync) return {};
    if (syncfs_) return sync_file_systems();
    for (const auto& dir : dirs_)
      if (auto synced = sync_directory(dir); !synced) return synced;
    return {};
  }

  [[nodiscard]] std::size_t written() const { return renames_.size(); }

private:
  struct open_file {
    int fd;
    std::filesystem::path path;
  };

  storage::storage_status flush_if_full() {
    return open_.size() >= max_open_files ? flush() : storage::storage_status{};
  }

  storage::storage_status flush() {
    storage::storage_status out;
    for (const auto& f : open_) {
      if (out && options_.fsync && !syncfs_ && ::fsync(f.fd) != 0)
        out = io_error("fsync", f.path, errno);
      if (::close(f.fd) != 0 && out) out = io_error("close", f.path, errno);
    }
    open_.clear();
    return out;
  }

  // syncfs once per file system holding one of the batch's directories.
  storage::storage_status sync_file_systems() {
    std::set<dev_t> synced;
    for (const auto& dir : dirs_) {
      const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (fd < 0) return io_error("open directory", dir, errno);
      struct stat st {};
      int rc = ::fstat(fd, &st);
      if (rc == 0 && synced.insert(st.st_dev).second) rc = ::syncfs(fd);
      const int err = errno;
      ::close(fd);
      if (rc != 0) return io_error("syncfs", dir, err);
    }
    return {};
  }

  void close_open() {
    for (const auto& f : open_) ::close(f.fd);
    open_.clear();
  }

  atomic_write_options options_;
  bool syncfs_; ///< the barrier is syncfs, not an fsync per file and directory
  std::vector<open_file> open_;
  std::vector<std::filesystem::path> temps_;   ///< not yet renamed (removed on failure)
  std::vector<std::filesystem::path> renames_; ///< the targets of temps_, in order
  std::set<std::filesystem::path> dirs_;       ///< to sync once the renames are done
};

} // namespace

storage::storage_result<std::size_t> write_files_atomically(const std::vector<file_write>& files,
                                                            const atomic_write_options& options) {
  batch b{options, files.size() >= syncfs_from_files};
  for (const auto& f : files) {
    if (auto made = b.make_parents(f.path); !made) return made.error();
    auto step = same_content(f.path, f.content) ? b.keep(f.path) : b.write_temp(f.path, f.content);
    if (!step) return step.error();
  }
  if (auto done = b.finish(); !done) return done.error();
  return b.written();
}

storage::storage_result<bool> write_file_atomically(const std::filesystem::path& path,
                                                    std::string_view content,
                                                    const atomic_write_options& options) {
  auto written = write_files_atomically({file_write{path, std::string{content}}}, options);
  if (!written) return written.error();
  return written.value() == 1;
}

storage::storage_status sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_error("open directory", dir, errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return io_error("fsync directory", dir, err);
  return {};
}

} // namespace courtside::phases
