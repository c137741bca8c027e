#pragma once
// Phase 6 (publish): the date's JSON exports, under <exports_dir>/<date>/:
// - tonight.json   the date's games and every predicted player's picks (ensemble first-class,
//                  each system's prediction beside it), by game then player;
// - results.json   per system: graded, voided, decisions (OVER/UNDER with a result), hits,
//                  hit rate, mean absolute error; and per player the actual points and grades;
// - players/<file>.json  one page per predicted player: his last 10 games before the date,
//                  the date's line and predictions, and the result once graded.
// Content depends only on the warehouse (no timestamps), so a re-run writes identical bytes
// (a file already holding them is not rewritten). The date's files are written atomically as
// one batch (atomic_file.hpp: one durability barrier per date) and each gets an exports row:
// export_name "tonight" | "results" | "players/<player_id>", path relative to exports_dir,
// SHA-256 of the content, size.
//
// Where the files are written: by default inside run_publish, before the rows, so a row exists
// only once its file is durably in place. Under a defer_exports scope (the pipeline's queue
// worker, so the single warehouse writer never waits for the disk) run_publish writes the rows
// and hands the files to the scope's owner, who writes them after the transaction commits and
// acknowledges the work item only once they are durable: a crash in between leaves the item
// leased, and its redelivery writes the same rows and files again.
#include "actors/phases/atomic_file.hpp"
#include "actors/phases/phase_outcome.hpp"
#include "runtime/storage/database.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::phases {

/// rows_written: exports (files written or confirmed). inputs_seen = predictions of the date.
/// empty (no files) when the date has no games. io error naming the path on a file failure.
[[nodiscard]] storage::storage_result<phase_outcome> run_publish(
    storage::database& db, std::string_view date, const std::filesystem::path& exports_dir,
    storage::unix_ms now, const atomic_write_options& options = {});

/// A date's files that a publish under defer_exports left to its caller.
struct pending_exports {
  std::string date;
  std::vector<file_write> files;
  atomic_write_options options;
  /// Whether the warehouse still holds what the files were rendered from (the date's
  /// predictions and grades, by row count and latest updated_at): false once another run of
  /// predictions changed them, and the date must be published again instead of acknowledged.
  std::function<storage::storage_result<bool>(storage::database&)> still_current;
};

/// While one of these lives on a thread, run_publish on that thread hands its files to it
/// instead of writing them (see above); the owner must write each batch with
/// write_files_atomically after its transaction commits, and must drop them if it rolls back.
/// Scopes nest: the innermost one collects.
class defer_exports {
public:
  defer_exports();
  ~defer_exports();
  defer_exports(const defer_exports&) = delete;
  defer_exports& operator=(const defer_exports&) = delete;

  /// The batches handed over so far, in order; leaves the scope empty.
  [[nodiscard]] std::vector<pending_exports> take();

  /// The innermost scope open on this thread, or null.
  [[nodiscard]] static defer_exports* current();

  void add(pending_exports batch);

private:
  std::vector<pending_exports> pending_;
  defer_exports* outer_ = nullptr;
};

/// A player_id as a file name: a-z and 0-9 kept, space -> '-', any other byte -> "_xx" (hex).
[[nodiscard]] std::string player_file_name(std::string_view player_id);

} // namespace courtside::phases
