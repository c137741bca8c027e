#pragma once
// Every warehouse table, declared once as data: its name, the column that says which date a
// row belongs to, the natural key that upserts are keyed by, the pipeline phase that writes
// it, and what it holds. The pipeline, the monitors, the reconciler and the smoke test read
// these declarations, so they can never disagree about which table or date column to look at.
//
// The tables themselves are created by the versioned migrations (migrations.hpp), whose SQL is
// frozen once shipped; check_tables() and the unit tests hold the two together: each declared
// table must exist, have its date column, and have its natural key as a PRIMARY KEY or UNIQUE
// index over NOT NULL columns.
//
// To add a table: a new migration creating it, plus one entry in warehouse_tables().
// To add a column: a new migration with ALTER TABLE ... ADD COLUMN; the declaration changes
// only if the key or the date column does.
#include "runtime/storage/database.hpp"

#include <string_view>
#include <vector>

namespace courtside::storage {

/// Who writes a table (DESIGN.md "Flow of one game date").
enum class pipeline_phase : std::uint8_t {
  raw,          ///< phase 2: archived payloads and normalized per-source rows
  analytics,    ///< phase 3: per-game summaries and upcoming-game context
  precompute,   ///< phase 4: caches and the feature store
  predictions,  ///< phase 5: predictions and their grades
  publish,      ///< phase 6: JSON exports
  ops,          ///< the engine's own state: queue, ledger, breakers, jobs, alerts
};

/// How a table's date column is stored.
enum class date_format : std::uint8_t {
  calendar_date, ///< TEXT "YYYY-MM-DD", the US Eastern date of tip-off (the game date)
  unix_ms,       ///< INTEGER milliseconds since the epoch (an instant: fetched_at, created_at)
};

struct table_declaration {
  std::string_view name;
  pipeline_phase phase = pipeline_phase::raw;
  std::string_view date_column;
  date_format date_kind = date_format::calendar_date;
  std::vector<std::string_view> natural_key; ///< upserts conflict on exactly these columns
  std::string_view description;
};

/// All declared tables, in pipeline order.
[[nodiscard]] const std::vector<table_declaration>& warehouse_tables();

/// The declaration named `name`, or nullptr.
[[nodiscard]] const table_declaration* find_table(std::string_view name);

/// The declarations written by `phase`, in declaration order.
[[nodiscard]] std::vector<const table_declaration*> tables_of_phase(pipeline_phase phase);

/// "raw", "analytics", ...; and the inverse (nullopt for an unknown name).
[[nodiscard]] const char* to_string(pipeline_phase phase) noexcept;
[[nodiscard]] std::optional<pipeline_phase> parse_pipeline_phase(std::string_view name);

/// Checks the live schema against `tables`: schema_mismatch naming the first table that is
/// missing, lacks its date column, or lacks a PRIMARY KEY / UNIQUE index (partial allowed) over
/// exactly its natural key, or whose key columns may be NULL.
[[nodiscard]] storage_status check_tables(database& db,
                                          const std::vector<table_declaration>& tables);
[[nodiscard]] storage_status check_tables(database& db);

} // namespace courtside::storage
