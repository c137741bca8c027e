#pragma once
// Versioned schema migrations. Each migration is applied once, in its own transaction
// together with its row in `schema_version`, so a crash leaves the file at a whole version.
// Running migrate() again is a no-op; a file whose version is newer than the newest
// migration this build knows is refused (schema_mismatch) rather than written to.
//
// Rules for a new migration: append it with the next version number; never edit or reorder a
// shipped one (files in the field already ran it); keep tables.cpp's declarations true.
#include "runtime/storage/database.hpp"

#include <string_view>
#include <vector>

namespace courtside::storage {

struct migration {
  int version = 0;              ///< 1, 2, 3, ... strictly increasing
  std::string_view description; ///< one line, stored in schema_version
  std::string_view sql;          ///< one or more statements
};

/// The warehouse's migrations, oldest first.
[[nodiscard]] const std::vector<migration>& warehouse_migrations();

struct migration_report {
  int from_version = 0; ///< the file's version before (0 = new file)
  int to_version = 0;   ///< after
  int applied = 0;      ///< migrations run now
};

/// The file's schema version: the highest applied migration, 0 for a file never migrated.
[[nodiscard]] storage_result<int> schema_version(database& db);

/// Applies every migration in `migrations` newer than the file's version, each in its own
/// transaction, recording (version, description, applied_at = now). Errors: misuse when the
/// list is not strictly increasing from 1, schema_mismatch when the file is newer than the
/// list, or the failing migration's SQL error (that migration rolled back, earlier ones kept).
[[nodiscard]] storage_result<migration_report> migrate(database& db,
                                                       const std::vector<migration>& migrations,
                                                       unix_ms now);

/// migrate() with warehouse_migrations().
[[nodiscard]] storage_result<migration_report> migrate(database& db, unix_ms now);

} // namespace courtside::storage
