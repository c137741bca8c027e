// The 1230-game season. Every team plays once per "round" (15 games), 82 rounds in all:
// two full round robins (29 rounds each, the second with home and away swapped) plus 24
// rounds of a third, relabelled round robin whose home sides come from closed trails through
// its 24-regular graph, so every team ends with exactly 41 home games. A round is spread over
// two days, so no team plays twice on a day; a few league-wide off days are skipped.
#include <algorithm>
#include <cstdio>
#include <utility>

#include "tools/upstream-sim/generators.hpp"

namespace courtside::upstream_sim {
namespace {

constexpr int n_teams = static_cast<int>(team_count);
using pairing = std::pair<int, int>;  // (home, away)
using round_games = std::vector<pairing>;

/// Circle method: round r pairs the fixed team 29 with r, and (r+k, r-k) mod 29.
std::vector<round_games> round_robin(const std::vector<int>& label) {
  std::vector<round_games> rounds;
  for (int r = 0; r < n_teams - 1; ++r) {
    round_games games;
    const int a = label[static_cast<std::size_t>(n_teams - 1)], b = label[static_cast<std::size_t>(r)];
    games.emplace_back(r % 2 == 0 ? a : b, r % 2 == 0 ? b : a);
    for (int k = 1; k < n_teams / 2; ++k) {
      const int x = label[static_cast<std::size_t>((r + k) % (n_teams - 1))];
      const int y = label[static_cast<std::size_t>((r - k + n_teams - 1) % (n_teams - 1))];
      games.emplace_back(k % 2 == 1 ? x : y, k % 2 == 1 ? y : x);
    }
    rounds.push_back(std::move(games));
  }
  return rounds;
}

/// Re-orients the games of `rounds` so that every team hosts exactly half of its games:
/// walking closed trails through an even-degree graph enters each vertex as often as it
/// leaves it. The walk can only get stuck where it started, because degrees are even.
void balance_home_away(std::vector<round_games>& rounds) {
  struct edge { std::size_t round, slot; int a, b; bool used = false; };
  std::vector<edge> edges;
  std::vector<std::vector<std::size_t>> incident(static_cast<std::size_t>(n_teams));
  for (std::size_t r = 0; r < rounds.size(); ++r)
    for (std::size_t s = 0; s < rounds[r].size(); ++s) {
      const auto [h, a] = rounds[r][s];
      incident[static_cast<std::size_t>(h)].push_back(edges.size());
      incident[static_cast<std::size_t>(a)].push_back(edges.size());
      edges.push_back({r, s, h, a});
    }
  std::vector<std::size_t> next(static_cast<std::size_t>(n_teams), 0);
  for (int start = 0; start < n_teams; ++start) {
    int at = start;
    for (;;) {
      auto& cursor = next[static_cast<std::size_t>(at)];
      const auto& list = incident[static_cast<std::size_t>(at)];
      while (cursor < list.size() && edges[list[cursor]].used) ++cursor;
      if (cursor == list.size())
        break;  // back at `start` with nothing left: the trail is closed
      auto& e = edges[list[cursor]];
      e.used = true;
      const int to = e.a == at ? e.b : e.a;
      rounds[e.round][e.slot] = {to, at};  // leaving `at` = playing away at `to`
      at = to;
    }
  }
}

std::vector<round_games> all_rounds(random_source& rng) {
  std::vector<int> identity(n_teams), shuffled(n_teams);
  for (int i = 0; i < n_teams; ++i) identity[static_cast<std::size_t>(i)] = shuffled[static_cast<std::size_t>(i)] = i;
  for (std::size_t i = shuffled.size() - 1; i > 0; --i)
    std::swap(shuffled[i], shuffled[rng.below(i + 1)]);
  auto rounds = round_robin(identity);
  auto second = rounds;
  for (auto& r : second)
    for (auto& g : r) std::swap(g.first, g.second);
  auto third = round_robin(shuffled);
  third.resize(82 - 2 * (n_teams - 1));
  balance_home_away(third);
  rounds.insert(rounds.end(), second.begin(), second.end());
  rounds.insert(rounds.end(), third.begin(), third.end());
  for (std::size_t i = rounds.size() - 1; i > 0; --i)
    std::swap(rounds[i], rounds[rng.below(i + 1)]);
  return rounds;
}

/// Thanksgiving, Christmas Eve and the All-Star break have no games.
bool off_day(civil_date d, int season_year) {
  const civil_date nov1{season_year, 11, 1};
  const civil_date thanksgiving = add_days(nov1, (4 - weekday(nov1) + 7) % 7 + 21);
  const civil_date feb1{season_year + 1, 2, 1};
  const civil_date all_star = add_days(feb1, (7 - weekday(feb1)) % 7 + 14);
  const bool break_days = !(d < add_days(all_star, -2)) && !(add_days(all_star, 3) < d);
  return d == thanksgiving || d == civil_date{season_year, 12, 24} || break_days;
}

/// Tip-off in Eastern seconds: late for West Coast hosts, afternoons on some weekends.
int tip_time(random_source& rng, const team_info& host, civil_date d) {
  const int wd = weekday(d);
  if ((wd == 0 || wd == 6) && rng.uniform01() < 0.15)
    return rng.uniform01() < 0.5 ? 15 * 3600 + 1800 : 18 * 3600;
  const int zone = host.standard_offset_minutes;
  static const int eastern[] = {19 * 3600, 19 * 3600, 19 * 3600 + 1800, 19 * 3600 + 1800, 20 * 3600};
  static const int central[] = {20 * 3600, 20 * 3600, 20 * 3600 + 1800, 19 * 3600 + 1800};
  static const int mountain[] = {21 * 3600, 21 * 3600, 22 * 3600};
  static const int pacific[] = {22 * 3600, 22 * 3600, 22 * 3600 + 1800, 22 * 3600 + 1800};
  if (zone == -300) return eastern[rng.below(5)];
  if (zone == -360) return central[rng.below(4)];
  if (zone == -420) return mountain[rng.below(3)];
  return pacific[rng.below(4)];
}

std::string event_id(std::uint64_t seed, int index) {
  auto rng = stream_rng(seed, stream::event_id, static_cast<std::uint64_t>(index));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(rng.next()),
                static_cast<unsigned long long>(rng.next()));
  return buf;
}

} // namespace

std::vector<game> generate_schedule(std::uint64_t seed, civil_date season_start) {
  auto rng = stream_rng(seed, stream::schedule, 0);
  const auto rounds = all_rounds(rng);
  std::vector<game> out;
  civil_date day = season_start;
  auto next_day = [&] {
    do day = add_days(day, 1);
    while (off_day(day, season_start.year));
  };
  while (off_day(day, season_start.year)) day = add_days(day, 1);
  for (const auto& round : rounds) {
    const std::size_t first_day = 5 + rng.below(6);
    for (std::size_t i = 0; i < round.size(); ++i) {
      if (i == first_day)
        next_day();
      game g;
      g.home = round[i].first;
      g.away = round[i].second;
      g.date = day;
      out.push_back(g);
    }
    next_day();
  }
  for (auto& g : out) {
    const auto key = static_cast<std::uint64_t>(g.home * 1000 + g.away)
                     ^ (static_cast<std::uint64_t>(days_from_civil(g.date)) << 20);
    auto tip_rng = stream_rng(seed, stream::tip, key);
    g.tip_et_seconds = tip_time(tip_rng, teams()[static_cast<std::size_t>(g.home)], g.date);
    g.attendance = 15000 + static_cast<int>(tip_rng.below(6200));
    g.duration_minutes = 125 + static_cast<int>(tip_rng.below(30));
  }
  std::stable_sort(out.begin(), out.end(), [](const game& a, const game& b) {
    if (a.date != b.date) return a.date < b.date;
    if (a.tip_et_seconds != b.tip_et_seconds) return a.tip_et_seconds < b.tip_et_seconds;
    return teams()[static_cast<std::size_t>(a.home)].tricode < teams()[static_cast<std::size_t>(b.home)].tricode;
  });
  const int season_code = season_start.year % 100;
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto& g = out[i];
    g.index = static_cast<int>(i);
    char id[32];
    std::snprintf(id, sizeof id, "002%02d%05d", season_code, g.index + 1);
    g.nba_id = id;
    g.bdl_id = 18'446'820 + g.index;
    g.event_id = event_id(seed, g.index);
    g.sequence = i > 0 && out[i - 1].date == g.date ? out[i - 1].sequence + 1 : 1;
  }
  return out;
}

} // namespace courtside::upstream_sim
