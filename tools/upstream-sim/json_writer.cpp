#include "tools/upstream-sim/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace courtside::upstream_sim {
namespace {

void append_u(std::string& out, unsigned cp) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", cp);
  out += buf;
}

/// Decodes one UTF-8 sequence at s[i]; returns the code point and advances i. Invalid bytes
/// come back as U+FFFD, one byte at a time.
unsigned next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
    ++i;
    return 0xFFFD;
  }
  unsigned cp = b0 & (0x7Fu >> len);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  i += static_cast<std::size_t>(len);
  return cp;
}

bool plain(std::string_view s, bool ascii_only) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == '"' || c == '\\' || (ascii_only && c >= 0x80))
      return false;
  }
  return true;
}

void escape_into(std::string& out, std::string_view s, bool ascii_only) {
  out += '"';
  if (plain(s, ascii_only)) {  // the common case: nothing to escape
    out += s;
    out += '"';
    return;
  }
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80 && ascii_only) {
      const unsigned cp = next_code_point(s, i);
      if (cp > 0xFFFF) {
        append_u(out, 0xD800 + ((cp - 0x10000) >> 10));
        append_u(out, 0xDC00 + ((cp - 0x10000) & 0x3FF));
      } else {
        append_u(out, cp);
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20)
          append_u(out, c);
        else
          out += static_cast<char>(c);
    }
  }
  out += '"';
}

} // namespace

std::string json_quote(std::string_view s, bool ascii_only) {
  std::string out;
  escape_into(out, s, ascii_only);
  return out;
}

void json_writer::newline_and_indent(std::size_t depth) {
  out_ += style_.newline;
  out_.append(depth * static_cast<std::size_t>(style_.indent), ' ');
}

void json_writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_items_.empty())
    return;
  if (has_items_.back())
    out_ += style_.indent > 0 ? std::string_view{","} : style_.item_separator;
  if (style_.indent > 0)
    newline_and_indent(has_items_.size());
  has_items_.back() = true;
}

void json_writer::open(char c) {
  before_value();
  out_ += c;
  has_items_.push_back(false);
}

void json_writer::close(char c) {
  const bool had_items = has_items_.back();
  has_items_.pop_back();
  if (had_items && style_.indent > 0)
    newline_and_indent(has_items_.size());
  out_ += c;
}

json_writer& json_writer::begin_object() {
  open('{');
  return *this;
}
json_writer& json_writer::end_object() {
  close('}');
  return *this;
}
json_writer& json_writer::begin_array() {
  open('[');
  return *this;
}
json_writer& json_writer::end_array() {
  close(']');
  return *this;
}

json_writer& json_writer::key(std::string_view k) {
  before_value();
  escape_into(out_, k, style_.ascii_only);
  out_ += style_.key_separator;
  after_key_ = true;
  return *this;
}

json_writer& json_writer::string(std::string_view s) {
  before_value();
  escape_into(out_, s, style_.ascii_only);
  return *this;
}

json_writer& json_writer::integer(std::int64_t v) {
  before_value();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
  return *this;
}

json_writer& json_writer::boolean(bool v) {
  before_value();
  out_ += v ? "true" : "false";
  return *this;
}

json_writer& json_writer::null() {
  before_value();
  out_ += "null";
  return *this;
}

json_writer& json_writer::decimal(double v, int decimals, bool bare_integral) {
  before_value();
  if (!std::isfinite(v))
    v = 0.0;
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  std::string text{buf, r.ptr};
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.')
      text += '0';
  }
  if (text == "-0.0")
    text = "0.0";
  if (bare_integral && text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0)
    text.resize(text.size() - 2);
  out_ += text;
  return *this;
}

json_writer& json_writer::significant(double v, int digits) {
  before_value();
  if (!std::isfinite(v))
    v = 0.0;
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, digits);
  std::string text{buf, r.ptr};
  if (text.find_first_of(".e") == std::string::npos)
    text += ".0";
  out_ += text;
  return *this;
}

} // namespace courtside::upstream_sim
