#pragma once
// What every decoder promises, checked on each fuzz input (DESIGN rule 8, decode_error.hpp):
// a decode ends in a value or a typed error, never both and never a throw; an error has a
// known code, a description and an offset inside the input; a value obeys the invariants the
// decoders enforce (invariants.hpp) and its JSON lines (json_lines.hpp) parse back as JSON.
#include <cstddef>
#include <string_view>

#include "messages/decode/decode_error.hpp"
#include "messages/types.hpp"

namespace courtside::fuzz {

void check_error(const decode::decode_error& error, std::size_t input_size);

void check_value(const GamesPage& page);
void check_value(const PlayerLinesPage& page);
void check_value(const BoxScoresPage& page);
void check_value(const PlayersPage& page);
void check_value(const Schedule& schedule);
void check_value(const Scoreboard& board);
void check_value(const BoxScore& box);
void check_value(const OddsSnapshot& snapshot);

template <class T>
void check_result(const decode::decode_result<T>& result, std::string_view input) {
  if (result.ok())
    check_value(result.value());
  else
    check_error(result.error(), input.size());
}

} // namespace courtside::fuzz
