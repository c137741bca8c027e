#include "actors/phases/table_hash.hpp"

#include "actors/phases/sql_rows.hpp"
#include "runtime/storage/sha256.hpp"
#include "runtime/storage/tables.hpp"

#include <cctype>
#include <vector>

namespace courtside::phases {

namespace {

using storage::make_error;
using storage::storage_errc;

bool plain_identifier(std::string_view name) {
  if (name.empty()) return false;
  for (const char ch : name) {
    if (std::isalnum(static_cast<unsigned char>(ch)) == 0 && ch != '_') return false;
  }
  return true;
}

bool is_time_column(const std::string& name) {
  return name.size() >= 3 && name.compare(name.size() - 3, 3, "_at") == 0;
}

} // namespace

storage::storage_result<std::string> table_content_hash(storage::database& db, std::string_view table,
                                                        const std::set<std::string>& also_skip) {
  const std::string ctx = "table_content_hash: " + std::string(table);
  if (!plain_identifier(table)) {
    return make_error(storage_errc::invalid_argument, ctx, "not a plain table name");
  }
  std::vector<std::string> columns;
  bool any_column = false;
  auto listed = detail::query_rows(
      db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", ctx,
      [&](storage::statement& st) { st.bind_text(1, table); },
      [&](storage::statement& st) {
        any_column = true;
        std::string name = st.column_text(0);
        if (!is_time_column(name) && also_skip.count(name) == 0) columns.push_back(std::move(name));
      });
  if (!listed) return listed.error();
  if (!any_column) return make_error(storage_errc::not_found, ctx, "no such table");

  storage::sha256 hasher;
  std::string select = "SELECT ";
  std::string order = " ORDER BY ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::string quoted = "\"" + columns[i] + "\"";
    select += (i ? ", quote(" : "quote(") + quoted + ")";
    order += (i ? ", " : "") + quoted;
    hasher.update(columns[i]);
    hasher.update("\x1f");
  }
  hasher.update("\x1e");
  if (columns.empty()) select += "1";
  const std::string sql =
      select + " FROM \"" + std::string(table) + "\"" + (columns.empty() ? "" : order);
  const int width = static_cast<int>(columns.empty() ? 1 : columns.size());
  auto hashed = detail::query_rows(
      db, sql, ctx, [](storage::statement&) {},
      [&](storage::statement& st) {
        for (int i = 0; i < width; ++i) {
          hasher.update(st.column_text(i));
          hasher.update("\x1f");
        }
        hasher.update("\x1e");
      });
  if (!hashed) return hashed.error();
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t byte : hasher.finish()) {
    out += hex[byte >> 4];
    out += hex[byte & 0x0f];
  }
  return out;
}

storage::storage_result<std::map<std::string, std::string>>
pipeline_content_hashes(storage::database& db, const std::set<std::string>& also_skip) {
  std::map<std::string, std::string> hashes;
  for (const auto& table : storage::warehouse_tables()) {
    if (table.phase == storage::pipeline_phase::ops) continue;
    auto hash = table_content_hash(db, table.name, also_skip);
    if (!hash) return hash.error();
    hashes.emplace(std::string(table.name), std::move(hash).value());
  }
  return hashes;
}

} // namespace courtside::phases
