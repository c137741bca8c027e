#pragma once
// Writing files so that a reader (or a crash) sees either the old content or the new, never
// half: each content goes to a temporary file beside its target, is made durable, and is
// renamed over the target; the renames are made durable by syncing their directories. A batch
// of files shares one durability barrier (write_files_atomically): every temp file is written
// first, then all are synced together, then renamed, then the directories are synced — a few
// waits for the disk per batch instead of one or two per file.
#include "runtime/storage/storage_error.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::phases {

struct atomic_write_options {
  bool fsync = true; ///< false: skip the fsyncs (benchmarks, tests on tmpfs); still atomic
};

/// One file of a batch: where it goes and what it holds.
struct file_write {
  std::filesystem::path path;
  std::string content;
};

/// Writes every file of `files` atomically, with one durability barrier for the batch:
/// missing parent directories are created; every content is written to a temp file beside
/// its target; all temp files are synced; then each is renamed over its target; then every
/// directory that got a new entry (and the parent of every directory created) is synced.
/// Syncing is an fsync per file and per directory for a small batch, and for a batch of 8
/// files or more one syncfs of the file system before the renames and one after (a device
/// cache flush per fsync is what makes many small fsyncs slow; syncfs pays one, but also
/// writes back whatever else is dirty on that file system). A target already holding exactly
/// its content is not rewritten (no new mtime) but is synced with the others, since an
/// interrupted earlier batch may have left it unsynced. Returns how many files were
/// (re)written. io error naming the path and the errno text on the first failure; the
/// batch's temp files are removed then.
[[nodiscard]] storage::storage_result<std::size_t> write_files_atomically(
    const std::vector<file_write>& files, const atomic_write_options& options = {});

/// A batch of one: `content` to `path` atomically, its directory synced. The result says
/// whether the file was written (false: it already held `content`).
[[nodiscard]] storage::storage_result<bool> write_file_atomically(
    const std::filesystem::path& path, std::string_view content,
    const atomic_write_options& options = {});

/// fsync of a directory, so that renames into it survive a power cut.
[[nodiscard]] storage::storage_status sync_directory(const std::filesystem::path& dir);

} // namespace courtside::phases
