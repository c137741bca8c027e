#pragma once
// A small streaming JSON writer for the exports (nested objects and arrays), over the
// escaping and number formatting of messages/json_lines.hpp. Internal to actors/phases.
#include "messages/json_lines.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::phases::detail {

class json_out {
public:
  json_out& begin_object() { return open('{'); }
  json_out& end_object() { return close('}'); }
  json_out& begin_array() { return open('['); }
  json_out& end_array() { return close(']'); }
  /// The name of the next value inside an object.
  json_out& key(std::string_view name) {
    separate();
    json::append_string(out_, name);
    out_ += ':';
    after_key_ = true;
    return *this;
  }
  json_out& value(std::string_view text) {
    separate();
    json::append_string(out_, text);
    return *this;
  }
  json_out& value(const char* text) { return value(std::string_view(text)); }
  json_out& value(const std::string& text) { return value(std::string_view(text)); }
  json_out& value(double x) {
    separate();
    json::append_number(out_, x);
    return *this;
  }
  json_out& value(std::int64_t x) {
    separate();
    json::append_number(out_, x);
    return *this;
  }
  json_out& value(int x) { return value(static_cast<std::int64_t>(x)); }
  json_out& value(bool b) {
    separate();
    out_ += b ? "true" : "false";
    return *this;
  }
  template <class T>
  json_out& value(const std::optional<T>& x) {
    if (x) return value(*x);
    separate();
    out_ += "null";
    return *this;
  }
  template <class T>
  json_out& field(std::string_view name, const T& x) {
    key(name);
    return value(x);
  }
  [[nodiscard]] const std::string& str() const { return out_; }

private:
  json_out& open(char bracket) {
    separate();
    out_ += bracket;
    first_.push_back(true);
    return *this;
  }
  json_out& close(char bracket) {
    out_ += bracket;
    first_.pop_back();
    return *this;
  }
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_.empty()) {
      if (!first_.back()) out_ += ',';
      first_.back() = false;
    }
  }

  std::string out_;
  std::vector<bool> first_;
  bool after_key_ = false;
};

} // namespace courtside::phases::detail
