#pragma once
// Decoder for The Odds API v4: events (/sports/{sport}/events), odds
// (/sports/{sport}/odds, /events/{id}/odds with player-prop markets), and their /historical
// variants, which wrap the same payload as {"timestamp", "previous_timestamp",
// "next_timestamp", "data"}. Both entry points accept every one of these shapes: a bare
// array of events, one event object, or the historical wrapper around either.
#include <memory>
#include <string_view>

#include "messages/decode/decode_error.hpp"
#include "messages/types.hpp"

namespace courtside::decode {

namespace detail {
class json_session;
}

/// One parser, reused for every document this object decodes. Not thread-safe.
class odds_api_decoder {
public:
  odds_api_decoder();
  ~odds_api_decoder();
  odds_api_decoder(odds_api_decoder&&) noexcept;
  odds_api_decoder& operator=(odds_api_decoder&&) noexcept;

  /// Events; bookmakers, when present, are decoded into props as well.
  [[nodiscard]] decode_result<OddsSnapshot> events(std::string_view json);

  /// One event's odds (player props): Over/Under outcomes of the same player and point are
  /// paired into one PropLine. An empty bookmakers list means "no markets yet", not an error.
  [[nodiscard]] decode_result<OddsSnapshot> event_odds(std::string_view json);

private:
  std::unique_ptr<detail::json_session> session_;
};

} // namespace courtside::decode
