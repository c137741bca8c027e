#pragma once
// A parsed TOML document as a plain tree with source positions, detached from toml++ so that
// toml_document.cpp is the only file that includes <toml++/toml.h>. Internal to config/.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_error.hpp"

namespace courtside::config {

struct source_position {
  int line = 0;   ///< 1-based.
  int column = 0; ///< 1-based.
};

struct doc_member;

struct doc_node {
  enum class kind { string, integer, floating, boolean, date_time, array, table };

  kind type = kind::table;
  source_position position;
  std::string text;                ///< kind::string, raw (not yet interpolated).
  std::int64_t integer = 0;        ///< kind::integer.
  double floating = 0.0;           ///< kind::floating.
  bool boolean = false;            ///< kind::boolean.
  std::vector<doc_node> items;     ///< kind::array.
  std::vector<doc_member> members; ///< kind::table, in file order.

  /// The member named `key`, or nullptr.
  [[nodiscard]] const doc_member* find(std::string_view key) const;
};

struct doc_member {
  std::string key;
  source_position key_position;
  doc_node value;
};

/// The TOML name of a node type for messages: "string", "integer", "floating-point"...
[[nodiscard]] std::string_view type_name(doc_node::kind type);

struct parsed_document {
  std::optional<doc_node> root;      ///< The root table when the text is valid TOML.
  std::optional<config_error> error; ///< The syntax error otherwise (kind::syntax).
};

[[nodiscard]] parsed_document parse_document(std::string_view text, std::string_view source_name);

} // namespace courtside::config
