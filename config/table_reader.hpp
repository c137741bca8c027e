#pragma once
// Typed reads from one TOML table, collecting every problem as a config_error instead of
// stopping at the first. Each read names a key; the reader remembers the names it was asked
// for, so finish() can call every other key in the table unknown (and suggest the nearest
// known one). The target of each read already holds its default; a read only overwrites it
// when the key is present and valid. Internal to config/.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_error.hpp"
#include "config/document.hpp"
#include "config/env.hpp"
#include "config/schema.hpp"

namespace courtside::config {

/// Shared by all readers of one document.
struct read_context {
  std::string source; ///< File name for errors.
  const env_lookup& env;
  std::vector<config_error> errors;

  void report(config_error_kind kind, source_position where, std::string key_path,
              std::string message);
};

enum class presence { optional, required };
enum class duration_floor { zero_allowed, positive };

/// A content check for a string: a problem sentence ("must start with http://"), or nullopt.
/// It must not quote the value: the reader adds the value itself unless it is a secret.
using text_check = std::optional<std::string> (*)(std::string_view value);

class table_reader {
public:
  table_reader(read_context& context, const doc_node& table, std::string path);

  [[nodiscard]] const std::string& path() const { return path_; }
  /// Where `key`'s value is, or the table's own position when the key is absent.
  [[nodiscard]] source_position position_of(std::string_view key) const;
  [[nodiscard]] std::string key_path(std::string_view key) const;
  [[nodiscard]] read_context& context() const { return context_; }

  // Each returns true when the key was present and `out` was set from it.
  bool read_text(std::string& out, std::string_view key, presence need = presence::optional,
                 text_check check = nullptr);
  bool read_text(std::optional<std::string>& out, std::string_view key, text_check check = nullptr);
  bool read_secret(secret& out, std::string_view key, presence need = presence::optional,
                   text_check check = nullptr);
  bool read_duration(milliseconds& out, std::string_view key, duration_floor floor,
                     presence need = presence::optional);
  bool read_number(double& out, std::string_view key, double min, double max,
                   presence need = presence::optional);
  bool read_bool(bool& out, std::string_view key);

  template <class Int>
  bool read_integer(Int& out, std::string_view key, std::int64_t min, std::int64_t max) {
    auto value = integer_in(key, min, max);
    if (value) out = static_cast<Int>(*value);
    return value.has_value();
  }

  template <class Enum, std::size_t N>
  bool read_enum(Enum& out, std::string_view key, const Enum (&values)[N],
                 presence need = presence::optional) {
    std::vector<std::string> names;
    for (Enum value : values) names.emplace_back(to_string(value));
    auto index = enum_index(key, names, need);
    if (index) out = values[*index];
    return index.has_value();
  }

  /// A reader for the sub-table `key`; nullopt when absent or not a table (reported).
  [[nodiscard]] std::optional<table_reader> sub_table(std::string_view key);

  /// Treats this table as a map of named tables ([sources.<name>]): checks each name is
  /// [a-z0-9_-]+ and each value a table, then calls `visit` in file order. `what` names an
  /// entry in messages ("source").
  void each_named_table(std::string_view what,
                        const std::function<void(const std::string& name, table_reader&)>& visit);

  /// Reads `key` as an array of tables ([[faults.crash]]), calling `visit` for each in order.
  void each_array_table(std::string_view key, const std::function<void(table_reader&)>& visit);

  /// Reports every key that no read asked for. Call once, after the last read.
  void finish();

private:
  const doc_node* lookup(std::string_view key, presence need);
  bool expect(const doc_node& value, std::string_view key, doc_node::kind type,
              std::string_view expected);
  std::optional<std::string> string_value(std::string_view key, presence need,
                                          std::string_view expected);
  std::optional<std::string> checked_text(std::string_view key, presence need, text_check check,
                                          bool quote_value);
  std::optional<std::int64_t> integer_in(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<std::size_t> enum_index(std::string_view key, const std::vector<std::string>& names,
                                        presence need);
  void report(config_error_kind kind, source_position where, std::string_view key,
              std::string message);

  read_context& context_;
  const doc_node& table_;
  std::string path_;
  std::vector<std::string> known_;
};

} // namespace courtside::config
