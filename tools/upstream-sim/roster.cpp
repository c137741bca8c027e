// Rosters: 15 players per team with names, ids, bio fields and per-minute rates.
#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "tools/upstream-sim/generators.hpp"
#include "tools/upstream-sim/names.hpp"

namespace courtside::upstream_sim {
namespace {

constexpr int roster_size = 15;

// Rotation weights by depth: starters ~30-36 minutes, the end of the bench rarely plays.
constexpr double depth_weight[roster_size] = {36, 34, 33, 31, 30, 24, 22, 20, 17, 14, 11, 8, 7, 6, 6};

template <class T>
const T& pick(random_source& rng, const std::vector<T>& v) {
  return v[rng.below(v.size())];
}

std::string position_for(random_source& rng, int depth) {
  static const std::vector<std::string> by_slot[5] = {
      {"G"}, {"G", "G-F"}, {"F", "G-F", "F-G"}, {"F", "F-C"}, {"C", "C-F", "F-C"}};
  static const std::vector<std::string> bench = {"G", "G", "F", "F", "C", "G-F", "F-C", "F-G"};
  return depth < 5 ? pick(rng, by_slot[depth]) : pick(rng, bench);
}

void set_bio(random_source& rng, player& p) {
  const char kind = p.position.front();
  const int inches = kind == 'G' ? 73 + static_cast<int>(rng.below(6))
                     : kind == 'F' ? 78 + static_cast<int>(rng.below(5))
                                   : 82 + static_cast<int>(rng.below(6));
  p.height = std::to_string(inches / 12) + "-" + std::to_string(inches % 12);
  p.weight = std::to_string(180 + (inches - 73) * 6 + static_cast<int>(rng.below(25)));
  p.college = std::string{pick(rng, pools().colleges)};
  if (rng.uniform01() < 0.12)
    return;  // undrafted: draft fields stay null
  p.draft_year = 2012 + static_cast<int>(rng.below(14));
  p.draft_round = rng.uniform01() < 0.7 ? 1 : 2;
  p.draft_number = (*p.draft_round - 1) * 30 + 1 + static_cast<int>(rng.below(30));
}

void set_rates(random_source& rng, player& p) {
  const char kind = p.position.front();
  const bool guard = kind == 'G', center = kind == 'C';
  p.minutes_weight = depth_weight[p.depth];
  // Tuned so that a team takes ~88 shots and ~22 free throws and scores ~112, as in the NBA.
  p.shots = p.depth == 0 ? uniform(rng, 0.48, 0.55)
            : p.depth == 1 ? uniform(rng, 0.40, 0.47)
                           : uniform(rng, 0.28, 0.36);
  p.three_share = center ? uniform(rng, 0.05, 0.3) : guard ? uniform(rng, 0.38, 0.55) : uniform(rng, 0.3, 0.5);
  p.two_pct = center ? uniform(rng, 0.58, 0.66) : uniform(rng, 0.48, 0.58);
  p.three_pct = uniform(rng, 0.32, 0.40);
  p.free_throws = p.depth < 2 ? uniform(rng, 0.10, 0.16) : uniform(rng, 0.05, 0.09);
  p.ft_pct = center ? uniform(rng, 0.6, 0.75) : uniform(rng, 0.72, 0.92);
  p.rebounds = center ? uniform(rng, 0.28, 0.38) : guard ? uniform(rng, 0.1, 0.16) : uniform(rng, 0.17, 0.25);
  p.oreb_share = center ? uniform(rng, 0.25, 0.4) : uniform(rng, 0.1, 0.25);
  p.assists = guard ? uniform(rng, 0.15, 0.3) : center ? uniform(rng, 0.05, 0.1) : uniform(rng, 0.06, 0.13);
  p.steals = uniform(rng, 0.02, 0.045);
  p.blocks = center ? uniform(rng, 0.04, 0.07) : guard ? uniform(rng, 0.005, 0.015) : uniform(rng, 0.015, 0.03);
  p.turnovers = uniform(rng, 0.04, 0.08);
  p.fouls = uniform(rng, 0.05, 0.1);
}

std::int64_t unique_id(random_source& rng, std::set<std::int64_t>& used, std::int64_t lo, std::int64_t span) {
  for (;;) {
    const std::int64_t id = lo + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(span)));
    if (used.insert(id).second)
      return id;
  }
}

/// balldontlie ids: mostly small, some above 10^9 (as recent signings are), a few above 2^31
/// so that a decoder storing them in 32 bits fails here rather than in production.
std::int64_t bdl_id(random_source& rng, std::set<std::int64_t>& used) {
  const double u = rng.uniform01();
  if (u < 0.05)
    return unique_id(rng, used, 2'200'000'000, 100'000'000);
  if (u < 0.2)
    return unique_id(rng, used, 1'000'000'000, 100'000'000);
  return unique_id(rng, used, 1, 2000);
}

} // namespace

std::vector<player> generate_players(std::uint64_t seed) {
  std::vector<player> out;
  std::set<std::string> names;
  std::set<std::int64_t> nba_ids, bdl_ids;
  for (int team = 0; team < static_cast<int>(team_count); ++team) {
    std::set<int> jerseys;
    for (int depth = 0; depth < roster_size; ++depth) {
      auto rng = stream_rng(seed, stream::roster, static_cast<std::uint64_t>(team * roster_size + depth));
      player p;
      p.team = team;
      p.depth = depth;
      p.position = position_for(rng, depth);
      do {
        p.first_name = std::string{pick(rng, pools().first)};
        p.country = "USA";
        if (rng.uniform01() < 0.18) {
          p.last_name = std::string{pick(rng, pools().accented_last)};
          p.country = std::string{pick(rng, pools().countries)};
        } else {
          p.last_name = std::string{pick(rng, pools().last)};
          if (rng.uniform01() < 0.1)
            p.last_name += pick(rng, pools().suffixes);
        }
      } while (!names.insert(p.full_name()).second);
      int jersey = 0;
      do jersey = static_cast<int>(rng.below(100));
      while (!jerseys.insert(jersey).second);
      p.jersey = std::to_string(jersey);
      p.nba_id = depth < 2 && rng.uniform01() < 0.5 ? unique_id(rng, nba_ids, 201'000, 3'000)
                                                    : unique_id(rng, nba_ids, 1'626'000, 17'000);
      p.bdl_id = bdl_id(rng, bdl_ids);
      set_bio(rng, p);
      set_rates(rng, p);
      out.push_back(std::move(p));
    }
  }
  return out;
}

} // namespace courtside::upstream_sim
