// Player-prop lines from two books. A line sits half a point off the player's expected
// count (from his rates and expected minutes); the two books disagree by a point now and
// then and price with ~4.5 % overround, as real books do.
#include <algorithm>
#include <cmath>
#include <tuple>

#include "tools/upstream-sim/generators.hpp"

namespace courtside::upstream_sim {
namespace {

constexpr int props_per_team = 8;

struct expectation {
  int player;
  double points, rebounds, assists;
};

/// The top of the rotation among players not listed inactive, with expected counts.
std::vector<expectation> expected_lines(const team_box& t, const std::vector<player>& players) {
  std::vector<const player*> avail;
  std::vector<int> idx;
  for (const auto& l : t.players)
    if (l.why == absence::none || l.why == absence::coach_decision) {
      avail.push_back(&players[static_cast<std::size_t>(l.player)]);
      idx.push_back(l.player);
    }
  double total_weight = 0;
  for (std::size_t i = 0; i < avail.size() && i < 10; ++i) total_weight += avail[i]->minutes_weight;
  std::vector<expectation> out;
  for (std::size_t i = 0; i < avail.size() && out.size() < props_per_team; ++i) {
    const auto& p = *avail[i];
    const double m = std::min(40.0, 240.0 * p.minutes_weight / total_weight);
    const double per_shot = (1 - p.three_share) * p.two_pct * 2 + p.three_share * p.three_pct * 3;
    out.push_back({idx[i], m * (p.shots * per_shot + p.free_throws * p.ft_pct), m * p.rebounds,
                   m * p.assists});
  }
  return out;
}

double round2(double v) { return std::round(v * 100.0) / 100.0; }

/// Decimal prices for an over/under at `line` with over-probability near 50 %.
std::pair<double, double> prices(random_source& rng, double mean, double line) {
  const double p = std::clamp(0.5 + (mean - line) * 0.04 + uniform(rng, -0.03, 0.03), 0.3, 0.7);
  constexpr double overround = 1.045;
  return {round2(1.0 / (p * overround)), round2(1.0 / ((1.0 - p) * overround))};
}

prop_line make_line(random_source& rng, int player, prop_market market, double mean, int shift) {
  prop_line l;
  l.player = player;
  l.market = market;
  l.point = std::max(0.5, std::floor(mean) + 0.5 + shift);
  std::tie(l.over_price, l.under_price) = prices(rng, mean, l.point);
  return l;
}

} // namespace

std::string_view market_key(prop_market m) {
  switch (m) {
    case prop_market::points: return "player_points";
    case prop_market::rebounds: return "player_rebounds";
    case prop_market::assists: return "player_assists";
  }
  return "player_points";
}

std::vector<book_props> generate_props(std::uint64_t seed, const game& g, const box_score& box,
                                       const std::vector<player>& players) {
  auto rng = stream_rng(seed, stream::props, static_cast<std::uint64_t>(g.index));
  auto lines = expected_lines(box.away, players);
  const auto home = expected_lines(box.home, players);
  lines.insert(lines.end(), home.begin(), home.end());
  std::vector<book_props> books{{"fanduel", "FanDuel", {}, 0, 0}, {"draftkings", "DraftKings", {}, 0, 0}};
  const double home_win = std::clamp(0.58 + uniform(rng, -0.2, 0.2), 0.15, 0.85);
  for (std::size_t b = 0; b < books.size(); ++b) {
    auto& book = books[b];
    for (const auto& e : lines) {
      // The second book moves a line by a point about half the time.
      auto shift = [&] {
        if (b == 0)
          return 0;
        const auto r = rng.below(4);
        return r == 0 ? -1 : r == 1 ? 1 : 0;
      };
      book.lines.push_back(make_line(rng, e.player, prop_market::points, e.points, shift()));
      book.lines.push_back(make_line(rng, e.player, prop_market::rebounds, e.rebounds, shift()));
      book.lines.push_back(make_line(rng, e.player, prop_market::assists, e.assists, shift()));
    }
    const double p = std::clamp(home_win + uniform(rng, -0.02, 0.02), 0.05, 0.95);
    book.home_price = round2(1.0 / (p * 1.045));
    book.away_price = round2(1.0 / ((1.0 - p) * 1.045));
  }
  return books;
}

} // namespace courtside::upstream_sim
