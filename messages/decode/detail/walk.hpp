#pragma once
// PRIVATE to the decoders in messages/decode/*.cpp: the simdjson On-Demand plumbing they
// share. This is the one header that includes <simdjson.h>; no public header may include it
// (public headers stay light and simdjson-free).
//
// Rules every decoder follows (DESIGN.md, style rule 8):
// - One json_session (parser + padded buffer) per decoder object, reused for every document.
// - Each object's fields are walked ONCE, in document order, dispatching on the key
//   (for_each_field); fields are never looked up by name, because a lookup of a field the
//   capture lacks scans the whole object.
// - Every step returns bool: false means `walk::error` is set. On the way out each level
//   prefixes its own path segment, so the happy path builds no path strings.
// - No simdjson type is stored beyond the decode call that made its document.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "messages/decode/decode_error.hpp"
#include "messages/types.hpp"

namespace courtside::decode::detail {

namespace od = simdjson::ondemand;

/// One parser and a padded copy of the input, reused across documents.
class json_session {
public:
  /// Largest document accepted (a full season's schedule is ~1.8 MB).
  static constexpr std::size_t max_document_bytes = 64u << 20;

  json_session();

  /// Copies `json` into the padded buffer and starts iterating it. The document (and every
  /// value taken from it) is valid until the next call.
  [[nodiscard]] simdjson::error_code start(std::string_view json, od::document& doc);

  [[nodiscard]] const char* data() const noexcept { return buffer_.get(); }

private:
  od::parser parser_;
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;
};

/// The state of one decode: input bounds, the document, the first error.
class walk {
public:
  walk(const char* begin, std::size_t size, od::document& doc) noexcept
    : begin_(begin), size_(size), doc_(&doc) {}

  decode_error error;

  // -- failing: each returns false so that callers can `return w.fail(...)` ----------------

  /// A typed failure at `at` (a pointer into the input; nullptr = current position).
  bool fail(decode_errc code, std::string detail, const char* at = nullptr);

  /// A simdjson error; `expected` names what was wanted ("an object") for type errors.
  bool fail_json(simdjson::error_code ec, const char* expected = "a value");

  /// A required field that was absent or null in the object just walked.
  bool missing(std::string_view field, const char* at = nullptr);

  /// Unwinding: prefix the path with a field name or an array index. Return false.
  bool in_field(std::string_view key);
  bool in_index(std::size_t index);

  // -- positions ----------------------------------------------------------------------------

  [[nodiscard]] std::size_t offset_of(const char* p) const noexcept;
  /// Start of a value in the input (for errors about the record it begins).
  [[nodiscard]] const char* where(od::value& v) noexcept;
  /// Current position of the document iterator (end of input when done).
  [[nodiscard]] const char* here() noexcept;
  [[nodiscard]] const char* end() const noexcept { return begin_ + size_; }

  [[nodiscard]] od::document& doc() noexcept { return *doc_; }

private:
  const char* begin_;
  std::size_t size_;
  od::document* doc_;
};

// -- structure ------------------------------------------------------------------------------

/// Key dispatch: length, first byte, then a compare of constant size. Keys are compared ~20
/// times per field in the hot loops and most candidates differ early: measured -14 %
/// instructions on a balldontlie day against string_view's operator==.
template <std::size_t N>
inline bool key_is(std::string_view key, const char (&literal)[N]) noexcept {
  static_assert(N > 1, "empty keys are never dispatched on");
  return key.size() == N - 1 && key[0] == literal[0] &&
         std::memcmp(key.data(), literal, N - 1) == 0;
}

/// Walks the fields of object `v` once, in document order: on_field(key, value&) -> bool.
/// null counts as an empty object (any field may be null in some capture).
template <class OnField>
bool for_each_field(walk& w, od::value& v, OnField&& on_field) {
  od::json_type type{};
  if (auto ec = v.type().get(type))
    return w.fail_json(ec, "an object");
  if (type == od::json_type::null) {
    bool is_null = false;
    if (auto ec = v.is_null().get(is_null); ec || !is_null)
      return w.fail(decode_errc::malformed_json, "invalid literal", w.where(v));
    return true;
  }
  if (type != od::json_type::object)
    return w.fail(decode_errc::wrong_type, "expected an object", w.where(v));
  od::object object;
  if (auto ec = v.get_object().get(object))
    return w.fail_json(ec, "an object");
  for (auto item : object) {
    od::field field;
    if (auto ec = std::move(item).get(field))
      return w.fail_json(ec);
    std::string_view key;
    if (auto ec = field.unescaped_key().get(key))
      return w.fail_json(ec);
    if (!on_field(key, field.value()))
      return w.in_field(key);
  }
  return true;
}

/// Walks the elements of array `v`: on_element(index, value&) -> bool. null = empty array.
template <class OnElement>
bool for_each_element(walk& w, od::value& v, OnElement&& on_element) {
  od::json_type type{};
  if (auto ec = v.type().get(type))
    return w.fail_json(ec, "an array");
  if (type == od::json_type::null) {
    bool is_null = false;
    if (auto ec = v.is_null().get(is_null); ec || !is_null)
      return w.fail(decode_errc::malformed_json, "invalid literal", w.where(v));
    return true;
  }
  if (type != od::json_type::array)
    return w.fail(decode_errc::wrong_type, "expected an array", w.where(v));
  od::array array;
  if (auto ec = v.get_array().get(array))
    return w.fail_json(ec, "an array");
  std::size_t index = 0;
  for (auto item : array) {
    od::value element;
    if (auto ec = std::move(item).get(element))
      return w.fail_json(ec);
    if (!on_element(index, element))
      return w.in_index(index);
    ++index;
  }
  return true;
}

/// The document's root must be an object; walks its fields, then checks nothing follows.
template <class OnField>
bool for_each_root_field(walk& w, OnField&& on_field) {
  od::object object;
  if (auto ec = w.doc().get_object().get(object))
    return w.fail_json(ec, "an object at the root");
  for (auto item : object) {
    od::field field;
    if (auto ec = std::move(item).get(field))
      return w.fail_json(ec);
    std::string_view key;
    if (auto ec = field.unescaped_key().get(key))
      return w.fail_json(ec);
    if (!on_field(key, field.value()))
      return w.in_field(key);
  }
  return true;
}

/// The document's root must be an array; walks its elements.
template <class OnElement>
bool for_each_root_element(walk& w, OnElement&& on_element) {
  od::array array;
  if (auto ec = w.doc().get_array().get(array))
    return w.fail_json(ec, "an array at the root");
  std::size_t index = 0;
  for (auto item : array) {
    od::value element;
    if (auto ec = std::move(item).get(element))
      return w.fail_json(ec);
    if (!on_element(index, element))
      return w.in_index(index);
    ++index;
  }
  return true;
}

/// After the root was walked: anything but the end of input is trailing content.
[[nodiscard]] bool finish_document(walk& w);

/// O(1) check before parsing: the root must be an object or array whose closing bracket is
/// the last non-space byte; an input cut short is rejected without scanning it.
[[nodiscard]] std::optional<decode_error> precheck(std::string_view json);

/// The error for a document that could not even be started (stage 1 of simdjson failed).
[[nodiscard]] decode_error start_error(simdjson::error_code ec, std::string_view json);

/// Runs one decode: starts a document on `session`, calls body(walk&, T&) -> bool, checks
/// that nothing follows the root, and returns the value or the error. A leading UTF-8 byte
/// order mark is skipped (simdjson 3.0 does not); offsets still count from the first byte.
template <class T, class Body>
decode_result<T> run_decode(json_session& session, std::string_view json, Body&& body) {
  const std::size_t bom = json.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  json.remove_prefix(bom);
  auto failed = [bom](decode_error&& error) {
    error.byte_offset += bom;
    return decode_result<T>(std::move(error));
  };
  if (auto early = precheck(json))
    return failed(std::move(*early));
  od::document doc;
  if (auto ec = session.start(json, doc))
    return failed(start_error(ec, json));
  walk w(session.data(), json.size(), doc);
  T value{};
  if (!body(w, value) || !finish_document(w))
    return failed(std::move(w.error));
  return value;
}

/// The JSON type of the root ('{' or '['); wrong_type for a scalar document.
[[nodiscard]] bool root_type(walk& w, od::json_type& type);

// -- scalars: each accepts null (-> empty) and the string forms upstreams use ---------------

/// One scalar JSON value, classified, kept for later interpretation (stats.nba.com rows are
/// read before it is known which header each value belongs to). `s` points into the
/// parser's string buffer: valid until the document ends.
struct json_cell {
  od::json_type type = od::json_type::null;
  const char* at = nullptr; // start of the value in the input
  bool integral = false;    // a number written as an integer that fits int64
  bool huge = false;        // an integer >= 2^63
  std::int64_t i = 0;
  double d = 0;
  bool b = false;
  std::string_view s; // trimmed string contents
};

/// Reads any scalar; wrong_type for arrays and objects.
bool read_cell(walk& w, od::value& v, json_cell& out);

/// The conversions behind the read_* functions below, for cells read earlier.
bool cell_to_int(walk& w, const json_cell& x, std::optional<int>& out);
bool cell_to_int64(walk& w, const json_cell& x, std::optional<std::int64_t>& out);
bool cell_to_double(walk& w, const json_cell& x, std::optional<double>& out);
bool cell_to_bool(walk& w, const json_cell& x, std::optional<bool>& out);
bool cell_to_string(walk& w, const json_cell& x, std::string& out);
bool cell_to_minutes(walk& w, const json_cell& x, std::optional<int>& out);
bool cell_to_game_id(walk& w, const json_cell& x, std::string& out);

/// Integers: 12, 12.0, "12", "12.0"; "" = null. invalid_value for 6.5, out_of_range past int.
bool read_int(walk& w, od::value& v, std::optional<int>& out);
/// 64-bit ids: 1628404, "1628404".
bool read_int64(walk& w, od::value& v, std::optional<std::int64_t>& out);
/// Numbers: 0.444, 1, "0.444"; "" = null; NaN/inf rejected.
bool read_double(walk& w, od::value& v, std::optional<double>& out);
/// Booleans: true/false, 0/1, "0"/"1", "true"/"false"; "" = null.
bool read_bool(walk& w, od::value& v, std::optional<bool>& out);
/// Strings, trimmed of surrounding spaces; null = "". Numbers and booleans are wrong_type.
bool read_string(walk& w, od::value& v, std::string& out);
/// Time played in any form (see minutes.hpp) to seconds; "" and null = no time.
bool read_minutes(walk& w, od::value& v, std::optional<int>& out);
/// NBA.com game id: "0022400561", or the number 22400561 (zero-padded back to 10 digits).
bool read_nba_game_id(walk& w, od::value& v, std::string& out);

// -- shared by the NBA.com and stats.nba.com decoders (nba_stats.cpp) ------------------------

/// Reads one NBA.com camelCase statistics field ("points", "fieldGoalsMade", "minutes",
/// "plusMinusPoints", ...) into `stats`; unknown keys are skipped. Returns false on error.
bool read_nba_statistic(walk& w, std::string_view key, od::value& v, StatLine& stats);

/// stats.nba.com says why a player sat in a free-text comment ("DNP - Coach's Decision",
/// "DND - Injury/Illness", "NWT - ...", right-padded in old data): DND, NWT and INACTIVE
/// mean inactive, any other comment did not play; time or any counting stat means played.
participation participation_from_comment(std::string_view comment, const StatLine& stats);

} // namespace courtside::decode::detail
