#pragma once
// Spellings shared by the serializers: the three minutes formats, percentages and the
// timestamp variants the real payloads use. Pure string code.
#include <cstdint>
#include <string>

#include "tools/upstream-sim/game_state.hpp"
#include "tools/upstream-sim/league.hpp"

namespace courtside::upstream_sim {

/// What a serializer renders for one game: its state and, unless scheduled, the box score
/// as of that state (the final one, or partial_box for a live game).
struct game_view {
  const game& g;
  game_state state;
  const box_score* box = nullptr;  // null when scheduled
};

/// NBA.com CDN: "PT30M19.00S" (team totals "PT240M00.00S").
[[nodiscard]] std::string cdn_minutes(int seconds);
/// NBA.com CDN minutesCalculated: whole minutes, rounded, no seconds part: "PT30M".
[[nodiscard]] std::string cdn_minutes_rounded(int seconds);
/// CDN gameClock: "PT05M12.00S"; "PT00M00.00S" at the end of a period.
[[nodiscard]] std::string cdn_clock(int seconds);
/// stats.nba.com: "49:25", "4:06", team "265:00".
[[nodiscard]] std::string stats_minutes(int seconds);
/// balldontlie: whole minutes as a two-digit string, "06", "00", "38".
[[nodiscard]] std::string bdl_minutes(int seconds);

/// made / attempted, 0 when nothing was attempted.
[[nodiscard]] double ratio(int made, int attempted);

/// "2026-02-12T00:00:00Z".
[[nodiscard]] std::string utc_z(std::int64_t epoch);
/// "2026-02-12T00:00:00.000Z" (balldontlie datetime).
[[nodiscard]] std::string utc_millis(std::int64_t epoch);
/// "2026-02-11T19:00:00-05:00".
[[nodiscard]] std::string local_with_offset(std::int64_t epoch, int offset_minutes);
/// "2026-02-11T19:00:00Z": the local wall clock mislabelled as UTC, as NBA.com does.
[[nodiscard]] std::string local_as_z(std::int64_t epoch, int offset_minutes);

/// The stats line's "starter" position letter by lineup slot: G, G, F, F, C.
[[nodiscard]] const char* lineup_letter(std::size_t slot);
/// The CDN's starter position by lineup slot: PG, SG, SF, PF, C.
[[nodiscard]] const char* lineup_position(std::size_t slot);

} // namespace courtside::upstream_sim
