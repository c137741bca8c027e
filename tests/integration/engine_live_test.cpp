// The real engine as a service (`courtside run`) on the upstream simulator: it plans and
// scrapes its calendar's dates, and its control plane shows that live — /api/status with the
// tree and the ledger grid, /metrics with the upstream requests, passing `promtool check metrics`.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <future>
#include <regex>

#include "engine_process.hpp"
#include "pipeline_fixture.hpp"
#include "runtime/http/client.hpp"
#include "tools/upstream-sim/server.hpp"

using namespace std::chrono_literals;
using courtside::testing::engine_process;
using courtside::testing::eventually;
using courtside::testing::read_text;
using courtside::testing::scratch_dir;
namespace sim = courtside::upstream_sim;
namespace http = courtside::http;

namespace {

// GET (or another method) `url`; the status and body, or {0, ""} with no answer in time.
std::pair<unsigned, std::string> call(http::http_client& client, const std::string& url,
                                      http::http_method method = http::http_method::get,
                                      http::header_list headers = {}) {
  http::http_request req;
  req.method = method;
  req.url = url;
  req.headers = std::move(headers);
  req.timeout = 5s;
  auto done = std::make_shared<std::promise<http::http_result>>();
  auto result = done->get_future();
  client.fetch(std::move(req), [done](http::http_result r) { done->set_value(std::move(r)); });
  if (result.wait_for(10s) != std::future_status::ready) return {0, ""};
  auto r = result.get();
  if (!r.ok()) return {0, ""};
  return {r.response().status, r.response().body};
}

// The body of a 200 GET, or "".
std::string get_body(http::http_client& client, const std::string& url) {
  auto [status, body] = call(client, url);
  return status == 200 ? body : std::string{};
}

} // namespace

TEST_CASE("the running engine shows its live pipeline on /api/status and /metrics",
          "[integration][control][pipeline]") {
  sim::simulator_options o;
  o.league.seed = 5;
  o.league.today = sim::civil_date{2025, 11, 15};
  sim::upstream_server upstream{o};
  REQUIRE(upstream.start().ok());
  auto dir = scratch_dir("engine-live");
  // The engine's calendar starts at 18:00 ET on the simulator's "today"; port 0: a free one.
  const auto config = courtside::testing::write_pipeline_config(
    dir, "live", upstream.base_url(), "5s", 4,
    "[http]\nport = 0\ntoken = \"t0ken-for-the-test\"\n"
    "[jobs.planner]\nschedule = \"*/5 * * * * *\"\n"
    "[jobs.daily-health-summary]\nschedule = \"0 9 * * *\"\n",
    "clock_start = \"2025-11-15T23:00:00Z\"\n");
  engine_process engine({"run", "-c", config}, dir / "engine.log");
  REQUIRE(engine.started());
  std::smatch port;
  std::string out; // the match points into it
  const std::regex listening{R"(dashboard: http://127\.0\.0\.1:(\d+)/)"};
  REQUIRE(eventually(60s, [&] {
    out = engine.output();
    return std::regex_search(out, port, listening);
  }));
  const std::string base = "http://127.0.0.1:" + port[1].str();

  http::http_client client;
  REQUIRE(client.start().ok());
  // The calendar's yesterday (all final) gets scraped and its phases settle.
  std::string status;
  const bool settled = eventually(180s, [&] {
    status = get_body(client, base + "/api/status");
    return status.find("\"2025-11-14\"") != std::string::npos &&
           status.find("COMPLETE") != std::string::npos;
  });
  INFO(status.substr(0, 2000));
  CHECK(settled);
  CHECK(status.find("pipeline.box_score") != std::string::npos); // the tree, live
  CHECK(!get_body(client, base + "/").empty());                  // the dashboard page

  const auto metrics = get_body(client, base + "/metrics");
  CHECK(metrics.find("courtside_http_requests_total{source=\"nba_cdn\",status=\"200\"}") !=
        std::string::npos);
  CHECK(metrics.find("courtside_ledger_rows") != std::string::npos);
  if (std::system("command -v promtool > /dev/null 2>&1") == 0) {
    std::ofstream(dir / "metrics.txt") << metrics;
    const auto lint = dir / "promtool.txt";
    const int rc = std::system(("promtool check metrics < " + (dir / "metrics.txt").string() +
                                " > " + lint.string() + " 2>&1").c_str());
    INFO(read_text(lint));
    CHECK(rc == 0);
    CHECK(read_text(lint).empty());
  } else {
    WARN("promtool not installed (Debian package prometheus): lint skipped");
  }

  // An operator backfills two earlier dates through the API; the pipeline carries them out.
  CHECK(call(client, base + "/api/backfill?from=2025-11-10&to=2025-11-11", http::http_method::post)
          .first == 401);
  auto [status_code, answer] =
    call(client, base + "/api/backfill?from=2025-11-10&to=2025-11-11", http::http_method::post,
         {{"Authorization", "Bearer t0ken-for-the-test"}});
  INFO(answer);
  CHECK(status_code == 202);
  std::string day;
  CHECK(eventually(180s, [&] {
    day = get_body(client, base + "/api/dates/2025-11-10");
    return day.find("COMPLETE") != std::string::npos || day.find("DEGRADED") != std::string::npos;
  }));
  INFO(day.substr(0, 1500));
  CHECK(answer.find("t0ken") == std::string::npos);

  // The scheduler: its jobs are listed with their next firing, and run-now reaches it.
  status = get_body(client, base + "/api/status");
  CHECK(status.find("\"daily-health-summary\"") != std::string::npos);
  CHECK(call(client, base + "/api/jobs/daily-health-summary/run", http::http_method::post,
             {{"Authorization", "Bearer t0ken-for-the-test"}}).first == 202);
  CHECK(call(client, base + "/api/jobs/reconciler/run", http::http_method::post,
             {{"Authorization", "Bearer t0ken-for-the-test"}}).first == 404);
  CHECK(eventually(30s, [&] {
    return engine.output().find("job daily-health-summary run") != std::string::npos &&
           engine.output().find("ok: health") != std::string::npos;
  }));
  CHECK(engine.output().find("job planner run") != std::string::npos);
  client.stop();
  engine.signal(SIGTERM);
  CHECK(engine.wait_exit(60s) == 0);
  upstream.stop();
}
