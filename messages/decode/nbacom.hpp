#pragma once
// Decoder for the NBA.com CDN (cdn.nba.com): live box scores
// (liveData/boxscore/boxscore_<gameId>.json), today's scoreboard
// (liveData/scoreboard/todaysScoreboard_00.json) and the season schedule
// (staticData/scheduleLeagueV2.json).
#include <memory>
#include <string_view>

#include "messages/decode/decode_error.hpp"
#include "messages/types.hpp"

namespace courtside::decode {

namespace detail {
class json_session;
}

/// One parser, reused for every document this object decodes. Not thread-safe.
class nbacom_decoder {
public:
  nbacom_decoder();
  ~nbacom_decoder();
  nbacom_decoder(nbacom_decoder&&) noexcept;
  nbacom_decoder& operator=(nbacom_decoder&&) noexcept;

  /// boxscore_<gameId>.json: {"meta", "game": {gameId, gameStatus, homeTeam, awayTeam, ...}}.
  /// Inactive players and players who did not play are kept, with their reason.
  [[nodiscard]] decode_result<BoxScore> boxscore(std::string_view json);

  /// todaysScoreboard_00.json: {"meta", "scoreboard": {gameDate, games: [...]}}.
  [[nodiscard]] decode_result<Scoreboard> scoreboard(std::string_view json);

  /// scheduleLeagueV2.json: {"meta", "leagueSchedule": {seasonYear, gameDates: [{games}]}}.
  [[nodiscard]] decode_result<Schedule> schedule(std::string_view json);

private:
  std::unique_ptr<detail::json_session> session_;
};

} // namespace courtside::decode
