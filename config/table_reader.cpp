#include "config/table_reader.hpp"

#include <algorithm>
#include <limits>

#include "config/suggest.hpp"
#include "config/value_checks.hpp"
#include "runtime/time/duration.hpp"

namespace courtside::config {
namespace {

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : ", ") + word;
  return out;
}

std::string quoted(std::string_view text) { return "\"" + std::string{text} + "\""; }

std::string range_text(std::string low, std::string high, bool bounded_below, bool bounded_above) {
  if (bounded_below && bounded_above) return "must be between " + low + " and " + high;
  if (bounded_below) return "must be at least " + low;
  return "must be at most " + high;
}

} // namespace

void read_context::report(config_error_kind kind, source_position where, std::string key_path,
                          std::string message) {
  errors.push_back(
      {source, where.line, where.column, std::move(key_path), std::move(message), kind});
}

table_reader::table_reader(read_context& context, const doc_node& table, std::string path)
    : context_(context), table_(table), path_(std::move(path)) {}

source_position table_reader::position_of(std::string_view key) const {
  const doc_member* member = table_.find(key);
  return member ? member->value.position : table_.position;
}

std::string table_reader::key_path(std::string_view key) const {
  return path_.empty() ? std::string{key} : path_ + "." + std::string{key};
}

void table_reader::report(config_error_kind kind, source_position where, std::string_view key,
                          std::string message) {
  context_.report(kind, where, key_path(key), std::move(message));
}

const doc_node* table_reader::lookup(std::string_view key, presence need) {
  known_.emplace_back(key);
  if (const doc_member* member = table_.find(key)) return &member->value;
  if (need == presence::required) {
    std::string where = path_.empty() ? "the top level" : "[" + path_ + "]";
    report(config_error_kind::missing_key, table_.position, key,
           "missing required key '" + std::string{key} + "' in " + where);
  }
  return nullptr;
}

bool table_reader::expect(const doc_node& value, std::string_view key, doc_node::kind type,
                          std::string_view expected) {
  bool matches = value.type == type ||
                 (type == doc_node::kind::floating && value.type == doc_node::kind::integer);
  if (!matches)
    report(config_error_kind::wrong_type, value.position, key,
           "expected " + std::string{expected} + ", got " + std::string{type_name(value.type)});
  return matches;
}

std::optional<std::string> table_reader::string_value(std::string_view key, presence need,
                                                      std::string_view expected) {
  const doc_node* value = lookup(key, need);
  if (!value || !expect(*value, key, doc_node::kind::string, expected)) return std::nullopt;
  auto resolved = interpolate(value->text, context_.env);
  for (const auto& problem : resolved.errors)
    report(config_error_kind::environment, value->position, key, problem.describe());
  if (!resolved.errors.empty()) return std::nullopt;
  return std::move(resolved.value);
}

std::optional<std::string> table_reader::checked_text(std::string_view key, presence need,
                                                      text_check check, bool quote_value) {
  auto text = string_value(key, need, "a string");
  if (!text || !check) return text;
  if (auto problem = check(*text)) {
    // Secrets are never echoed: errors end up in logs and terminals.
    std::string message = quote_value ? *problem + ", got " + quoted(*text) : *problem;
    report(config_error_kind::invalid_value, position_of(key), key, std::move(message));
    return std::nullopt;
  }
  return text;
}

bool table_reader::read_text(std::string& out, std::string_view key, presence need,
                             text_check check) {
  auto text = checked_text(key, need, check, true);
  if (text) out = std::move(*text);
  return text.has_value();
}

bool table_reader::read_text(std::optional<std::string>& out, std::string_view key,
                             text_check check) {
  auto text = checked_text(key, presence::optional, check, true);
  if (text) out = std::move(*text);
  return text.has_value();
}

bool table_reader::read_secret(secret& out, std::string_view key, presence need, text_check check) {
  auto text = checked_text(key, need, check, false);
  if (text) out = secret{std::move(*text)};
  return text.has_value();
}

bool table_reader::read_duration(milliseconds& out, std::string_view key, duration_floor floor,
                                 presence need) {
  auto text = string_value(key, need, "a duration like \"10s\"");
  if (!text) return false;
  auto parsed = parse_duration(*text);
  if (!parsed) {
    report(config_error_kind::invalid_value, position_of(key), key,
           "invalid duration " + quoted(*text) +
               ": write a number and a unit (ms, s, m, h, d), like \"10s\" or \"1m30s\"");
    return false;
  }
  if (floor == duration_floor::positive && parsed->count() == 0) {
    report(config_error_kind::out_of_range, position_of(key), key,
           "must be greater than 0, got " + quoted(*text));
    return false;
  }
  out = *parsed;
  return true;
}

std::optional<std::int64_t> table_reader::integer_in(std::string_view key, std::int64_t min,
                                                     std::int64_t max) {
  const doc_node* value = lookup(key, presence::optional);
  if (!value || !expect(*value, key, doc_node::kind::integer, "an integer")) return std::nullopt;
  if (value->integer < min || value->integer > max) {
    bool below = min != std::numeric_limits<std::int64_t>::min();
    bool above = max != std::numeric_limits<std::int64_t>::max();
    report(config_error_kind::out_of_range, value->position, key,
           range_text(std::to_string(min), std::to_string(max), below, above) + ", got " +
               std::to_string(value->integer));
    return std::nullopt;
  }
  return value->integer;
}

bool table_reader::read_number(double& out, std::string_view key, double min, double max,
                               presence need) {
  const doc_node* value = lookup(key, need);
  if (!value || !expect(*value, key, doc_node::kind::floating, "a number")) return false;
  double number = value->type == doc_node::kind::integer ? static_cast<double>(value->integer)
                                                         : value->floating;
  // Written as `!(in range)` so that nan is out of range too.
  if (!(number >= min && number <= max)) {
    bool above = max != std::numeric_limits<double>::infinity();
    report(config_error_kind::out_of_range, value->position, key,
           range_text(format_number(min), format_number(max), true, above) + ", got " +
               format_number(number));
    return false;
  }
  out = number;
  return true;
}

bool table_reader::read_bool(bool& out, std::string_view key) {
  const doc_node* value = lookup(key, presence::optional);
  if (!value || !expect(*value, key, doc_node::kind::boolean, "true or false")) return false;
  out = value->boolean;
  return true;
}

std::optional<std::size_t> table_reader::enum_index(std::string_view key,
                                                    const std::vector<std::string>& names,
                                                    presence need) {
  auto text = string_value(key, need, "a string (one of: " + join(names) + ")");
  if (!text) return std::nullopt;
  auto found = std::find(names.begin(), names.end(), *text);
  if (found != names.end()) return static_cast<std::size_t>(found - names.begin());
  std::string message = "unknown value " + quoted(*text) + "; expected one of: " + join(names);
  if (auto guess = closest_match(*text, names)) message += " (did you mean '" + *guess + "'?)";
  report(config_error_kind::invalid_value, position_of(key), key, std::move(message));
  return std::nullopt;
}

std::optional<table_reader> table_reader::sub_table(std::string_view key) {
  const doc_node* value = lookup(key, presence::optional);
  if (!value) return std::nullopt;
  std::string expected = "a table [" + key_path(key) + "]";
  if (!expect(*value, key, doc_node::kind::table, expected)) return std::nullopt;
  return table_reader{context_, *value, key_path(key)};
}

void table_reader::each_named_table(
    std::string_view what, const std::function<void(const std::string&, table_reader&)>& visit) {
  for (const auto& member : table_.members) {
    known_.push_back(member.key);
    if (!is_identifier(member.key)) {
      report(config_error_kind::invalid_value, member.key_position, member.key,
             std::string{what} + " name '" + member.key + "' must be lowercase [a-z0-9_-]+");
      continue;
    }
    std::string expected = "a table [" + key_path(member.key) + "]";
    if (!expect(member.value, member.key, doc_node::kind::table, expected)) continue;
    table_reader entry{context_, member.value, key_path(member.key)};
    visit(member.key, entry);
  }
}

void table_reader::each_array_table(std::string_view key,
                                    const std::function<void(table_reader&)>& visit) {
  const doc_node* value = lookup(key, presence::optional);
  std::string expected = "an array of tables [[" + key_path(key) + "]]";
  if (!value || !expect(*value, key, doc_node::kind::array, expected)) return;
  for (std::size_t i = 0; i < value->items.size(); ++i) {
    std::string item_key = std::string{key} + "[" + std::to_string(i) + "]";
    if (!expect(value->items[i], item_key, doc_node::kind::table, "a table")) continue;
    table_reader entry{context_, value->items[i], key_path(item_key)};
    visit(entry);
  }
}

void table_reader::finish() {
  for (const auto& member : table_.members) {
    if (std::find(known_.begin(), known_.end(), member.key) != known_.end()) continue;
    std::string message = "unknown key '" + member.key + "'";
    if (auto guess = closest_match(member.key, known_))
      message += "; did you mean '" + *guess + "'?";
    else
      message += " (known keys: " + join(known_) + ")";
    report(config_error_kind::unknown_key, member.key_position, member.key, std::move(message));
  }
}

} // namespace courtside::config
