// libFuzzer target: The Odds API v4 decoder (events and event odds, bare or /historical).
// Both entry points see every input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "messages/decode/odds_api.hpp"
#include "tools/fuzz/decoded_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static courtside::decode::odds_api_decoder decoder;
  const std::string_view json{reinterpret_cast<const char*>(data), size};
  using courtside::fuzz::check_result;
  check_result(decoder.events(json), json);
  check_result(decoder.event_odds(json), json);
  return 0;
}
