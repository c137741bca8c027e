// feature_values (precompute.hpp): the flat JSON objects phase 4 writes, read back by phase 5. Only what json::object_writer produces needs to parse: string
// keys without escapes beyond \" and \\, and finite numbers.
#include "actors/phases/precompute.hpp"

#include <cctype>
#include <charconv>
#include <optional>

namespace courtside::phases {

namespace {

void skip_space(std::string_view s, std::size_t& i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])) != 0) ++i;
}

// The key at s[i] (after its opening quote is checked); a view into `s` unless it holds an
// escape, then into `scratch`. nullopt when unterminated.
std::optional<std::string_view> read_key(std::string_view s, std::size_t& i, std::string& scratch) {
  if (i >= s.size() || s[i] != '"') return std::nullopt;
  const std::size_t start = ++i;
  bool escaped = false;
  for (; i < s.size(); ++i) {
    if (s[i] == '"') break;
    if (s[i] == '\\') {
      escaped = true;
      if (++i >= s.size()) return std::nullopt;
    }
  }
  if (i >= s.size()) return std::nullopt;
  const std::string_view raw = s.substr(start, i - start);
  ++i;
  if (!escaped) return raw;
  scratch.clear();
  for (std::size_t k = 0; k < raw.size(); ++k) {
    if (raw[k] == '\\') ++k;
    scratch += raw[k];
  }
  return std::string_view{scratch};
}

// Calls on_field(key, value) for each member of the object; false when malformed.
template <class OnField>
bool walk_object(std::string_view s, OnField&& on_field) {
  std::string scratch;
  std::size_t i = 0;
  skip_space(s, i);
  if (i >= s.size() || s[i++] != '{') return false;
  skip_space(s, i);
  if (i < s.size() && s[i] == '}') return true;
  for (;;) {
    skip_space(s, i);
    auto key = read_key(s, i, scratch);
    if (!key) return false;
    skip_space(s, i);
    if (i >= s.size() || s[i++] != ':') return false;
    skip_space(s, i);
    double value = 0;
    const auto parsed = std::from_chars(s.data() + i, s.data() + s.size(), value);
    if (parsed.ec != std::errc()) return false;
    i = static_cast<std::size_t>(parsed.ptr - s.data());
    on_field(*key, value);
    skip_space(s, i);
    if (i >= s.size()) return false;
    if (s[i] == '}') return true;
    if (s[i++] != ',') return false;
  }
}

} // namespace

bool feature_values(std::string_view s, const std::vector<std::string>& names, std::vector<double>& out) {
  out.assign(names.size(), 0.0);
  return walk_object(s, [&](std::string_view key, double value) {
    for (std::size_t n = 0; n < names.size(); ++n) {
      if (names[n] == key) {
        out[n] = value;
        return;
      }
    }
  });
}

} // namespace courtside::phases
