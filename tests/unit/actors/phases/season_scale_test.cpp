// A hidden scale check (run by hand: unit_actors_tests "[phases-scale]"): a league of 30
// teams x 13 players, 15 games a day, through phases 2-6, printing the time per phase. It
// asserts only that every day produced predictions once history allowed; the numbers are for
// BENCHMARKS.md-style budgeting, in whatever build type this binary was compiled as.
#include "actors/phases/analytics.hpp"
#include "actors/phases/precompute.hpp"
#include "actors/phases/predictions.hpp"
#include "actors/phases/publish.hpp"
#include "actors/phases/raw_store.hpp"
#include "actors/phases/stats_math.hpp"
#include "phases_fixture.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>

namespace courtside::phases::test {

namespace {

const char* league[] = {"ATL", "BOS", "BKN", "CHA", "CHI", "CLE", "DAL", "DEN", "DET", "GSW",
                        "HOU", "IND", "LAC", "LAL", "MEM", "MIA", "MIL", "MIN", "NOP", "NYK",
                        "OKC", "ORL", "PHI", "PHX", "POR", "SAC", "SAS", "TOR", "UTA", "WAS"};

std::string day_string(int d) {
  const auto n = *day_number("2024-10-22") + d;
  // back from a day number: Howard Hinnant's civil_from_days
  const std::int64_t z = n + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t dd = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t mm = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t yy = yoe + era * 400 + (mm <= 2 ? 1 : 0);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(yy) % 10000,
                static_cast<int>(mm) % 100, static_cast<int>(dd) % 100);
  return buf;
}

} // namespace

TEST_CASE("season scale: 30 teams through phases 2-6", "[.][phases-scale]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  const int days = std::getenv("PHASES_SCALE_DAYS") ? std::atoi(std::getenv("PHASES_SCALE_DAYS")) : 20;
  std::map<std::string, double> seconds; // wall
  std::map<std::string, double> cpu;     // this process's CPU time
  using clock = std::chrono::steady_clock;
  auto timed = [&](const char* phase, auto&& fn) {
    const auto start = clock::now();
    const std::clock_t cpu_start = std::clock();
    fn();
    seconds[phase] += std::chrono::duration<double>(clock::now() - start).count();
    cpu[phase] += static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  };
  atomic_write_options no_fsync;
  no_fsync.fsync = false;
  for (int d = 0; d < days; ++d) {
    const std::string date = day_string(d);
    timed("2 raw", [&] {
      auto tx = db.begin("scale");
      REQUIRE(tx);
      std::vector<Game> games;
      for (int k = 0; k < 15; ++k) games.push_back(make_game(date, league[k], league[15 + (k + d) % 15]));
      REQUIRE_OK(store_games(db, games, "nba_cdn", "", t0));
      for (const Game& g : games) {
        std::vector<line_spec> lines;
        std::vector<PropLine> props;
        for (const std::string& team : {g.away_tricode, g.home_tricode}) {
          for (int p = 0; p < 13; ++p) {
            const int pts = 2 + 2 * (13 - p) + (d * 7 + p * 5 + team[0]) % 9;
            const std::string name = "Player " + std::to_string(p) + " " + team;
            lines.push_back({name, team, 600 + 150 * (13 - p), pts, pts / 2, pts / 2 + 4, 0, 1, pts % 2, 2, 1, 4, 2, 1});
            if (p < 6) props.push_back(make_prop(g, name, "fanduel", pts + 0.5));
          }
        }
        REQUIRE_OK(store_box_score(db, make_box(g, lines), "nba_cdn", "", t0));
        REQUIRE_OK(store_props(db, props, date, "odds_api", "", t0));
      }
      REQUIRE_OK(tx.value().commit());
    });
    timed("3 analytics", [&] { REQUIRE_OK(run_analytics(db, date, t0)); });
    timed("4 precompute", [&] { REQUIRE_OK(run_precompute(db, date, t0)); });
    timed("5 predictions", [&] { REQUIRE_OK(run_predictions(db, date, t0)); });
    timed("5 grading", [&] { REQUIRE_OK(grade_predictions(db, date, t0)); });
    timed("6 publish", [&] { REQUIRE_OK(run_publish(db, date, dir / "exports", t0, no_fsync)); });
  }
  double total = 0;
  for (const auto& [phase, s] : seconds) {
    std::cout << "phase " << phase << ": " << s << " s wall, " << cpu[phase] << " s cpu over "
              << days << " days\n";
    total += s;
  }
  std::cout << "total " << total << " s; predictions "
            << count_of(db, "SELECT COUNT(*) FROM predictions") << "\n";
  CHECK(count_of(db, "SELECT COUNT(*) FROM predictions WHERE system = 'regression'") > 0);
}

} // namespace courtside::phases::test
