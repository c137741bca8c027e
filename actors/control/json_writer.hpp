#pragma once
// A small streaming JSON writer for the control plane's answers: commas and escaping are its
// job, so handlers cannot produce malformed JSON. Strings are escaped per RFC 8259 (control
// characters as \u00XX); '<' is escaped too, so a value can never close a <script> tag.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::control {

class json_writer {
public:
  json_writer& begin_object();
  json_writer& end_object();
  json_writer& begin_array();
  json_writer& end_array();
  /// The next member's name (inside an object).
  json_writer& key(std::string_view k);

  json_writer& value(std::string_view s);
  json_writer& value(const char* s) { return value(std::string_view{s}); }
  json_writer& value(const std::string& s) { return value(std::string_view{s}); }
  json_writer& value(bool b);
  json_writer& value(std::int64_t n);
  json_writer& value(int n) { return value(static_cast<std::int64_t>(n)); }
  json_writer& value(std::uint32_t n) { return value(static_cast<std::int64_t>(n)); }
  json_writer& value(double d); ///< non-finite -> null
  json_writer& null();
  json_writer& value(const std::optional<std::int64_t>& n) { return n ? value(*n) : null(); }

  /// key(k).value(v) in one call.
  template <class T>
  json_writer& field(std::string_view k, const T& v) {
    return key(k).value(v);
  }

  [[nodiscard]] const std::string& str() const { return out_; }
  [[nodiscard]] std::string take() { return std::move(out_); }

private:
  void before_value();
  std::string out_;
  std::vector<bool> first_; ///< per open container: no member written yet
  bool after_key_ = false;
};

/// `s` as a JSON string literal, quotes included.
[[nodiscard]] std::string json_quote(std::string_view s);

} // namespace courtside::control
