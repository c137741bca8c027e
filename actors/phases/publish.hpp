#pragma once
// Phase 6 (publish): the date's JSON exports, under <exports_dir>/<date>/:
// - tonight.json   the date's games and every predicted player's picks (ensemble first-class,
//                  each system's prediction beside it), by game then player;
// - results.json   per system: graded, voided, decisions (OVER/UNDER with a result), hits,
//                  hit rate, mean absolute error; and per player the actual points and grades;
// - players/<file>.json  one page per predicted player: his last 10 games before the date,
//                  the date's line and predictions, and the result once graded.
// Content depends only on the warehouse (no timestamps), so a re-run writes identical bytes
// (a file already holding them is not rewritten). Each file is written atomically
// (atomic_file.hpp) and gets an exports row: export_name "tonight" | "results" |
// "players/<player_id>", path relative to exports_dir, SHA-256 of the content, size.
#include "actors/phases/atomic_file.hpp"
#include "actors/phases/phase_outcome.hpp"
#include "runtime/storage/database.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace courtside::phases {

/// rows_written: exports (files written or confirmed). inputs_seen = predictions of the date.
/// empty (no files) when the date has no games. io error naming the path on a file failure.
[[nodiscard]] storage::storage_result<phase_outcome> run_publish(
    storage::database& db, std::string_view date, const std::filesystem::path& exports_dir,
    storage::unix_ms now, const atomic_write_options& options = {});

/// A player_id as a file name: a-z and 0-9 kept, space -> '-', any other byte -> "_xx" (hex).
[[nodiscard]] std::string player_file_name(std::string_view player_id);

} // namespace courtside::phases
