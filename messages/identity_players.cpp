// Name folding for player lookup keys and team names (see identity.hpp).
#include <array>
#include <cstdint>

#include "messages/identity.hpp"

namespace courtside::identity {
namespace {

// ASCII folding of U+00C0..U+017F (Latin-1 Supplement letters and Latin Extended-A):
// the base letter of each, ligatures spelled out, "" for the two symbols (multiply, divide).
constexpr std::array<const char*, 0x180 - 0xC0> latin_fold{{
    "a", "a", "a", "a", "a", "a", "ae", "c",  // U+00C0
    "e", "e", "e", "e", "i", "i", "i", "i",  // U+00C8
    "d", "n", "o", "o", "o", "o", "o", "",  // U+00D0
    "o", "u", "u", "u", "u", "y", "th", "ss",  // U+00D8
    "a", "a", "a", "a", "a", "a", "ae", "c",  // U+00E0
    "e", "e", "e", "e", "i", "i", "i", "i",  // U+00E8
    "d", "n", "o", "o", "o", "o", "o", "",  // U+00F0
    "o", "u", "u", "u", "u", "y", "th", "y",  // U+00F8
    "a", "a", "a", "a", "a", "a", "c", "c",  // U+0100
    "c", "c", "c", "c", "c", "c", "d", "d",  // U+0108
    "d", "d", "e", "e", "e", "e", "e", "e",  // U+0110
    "e", "e", "e", "e", "g", "g", "g", "g",  // U+0118
    "g", "g", "g", "g", "h", "h", "h", "h",  // U+0120
    "i", "i", "i", "i", "i", "i", "i", "i",  // U+0128
    "i", "i", "ij", "ij", "j", "j", "k", "k",  // U+0130
    "k", "l", "l", "l", "l", "l", "l", "l",  // U+0138
    "l", "l", "l", "n", "n", "n", "n", "n",  // U+0140
    "n", "n", "n", "n", "o", "o", "o", "o",  // U+0148
    "o", "o", "oe", "oe", "r", "r", "r", "r",  // U+0150
    "r", "r", "s", "s", "s", "s", "s", "s",  // U+0158
    "s", "s", "t", "t", "t", "t", "t", "t",  // U+0160
    "u", "u", "u", "u", "u", "u", "u", "u",  // U+0168
    "u", "u", "u", "u", "w", "w", "y", "y",  // U+0170
    "y", "z", "z", "z", "z", "z", "z", "s",  // U+0178
}};

enum class fold_kind { keep, drop, separator, replace };

struct folded {
  fold_kind kind;
  const char* text; // for replace
};

// What one decoded code point contributes to a name key.
folded fold_code_point(std::uint32_t cp) {
  if (cp < 0x80) {
    const auto c = static_cast<char>(cp);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      return {fold_kind::keep, nullptr};
    if (c >= 'A' && c <= 'Z')
      return {fold_kind::replace, nullptr};
    if (c == '.' || c == '\'' || c == '`' || c == '"')
      return {fold_kind::drop, nullptr};
    return {fold_kind::separator, nullptr};
  }
  if (cp >= 0xC0 && cp < 0x180) {
    const char* text = latin_fold[cp - 0xC0];
    return text[0] == '\0' ? folded{fold_kind::drop, nullptr} : folded{fold_kind::replace, text};
  }
  if (cp == 0x218 || cp == 0x219)
    return {fold_kind::replace, "s"}; // Romanian comma-below letters
  if (cp == 0x21A || cp == 0x21B)
    return {fold_kind::replace, "t"};
  if ((cp >= 0x300 && cp <= 0x36F) || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC ||
      cp == 0x00B4 || cp == 0x02B9)
    return {fold_kind::drop, nullptr}; // combining accents (NFD input) and apostrophes
  if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x2015) || cp == 0x202F)
    return {fold_kind::separator, nullptr}; // Latin-1 punctuation, spaces, dashes
  return {fold_kind::keep, nullptr};
}

// Decodes one UTF-8 sequence at s[i]; returns its length (0 when invalid).
std::size_t decode_utf8(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF)
    len = 2, cp = b0 & 0x1Fu;
  else if (b0 >= 0xE0 && b0 <= 0xEF)
    len = 3, cp = b0 & 0x0Fu;
  else if (b0 >= 0xF0 && b0 <= 0xF4)
    len = 4, cp = b0 & 0x07u;
  else
    return 0;
  if (i + len > s.size())
    return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0u) != 0x80u)
      return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

bool is_suffix(std::string_view token) {
  return token == "jr" || token == "sr" || token == "ii" || token == "iii" || token == "iv";
}

} // namespace

std::string fold_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  auto emit = [&](std::string_view text) {
    if (pending_space && !out.empty())
      out.push_back(' ');
    pending_space = false;
    out.append(text);
  };
  for (std::size_t i = 0; i < name.size();) {
    std::uint32_t cp = 0;
    const std::size_t len = decode_utf8(name, i, cp);
    if (len == 0) { // invalid byte: skip it
      ++i;
      continue;
    }
    const folded f = fold_code_point(cp);
    switch (f.kind) {
      case fold_kind::keep:
        emit(name.substr(i, len));
        break;
      case fold_kind::replace:
        if (f.text != nullptr) {
          emit(f.text);
        } else {
          const char lower = static_cast<char>(cp - 'A' + 'a');
          emit(std::string_view(&lower, 1));
        }
        break;
      case fold_kind::separator:
        pending_space = true;
        break;
      case fold_kind::drop:
        break;
    }
    i += len;
  }
  return out;
}

std::string player_lookup_key(std::string_view name) {
  std::string key = fold_name(name);
  const auto last_space = key.rfind(' ');
  if (last_space != std::string::npos && is_suffix(std::string_view(key).substr(last_space + 1)))
    key.resize(last_space);
  return key;
}

} // namespace courtside::identity
