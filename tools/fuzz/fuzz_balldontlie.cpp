// libFuzzer target: the balldontlie v1 decoder. Every entry point sees every input (the
// others reject a foreign shape early), so a seed of any endpoint reaches all four.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "messages/decode/balldontlie.hpp"
#include "tools/fuzz/decoded_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // One decoder for the whole run, reused as in production (one parser per decoder).
  static courtside::decode::balldontlie_decoder decoder;
  const std::string_view json{reinterpret_cast<const char*>(data), size};
  using courtside::fuzz::check_result;
  check_result(decoder.games(json), json);
  check_result(decoder.stats(json), json);
  check_result(decoder.box_scores(json), json);
  check_result(decoder.players(json), json);
  return 0;
}
