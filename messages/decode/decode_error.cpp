#include "messages/decode/decode_error.hpp"

namespace courtside::decode {

const char* to_string(decode_errc code) noexcept {
  switch (code) {
    case decode_errc::malformed_json:
      return "malformed_json";
    case decode_errc::truncated:
      return "truncated";
    case decode_errc::invalid_utf8:
      return "invalid_utf8";
    case decode_errc::wrong_type:
      return "wrong_type";
    case decode_errc::invalid_value:
      return "invalid_value";
    case decode_errc::missing_field:
      return "missing_field";
    case decode_errc::out_of_range:
      return "out_of_range";
    case decode_errc::invariant_violation:
      return "invariant_violation";
    case decode_errc::too_large:
      return "too_large";
  }
  return "unknown";
}

std::string decode_error::describe() const {
  std::string out = "error ";
  out += to_string(code);
  out += " at ";
  out += path.empty() ? std::string("(document)") : path;
  out += " (byte ";
  out += std::to_string(byte_offset);
  out += "): ";
  out += detail;
  return out;
}

} // namespace courtside::decode
