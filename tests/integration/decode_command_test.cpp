// `courtside decode` run as the real binary on real fixtures and on a broken payload.
#include <catch2/catch.hpp>

#include <fstream>

#include "engine_process.hpp"

using namespace std::chrono_literals;
using courtside::testing::engine_process;
using courtside::testing::scratch_dir;

namespace {

std::filesystem::path fixture(const std::string& relative) {
  return std::filesystem::path{COURTSIDE_FIXTURES_DIR} / relative;
}

bool fixtures_present() {
  std::error_code ec;
  return std::filesystem::is_directory(COURTSIDE_FIXTURES_DIR, ec);
}

std::size_t count_lines(const std::string& text, const std::string& containing) {
  std::size_t n = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (text.substr(start, end - start).find(containing) != std::string::npos) ++n;
    start = end + 1;
  }
  return n;
}

} // namespace

TEST_CASE("decode prints a real NBA.com box score as JSON lines", "[integration][decode]") {
  if (!fixtures_present()) {
    WARN("fixtures absent: skipped");
    return;
  }
  auto dir = scratch_dir("decode-ok");
  engine_process p({"decode", "--format", "nbacom-boxscore",
                    fixture("nba-cdn-live/boxscore_0022500775.json").string()},
                   dir / "out.txt");
  REQUIRE(p.started());
  REQUIRE(p.wait_exit(30s) == 0);
  auto out = p.output();
  CHECK(count_lines(out, "\"game_key\":\"20260211_ATL_CHA\"") > 20); // every player and team line names its game
  CHECK(out.find("0022500775") != std::string::npos);
}

TEST_CASE("decode names the file, field path and offset of a payload that does not decode",
          "[integration][decode]") {
  auto dir = scratch_dir("decode-bad");
  auto bad = dir / "truncated.json";
  std::ofstream{bad} << R"({"data":[{"id":1,"date":"2025-02-20","home_team":{"abbreviation":)";
  engine_process p({"decode", "--format", "bdl-games", bad.string()}, dir / "out.txt");
  REQUIRE(p.started());
  REQUIRE(p.wait_exit(30s) == 1);
  auto out = p.output();
  CHECK(out.find("truncated.json: ") != std::string::npos);
  CHECK(out.find("byte") != std::string::npos);
}

TEST_CASE("decode rejects an unknown format and lists the known ones", "[integration][decode]") {
  auto dir = scratch_dir("decode-kind");
  engine_process p({"decode", "--format", "box", "x.json"}, dir / "out.txt");
  REQUIRE(p.started());
  REQUIRE(p.wait_exit(30s) == 2);
  CHECK(p.output().find("nbacom-boxscore") != std::string::npos);
}
