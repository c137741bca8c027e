// parse_features (precompute.hpp): the flat JSON objects phase 4 writes, read back by
// phases 5 and 6. Only what json::object_writer produces needs to parse: string keys without
// escapes beyond \" and \\, and finite numbers.
#include "actors/phases/precompute.hpp"

#include <cctype>
#include <charconv>

namespace courtside::phases {

namespace {

void skip_space(std::string_view s, std::size_t& i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])) != 0) ++i;
}

std::optional<std::string> read_key(std::string_view s, std::size_t& i) {
  if (i >= s.size() || s[i] != '"') return std::nullopt;
  std::string key;
  for (++i; i < s.size(); ++i) {
    if (s[i] == '"') {
      ++i;
      return key;
    }
    if (s[i] == '\\') {
      if (++i >= s.size()) return std::nullopt;
    }
    key += s[i];
  }
  return std::nullopt;
}

} // namespace

std::optional<feature_map> parse_features(std::string_view s) {
  feature_map out;
  std::size_t i = 0;
  skip_space(s, i);
  if (i >= s.size() || s[i++] != '{') return std::nullopt;
  skip_space(s, i);
  if (i < s.size() && s[i] == '}') return out;
  for (;;) {
    skip_space(s, i);
    auto key = read_key(s, i);
    if (!key) return std::nullopt;
    skip_space(s, i);
    if (i >= s.size() || s[i++] != ':') return std::nullopt;
    skip_space(s, i);
    double value = 0;
    const auto parsed = std::from_chars(s.data() + i, s.data() + s.size(), value);
    if (parsed.ec != std::errc()) return std::nullopt;
    i = static_cast<std::size_t>(parsed.ptr - s.data());
    out[*key] = value;
    skip_space(s, i);
    if (i >= s.size()) return std::nullopt;
    if (s[i] == '}') return out;
    if (s[i++] != ',') return std::nullopt;
  }
}

} // namespace courtside::phases
