// /metrics over loopback: the scrape-time families read from the warehouse and the tree, the
// recorded ones, and `promtool check metrics` on the whole output.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "integration/control_fixture.hpp"
#include "runtime/metrics/engine_metrics.hpp"

using namespace courtside;
using namespace courtside::testing;

namespace {

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.rfind(line + "\n", 0) == 0;
}

} // namespace

TEST_CASE("control: /metrics exposes warehouse gauges, breaker states and restarts from the tree", "[control][metrics]") {
  control_fixture f{"control-metrics"};
  auto m = metrics::engine_metrics_in(f.registry);
  m.http_requests.with({"nba_cdn", "200"}).inc(3);
  m.phase_duration.with({"phase3"}).observe(1.5);
  auto r = f.get("/metrics");
  REQUIRE(r.status == 200);
  auto type = http::find_header(r.headers, "Content-Type");
  REQUIRE(type);
  CHECK(std::string(*type) == "text/plain; version=0.0.4; charset=utf-8");
  const auto& t = r.body;
  INFO(t);
  CHECK(has_line(t, "courtside_breaker_state{name=\"source:nba_cdn\"} 2"));
  CHECK(has_line(t, "courtside_breaker_state{name=\"source:balldontlie\"} 0"));
  CHECK(has_line(t, "courtside_queue_depth{kind=\"boxscore\",state=\"ready\"} 1"));
  CHECK(has_line(t, "courtside_queue_depth{kind=\"boxscore\",state=\"dead\"} 1"));
  // The ready boxscore item was created 60 s before "now".
  CHECK(has_line(t, "courtside_queue_oldest_item_age_seconds{kind=\"boxscore\"} 60"));
  CHECK(has_line(t, "courtside_ledger_rows{state=\"COMPLETE\"} 5"));
  CHECK(has_line(t, "courtside_ledger_rows{state=\"DEGRADED\"} 0"));
  CHECK(has_line(t, "courtside_alert_outbox_rows{state=\"pending\"} 1"));
  CHECK(has_line(t, "courtside_actor_restarts_total{actor=\"sources.scraper_nba_cdn\"} 2"));
  CHECK(has_line(t, "courtside_http_requests_total{source=\"nba_cdn\",status=\"200\"} 3"));
  CHECK(has_line(t, "courtside_phase_duration_seconds_bucket{phase=\"phase3\",le=\"2.5\"} 1"));

  // A later scrape sees later restarts (the tree is read at scrape time).
  f.inject({supervision_event::kind::started, "sources.scraper_nba_cdn", "", 3, 0, false});
  CHECK(has_line(f.get("/metrics").body,
                 "courtside_actor_restarts_total{actor=\"sources.scraper_nba_cdn\"} 3"));
  // The control plane counts its own requests.
  CHECK(f.get("/metrics").body.find("courtside_control_requests_total{endpoint=\"metrics\",status=\"200\"} ") != std::string::npos);
}

TEST_CASE("control: promtool check metrics accepts the /metrics output", "[control][metrics][promtool]") {
  if (std::system("command -v promtool > /dev/null 2>&1") != 0) {
    WARN("promtool not installed (Debian package prometheus): skipping the lint");
    return;
  }
  control_fixture f{"control-promtool"};
  auto m = metrics::engine_metrics_in(f.registry);
  m.http_requests.with({"nba_cdn", "503"}).inc();
  m.retries.with({"nba_cdn"}).inc();
  m.decode_errors.with({"balldontlie"}).inc();
  m.dead_letters.with({"boxscore"}).inc();
  m.alerts.with({"sent"}).inc();
  m.job_runs.with({"daily_scrape", "timeout"}).inc();
  m.phase_duration.with({"phase4"}).observe(42);
  f.registry.gauge("courtside_test_odd_labels", "Label \"values\" with \\ and\nnewlines.", {"v"})
    .with({"a\"b\\c\nd"}).set(1);
  const auto body = f.get("/metrics").body;
  const auto file = f.dir / "metrics.txt";
  std::ofstream(file) << body;
  const auto out = f.dir / "promtool.txt";
  const int rc = std::system(("promtool check metrics < " + file.string() + " > " + out.string() + " 2>&1").c_str());
  INFO(read_text(out));
  INFO(body);
  CHECK(rc == 0);
  CHECK(read_text(out).empty()); // lint findings are printed even when the exit code is 0
}
