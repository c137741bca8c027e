// The walk's error plumbing and the document session (see walk.hpp).
#include "messages/decode/detail/walk.hpp"

#include <algorithm>
#include <cstring>

namespace courtside::decode::detail {
namespace {

decode_errc classify(simdjson::error_code ec) {
  switch (ec) {
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
    case simdjson::UNCLOSED_STRING:
    case simdjson::EMPTY:
      return decode_errc::truncated;
    case simdjson::UTF8_ERROR:
      return decode_errc::invalid_utf8;
    case simdjson::INCORRECT_TYPE:
      return decode_errc::wrong_type;
    case simdjson::NUMBER_OUT_OF_RANGE:
      return decode_errc::out_of_range;
    case simdjson::CAPACITY:
    case simdjson::MEMALLOC:
      return decode_errc::too_large;
    default:
      return decode_errc::malformed_json;
  }
}

// Offset of the first byte that does not start a valid UTF-8 sequence (size if none).
std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    if (b < 0x80)
      len = 1;
    else if (b >= 0xC2 && b <= 0xDF)
      len = 2;
    else if (b >= 0xE0 && b <= 0xEF)
      len = 3;
    else if (b >= 0xF0 && b <= 0xF4)
      len = 4;
    else
      return i;
    if (i + len > s.size())
      return i;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0u) != 0x80u)
        return i;
    // Overlong 3/4-byte forms, surrogates, and code points past U+10FFFF.
    const auto b1 = static_cast<unsigned char>(len > 1 ? s[i + 1] : 0);
    if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90) ||
        (b == 0xF4 && b1 > 0x8F))
      return i;
    i += len;
  }
  return s.size();
}

// Growth policy for the reused buffers: at least double, so that documents of slowly
// increasing size do not reallocate every time.
std::size_t grown(std::size_t current, std::size_t needed) {
  return std::max(needed, std::min(2 * current, json_session::max_document_bytes));
}

// Whether the input stops inside an open string, array or object with every bracket so far
// matched: a prefix of a longer document. Only run on the error path.
bool ends_inside_open_container(std::string_view s) {
  std::string closers;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      closers.push_back(c == '{' ? '}' : ']');
    } else if (c == '}' || c == ']') {
      if (closers.empty() || closers.back() != c)
        return false; // mismatched: malformed, not cut short
      closers.pop_back();
    }
  }
  return in_string || !closers.empty();
}

} // namespace

std::optional<decode_error> precheck(std::string_view json) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::size_t first = 0;
  while (first < json.size() && is_space(json[first]))
    ++first;
  std::size_t last = json.size();
  while (last > first && is_space(json[last - 1]))
    --last;
  decode_error error;
  if (first == last) {
    error.code = decode_errc::truncated;
    error.detail = "empty input";
  } else if (json[first] != '{' && json[first] != '[') {
    error.code = decode_errc::wrong_type;
    error.detail = "expected an object or array at the root";
  } else if (json[last - 1] != (json[first] == '{' ? '}' : ']')) {
    error.code = decode_errc::truncated;
    error.detail = json[first] == '{' ? "document ends before its closing '}'"
                                      : "document ends before its closing ']'";
  } else {
    return std::nullopt;
  }
  error.byte_offset = error.code == decode_errc::truncated ? json.size() : first;
  return error;
}

decode_error start_error(simdjson::error_code ec, std::string_view json) {
  decode_error error;
  error.code = classify(ec);
  error.detail = simdjson::error_message(ec);
  if (error.code == decode_errc::truncated)
    error.byte_offset = json.size();
  else if (error.code == decode_errc::invalid_utf8)
    error.byte_offset = first_invalid_utf8(json);
  return error;
}

json_session::json_session() : parser_(max_document_bytes) {}

simdjson::error_code json_session::start(std::string_view json, od::document& doc) {
  if (json.size() > max_document_bytes)
    return simdjson::CAPACITY;
  const std::size_t needed = json.size() + simdjson::SIMDJSON_PADDING;
  if (capacity_ < needed) {
    capacity_ = grown(capacity_, needed);
    buffer_.reset(new char[capacity_]);
  }
  if (parser_.capacity() < json.size()) {
    if (auto ec = parser_.allocate(grown(parser_.capacity(), json.size())))
      return ec;
  }
  if (!json.empty())
    std::memcpy(buffer_.get(), json.data(), json.size());
  // Spaces, not garbage: on-demand peeks past the last token of a truncated document, and a
  // padding byte that looked like '}' or ']' could make it read on (simdjson issue #1834).
  std::memset(buffer_.get() + json.size(), ' ', simdjson::SIMDJSON_PADDING);
  return parser_.iterate(buffer_.get(), json.size(), capacity_).get(doc);
}

bool walk::fail(decode_errc code, std::string detail, const char* at) {
  error.code = code;
  error.path.clear();
  error.byte_offset = offset_of(at != nullptr ? at : here());
  error.detail = std::move(detail);
  return false;
}

bool walk::fail_json(simdjson::error_code ec, const char* expected) {
  const char* at = here();
  decode_errc code = classify(ec);
  // A structural error in a document whose brackets are all still open is the input ending
  // early, wherever the parser happened to notice.
  if (code == decode_errc::malformed_json &&
      (at >= end() || ends_inside_open_container(std::string_view(begin_, size_)))) {
    code = decode_errc::truncated;
    at = end();
  }
  std::string detail = simdjson::error_message(ec);
  if (ec == simdjson::INCORRECT_TYPE)
    detail = std::string("expected ") + expected;
  return fail(code, std::move(detail), at);
}

bool walk::missing(std::string_view field, const char* at) {
  fail(decode_errc::missing_field, "required field is absent or null", at);
  return in_field(field);
}

bool walk::in_field(std::string_view key) {
  std::string& path = error.path;
  if (path.empty())
    path.assign(key);
  else if (path.front() == '[')
    path.insert(0, key);
  else
    path.insert(0, std::string(key) + ".");
  return false;
}

bool walk::in_index(std::size_t index) {
  std::string& path = error.path;
  std::string segment = "[" + std::to_string(index) + "]";
  if (!path.empty() && path.front() != '[')
    segment += '.';
  path.insert(0, segment);
  return false;
}

std::size_t walk::offset_of(const char* p) const noexcept {
  if (p == nullptr || p < begin_)
    return 0;
  if (p > begin_ + size_)
    return size_;
  return static_cast<std::size_t>(p - begin_);
}

const char* walk::where(od::value& v) noexcept {
  return v.raw_json_token().data();
}

const char* walk::here() noexcept {
  const char* p = nullptr;
  if (doc_->current_location().get(p))
    return end();
  return p;
}

bool finish_document(walk& w) {
  const char* p = nullptr;
  const auto ec = w.doc().current_location().get(p);
  if (ec == simdjson::OUT_OF_BOUNDS)
    return true; // consumed to the end
  if (ec)
    return w.fail_json(ec);
  return w.fail(decode_errc::malformed_json, "trailing content after the document", p);
}

bool root_type(walk& w, od::json_type& type) {
  if (auto ec = w.doc().type().get(type))
    return w.fail_json(ec, "an object or array at the root");
  if (type != od::json_type::object && type != od::json_type::array)
    return w.fail(decode_errc::wrong_type, "expected an object or array at the root");
  return true;
}

} // namespace courtside::decode::detail
