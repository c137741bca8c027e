#pragma once
// Small helpers over runtime/storage statements shared by the phase functions: stepping
// through rows, binding and reading optional values. Internal to actors/phases.
#include "runtime/storage/database.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace courtside::phases::detail {

using storage::database;
using storage::statement;
using storage::storage_result;
using storage::storage_status;

/// Steps `st` to the end, calling `on_row(st)` for each row.
template <class OnRow>
[[nodiscard]] storage_status each_row(statement& st, OnRow&& on_row) {
  for (;;) {
    auto step = st.step();
    if (!step) return step.error();
    if (!step.value()) return {};
    on_row(st);
  }
}

inline statement& bind_opt(statement& st, int index, const std::optional<double>& value) {
  return value ? st.bind_double(index, *value) : st.bind_null(index);
}

inline statement& bind_opt(statement& st, int index, const std::optional<int>& value) {
  return value ? st.bind_int64(index, *value) : st.bind_null(index);
}

/// NULL for an empty string (raw_hash and other optional references).
inline statement& bind_text_or_null(statement& st, int index, std::string_view value) {
  return value.empty() ? st.bind_null(index) : st.bind_text(index, value);
}

[[nodiscard]] inline std::optional<double> opt_double(const statement& st, int index) {
  if (st.column_is_null(index)) return std::nullopt;
  return st.column_double(index);
}

[[nodiscard]] inline std::optional<int> opt_int(const statement& st, int index) {
  if (st.column_is_null(index)) return std::nullopt;
  return static_cast<int>(st.column_int64(index));
}

/// Prepares and runs a statement that returns no rows, after `bind(st)`.
template <class Bind>
[[nodiscard]] storage_status run_sql(database& db, std::string_view sql, std::string_view context,
                                     Bind&& bind) {
  auto st = db.prepare(sql, context);
  if (!st) return st.error();
  bind(st.value());
  return st.value().run();
}

/// Prepares `sql`, binds with `bind(st)`, and calls `on_row(st)` per result row.
template <class Bind, class OnRow>
[[nodiscard]] storage_status query_rows(database& db, std::string_view sql,
                                        std::string_view context, Bind&& bind, OnRow&& on_row) {
  auto st = db.prepare(sql, context);
  if (!st) return st.error();
  bind(st.value());
  return each_row(st.value(), std::forward<OnRow>(on_row));
}

} // namespace courtside::phases::detail
