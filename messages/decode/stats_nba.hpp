#pragma once
// Decoder for stats.nba.com box scores: boxscoretraditionalv2 (the "resultSets" shape: rows
// are positional arrays mapped through `headers`, whose case varies) and
// boxscoretraditionalv3 (named fields, like the live CDN).
#include <memory>
#include <string_view>

#include "messages/decode/decode_error.hpp"
#include "messages/types.hpp"

namespace courtside::decode {

namespace detail {
class json_session;
}

/// One parser, reused for every document this object decodes. Not thread-safe.
class stats_nba_decoder {
public:
  stats_nba_decoder();
  ~stats_nba_decoder();
  stats_nba_decoder(stats_nba_decoder&&) noexcept;
  stats_nba_decoder& operator=(stats_nba_decoder&&) noexcept;

  /// boxscoretraditionalv2: result sets PlayerStats and TeamStats (others are skipped).
  /// DNP rows are all null with the reason in COMMENT. The payload has no date and does not
  /// say which team is at home: the result has sides_known == false, an empty game key, and
  /// `away`/`home` hold the first/second team of PlayerStats (NBA.com lists visitors first).
  [[nodiscard]] decode_result<BoxScore> boxscore_v2(std::string_view json);

  /// boxscoretraditionalv3: {"meta", "boxScoreTraditional": {gameId, homeTeam, awayTeam}}.
  /// DNP players have minutes "" and a comment. No date either: the game key stays empty.
  [[nodiscard]] decode_result<BoxScore> boxscore_v3(std::string_view json);

private:
  std::unique_ptr<detail::json_session> session_;
};

} // namespace courtside::decode
