#include "tools/fuzz/decoded_checks.hpp"

#include <cstring>
#include <string>

#include <simdjson.h>

#include "messages/decode/invariants.hpp"
#include "messages/decode/minutes.hpp"
#include "messages/json_lines.hpp"
#include "tools/fuzz/fuzz_check.hpp"

namespace courtside::fuzz {
namespace {

// Every line the writer produced is one JSON object (valid UTF-8 included: the writer
// replaces invalid bytes, simdjson rejects them).
template <class Document>
void check_json_lines(const Document& doc) {
  static simdjson::dom::parser parser;
  std::string out;
  json::append_json_lines(out, doc);
  FUZZ_CHECK(out.empty() || out.back() == '\n');
  std::size_t begin = 0;
  while (begin < out.size()) {
    const std::size_t end = out.find('\n', begin);
    simdjson::dom::element element;
    auto error = parser.parse(out.data() + begin, end - begin).get(element);
    FUZZ_CHECK(!error);
    FUZZ_CHECK(element.is_object());
    begin = end + 1;
  }
}

void check_status(game_status status) {
  FUZZ_CHECK(std::strcmp(to_string(status), "unknown") != 0 || status == game_status::unknown);
}

void check_game(const Game& game) { check_status(game.status); }

void check_seconds(const StatLine& stats) {
  if (stats.seconds)
    FUZZ_CHECK(*stats.seconds >= 0 && *stats.seconds <= decode::max_seconds);
}

void check_player(const PlayerLine& player) {
  FUZZ_CHECK(!decode::check_stat_line(player.stats, decode::stat_owner::player));
  check_seconds(player.stats);
}

void check_box(const BoxScore& box) {
  check_game(box.game);
  FUZZ_CHECK(!decode::check_box_score_teams(box));
  check_seconds(box.home.totals);
  check_seconds(box.away.totals);
  for (const PlayerLine& player : box.players)
    check_player(player);
}

} // namespace

void check_error(const decode::decode_error& error, std::size_t input_size) {
  const auto code = static_cast<unsigned>(error.code);
  FUZZ_CHECK(code >= static_cast<unsigned>(decode::decode_errc::malformed_json)
             && code <= static_cast<unsigned>(decode::decode_errc::too_large));
  FUZZ_CHECK(std::strcmp(decode::to_string(error.code), "unknown") != 0);
  FUZZ_CHECK(error.byte_offset <= input_size);
  FUZZ_CHECK(!error.describe().empty());
}

void check_value(const GamesPage& page) {
  for (const Game& game : page.games)
    check_game(game);
  check_json_lines(page);
}

void check_value(const PlayerLinesPage& page) {
  for (const PlayerLine& line : page.lines)
    check_player(line);
  check_json_lines(page);
}

void check_value(const BoxScoresPage& page) {
  for (const BoxScore& box : page.box_scores)
    check_box(box);
  check_json_lines(page);
}

void check_value(const PlayersPage& page) { check_json_lines(page); }

void check_value(const Schedule& schedule) {
  for (const ScheduleEntry& entry : schedule.entries)
    check_game(entry.game);
  check_json_lines(schedule);
}

void check_value(const Scoreboard& board) {
  for (const Game& game : board.games)
    check_game(game);
  check_json_lines(board);
}

void check_value(const BoxScore& box) {
  check_box(box);
  check_json_lines(box);
}

void check_value(const OddsSnapshot& snapshot) { check_json_lines(snapshot); }

} // namespace courtside::fuzz
