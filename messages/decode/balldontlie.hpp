#pragma once
// Decoder for the balldontlie API v1 (api.balldontlie.io/v1): /games, /stats, /box_scores,
// /players. Envelope {"data": [...], "meta": {...}}; `meta` may be absent, {"per_page":100}
// on the last page, or carry `next_cursor` (cursor pagination: ask again with
// `cursor=<next_cursor>` until PageMeta::next_cursor is empty).
#include <memory>
#include <string_view>

#include "messages/decode/decode_error.hpp"
#include "messages/types.hpp"

namespace courtside::decode {

namespace detail {
class json_session;
}

/// One parser, reused for every document this object decodes. Not thread-safe: one decoder
/// per actor or thread.
class balldontlie_decoder {
public:
  balldontlie_decoder();
  ~balldontlie_decoder();
  balldontlie_decoder(balldontlie_decoder&&) noexcept;
  balldontlie_decoder& operator=(balldontlie_decoder&&) noexcept;

  /// GET /v1/games (data is an array) and /v1/games/{id} (data is one object).
  [[nodiscard]] decode_result<GamesPage> games(std::string_view json);

  /// GET /v1/stats: one PlayerLine per row, keyed by the row's nested game.
  [[nodiscard]] decode_result<PlayerLinesPage> stats(std::string_view json);

  /// GET /v1/box_scores: one BoxScore per game, players under home_team / visitor_team.
  /// Team lines carry the score only (balldontlie sends no team totals).
  [[nodiscard]] decode_result<BoxScoresPage> box_scores(std::string_view json);

  /// GET /v1/players and /v1/players/active.
  [[nodiscard]] decode_result<PlayersPage> players(std::string_view json);

private:
  std::unique_ptr<detail::json_session> session_;
};

} // namespace courtside::decode
