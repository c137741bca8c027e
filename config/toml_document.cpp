// The one file that talks to toml++: parse text, copy the tree into doc_node.
#include <algorithm>
#include <toml++/toml.h>

#include "config/document.hpp"

namespace courtside::config {
namespace {

source_position position_of(const toml::source_region& region) {
  return {static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

bool before(const source_position& a, const source_position& b) {
  return a.line != b.line ? a.line < b.line : a.column < b.column;
}

doc_node convert(const toml::node& node);

doc_node convert_table(const toml::table& table) {
  doc_node out;
  out.type = doc_node::kind::table;
  for (auto&& [key, value] : table)
    out.members.push_back({std::string{key.str()}, position_of(key.source()), convert(value)});
  // toml::table is ordered by key; the operator's file order is what we want to keep.
  std::stable_sort(out.members.begin(), out.members.end(),
                   [](const doc_member& a, const doc_member& b) {
                     return before(a.key_position, b.key_position);
                   });
  return out;
}

doc_node convert(const toml::node& node) {
  doc_node out;
  if (auto* table = node.as_table()) {
    out = convert_table(*table);
  } else if (auto* array = node.as_array()) {
    out.type = doc_node::kind::array;
    for (const auto& item : *array) out.items.push_back(convert(item));
  } else if (auto* text = node.as_string()) {
    out.type = doc_node::kind::string;
    out.text = text->get();
  } else if (auto* integer = node.as_integer()) {
    out.type = doc_node::kind::integer;
    out.integer = integer->get();
  } else if (auto* floating = node.as_floating_point()) {
    out.type = doc_node::kind::floating;
    out.floating = floating->get();
  } else if (auto* boolean = node.as_boolean()) {
    out.type = doc_node::kind::boolean;
    out.boolean = boolean->get();
  } else {
    out.type = doc_node::kind::date_time; // date, time or date-time: the schema uses none.
  }
  out.position = position_of(node.source());
  return out;
}

} // namespace

const doc_member* doc_node::find(std::string_view key) const {
  for (const auto& member : members)
    if (member.key == key) return &member;
  return nullptr;
}

std::string_view type_name(doc_node::kind type) {
  switch (type) {
    case doc_node::kind::string: return "string";
    case doc_node::kind::integer: return "integer";
    case doc_node::kind::floating: return "floating-point";
    case doc_node::kind::boolean: return "boolean";
    case doc_node::kind::date_time: return "date/time";
    case doc_node::kind::array: return "array";
    case doc_node::kind::table: return "table";
  }
  return "value";
}

parsed_document parse_document(std::string_view text, std::string_view source_name) {
  parsed_document out;
  try {
    // std::string_view for both arguments: toml::parse has an ambiguous overload otherwise.
    toml::table root = toml::parse(text, std::string_view{source_name});
    out.root = convert_table(root);
    out.root->position = {1, 1};
  } catch (const toml::parse_error& e) {
    auto where = position_of(e.source());
    out.error = config_error{
        std::string{source_name}, where.line, where.column, {}, std::string{e.description()},
        config_error_kind::syntax};
  }
  return out;
}

} // namespace courtside::config
