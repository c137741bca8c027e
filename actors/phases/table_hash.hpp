#pragma once
// A content hash of a warehouse table, for "run it twice, nothing changes" checks: SHA-256
// over every row's values in a canonical order, leaving out the columns whose names end in
// "_at" (updated_at, written_at, fetched_at: when, not what). Two tables with the same rows
// hash the same whatever order the rows were written in.
#include "runtime/storage/database.hpp"

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace courtside::phases {

/// Lower-case hex SHA-256 of `table`'s content (column names, then each row's values as
/// SQLite's quote() prints them, rows ordered by every hashed column). not_found when the
/// table does not exist; invalid_argument when the name is not a plain identifier.
[[nodiscard]] storage::storage_result<std::string> table_content_hash(
  storage::database& db, std::string_view table, const std::set<std::string>& also_skip = {});

/// table_content_hash of every declared warehouse table written by phases raw..publish
/// (runtime/storage/tables.hpp), by table name. `also_skip` names more columns to leave out
/// (chaos runs leave out raw_hash, which payload a row came from: see runtime/app/chaos).
[[nodiscard]] storage::storage_result<std::map<std::string, std::string>>
pipeline_content_hashes(storage::database& db, const std::set<std::string>& also_skip = {});

} // namespace courtside::phases
