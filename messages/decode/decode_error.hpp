#pragma once
// What a decoder returns: the decoded value, or a typed error saying what was wrong and where.
// Decoders never throw, print or exit; every input, however broken, ends in one of the two.
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace courtside::decode {

/// Why a payload was rejected. Stable names (to_string) are used in logs and CLI output.
enum class decode_errc : std::uint8_t {
  malformed_json = 1,  ///< not JSON where the decoder reads: bad token, missing comma or colon,
                       ///< trailing content (damage inside values it skips goes unseen: FUZZING.md)
  truncated,           ///< JSON that ends early: empty input, unclosed string/array/object
  invalid_utf8,        ///< bytes that are not UTF-8
  wrong_type,          ///< a value of the wrong JSON type (array where an object belongs, ...)
  invalid_value,       ///< right type, unusable content ("12x" as a count, "PT5X" as minutes)
  missing_field,       ///< a field the record is meaningless without is absent or null
  out_of_range,        ///< a number that does not fit, or a negative count or duration
  invariant_violation, ///< fields that contradict each other (made > attempted, points
                       ///< that do not add up)
  too_large,           ///< the document exceeds the parser's capacity
};

/// "malformed_json", "truncated", ...
[[nodiscard]] const char* to_string(decode_errc code) noexcept;

struct decode_error {
  decode_errc code = decode_errc::malformed_json;
  std::string path;            ///< JSON path of the offending value, e.g.
                               ///< "game.homeTeam.players[3].statistics.points"; "" = root
  std::size_t byte_offset = 0; ///< where in the input it was detected
  std::string detail;          ///< human-readable explanation

  /// "error <code> at <path> (byte <offset>): <detail>"
  [[nodiscard]] std::string describe() const;
};

/// A decoded value or the reason there is none. Check ok() before value().
template <class T>
class [[nodiscard]] decode_result {
public:
  // Reference overloads (not by-value) so that `return local;` moves in C++17.
  decode_result(T&& value) : state_(std::in_place_index<0>, std::move(value)) {}
  decode_result(const T& value) : state_(std::in_place_index<0>, value) {}
  decode_result(decode_error&& error) : state_(std::in_place_index<1>, std::move(error)) {}
  decode_result(const decode_error& error) : state_(std::in_place_index<1>, error) {}

  [[nodiscard]] bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  /// Precondition: ok().
  [[nodiscard]] T& value() & {
    assert(ok());
    return *std::get_if<0>(&state_);
  }
  [[nodiscard]] const T& value() const& {
    assert(ok());
    return *std::get_if<0>(&state_);
  }
  [[nodiscard]] T&& value() && {
    assert(ok());
    return std::move(*std::get_if<0>(&state_));
  }

  /// Precondition: !ok().
  [[nodiscard]] const decode_error& error() const {
    assert(!ok());
    return *std::get_if<1>(&state_);
  }

private:
  std::variant<T, decode_error> state_;
};

} // namespace courtside::decode
