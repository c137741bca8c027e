#pragma once
// CAF 0.17 `inspect` functions for the domain types, so they can travel in actor messages
// (serialization for remote actors, deep_to_string for logs). Kept apart from types.hpp so
// that pure code never pulls in CAF.
//
// CAF 0.17 knows caf::optional but not std::optional, so optional fields go through
// `opt(x.field)`, a reference wrapper with its own inspect: one flag, then the value if set.
#include <optional>
#include <type_traits>
#include <utility>

#include <caf/meta/type_name.hpp>

#include "messages/types.hpp"

namespace courtside {
namespace inspect_support {

/// Lets a CAF inspector see a std::optional<T> as (engaged flag, value if engaged).
template <class T>
struct optional_ref {
  std::optional<T>& ref;
};

/// The value half of optional_ref while loading: read only when the flag said so.
template <class T>
struct optional_payload {
  bool& engaged;
  T& value;
};

/// What deep_to_string prints for an empty optional.
struct absent {};
inline const char* to_string(absent) {
  return "none";
}

template <class Inspector, class T>
typename Inspector::result_type inspect(Inspector& f, optional_payload<T>& x) {
  if (x.engaged)
    return f(x.value);
  return f();
}

// Saving (serializers): flag, then value.
template <class Inspector, class T>
std::enable_if_t<Inspector::reads_state && !std::is_void<typename Inspector::result_type>::value,
                 typename Inspector::result_type>
inspect(Inspector& f, optional_ref<T>& x) {
  if (x.ref)
    return f(true, *x.ref);
  return f(false);
}

// Printing (deep_to_string, whose inspector returns void): the value, or "none".
template <class Inspector, class T>
std::enable_if_t<Inspector::reads_state && std::is_void<typename Inspector::result_type>::value>
inspect(Inspector& f, optional_ref<T>& x) {
  if (x.ref)
    f(*x.ref);
  else
    f(absent{});
}

// Loading (deserializers): read the flag, then the value only if the flag is set.
template <class Inspector, class T>
std::enable_if_t<!Inspector::reads_state, typename Inspector::result_type>
inspect(Inspector& f, optional_ref<T>& x) {
  bool engaged = false;
  T tmp{};
  optional_payload<T> payload{engaged, tmp};
  auto result = f(engaged, payload);
  if (engaged)
    x.ref = std::move(tmp);
  else
    x.ref.reset();
  return result;
}

template <class T>
optional_ref<T> opt(std::optional<T>& x) {
  return optional_ref<T>{x};
}

} // namespace inspect_support

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Game& x) {
  using inspect_support::opt;
  return f(caf::meta::type_name("Game"), x.key, x.nba_game_id, opt(x.bdl_id), x.date,
           x.start_time_utc, x.home_tricode, x.away_tricode, opt(x.home_score),
           opt(x.away_score), x.status, opt(x.period), x.status_text, opt(x.season),
           opt(x.postseason));
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, StatLine& x) {
  using inspect_support::opt;
  return f(caf::meta::type_name("StatLine"), opt(x.seconds), opt(x.pts), opt(x.reb),
           opt(x.oreb), opt(x.dreb), opt(x.ast), opt(x.stl), opt(x.blk), opt(x.tov),
           opt(x.pf), opt(x.fgm), opt(x.fga), opt(x.fg3m), opt(x.fg3a), opt(x.ftm),
           opt(x.fta), opt(x.plus_minus));
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, TeamLine& x) {
  using inspect_support::opt;
  return f(caf::meta::type_name("TeamLine"), x.game_key, x.nba_game_id, x.side, x.tricode,
           x.name, opt(x.nba_team_id), opt(x.bdl_team_id), opt(x.score), x.totals);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, PlayerLine& x) {
  using inspect_support::opt;
  return f(caf::meta::type_name("PlayerLine"), x.game_key, x.nba_game_id, opt(x.bdl_game_id),
           opt(x.nba_player_id), opt(x.bdl_player_id), x.name, x.lookup_key, x.team_tricode,
           opt(x.starter), x.played, x.not_playing_reason, x.stats);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, BoxScore& x) {
  return f(caf::meta::type_name("BoxScore"), x.game, x.home, x.away, x.sides_known,
           x.players);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, ScheduleEntry& x) {
  using inspect_support::opt;
  return f(caf::meta::type_name("ScheduleEntry"), x.game, x.game_code, x.label,
           opt(x.if_necessary), opt(x.neutral_site), x.arena);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Player& x) {
  using inspect_support::opt;
  return f(caf::meta::type_name("Player"), opt(x.bdl_id), opt(x.nba_id), x.first_name,
           x.last_name, x.name, x.lookup_key, x.position, x.team_tricode, x.jersey_number,
           opt(x.draft_year));
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Event& x) {
  return f(caf::meta::type_name("Event"), x.id, x.sport_key, x.commence_time, x.home_team,
           x.away_team, x.home_tricode, x.away_tricode, x.game_key);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, PropLine& x) {
  using inspect_support::opt;
  return f(caf::meta::type_name("PropLine"), x.event_id, x.game_key, x.book, x.market,
           x.player_name, x.player_key, opt(x.line), opt(x.over_price), opt(x.under_price),
           x.outcome, opt(x.price), x.last_update);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, PageMeta& x) {
  using inspect_support::opt;
  return f(caf::meta::type_name("PageMeta"), opt(x.next_cursor), opt(x.per_page));
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, GamesPage& x) {
  return f(caf::meta::type_name("GamesPage"), x.games, x.meta);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, PlayerLinesPage& x) {
  return f(caf::meta::type_name("PlayerLinesPage"), x.lines, x.meta);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, BoxScoresPage& x) {
  return f(caf::meta::type_name("BoxScoresPage"), x.box_scores, x.meta);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, PlayersPage& x) {
  return f(caf::meta::type_name("PlayersPage"), x.players, x.meta);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Scoreboard& x) {
  return f(caf::meta::type_name("Scoreboard"), x.game_date, x.games);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Schedule& x) {
  return f(caf::meta::type_name("Schedule"), x.season, x.entries);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, OddsSnapshot& x) {
  return f(caf::meta::type_name("OddsSnapshot"), x.timestamp, x.events, x.props);
}

} // namespace courtside
