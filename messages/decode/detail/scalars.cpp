// Scalar readers shared by the decoders (see walk.hpp). Upstreams send numbers as strings,
// booleans as "0"/"1", counts as 65.0 and nulls anywhere; these accept every such form and
// turn anything else into a typed error.
#include <charconv>
#include <cmath>
#include <limits>

#include "messages/decode/detail/walk.hpp"
#include "messages/decode/minutes.hpp"
#include "messages/identity.hpp"

namespace courtside::decode::detail {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' ||
                        s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' ||
                        s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

} // namespace

bool read_cell(walk& w, od::value& v, json_cell& out) {
  out.at = w.where(v);
  if (auto ec = v.type().get(out.type))
    return w.fail_json(ec);
  switch (out.type) {
    case od::json_type::null: {
      bool is_null = false;
      if (auto ec = v.is_null().get(is_null); ec || !is_null)
        return w.fail(decode_errc::malformed_json, "invalid literal", out.at);
      return true;
    }
    case od::json_type::boolean:
      if (auto ec = v.get_bool().get(out.b))
        return w.fail_json(ec);
      return true;
    case od::json_type::number: {
      od::number n;
      if (auto ec = v.get_number().get(n))
        return w.fail_json(ec);
      switch (n.get_number_type()) {
        case od::number_type::signed_integer:
          out.integral = true;
          out.i = n.get_int64();
          out.d = static_cast<double>(out.i);
          break;
        case od::number_type::unsigned_integer:
          out.huge = true;
          out.d = static_cast<double>(n.get_uint64());
          break;
        case od::number_type::floating_point_number:
          out.d = n.get_double();
          break;
      }
      return true;
    }
    case od::json_type::string:
      if (auto ec = v.get_string().get(out.s))
        return w.fail_json(ec);
      out.s = trim(out.s);
      return true;
    case od::json_type::array:
    case od::json_type::object:
      break;
  }
  return w.fail(decode_errc::wrong_type, "expected a scalar, found an array or object", out.at);
}

namespace {

std::string quoted(std::string_view s) {
  constexpr std::size_t max_shown = 40;
  std::string out = "\"";
  out.append(s.substr(0, max_shown));
  if (s.size() > max_shown)
    out += "...";
  out += '"';
  return out;
}

std::string shown(const json_cell& x) {
  switch (x.type) {
    case od::json_type::string:
      return quoted(x.s);
    case od::json_type::boolean:
      return x.b ? "true" : "false";
    case od::json_type::number:
      return x.integral ? std::to_string(x.i) : std::to_string(x.d);
    default:
      return "null";
  }
}

std::optional<std::int64_t> parse_int_text(std::string_view s) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end != s.data() + s.size())
    return std::nullopt;
  return n;
}

std::optional<double> parse_double_text(std::string_view s) {
  double d = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(d))
    return std::nullopt;
  return d;
}

// A number to a 64-bit integer: integral values only, within range.
bool integer_from_double(walk& w, const json_cell& x, double d, std::optional<std::int64_t>& out) {
  if (!std::isfinite(d) || d != std::floor(d))
    return w.fail(decode_errc::invalid_value, "expected an integer, found " + shown(x), x.at);
  if (d < -9.2e18 || d > 9.2e18)
    return w.fail(decode_errc::out_of_range, "integer out of range: " + shown(x), x.at);
  out = static_cast<std::int64_t>(d);
  return true;
}

} // namespace

bool cell_to_int64(walk& w, const json_cell& x, std::optional<std::int64_t>& out) {
  switch (x.type) {
    case od::json_type::null:
      out.reset();
      return true;
    case od::json_type::number:
      if (x.huge)
        return w.fail(decode_errc::out_of_range, "integer out of range: " + shown(x), x.at);
      if (x.integral) {
        out = x.i;
        return true;
      }
      return integer_from_double(w, x, x.d, out);
    case od::json_type::string:
      if (x.s.empty()) {
        out.reset();
        return true;
      }
      if (auto n = parse_int_text(x.s)) {
        out = n;
        return true;
      }
      if (auto d = parse_double_text(x.s))
        return integer_from_double(w, x, *d, out);
      return w.fail(decode_errc::invalid_value, "expected an integer, found " + shown(x), x.at);
    default:
      return w.fail(decode_errc::wrong_type, "expected an integer, found " + shown(x), x.at);
  }
}

bool cell_to_int(walk& w, const json_cell& x, std::optional<int>& out) {
  std::optional<std::int64_t> wide;
  if (!cell_to_int64(w, x, wide))
    return false;
  if (!wide) {
    out.reset();
    return true;
  }
  if (*wide < std::numeric_limits<int>::min() || *wide > std::numeric_limits<int>::max())
    return w.fail(decode_errc::out_of_range, "integer out of range for a count: " + shown(x),
                  x.at);
  out = static_cast<int>(*wide);
  return true;
}

bool cell_to_double(walk& w, const json_cell& x, std::optional<double>& out) {
  switch (x.type) {
    case od::json_type::null:
      out.reset();
      return true;
    case od::json_type::number:
      out = x.d;
      return true;
    case od::json_type::string:
      if (x.s.empty()) {
        out.reset();
        return true;
      }
      if (auto d = parse_double_text(x.s)) {
        out = d;
        return true;
      }
      return w.fail(decode_errc::invalid_value, "expected a number, found " + shown(x), x.at);
    default:
      return w.fail(decode_errc::wrong_type, "expected a number, found " + shown(x), x.at);
  }
}

bool cell_to_bool(walk& w, const json_cell& x, std::optional<bool>& out) {
  switch (x.type) {
    case od::json_type::null:
      out.reset();
      return true;
    case od::json_type::boolean:
      out = x.b;
      return true;
    case od::json_type::number:
      if (x.integral && (x.i == 0 || x.i == 1)) {
        out = x.i == 1;
        return true;
      }
      break;
    case od::json_type::string: {
      std::string lower(x.s);
      for (char& c : lower)
        if (c >= 'A' && c <= 'Z')
          c = static_cast<char>(c - 'A' + 'a');
      if (lower.empty()) {
        out.reset();
        return true;
      }
      if (lower == "1" || lower == "true" || lower == "0" || lower == "false") {
        out = lower == "1" || lower == "true";
        return true;
      }
      break;
    }
    default:
      return w.fail(decode_errc::wrong_type, "expected a boolean, found " + shown(x), x.at);
  }
  return w.fail(decode_errc::invalid_value, "expected a boolean, found " + shown(x), x.at);
}

bool cell_to_string(walk& w, const json_cell& x, std::string& out) {
  if (x.type == od::json_type::null) {
    out.clear();
    return true;
  }
  if (x.type != od::json_type::string)
    return w.fail(decode_errc::wrong_type, "expected a string, found " + shown(x), x.at);
  out.assign(x.s);
  return true;
}

bool cell_to_minutes(walk& w, const json_cell& x, std::optional<int>& out) {
  parsed_minutes parsed;
  switch (x.type) {
    case od::json_type::null:
      out.reset();
      return true;
    case od::json_type::number:
      parsed = minutes_from_number(x.d);
      break;
    case od::json_type::string:
      parsed = parse_minutes(x.s);
      break;
    default:
      return w.fail(decode_errc::wrong_type, "expected minutes, found " + shown(x), x.at);
  }
  switch (parsed.status) {
    case minutes_status::ok:
      out = parsed.seconds;
      return true;
    case minutes_status::empty:
      out.reset();
      return true;
    case minutes_status::out_of_range:
      return w.fail(decode_errc::out_of_range, "minutes out of range: " + shown(x), x.at);
    case minutes_status::invalid:
      break;
  }
  return w.fail(decode_errc::invalid_value, "not a minutes form: " + shown(x), x.at);
}

bool cell_to_game_id(walk& w, const json_cell& x, std::string& out) {
  if (x.type == od::json_type::null || (x.type == od::json_type::string && x.s.empty())) {
    out.clear();
    return true;
  }
  std::optional<std::int64_t> number;
  if (x.type == od::json_type::string)
    number = parse_int_text(x.s);
  else if (x.type == od::json_type::number && x.integral)
    number = x.i;
  else
    return w.fail(decode_errc::wrong_type, "expected a game id, found " + shown(x), x.at);
  if (!number || x.s.find_first_of("+-") != std::string_view::npos)
    return w.fail(decode_errc::invalid_value, "not an NBA.com game id: " + shown(x), x.at);
  out = identity::nba_game_id_from_number(*number);
  if (out.empty())
    return w.fail(decode_errc::out_of_range, "not an NBA.com game id: " + shown(x), x.at);
  return true;
}

// Fast path for the common case, a plain JSON integer: simdjson's getters only consume the
// value on success, so anything else (null, "12", 65.0, garbage) falls through to the
// general reader and its typed errors.
bool read_int64(walk& w, od::value& v, std::optional<std::int64_t>& out) {
  std::int64_t n = 0;
  if (v.get_int64().get(n) == simdjson::SUCCESS) {
    out = n;
    return true;
  }
  json_cell x;
  return read_cell(w, v, x) && cell_to_int64(w, x, out);
}

bool read_int(walk& w, od::value& v, std::optional<int>& out) {
  const char* at = w.where(v);
  std::int64_t n = 0;
  if (v.get_int64().get(n) == simdjson::SUCCESS) { // consumed: no second reading
    if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max())
      return w.fail(decode_errc::out_of_range,
                    "integer out of range for a count: " + std::to_string(n), at);
    out = static_cast<int>(n);
    return true;
  }
  json_cell x;
  return read_cell(w, v, x) && cell_to_int(w, x, out);
}

bool read_double(walk& w, od::value& v, std::optional<double>& out) {
  json_cell x;
  return read_cell(w, v, x) && cell_to_double(w, x, out);
}

bool read_bool(walk& w, od::value& v, std::optional<bool>& out) {
  json_cell x;
  return read_cell(w, v, x) && cell_to_bool(w, x, out);
}

bool read_string(walk& w, od::value& v, std::string& out) {
  json_cell x;
  return read_cell(w, v, x) && cell_to_string(w, x, out);
}

bool read_minutes(walk& w, od::value& v, std::optional<int>& out) {
  json_cell x;
  return read_cell(w, v, x) && cell_to_minutes(w, x, out);
}

bool read_nba_game_id(walk& w, od::value& v, std::string& out) {
  json_cell x;
  return read_cell(w, v, x) && cell_to_game_id(w, x, out);
}

} // namespace courtside::decode::detail
