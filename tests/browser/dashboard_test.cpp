// The dashboard in a real browser: headless Chromium loads the page from a control server
// over a seeded warehouse, runs its script (which polls /api/status), and the resulting DOM
// must show the supervision tree, the date x phase grid and the open breaker. A screenshot is
// saved as <build>/dashboard.png for a human to look at.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "integration/control_fixture.hpp"

using namespace courtside;
using namespace courtside::testing;

namespace {

std::string chromium_binary() {
  for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (std::filesystem::exists(candidate)) return candidate;
  return {};
}

// Headless Chromium with the flags a container needs; a hard timeout so a hung browser fails
// the test instead of stalling the suite.
std::string chromium_command(const std::string& binary, const std::filesystem::path& dir) {
  return "timeout 120 " + binary +
         " --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
         " --disable-extensions --disable-background-networking --hide-scrollbars"
         " --user-data-dir=" + (dir / "chromium-profile").string() +
         " --window-size=1366,1000 --virtual-time-budget=5000";
}

} // namespace

TEST_CASE("browser: the dashboard shows the tree, the ledger grid and an open breaker", "[browser]") {
  const auto chromium = chromium_binary();
  if (chromium.empty()) {
    WARN("chromium is not installed (tools/setup-debian installs it): skipping the browser test");
    return;
  }
  control_fixture f{"browser-dashboard"};
  const std::string url = f.base() + "/";
  const auto dom_file = f.dir / "dom.html";
  const auto log_file = f.dir / "chromium.log";
  const int rc = std::system((chromium_command(chromium, f.dir) + " --dump-dom " + url + " > " +
                              dom_file.string() + " 2> " + log_file.string()).c_str());
  INFO(read_text(log_file));
  REQUIRE(rc == 0);
  const auto dom = read_text(dom_file);
  INFO(dom.substr(0, 4000));
  // The script ran and drew the tree from /api/status, with the restarts the bus reported.
  CHECK(dom.find("data-path=\"control\" data-state=\"running\"") != std::string::npos);
  CHECK(dom.find("data-path=\"sources.scraper_nba_cdn\"") != std::string::npos);
  CHECK(dom.find("restarts 2") != std::string::npos);
  // The grid: dates as rows, phases as columns, cells coloured by ledger state.
  CHECK(dom.find("<tr data-date=\"2025-02-20\">") != std::string::npos);
  CHECK(dom.find("data-phase=\"phase3\" data-state=\"FAILED\"") != std::string::npos);
  CHECK(dom.find("data-phase=\"phase4\" data-state=\"BLOCKED\"") != std::string::npos);
  CHECK(dom.find("data-state=\"none\"") != std::string::npos); // a date with no ledger rows
  // The tripped breaker.
  CHECK(dom.find("class=\"breaker open\" data-name=\"source:nba_cdn\"") != std::string::npos);
  // Jobs and alerts made it too; the summary line counts the open breaker.
  CHECK(dom.find("data-job=\"daily_scrape\"") != std::string::npos);
  CHECK(dom.find("breaker source:nba_cdn opened") != std::string::npos);
  CHECK(dom.find("1 breaker(s) open") != std::string::npos);

  const auto shot = std::filesystem::path{COURTSIDE_BINARY_DIR} / "dashboard.png";
  std::filesystem::remove(shot);
  const int shot_rc = std::system((chromium_command(chromium, f.dir) + " --screenshot=" +
                                   shot.string() + " " + url + " > /dev/null 2>> " +
                                   log_file.string()).c_str());
  CHECK(shot_rc == 0);
  REQUIRE(std::filesystem::exists(shot));
  CHECK(std::filesystem::file_size(shot) > 10'000);
  std::ifstream png{shot, std::ios::binary};
  char magic[8] = {};
  png.read(magic, 8);
  CHECK(std::string(magic + 1, 3) == "PNG");
}
