#pragma once
// Every decoder behind one switch, chosen by a kind name. The names are the ones the CLI
// uses (`courtside decode --format KIND FILE...`) and configs may use to name a payload.
#include <array>
#include <optional>
#include <string_view>
#include <variant>

#include "messages/decode/balldontlie.hpp"
#include "messages/decode/decode_error.hpp"
#include "messages/decode/nbacom.hpp"
#include "messages/decode/odds_api.hpp"
#include "messages/decode/stats_nba.hpp"
#include "messages/types.hpp"

namespace courtside::decode {

enum class decode_kind : std::uint8_t {
  bdl_games,         ///< "bdl-games": balldontlie /v1/games
  bdl_stats,         ///< "bdl-stats": balldontlie /v1/stats
  bdl_box_scores,    ///< "bdl-box-scores": balldontlie /v1/box_scores
  bdl_players,       ///< "bdl-players": balldontlie /v1/players, /v1/players/active
  nbacom_schedule,   ///< "nbacom-schedule": scheduleLeagueV2.json
  nbacom_scoreboard, ///< "nbacom-scoreboard": todaysScoreboard_00.json
  nbacom_boxscore,   ///< "nbacom-boxscore": liveData boxscore_<gameId>.json
  stats_boxscore_v2, ///< "stats-boxscore-v2": stats.nba.com boxscoretraditionalv2
  stats_boxscore_v3, ///< "stats-boxscore-v3": stats.nba.com boxscoretraditionalv3
  odds_events,       ///< "odds-events": The Odds API events (also historical)
  odds_event_odds,   ///< "odds-event-odds": The Odds API event odds / player props
};

inline constexpr std::array<decode_kind, 11> all_decode_kinds{
    decode_kind::bdl_games,         decode_kind::bdl_stats,         decode_kind::bdl_box_scores,
    decode_kind::bdl_players,       decode_kind::nbacom_schedule,   decode_kind::nbacom_scoreboard,
    decode_kind::nbacom_boxscore,   decode_kind::stats_boxscore_v2, decode_kind::stats_boxscore_v3,
    decode_kind::odds_events,       decode_kind::odds_event_odds,
};

/// "bdl-games", "nbacom-boxscore", ...
[[nodiscard]] const char* to_string(decode_kind kind) noexcept;
[[nodiscard]] std::optional<decode_kind> parse_decode_kind(std::string_view name) noexcept;

/// What any decoder may produce.
using decoded_document = std::variant<GamesPage, PlayerLinesPage, BoxScoresPage, PlayersPage,
                                      Schedule, Scoreboard, BoxScore, OddsSnapshot>;

/// Holds one decoder per upstream (so one parser each), reused across calls. Not thread-safe.
class any_decoder {
public:
  [[nodiscard]] decode_result<decoded_document> decode(decode_kind kind, std::string_view json);

private:
  balldontlie_decoder balldontlie_;
  nbacom_decoder nbacom_;
  stats_nba_decoder stats_nba_;
  odds_api_decoder odds_api_;
};

} // namespace courtside::decode
