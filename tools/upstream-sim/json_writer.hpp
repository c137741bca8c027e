#pragma once
// A small hand-rolled JSON writer: the simulator must reproduce the *layouts* of the real
// payloads (compact, Python's ", "/": " separators, pretty-printed with 2 or 4 spaces, CRLF),
// the number spellings (0.416666666666667, 0.444, 1.0, bare 0) and, where the real API does
// it, \uXXXX escapes for non-ASCII names. No general-purpose library gives that control.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::upstream_sim {

struct json_style {
  int indent = 0;                 // spaces per level; 0 = everything on one line
  std::string_view newline = "\n";
  std::string_view item_separator = ",";  // between items on one line (indent == 0)
  std::string_view key_separator = ":";
  bool ascii_only = false;        // escape every non-ASCII character as \uXXXX

  [[nodiscard]] static json_style compact() { return {}; }
  /// Python's json.dumps default: {"a": 1, "b": [1, 2]}.
  [[nodiscard]] static json_style python() { return {0, "\n", ", ", ": ", false}; }
  [[nodiscard]] static json_style pretty(int spaces, std::string_view newline = "\n") {
    return {spaces, newline, ",", ": ", false};
  }
};

class json_writer {
public:
  explicit json_writer(json_style style = json_style::compact()) : style_(style) {}

  json_writer& begin_object();
  json_writer& end_object();
  json_writer& begin_array();
  json_writer& end_array();
  json_writer& key(std::string_view k);

  json_writer& string(std::string_view s);
  json_writer& integer(std::int64_t v);
  json_writer& boolean(bool v);
  json_writer& null();
  /// A float with up to `decimals` digits after the point, trailing zeros trimmed; an
  /// integral value keeps ".0" ("1.0") unless `bare_integral` ("1", "0").
  json_writer& decimal(double v, int decimals, bool bare_integral = false);
  /// A float with `significant` significant digits ("%.15g"), always with a point.
  json_writer& significant(double v, int significant);

  // key + value shorthands
  json_writer& field(std::string_view k, std::string_view v) { return key(k).string(v); }
  json_writer& field(std::string_view k, const char* v) { return key(k).string(v); }
  json_writer& field(std::string_view k, const std::string& v) { return key(k).string(v); }
  json_writer& field(std::string_view k, std::int64_t v) { return key(k).integer(v); }
  json_writer& field(std::string_view k, int v) { return key(k).integer(v); }
  json_writer& field(std::string_view k, bool v) { return key(k).boolean(v); }
  json_writer& null_field(std::string_view k) { return key(k).null(); }

  /// Capacity hint for big payloads (a CDN box score is ~35 KB, the schedule ~3 MB).
  json_writer& reserve(std::size_t bytes) {
    out_.reserve(bytes);
    return *this;
  }

  [[nodiscard]] const std::string& str() const { return out_; }
  [[nodiscard]] std::string take() { return std::move(out_); }

private:
  void before_value();
  void open(char c);
  void close(char c);
  void newline_and_indent(std::size_t depth);
  void append_escaped(std::string_view s);

  json_style style_;
  std::string out_;
  std::vector<bool> has_items_;  // one per open container
  bool after_key_ = false;
};

/// The JSON string literal for `s` (quotes included), escaping as json_writer does.
[[nodiscard]] std::string json_quote(std::string_view s, bool ascii_only = false);

} // namespace courtside::upstream_sim
