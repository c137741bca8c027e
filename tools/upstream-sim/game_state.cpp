#include "tools/upstream-sim/game_state.hpp"

#include <algorithm>
#include <cstdio>

#include "tools/upstream-sim/generators.hpp"

namespace courtside::upstream_sim {
namespace {

void scale_line(player_line& l, double f) {
  auto cut = [f](int v) { return static_cast<int>(v * f); };
  l.fgm = cut(l.fgm); l.fga = cut(l.fga); l.fg3m = cut(l.fg3m); l.fg3a = cut(l.fg3a);
  l.ftm = cut(l.ftm); l.fta = cut(l.fta); l.oreb = cut(l.oreb); l.dreb = cut(l.dreb);
  l.ast = cut(l.ast); l.stl = cut(l.stl); l.blk = cut(l.blk); l.tov = cut(l.tov); l.pf = cut(l.pf);
}

void cut_team(team_box& t, const std::vector<int>& final_periods, int elapsed) {
  const double f = elapsed / 2880.0;
  std::vector<double> weights;
  std::vector<player_line*> on;
  for (auto& l : t.players)
    if (l.seconds > 0) {
      weights.push_back(l.seconds);
      on.push_back(&l);
    }
  const auto seconds = apportion(5 * elapsed, weights);
  for (std::size_t i = 0; i < on.size(); ++i) {
    auto& l = *on[i];
    l.seconds = seconds[i];
    if (l.seconds == 0)
      scale_line(l, 0.0);
    else
      scale_line(l, f);
    l.pts = 2 * l.fgm + l.fg3m + l.ftm;
  }
  const game_state s{game_phase::live, elapsed};
  const int current = s.period();
  std::vector<double> pw;
  for (int p = 1; p <= current; ++p) {
    const double share = p < current ? 1.0 : (720 - s.clock()) / 720.0;
    pw.push_back(final_periods[static_cast<std::size_t>(p - 1)] * share);
  }
  auto live = apportion(t.points(), pw);
  live.resize(4, 0);
  t.periods = live;
}

} // namespace

game_state game_state::live_for(const game& g) {
  if (g.index % 10 == 0)
    return {game_phase::live, 1440};
  return {game_phase::live, 1500 + (g.index * 523) % 1300};
}

box_score partial_box(const box_score& final_box, int elapsed) {
  elapsed = std::clamp(elapsed, 1, 2879);
  box_score b = final_box;
  b.periods = 4;
  cut_team(b.home, final_box.home.periods, elapsed);
  cut_team(b.away, final_box.away.periods, elapsed);
  const int margin = b.home.points() - b.away.points();
  assign_plus_minus(nullptr, b.home, margin);
  assign_plus_minus(nullptr, b.away, -margin);
  return b;
}

std::string tip_text(const game& g) {
  const int h24 = g.tip_et_seconds / 3600, m = g.tip_et_seconds / 60 % 60;
  const int h12 = h24 % 12 == 0 ? 12 : h24 % 12;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d:%02d %s ET", h12, m, h24 < 12 ? "am" : "pm");
  return buf;
}

std::string status_text(const game& g, const game_state& s, int periods) {
  switch (s.phase) {
    case game_phase::scheduled:
      return tip_text(g);
    case game_phase::live: {
      if (s.halftime())
        return "Half";
      char buf[32];
      std::snprintf(buf, sizeof buf, "Q%d %d:%02d", s.period(), s.clock() / 60, s.clock() % 60);
      return buf;
    }
    case game_phase::final:
      break;
  }
  if (periods <= 4)
    return "Final";
  return periods == 5 ? "Final/OT" : "Final/" + std::to_string(periods - 4) + "OT";
}

} // namespace courtside::upstream_sim
