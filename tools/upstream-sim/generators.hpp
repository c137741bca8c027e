#pragma once
// The league's generators, one per file: rosters (roster.cpp), the schedule (schedule.cpp),
// box scores (box_score.cpp) and prop lines (props.cpp). Each is a pure function of the seed
// and its inputs. league.cpp assembles them; tests reach them through `league`.
#include <cstdint>
#include <vector>

#include "runtime/random.hpp"
#include "tools/upstream-sim/league.hpp"

namespace courtside::upstream_sim {

/// Purposes for stream_seed: one independent random stream per generator and index.
enum class stream : std::uint64_t { roster = 1, schedule, box_score, props, event_id, tip };

[[nodiscard]] inline random_source stream_rng(std::uint64_t seed, stream purpose, std::uint64_t index) {
  return random_source{stream_seed(seed, static_cast<std::uint64_t>(purpose), index)};
}

/// 15 players per team, team by team (index = team * 15 + depth).
[[nodiscard]] std::vector<player> generate_players(std::uint64_t seed);

/// 1230 games in chronological order with ids, dates and tip-off times filled in (records,
/// attendance and duration too); box scores are generated separately.
[[nodiscard]] std::vector<game> generate_schedule(std::uint64_t seed, civil_date season_start);

/// The final box score of a game.
[[nodiscard]] box_score generate_box_score(std::uint64_t seed, const game& g,
                                           const std::vector<player>& players,
                                           const std::vector<std::vector<int>>& rosters);

/// Both books' lines for a game; players are the top of each rotation who are not inactive.
[[nodiscard]] std::vector<book_props> generate_props(std::uint64_t seed, const game& g,
                                                     const box_score& box,
                                                     const std::vector<player>& players);

/// Splits `total` (>= 0) in proportion to `weights` by largest remainder, so the parts sum to
/// exactly `total`; equal weights when they sum to zero.
[[nodiscard]] std::vector<int> apportion(int total, const std::vector<double>& weights);

/// Plus-minus for the players with minutes: 5 * margin split by seconds, plus zero-sum noise
/// when `rng` is given. The sum over the team is exactly 5 * margin.
void assign_plus_minus(random_source* rng, team_box& box, int margin);

/// Poisson-distributed count with mean `mean` (Knuth; the means here are small).
[[nodiscard]] int poisson(random_source& rng, double mean);
/// Number of successes in `n` trials of probability `p`.
[[nodiscard]] int binomial(random_source& rng, int n, double p);
/// Uniform double in [lo, hi).
[[nodiscard]] inline double uniform(random_source& rng, double lo, double hi) {
  return lo + (hi - lo) * rng.uniform01();
}

} // namespace courtside::upstream_sim
