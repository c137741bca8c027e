#include "messages/decode/any_decoder.hpp"

namespace courtside::decode {
namespace {

template <class T>
decode_result<decoded_document> widen(decode_result<T>&& result) {
  if (!result.ok())
    return result.error();
  return decoded_document{std::move(result).value()};
}

} // namespace

const char* to_string(decode_kind kind) noexcept {
  switch (kind) {
    case decode_kind::bdl_games:
      return "bdl-games";
    case decode_kind::bdl_stats:
      return "bdl-stats";
    case decode_kind::bdl_box_scores:
      return "bdl-box-scores";
    case decode_kind::bdl_players:
      return "bdl-players";
    case decode_kind::nbacom_schedule:
      return "nbacom-schedule";
    case decode_kind::nbacom_scoreboard:
      return "nbacom-scoreboard";
    case decode_kind::nbacom_boxscore:
      return "nbacom-boxscore";
    case decode_kind::stats_boxscore_v2:
      return "stats-boxscore-v2";
    case decode_kind::stats_boxscore_v3:
      return "stats-boxscore-v3";
    case decode_kind::odds_events:
      return "odds-events";
    case decode_kind::odds_event_odds:
      return "odds-event-odds";
  }
  return "unknown";
}

std::optional<decode_kind> parse_decode_kind(std::string_view name) noexcept {
  for (decode_kind kind : all_decode_kinds)
    if (name == to_string(kind))
      return kind;
  return std::nullopt;
}

decode_result<decoded_document> any_decoder::decode(decode_kind kind, std::string_view json) {
  switch (kind) {
    case decode_kind::bdl_games:
      return widen(balldontlie_.games(json));
    case decode_kind::bdl_stats:
      return widen(balldontlie_.stats(json));
    case decode_kind::bdl_box_scores:
      return widen(balldontlie_.box_scores(json));
    case decode_kind::bdl_players:
      return widen(balldontlie_.players(json));
    case decode_kind::nbacom_schedule:
      return widen(nbacom_.schedule(json));
    case decode_kind::nbacom_scoreboard:
      return widen(nbacom_.scoreboard(json));
    case decode_kind::nbacom_boxscore:
      return widen(nbacom_.boxscore(json));
    case decode_kind::stats_boxscore_v2:
      return widen(stats_nba_.boxscore_v2(json));
    case decode_kind::stats_boxscore_v3:
      return widen(stats_nba_.boxscore_v3(json));
    case decode_kind::odds_events:
      return widen(odds_api_.events(json));
    case decode_kind::odds_event_odds:
      return widen(odds_api_.event_odds(json));
  }
  decode_error error;
  error.code = decode_errc::invalid_value;
  error.detail = "unknown decode kind";
  return error;
}

} // namespace courtside::decode
