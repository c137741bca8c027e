#pragma once
// Where a game stands when a request asks about it: scheduled, live (with how much of
// regulation has been played) or final. A live game's box score is the final one cut back to
// the elapsed share, with every invariant kept, so "not final yet" payloads decode too.
#include <algorithm>
#include <string>

#include "tools/upstream-sim/league.hpp"

namespace courtside::upstream_sim {

enum class game_phase : std::uint8_t { scheduled, live, final };

struct game_state {
  game_phase phase = game_phase::final;
  int elapsed = 0;  // live: seconds of regulation played, 1..2879

  [[nodiscard]] static game_state scheduled() { return {game_phase::scheduled, 0}; }
  [[nodiscard]] static game_state finished() { return {game_phase::final, 0}; }
  /// The live moment the simulator uses for a game that is "not final yet": somewhere in the
  /// second half, at halftime for every tenth game.
  [[nodiscard]] static game_state live_for(const game& g);

  /// At a period's end (halftime included) the period just finished is still the current
  /// one, with 0:00 on the clock, as the real feeds show it.
  [[nodiscard]] int period() const {
    if (elapsed >= 2880) return 4;
    return elapsed > 0 && elapsed % 720 == 0 ? elapsed / 720 : elapsed / 720 + 1;
  }
  /// Seconds left in the current period.
  [[nodiscard]] int clock() const { return period() * 720 - std::min(elapsed, 2880); }
  [[nodiscard]] bool halftime() const { return elapsed == 1440; }
};

/// The box score as it stood `elapsed` seconds into regulation: every count scaled down
/// (rounding down keeps made <= attempted), minutes re-split so they sum to 5 * elapsed,
/// points recomputed, periods after the current one zero.
[[nodiscard]] box_score partial_box(const box_score& final_box, int elapsed);

/// "Q3 5:12", "Half", "Final", "Final/OT", "Final/2OT", or the tip-off time for a
/// scheduled game ("7:30 pm ET").
[[nodiscard]] std::string status_text(const game& g, const game_state& s, int periods);

/// "7:30 pm ET".
[[nodiscard]] std::string tip_text(const game& g);

} // namespace courtside::upstream_sim
