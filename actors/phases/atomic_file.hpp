#pragma once
// Writing a file so that a reader (or a crash) sees either the old content or the new, never
// half: write a temporary file beside it, fsync it, rename it over the target. The rename is
// made durable by fsyncing the directory (sync_directory), which a caller writing many files
// into one directory does once at the end.
#include "runtime/storage/storage_error.hpp"

#include <filesystem>
#include <string_view>

namespace courtside::phases {

struct atomic_write_options {
  bool fsync = true; ///< false: skip the fsyncs (benchmarks, tests on tmpfs); still atomic
};

/// Creates missing parent directories, then writes `content` to `path` atomically. When the
/// file already holds exactly `content` it is left alone (no write, no new mtime); the result
/// says whether the file was written. io error (naming the path and errno text) on failure.
[[nodiscard]] storage::storage_result<bool> write_file_atomically(
    const std::filesystem::path& path, std::string_view content,
    const atomic_write_options& options = {});

/// fsync of a directory, so that renames into it survive a power cut.
[[nodiscard]] storage::storage_status sync_directory(const std::filesystem::path& dir);

} // namespace courtside::phases
