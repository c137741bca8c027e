// libFuzzer target: the stats.nba.com decoder (boxscoretraditionalv2 and v3). Every entry
// point sees every input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "messages/decode/stats_nba.hpp"
#include "tools/fuzz/decoded_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static courtside::decode::stats_nba_decoder decoder;
  const std::string_view json{reinterpret_cast<const char*>(data), size};
  using courtside::fuzz::check_result;
  check_result(decoder.boxscore_v2(json), json);
  check_result(decoder.boxscore_v3(json), json);
  return 0;
}
