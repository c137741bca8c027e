// libFuzzer target: the NBA.com CDN decoder (live box score, today's scoreboard, season
// schedule). Every entry point sees every input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "messages/decode/nbacom.hpp"
#include "tools/fuzz/decoded_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static courtside::decode::nbacom_decoder decoder;
  const std::string_view json{reinterpret_cast<const char*>(data), size};
  using courtside::fuzz::check_result;
  check_result(decoder.boxscore(json), json);
  check_result(decoder.scoreboard(json), json);
  check_result(decoder.schedule(json), json);
  return 0;
}
