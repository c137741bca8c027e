// The synthetic league: deterministic for a seed, and every invariant a decoder checks holds
// for every game of the season.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "tools/upstream-sim/game_state.hpp"
#include "tools/upstream-sim/league.hpp"

namespace us = courtside::upstream_sim;

namespace {

const us::league& season() {
  static const us::league l{us::league_options{}};
  return l;
}

void check_line(const us::player_line& l, int game_seconds) {
  CHECK(l.fgm <= l.fga);
  CHECK(l.fg3a <= l.fga);
  CHECK(l.fg3m <= l.fg3a);
  CHECK(l.fg3m <= l.fgm);
  CHECK(l.ftm <= l.fta);
  CHECK(l.pts == 2 * l.fgm + l.fg3m + l.ftm);
  CHECK(l.pf <= 6);
  CHECK(l.seconds <= game_seconds);
  if (!l.played()) {
    CHECK(l.seconds == 0);
    CHECK(l.fga + l.fta + l.reb() + l.ast + l.pts + l.plus_minus == 0);
  }
}

/// Every invariant of one box score; returns false (with a failed CHECK) when one breaks.
void check_box(const us::box_score& b) {
  for (const auto* t : {&b.home, &b.away}) {
    int seconds = 0, plus_minus = 0, period_points = 0;
    for (const auto& l : t->players) {
      check_line(l, b.game_seconds());
      seconds += l.seconds;
      plus_minus += l.plus_minus;
    }
    for (int p : t->periods) period_points += p;
    CHECK(seconds == 5 * b.game_seconds());
    CHECK(period_points == t->points());
    CHECK(static_cast<int>(t->periods.size()) == b.periods);
    const int margin = t == &b.home ? b.home.points() - b.away.points() : b.away.points() - b.home.points();
    CHECK(plus_minus == 5 * margin);
  }
  CHECK(b.home.points() != b.away.points());
}

} // namespace

TEST_CASE("the season has 1230 games, 82 per team, 41 at home", "[upstream_sim][league]") {
  const auto& l = season();
  REQUIRE(l.games().size() == 1230);
  std::map<int, int> games, home;
  for (const auto& g : l.games()) {
    ++games[g.home];
    ++games[g.away];
    ++home[g.home];
    CHECK(g.home != g.away);
  }
  REQUIRE(games.size() == 30);
  for (const auto& [team, n] : games) {
    INFO(us::teams()[static_cast<std::size_t>(team)].tricode);
    CHECK(n == 82);
    CHECK(home[team] == 41);
  }
}

TEST_CASE("no team plays twice on a day, and the season runs from its start to mid April",
          "[upstream_sim][league]") {
  const auto& l = season();
  std::set<std::pair<std::int64_t, int>> team_days;
  for (const auto& g : l.games()) {
    const auto day = us::days_from_civil(g.date);
    CHECK(team_days.emplace(day, g.home).second);
    CHECK(team_days.emplace(day, g.away).second);
  }
  CHECK(l.games().front().date == us::civil_date{2025, 10, 21});
  CHECK(l.games().back().date < us::civil_date{2026, 4, 16});
  CHECK(us::civil_date{2026, 4, 1} < l.games().back().date);
}

TEST_CASE("game ids follow NBA.com and balldontlie shapes and are unique", "[upstream_sim][league]") {
  const auto& l = season();
  std::set<std::string> nba, events;
  std::set<std::int64_t> bdl;
  for (const auto& g : l.games()) {
    CHECK(g.nba_id.size() == 10);
    CHECK(g.nba_id.rfind("00225", 0) == 0);
    CHECK(g.event_id.size() == 32);
    nba.insert(g.nba_id);
    events.insert(g.event_id);
    bdl.insert(g.bdl_id);
  }
  CHECK(l.games().front().nba_id == "0022500001");
  CHECK(l.games().back().nba_id == "0022501230");
  CHECK(nba.size() == 1230);
  CHECK(bdl.size() == 1230);
  CHECK(events.size() == 1230);
  CHECK(l.find_nba("0022500042")->index == 41);
  CHECK(l.find_bdl(l.games()[7].bdl_id)->index == 7);
  CHECK(l.find_event(l.games()[9].event_id)->index == 9);
  CHECK(l.find_nba("0022509999") == nullptr);
}

TEST_CASE("every box score of the season keeps every invariant", "[upstream_sim][league]") {
  const auto& l = season();
  int overtime = 0, dnp = 0, low = 999, high = 0;
  for (const auto& g : l.games()) {
    INFO(g.nba_id);
    const auto& b = l.box(g.index);
    check_box(b);
    overtime += b.periods > 4 ? 1 : 0;
    for (const auto* t : {&b.home, &b.away}) {
      low = std::min(low, t->points());
      high = std::max(high, t->points());
      for (const auto& p : t->players) dnp += p.played() ? 0 : 1;
    }
  }
  INFO("scores " << low << ".." << high << ", " << overtime << " overtime games, " << dnp << " DNP rows");
  CHECK(overtime > 20);
  CHECK(overtime < 150);
  CHECK(low > 55);
  CHECK(high < 185);
  CHECK(dnp > 1230 * 2 * 3);
}

TEST_CASE("a live box score cut from a final one keeps every invariant", "[upstream_sim][league]") {
  const auto& l = season();
  for (int elapsed : {1, 300, 1440, 2000, 2879}) {
    for (int i = 0; i < 1230; i += 37) {
      INFO("game " << i << " at " << elapsed << " s");
      const auto live = us::partial_box(l.box(i), elapsed);
      REQUIRE(live.periods == 4);
      for (const auto* t : {&live.home, &live.away}) {
        int seconds = 0, periods = 0;
        for (const auto& p : t->players) {
          check_line(p, 2880);
          seconds += p.seconds;
        }
        for (int p : t->periods) periods += p;
        CHECK(seconds == 5 * elapsed);
        CHECK(periods == t->points());
      }
      CHECK(live.home.points() <= l.box(i).home.points());
    }
  }
}

TEST_CASE("rosters have 15 players with unique names and ids, some accented or suffixed",
          "[upstream_sim][league]") {
  const auto& l = season();
  REQUIRE(l.players().size() == 450);
  std::set<std::string> names;
  std::set<std::int64_t> nba, bdl;
  int accented = 0, suffixed = 0, huge = 0;
  for (const auto& p : l.players()) {
    names.insert(p.full_name());
    nba.insert(p.nba_id);
    bdl.insert(p.bdl_id);
    for (char c : p.full_name()) if (static_cast<unsigned char>(c) >= 0x80) { ++accented; break; }
    suffixed += p.last_name.find(" Jr.") != std::string::npos || p.last_name.find(" II") != std::string::npos ? 1 : 0;
    huge += p.bdl_id > 2147483647 ? 1 : 0;
  }
  CHECK(names.size() == 450);
  CHECK(nba.size() == 450);
  CHECK(bdl.size() == 450);
  CHECK(accented > 20);
  CHECK(suffixed > 10);
  CHECK(huge > 5);
  for (int t = 0; t < 30; ++t) CHECK(l.roster(t).size() == 15);
}

TEST_CASE("the same seed builds the same league, another seed another one", "[upstream_sim][league]") {
  const us::league again{us::league_options{}};
  const auto& l = season();
  for (std::size_t i = 0; i < l.games().size(); i += 101) {
    CHECK(again.games()[i].nba_id == l.games()[i].nba_id);
    CHECK(again.games()[i].date == l.games()[i].date);
    CHECK(again.box(static_cast<int>(i)).home.points() == l.box(static_cast<int>(i)).home.points());
  }
  us::league_options other;
  other.seed = 2;
  const us::league different{other};
  int same = 0;
  for (std::size_t i = 0; i < 100; ++i)
    same += different.box(static_cast<int>(i)).home.points() == l.box(static_cast<int>(i)).home.points() ? 1 : 0;
  CHECK(same < 30);
  CHECK(different.players()[0].full_name() != l.players()[0].full_name());
}

TEST_CASE("props: two books, three markets, about eight players a team, lines on the half point",
          "[upstream_sim][league]") {
  const auto props = season().props(100);
  REQUIRE(props.size() == 2);
  CHECK(props[0].key == "fanduel");
  CHECK(props[1].key == "draftkings");
  for (const auto& book : props) {
    CHECK(book.lines.size() == 2 * 8 * 3);
    for (const auto& line : book.lines) {
      CHECK(line.point - static_cast<int>(line.point) == Approx(0.5));
      CHECK(line.over_price > 1.0);
      CHECK(line.under_price > 1.0);
      // overround: the implied probabilities add up to a bit more than one
      CHECK(1 / line.over_price + 1 / line.under_price > 1.0);
    }
  }
}

TEST_CASE("live clock: Q2 0:01 one second before halftime, Half at 24:00, Q3 11:59 one second after",
          "[upstream_sim][league]") {
  const auto& g = season().games()[1];
  const us::game_state before{us::game_phase::live, 1439}, half{us::game_phase::live, 1440},
      after{us::game_phase::live, 1441};
  CHECK(us::status_text(g, before, 4) == "Q2 0:01");
  CHECK(half.period() == 2);
  CHECK(half.clock() == 0);
  CHECK(us::status_text(g, half, 4) == "Half");
  CHECK(after.period() == 3);
  CHECK(us::status_text(g, after, 4) == "Q3 11:59");
  CHECK(us::status_text(g, us::game_state::finished(), 5) == "Final/OT");
  CHECK(us::status_text(g, us::game_state::finished(), 6) == "Final/2OT");
}
