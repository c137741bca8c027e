#pragma once
// The competitors' side of bench-decode: the same fields, the same conversions and the same
// derived values as messages/decode, written once over a DOM "adapter" and instantiated for
// nlohmann/json (extract_nlohmann.cpp) and RapidJSON (extract_rapidjson.cpp). It mirrors
// messages/decode/{nbacom,balldontlie}.cpp step for step (minutes forms, "0"/"1" booleans,
// numbers as strings, tricode normalisation, lookup keys, game keys, invariants) so that the
// timings compare like with like; bench-decode checks at start-up that every document gives
// the same JSON lines as our decoder. Errors are a bare `false`: the competitors get no typed
// errors, which only flatters them. Documents: extract_nbacom.hpp, extract_balldontlie.hpp.
//
// An adapter A provides, for its value type A::value:
//   kind(v) -> vkind; i64(v); dbl(v); boolean(v); str(v) -> string_view;
//   members(v, f(string_view key, const value&) -> bool) -> bool  (v is an object)
//   elements(v, f(const value&) -> bool) -> bool                  (v is an array)
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "messages/decode/invariants.hpp"
#include "messages/decode/minutes.hpp"
#include "messages/identity.hpp"
#include "messages/types.hpp"

namespace courtside::bench {

enum class vkind { null, boolean, integer, big_unsigned, real, string, array, object };

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

template <class A>
struct scalars {
  using V = typename A::value;

  // -- scalars (the same forms messages/decode/detail/scalars.cpp accepts) -----------------

  static bool to_int64(const V& v, std::optional<std::int64_t>& out) {
    switch (A::kind(v)) {
      case vkind::null: out.reset(); return true;
      case vkind::integer: out = A::i64(v); return true;
      case vkind::real: return from_double(A::dbl(v), out);
      case vkind::string: {
        const std::string_view s = trim(A::str(v));
        if (s.empty()) {
          out.reset();
          return true;
        }
        std::int64_t n = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
        if (ec == std::errc{} && end == s.data() + s.size()) {
          out = n;
          return true;
        }
        double d = 0;
        auto [end2, ec2] = std::from_chars(s.data(), s.data() + s.size(), d);
        return ec2 == std::errc{} && end2 == s.data() + s.size() && from_double(d, out);
      }
      default: return false;
    }
  }
  static bool from_double(double d, std::optional<std::int64_t>& out) {
    if (!std::isfinite(d) || d != std::floor(d) || d < -9.2e18 || d > 9.2e18)
      return false;
    out = static_cast<std::int64_t>(d);
    return true;
  }
  static bool to_int(const V& v, std::optional<int>& out) {
    if (A::kind(v) == vkind::integer) { // the common case, as our fast path
      const std::int64_t n = A::i64(v);
      if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max())
        return false;
      out = static_cast<int>(n);
      return true;
    }
    std::optional<std::int64_t> wide;
    if (!to_int64(v, wide))
      return false;
    if (!wide) {
      out.reset();
      return true;
    }
    if (*wide < std::numeric_limits<int>::min() || *wide > std::numeric_limits<int>::max())
      return false;
    out = static_cast<int>(*wide);
    return true;
  }
  static bool to_bool(const V& v, std::optional<bool>& out) {
    switch (A::kind(v)) {
      case vkind::null: out.reset(); return true;
      case vkind::boolean: out = A::boolean(v); return true;
      case vkind::integer: {
        const std::int64_t n = A::i64(v);
        if (n != 0 && n != 1)
          return false;
        out = n == 1;
        return true;
      }
      case vkind::string: {
        std::string lower(trim(A::str(v)));
        for (char& c : lower)
          if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (lower.empty()) {
          out.reset();
          return true;
        }
        if (lower != "1" && lower != "true" && lower != "0" && lower != "false")
          return false;
        out = lower == "1" || lower == "true";
        return true;
      }
      default: return false;
    }
  }
  static bool to_string(const V& v, std::string& out) {
    const vkind k = A::kind(v);
    if (k == vkind::null) {
      out.clear();
      return true;
    }
    if (k != vkind::string)
      return false;
    out.assign(trim(A::str(v)));
    return true;
  }
  static bool to_minutes(const V& v, std::optional<int>& out) {
    decode::parsed_minutes parsed;
    switch (A::kind(v)) {
      case vkind::null: out.reset(); return true;
      case vkind::integer: parsed = decode::minutes_from_number(static_cast<double>(A::i64(v))); break;
      case vkind::real: parsed = decode::minutes_from_number(A::dbl(v)); break;
      case vkind::string: parsed = decode::parse_minutes(trim(A::str(v))); break;
      default: return false;
    }
    if (parsed.status == decode::minutes_status::ok)
      out = parsed.seconds;
    else if (parsed.status == decode::minutes_status::empty)
      out.reset();
    else
      return false;
    return true;
  }
  static bool to_game_id(const V& v, std::string& out) {
    std::optional<std::int64_t> n;
    const vkind k = A::kind(v);
    if (k == vkind::null || (k == vkind::string && trim(A::str(v)).empty())) {
      out.clear();
      return true;
    }
    if (k == vkind::string && trim(A::str(v)).find_first_of("+-") != std::string_view::npos)
      return false;
    if ((k != vkind::string && k != vkind::integer) || !to_int64(v, n) || !n)
      return false;
    out = identity::nba_game_id_from_number(*n);
    return !out.empty();
  }

  static bool nba_statistic(std::string_view key, const V& v, StatLine& s) {
    if (key == "minutes")
      return to_minutes(v, s.seconds);
    std::optional<int>* t = nullptr;
    if (key == "points") t = &s.pts;
    else if (key == "reboundsTotal") t = &s.reb;
    else if (key == "reboundsOffensive") t = &s.oreb;
    else if (key == "reboundsDefensive") t = &s.dreb;
    else if (key == "assists") t = &s.ast;
    else if (key == "steals") t = &s.stl;
    else if (key == "blocks") t = &s.blk;
    else if (key == "turnovers") t = &s.tov;
    else if (key == "foulsPersonal") t = &s.pf;
    else if (key == "fieldGoalsMade") t = &s.fgm;
    else if (key == "fieldGoalsAttempted") t = &s.fga;
    else if (key == "threePointersMade") t = &s.fg3m;
    else if (key == "threePointersAttempted") t = &s.fg3a;
    else if (key == "freeThrowsMade") t = &s.ftm;
    else if (key == "freeThrowsAttempted") t = &s.fta;
    else if (key == "plusMinusPoints") t = &s.plus_minus;
    return t == nullptr || to_int(v, *t);
  }

  static bool object(const V& v) { return A::kind(v) == vkind::object; }
  static bool array(const V& v) { return A::kind(v) == vkind::array; }
};

} // namespace courtside::bench
