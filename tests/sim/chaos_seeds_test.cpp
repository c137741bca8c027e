// The seed suite of issue 7: chaos plans run on CAF's test coordinator in virtual time, with
// the upstream simulator and fake Slack in-process (runtime/app/chaos), each seed checking
// every invariant. A failing seed prints its report and the command that replays it.
// Ten cases of ten seeds, so ctest spreads them over the cores.
#include <catch2/catch.hpp>

#include <unistd.h>

#include "config/loader.hpp"
#include "runtime/app/chaos/chaos_run.hpp"
#include "runtime/logging/log.hpp"

using namespace courtside;

namespace {

constexpr int seeds_per_case = 10;

chaos::chaos_runner make_runner(int chunk) {
  log_options quiet;
  quiet.level = spdlog::level::off; // the report says what matters; 10 runs would flood the log
  init_logging(quiet);
  auto loaded = config::load_file(COURTSIDE_SOURCE_DIR "/config/chaos.toml");
  REQUIRE(loaded.config);
  chaos::chaos_settings s;
  s.config = *loaded.config;
  s.days = 1;
  s.work_dir = std::filesystem::temp_directory_path() /
               ("courtside-sim-" + std::to_string(::getpid()) + "-" + std::to_string(chunk));
  return chaos::chaos_runner{s};
}

void run_chunk(int chunk) {
  auto runner = make_runner(chunk);
  int faults = 0;
  for (int i = 1; i <= seeds_per_case; ++i) {
    const auto seed = static_cast<std::uint64_t>(chunk * seeds_per_case + i);
    const auto report = runner.run_seed(seed);
    INFO(chaos::render_text(report));
    CHECK(report.passed());
    CHECK(report.checked.size() >= 8);
    for (const auto& [kind, n] : report.injected) faults += static_cast<int>(n);
  }
  CHECK(faults > 0); // the plans did inject something
}

} // namespace

TEST_CASE("chaos seeds 1 to 10 keep every invariant", "[sim][chaos]") { run_chunk(0); }
TEST_CASE("chaos seeds 11 to 20 keep every invariant", "[sim][chaos]") { run_chunk(1); }
TEST_CASE("chaos seeds 21 to 30 keep every invariant", "[sim][chaos]") { run_chunk(2); }
TEST_CASE("chaos seeds 31 to 40 keep every invariant", "[sim][chaos]") { run_chunk(3); }
TEST_CASE("chaos seeds 41 to 50 keep every invariant", "[sim][chaos]") { run_chunk(4); }
TEST_CASE("chaos seeds 51 to 60 keep every invariant", "[sim][chaos]") { run_chunk(5); }
TEST_CASE("chaos seeds 61 to 70 keep every invariant", "[sim][chaos]") { run_chunk(6); }
TEST_CASE("chaos seeds 71 to 80 keep every invariant", "[sim][chaos]") { run_chunk(7); }
TEST_CASE("chaos seeds 81 to 90 keep every invariant", "[sim][chaos]") { run_chunk(8); }
TEST_CASE("chaos seeds 91 to 100 keep every invariant", "[sim][chaos]") { run_chunk(9); }

TEST_CASE("a chaos plan is a pure function of its seed", "[sim][chaos]") {
  chaos::plan_bounds b;
  b.targets = {"pipeline.analytics", "sources.scraper_nba_cdn", "storage.warehouse", "notify"};
  const auto a = chaos::draw_plan(42, b);
  const auto again = chaos::draw_plan(42, b);
  CHECK(a.describe() == again.describe());
  CHECK(chaos::draw_plan(43, b).describe() != a.describe());
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const auto p = chaos::draw_plan(seed, b);
    std::map<std::string, int> per_parent;
    for (const auto& c : p.crashes) {
      CHECK(c.at < b.horizon);
      ++per_parent[c.target.substr(0, c.target.rfind('.') == std::string::npos ? 0 : c.target.rfind('.'))];
    }
    for (const auto& [parent, n] : per_parent) CHECK(n <= b.max_crashes_per_supervisor);
    for (std::size_t i = 1; i < p.slack.size(); ++i) CHECK(p.slack[i - 1].until <= p.slack[i].from);
    for (const auto& [api, spec] : p.upstream.by_route) CHECK(upstream_sim::validate(spec).ok());
  }
}
