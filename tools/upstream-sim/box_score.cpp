// Final box scores. Stats are drawn per player from his per-minute rates and the minutes he
// got; team points are whatever the players scored (never forced), then one free throw
// breaks a tie. Overtime games get regulation period scores that are level for both teams.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "tools/upstream-sim/generators.hpp"
#include "tools/upstream-sim/names.hpp"

namespace courtside::upstream_sim {
namespace {

/// Who is out tonight: two-way players usually, ~5 % injuries, and the coach's rotation of
/// 9-11 players; at least 8 always play.
void decide_availability(random_source& rng, const std::vector<player>& players, std::vector<player_line>& lines) {
  int available = 0;
  for (auto& l : lines) {
    const auto& p = players[static_cast<std::size_t>(l.player)];
    if (p.depth >= 13 && rng.uniform01() < 0.6) {
      l.why = absence::two_way;
    } else if (rng.uniform01() < 0.05 && available < 13) {
      l.why = absence::injury;
      l.injury = static_cast<int>(rng.below(pools().injuries.size()));
    } else {
      ++available;
    }
  }
  for (auto it = lines.begin(); available < 8 && it != lines.end(); ++it)
    if (it->why == absence::injury) {
      it->why = absence::none;
      ++available;
    }
  const int rotation = 9 + static_cast<int>(rng.below(3));
  int playing = 0;
  for (auto& l : lines)
    if (l.why == absence::none && ++playing > rotation)
      l.why = absence::coach_decision;
}

void draw_stats(random_source& rng, const player& p, player_line& l) {
  const double m = l.seconds / 60.0;
  // Shot volume varies less than a Poisson count would: coaches run plays for their scorers.
  l.fga = binomial(rng, static_cast<int>(std::lround(2 * m * p.shots)), 0.5);
  l.fg3a = binomial(rng, l.fga, p.three_share);
  const int fg3m = binomial(rng, l.fg3a, p.three_pct);
  const int fg2m = binomial(rng, l.fga - l.fg3a, p.two_pct);
  l.fg3m = fg3m;
  l.fgm = fg2m + fg3m;
  l.fta = poisson(rng, m * p.free_throws);
  l.ftm = binomial(rng, l.fta, p.ft_pct);
  const int reb = poisson(rng, m * p.rebounds);
  l.oreb = binomial(rng, reb, p.oreb_share);
  l.dreb = reb - l.oreb;
  l.ast = poisson(rng, m * p.assists);
  l.stl = poisson(rng, m * p.steals);
  l.blk = poisson(rng, m * p.blocks);
  l.tov = poisson(rng, m * p.turnovers);
  l.pf = std::min(6, poisson(rng, m * p.fouls));
  l.pts = 2 * l.fgm + l.fg3m + l.ftm;
}

/// apportion, but nobody gets more than `cap` (a player cannot play longer than the game):
/// the excess of a capped share goes to the others, in proportion.
std::vector<int> apportion_capped(int total, std::vector<double> weights, int cap) {
  auto parts = apportion(total, weights);
  for (;;) {
    int fixed = 0;
    bool over = false;
    for (std::size_t i = 0; i < parts.size(); ++i)
      if (weights[i] == 0 || parts[i] >= cap) {
        over = over || parts[i] > cap;
        weights[i] = 0;
        fixed += cap;
      }
    if (!over)
      return parts;
    auto rest = apportion(total - fixed, weights);
    for (std::size_t i = 0; i < parts.size(); ++i) parts[i] = weights[i] == 0 ? cap : rest[i];
  }
}

team_box generate_team(random_source& rng, int team, const std::vector<int>& roster,
                       const std::vector<player>& players, int game_seconds) {
  team_box box;
  box.team = team;
  std::vector<player_line> lines;
  for (int idx : roster) {
    player_line l;
    l.player = idx;
    lines.push_back(l);
  }
  decide_availability(rng, players, lines);
  // Order as the box scores list them: starters, bench that played, DNPs, inactive.
  auto rank = [](const player_line& l) {
    return l.why == absence::none ? 0 : l.why == absence::coach_decision ? 1 : 2;
  };
  std::stable_sort(lines.begin(), lines.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  std::vector<double> weights;
  for (std::size_t i = 0; i < lines.size() && lines[i].played(); ++i) {
    lines[i].starter = i < 5;
    weights.push_back(players[static_cast<std::size_t>(lines[i].player)].minutes_weight * uniform(rng, 0.85, 1.15));
  }
  const auto seconds = apportion_capped(5 * game_seconds, weights, game_seconds);
  for (std::size_t i = 0; i < seconds.size(); ++i) {
    lines[i].seconds = seconds[i];
    draw_stats(rng, players[static_cast<std::size_t>(lines[i].player)], lines[i]);
  }
  box.players = std::move(lines);
  return box;
}

void add_free_throw(random_source& rng, team_box& box) {
  std::vector<player_line*> on;
  for (auto& l : box.players)
    if (l.played()) on.push_back(&l);
  auto& l = *on[rng.below(on.size())];
  ++l.ftm;
  ++l.fta;
  ++l.pts;
}

std::vector<int> split_regulation(random_source& rng, int points) {
  std::vector<double> w;
  for (int q = 0; q < 4; ++q) w.push_back(uniform(rng, 0.8, 1.2));
  return apportion(points, w);
}

/// Period scores: regulation level for both teams when there is overtime, and every
/// overtime but the last level too.
void split_periods(random_source& rng, box_score& b) {
  const int overtimes = b.periods - 4;
  const int hp = b.home.points(), ap = b.away.points();
  if (overtimes == 0) {
    b.home.periods = split_regulation(rng, hp);
    b.away.periods = split_regulation(rng, ap);
    return;
  }
  std::vector<int> tied;
  for (int i = 0; i + 1 < overtimes; ++i) tied.push_back(6 + static_cast<int>(rng.below(7)));
  const int loser = std::min(hp, ap), winner = std::max(hp, ap);
  const int tied_sum = std::accumulate(tied.begin(), tied.end(), 0);
  const int loser_last = 4 + static_cast<int>(rng.below(7));
  const int regulation = loser - tied_sum - loser_last;
  const int winner_last = winner - tied_sum - regulation;
  b.home.periods = split_regulation(rng, regulation);
  b.away.periods = split_regulation(rng, regulation);
  for (int t : tied) {
    b.home.periods.push_back(t);
    b.away.periods.push_back(t);
  }
  b.home.periods.push_back(hp > ap ? winner_last : loser_last);
  b.away.periods.push_back(hp > ap ? loser_last : winner_last);
}

} // namespace

void assign_plus_minus(random_source* rng, team_box& box, int margin) {
  std::vector<double> w;
  std::vector<player_line*> on;
  for (auto& l : box.players)
    if (l.seconds > 0) {
      w.push_back(l.seconds);
      on.push_back(&l);
    } else {
      l.plus_minus = 0;
    }
  const auto parts = apportion(std::abs(5 * margin), w);
  for (std::size_t i = 0; i < on.size(); ++i) on[i]->plus_minus = margin < 0 ? -parts[i] : parts[i];
  // Zero-sum noise: some players outscore their team while on court.
  for (std::size_t i = 0; rng != nullptr && i + 1 < on.size(); i += 2) {
    const int shift = static_cast<int>(rng->below(9)) - 4;
    on[i]->plus_minus += shift;
    on[i + 1]->plus_minus -= shift;
  }
}

box_score generate_box_score(std::uint64_t seed, const game& g, const std::vector<player>& players,
                             const std::vector<std::vector<int>>& rosters) {
  auto rng = stream_rng(seed, stream::box_score, static_cast<std::uint64_t>(g.index));
  box_score b;
  b.game = g.index;
  const double u = rng.uniform01();
  b.periods = 4 + (u < 0.002 ? 3 : u < 0.012 ? 2 : u < 0.06 ? 1 : 0);
  b.home = generate_team(rng, g.home, rosters[static_cast<std::size_t>(g.home)], players, b.game_seconds());
  b.away = generate_team(rng, g.away, rosters[static_cast<std::size_t>(g.away)], players, b.game_seconds());
  if (b.home.points() == b.away.points())
    add_free_throw(rng, rng.uniform01() < 0.5 ? b.home : b.away);
  split_periods(rng, b);
  const int margin = b.home.points() - b.away.points();
  assign_plus_minus(&rng, b.home, margin);
  assign_plus_minus(&rng, b.away, -margin);
  return b;
}

int team_box::points() const {
  int sum = 0;
  for (const auto& l : players) sum += l.pts;
  return sum;
}

player_line team_box::totals() const {
  player_line t;
  for (const auto& l : players) {
    t.seconds += l.seconds;
    t.fgm += l.fgm; t.fga += l.fga; t.fg3m += l.fg3m; t.fg3a += l.fg3a;
    t.ftm += l.ftm; t.fta += l.fta; t.oreb += l.oreb; t.dreb += l.dreb;
    t.ast += l.ast; t.stl += l.stl; t.blk += l.blk; t.tov += l.tov; t.pf += l.pf;
    t.pts += l.pts; t.plus_minus += l.plus_minus;
  }
  return t;
}

std::vector<int> apportion(int total, const std::vector<double>& weights) {
  std::vector<int> out(weights.size(), 0);
  if (weights.empty())
    return out;
  double sum = 0;
  for (double w : weights) sum += w;
  std::vector<double> share(weights.size());
  for (std::size_t i = 0; i < weights.size(); ++i)
    share[i] = sum > 0 ? total * weights[i] / sum : static_cast<double>(total) / static_cast<double>(weights.size());
  int given = 0;
  for (std::size_t i = 0; i < share.size(); ++i) {
    out[i] = static_cast<int>(std::floor(share[i]));
    given += out[i];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return share[a] - std::floor(share[a]) > share[b] - std::floor(share[b]);
  });
  for (std::size_t k = 0; given < total; k = (k + 1) % order.size(), ++given) ++out[order[k]];
  return out;
}

int poisson(random_source& rng, double mean) {
  if (mean <= 0)
    return 0;
  const double limit = std::exp(-mean);
  int k = 0;
  double p = rng.uniform01();
  while (p > limit) {
    ++k;
    p *= rng.uniform01();
  }
  return k;
}

int binomial(random_source& rng, int n, double p) {
  int k = 0;
  for (int i = 0; i < n; ++i)
    if (rng.uniform01() < p) ++k;
  return k;
}

} // namespace courtside::upstream_sim
