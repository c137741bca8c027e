// Fault knobs: the pure decision (rates, thresholds, parsing, body breakers) and, over
// loopback, that each knob has its effect at its configured rate for a fixed seed.
#include <catch2/catch.hpp>

#include <atomic>
#include <future>
#include <mutex>
#include <map>

#include "sim_fixture.hpp"
#include "tools/upstream-sim/delay_queue.hpp"
#include "tools/upstream-sim/faults.hpp"

namespace us = courtside::upstream_sim;
namespace http = courtside::http;
using us::test::running_sim;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view scoreboard_endpoint = "nba_cdn/scoreboard";
const std::string scoreboard_path = "/nba_cdn/static/json/liveData/scoreboard/todaysScoreboard_00.json";

us::simulator_options with_faults(const std::string& route, const std::string& spec) {
  auto o = us::test::default_options();
  REQUIRE(us::parse_fault_spec(spec, o.faults.by_route[route]).ok());
  return o;
}

/// How many of requests 1..n the pure decision gives `kind` (what the server must inject).
int predicted(const us::fault_spec& spec, std::string_view endpoint, int n, us::fault_kind kind) {
  int count = 0;
  for (int i = 1; i <= n; ++i) count += us::decide(spec, 1, endpoint, static_cast<std::uint64_t>(i)).kind == kind ? 1 : 0;
  return count;
}

} // namespace

TEST_CASE("the decision is a pure function of seed, endpoint and request number", "[upstream_sim][faults]") {
  us::fault_spec spec;
  spec.error_rate = 0.3;
  spec.latency = 20ms;
  spec.jitter = 10ms;
  for (std::uint64_t n = 1; n < 50; ++n) {
    const auto a = us::decide(spec, 9, "nba_cdn/boxscore", n);
    const auto b = us::decide(spec, 9, "nba_cdn/boxscore", n);
    CHECK(a.kind == b.kind);
    CHECK(a.status == b.status);
    CHECK(a.delay == b.delay);
    CHECK(a.delay >= 20ms);
    CHECK(a.delay < 30ms);
  }
}

TEST_CASE("over many requests each fault comes at its rate", "[upstream_sim][faults]") {
  us::fault_spec spec;
  spec.error_rate = 0.10;
  spec.rate_limit_rate = 0.05;
  spec.reset_rate = 0.02;
  spec.truncate_rate = 0.03;
  spec.malformed_rate = 0.04;
  spec.slow_rate = 0.06;
  spec.hang_rate = 0.01;
  spec.not_final_rate = 0.07;
  std::map<us::fault_kind, int> seen;
  std::map<unsigned, int> statuses;
  constexpr int n = 20000;
  for (int i = 1; i <= n; ++i) {
    const auto d = us::decide(spec, 1, "balldontlie/games", static_cast<std::uint64_t>(i));
    ++seen[d.kind];
    if (d.kind == us::fault_kind::error_status) ++statuses[d.status];
  }
  const std::map<us::fault_kind, double> rates{
      {us::fault_kind::error_status, 0.10}, {us::fault_kind::rate_limited, 0.05}, {us::fault_kind::reset, 0.02},
      {us::fault_kind::truncated, 0.03},    {us::fault_kind::malformed, 0.04},    {us::fault_kind::slow_body, 0.06},
      {us::fault_kind::hang, 0.01},         {us::fault_kind::not_final, 0.07},    {us::fault_kind::none, 0.62}};
  for (const auto& [kind, rate] : rates) {
    INFO(us::to_string(kind));
    CHECK(seen[kind] / static_cast<double>(n) == Approx(rate).margin(0.01));
  }
  CHECK(statuses.size() == 3);  // 500, 502 and 503 all occur
}

TEST_CASE("fail-first 2: requests 1 and 2 answer 503, request 3 does not", "[upstream_sim][faults]") {
  us::fault_spec spec;
  spec.fail_first = 2;
  CHECK(us::decide(spec, 1, "x/y", 2).status == 503);
  CHECK(us::decide(spec, 1, "x/y", 3).kind == us::fault_kind::none);
}

TEST_CASE("rates adding up to exactly 1 are accepted, a hair more are not", "[upstream_sim][faults]") {
  us::fault_spec spec;
  CHECK(us::parse_fault_spec("error-rate=0.5,truncate=0.5", spec).ok());
  us::fault_spec over;
  CHECK(us::parse_fault_spec("error-rate=0.5,truncate=0.5001", over).error == us::spec_error::over_one);
}

TEST_CASE("fault specs parse durations and counts and name what is wrong", "[upstream_sim][faults]") {
  us::fault_spec spec;
  REQUIRE(us::parse_fault_spec("latency=20ms,jitter=1s,retry-after=2m,fail-first=3,slow-bps=1000,hang-for=5s", spec).ok());
  CHECK(spec.latency == 20ms);
  CHECK(spec.jitter == 1s);
  CHECK(spec.retry_after == std::chrono::seconds{120});
  CHECK(spec.fail_first == 3);
  CHECK(spec.slow_bytes_per_second == 1000);
  CHECK(spec.hang == 5s);
  const auto bad_rate = us::parse_fault_spec("error-rate=1.5", spec);
  CHECK(bad_rate.error == us::spec_error::bad_rate);
  CHECK(bad_rate.detail == "error-rate: expected a rate between 0 and 1, got '1.5'");
  CHECK(us::parse_fault_spec("latency=soon", spec).error == us::spec_error::bad_duration);
  CHECK(us::parse_fault_spec("fail-first=2.5", spec).error == us::spec_error::bad_count);
  CHECK(us::parse_fault_spec("slow-bps=0", spec).error == us::spec_error::zero_speed);
  CHECK(us::parse_fault_spec("explode=1", spec).detail == "unknown fault key 'explode'");
  CHECK(us::parse_fault_spec("error-rate", spec).error == us::spec_error::not_key_value);
}

TEST_CASE("an endpoint's spec beats its API's, which beats the default", "[upstream_sim][faults]") {
  us::fault_plan plan;
  plan.all.error_rate = 0.1;
  plan.by_route["nba_cdn"].error_rate = 0.2;
  plan.by_route["nba_cdn/boxscore"].error_rate = 0.3;
  CHECK(plan.spec_for("nba_cdn/boxscore").error_rate == 0.3);
  CHECK(plan.spec_for("nba_cdn/schedule").error_rate == 0.2);
  CHECK(plan.spec_for("balldontlie/games").error_rate == 0.1);
}

TEST_CASE("a corrupted or truncated body never parses, wherever it is broken", "[upstream_sim][faults]") {
  const std::string body = R"({"game": {"status": "Q3 5:12", "a,b": [1, 2, {"x": "}"}], "name": "Vu\u010devi\u0107"}})";
  REQUIRE(us::test::valid_json(body));
  for (double share = 0.0; share < 1.0; share += 0.05) {
    INFO(share);
    const auto corrupted = us::corrupt_body(body, share);
    CHECK(corrupted.size() == body.size());
    CHECK(!us::test::valid_json(corrupted));
    const auto cut = us::truncate_body(body, share);
    CHECK(cut.size() < body.size());
    CHECK(!us::test::valid_json(cut));
  }
}

TEST_CASE("the delay queue runs tasks by due time and drops them on stop", "[upstream_sim][faults]") {
  us::delay_queue q;
  std::vector<int> order;
  std::mutex m;
  std::promise<void> done;
  const auto now = us::delay_queue::clock::now();
  auto record = [&](int i) {
    std::lock_guard lock(m);
    order.push_back(i);
    if (order.size() == 3) done.set_value();
  };
  q.schedule(now + 30ms, [&] { record(3); });
  q.schedule(now + 10ms, [&] { record(1); });
  q.schedule(now + 20ms, [&] { record(2); });
  std::atomic<bool> late_ran{false};
  q.schedule(now + 1h, [&] { late_ran = true; });
  REQUIRE(done.get_future().wait_for(us::test::deadline) == std::future_status::ready);
  CHECK(order == std::vector<int>{1, 2, 3});
  CHECK(q.pending() == 1);
  q.stop();
  CHECK(q.pending() == 0);
  CHECK(!late_ran);
}

TEST_CASE("error-rate 0.25: exactly the predicted requests answer 500/502/503", "[upstream_sim][faults][server]") {
  running_sim sim{with_faults("nba_cdn/scoreboard", "error-rate=0.25")};
  REQUIRE(sim.started());
  constexpr int n = 120;
  int errors = 0;
  for (int i = 0; i < n; ++i) {
    const auto status = sim.response(scoreboard_path).status;
    CHECK((status == 200 || status == 500 || status == 502 || status == 503));
    errors += status >= 500 ? 1 : 0;
  }
  us::fault_spec spec;
  spec.error_rate = 0.25;
  CHECK(errors == predicted(spec, scoreboard_endpoint, n, us::fault_kind::error_status));
  CHECK(errors > 15);
  CHECK(errors < 50);
  // Other endpoints are untouched.
  CHECK(sim.response("/balldontlie/v1/teams").status == 200);
}

TEST_CASE("mixed faults over the wire: each kind exactly as often as the decision predicts",
          "[upstream_sim][faults][server]") {
  const std::string spec_text = "error-rate=0.1,rate-limit=0.1,truncate=0.1,malformed=0.1,not-final=0.1";
  running_sim sim{with_faults("nba_cdn/boxscore", spec_text)};
  REQUIRE(sim.started());
  const auto& l = sim.server().league_data();
  const auto& g = l.games()[static_cast<std::size_t>(l.games_on({2025, 11, 14}).front())];
  const auto path = "/nba_cdn/liveData/boxscore/boxscore_" + g.nba_id + ".json";
  running_sim clean;
  REQUIRE(clean.started());
  const auto good = clean.response(path).body;
  std::map<us::fault_kind, int> seen;
  constexpr int n = 150;
  for (int i = 0; i < n; ++i) {
    const auto r = sim.response(path);
    us::test::parsed_json j{r.body};
    const auto kind = r.status >= 500                 ? us::fault_kind::error_status
                      : r.status == 429               ? us::fault_kind::rate_limited
                      : j.ok() && r.body != good      ? us::fault_kind::not_final
                      : j.ok()                        ? us::fault_kind::none
                      : r.body.size() < good.size()   ? us::fault_kind::truncated
                                                      : us::fault_kind::malformed;
    ++seen[kind];
  }
  us::fault_spec spec;
  REQUIRE(us::parse_fault_spec(spec_text, spec).ok());
  for (auto kind : {us::fault_kind::error_status, us::fault_kind::rate_limited, us::fault_kind::truncated,
                    us::fault_kind::malformed, us::fault_kind::not_final, us::fault_kind::none}) {
    INFO(us::to_string(kind));
    CHECK(seen[kind] == predicted(spec, "nba_cdn/boxscore", n, kind));
    CHECK(seen[kind] > 0);
  }
}

TEST_CASE("429 with Retry-After: 120 on the predicted share, bare 429 on the rest", "[upstream_sim][faults][server]") {
  running_sim sim{with_faults("balldontlie", "rate-limit=1,retry-after=120s,retry-after-share=0.5")};
  REQUIRE(sim.started());
  constexpr int n = 40;
  int with_header = 0;
  for (int i = 0; i < n; ++i) {
    const auto r = sim.response("/balldontlie/v1/teams");
    CHECK(r.status == 429);
    if (const auto ra = http::find_header(r.headers, "Retry-After")) {
      CHECK(*ra == "120");
      ++with_header;
    }
  }
  int expected = 0;
  us::fault_spec spec;
  REQUIRE(us::parse_fault_spec("rate-limit=1,retry-after=120s,retry-after-share=0.5", spec).ok());
  for (int i = 1; i <= n; ++i) expected += us::decide(spec, 1, "balldontlie/teams", static_cast<std::uint64_t>(i)).retry_after ? 1 : 0;
  CHECK(with_header == expected);
  CHECK(with_header > 0);
  CHECK(with_header < n);
}

TEST_CASE("truncated bodies are shorter and not JSON, malformed ones are full length and not JSON",
          "[upstream_sim][faults][server]") {
  running_sim clean;
  running_sim cut{with_faults("nba_cdn/scoreboard", "truncate=1")};
  running_sim broken{with_faults("nba_cdn/scoreboard", "malformed=1")};
  REQUIRE(clean.started());
  REQUIRE(cut.started());
  REQUIRE(broken.started());
  const auto good = clean.response(scoreboard_path).body;
  REQUIRE(us::test::valid_json(good));
  for (int i = 0; i < 5; ++i) {
    const auto t = cut.response(scoreboard_path);
    CHECK(t.status == 200);
    CHECK(t.body.size() < good.size());
    CHECK(good.compare(0, t.body.size(), t.body) == 0);
    CHECK(!us::test::valid_json(t.body));
    const auto m = broken.response(scoreboard_path);
    CHECK(m.status == 200);
    CHECK(m.body.size() == good.size());
    CHECK(!us::test::valid_json(m.body));
  }
}

TEST_CASE("a reset leaves the client with a transport failure, and the next request works",
          "[upstream_sim][faults][server]") {
  running_sim sim{with_faults("nba_cdn/scoreboard", "reset=1")};
  REQUIRE(sim.started());
  const auto r = sim.get(scoreboard_path);
  REQUIRE(r);
  CHECK(!r->ok());
  CHECK(sim.response("/balldontlie/v1/teams").status == 200);
}

TEST_CASE("latency 150ms: no answer comes sooner", "[upstream_sim][faults][server]") {
  running_sim sim{with_faults("balldontlie", "latency=150ms")};
  REQUIRE(sim.started());
  for (int i = 0; i < 3; ++i) {
    const auto r = sim.get("/balldontlie/v1/teams");
    REQUIRE(r);
    REQUIRE(r->ok());
    CHECK(r->response().elapsed >= 150ms);
  }
}

TEST_CASE("a slow body takes its size over slow-bps", "[upstream_sim][faults][server]") {
  running_sim sim{with_faults("nba_cdn/scoreboard", "slow=1,slow-bps=100000")};
  REQUIRE(sim.started());
  const auto r = sim.get(scoreboard_path);
  REQUIRE(r);
  REQUIRE(r->ok());
  const auto expected = std::chrono::milliseconds{static_cast<long>(r->response().body.size() * 1000 / 100000)};
  REQUIRE(expected >= 50ms);
  CHECK(r->response().elapsed >= expected);
  CHECK(us::test::valid_json(r->response().body));
}

TEST_CASE("a hang outlasts the client's timeout", "[upstream_sim][faults][server]") {
  running_sim sim{with_faults("balldontlie/teams", "hang=1,hang-for=5s")};
  REQUIRE(sim.started());
  const auto r = sim.get("/balldontlie/v1/teams", {}, 300ms);
  REQUIRE(r);
  REQUIRE(!r->ok());
  CHECK(r->failure().error == http::transport_error::read_timeout);
}

TEST_CASE("not-final reports a final game live on every API", "[upstream_sim][faults][server]") {
  auto options = us::test::default_options();
  options.faults.all.not_final_rate = 1;
  running_sim live{options};
  REQUIRE(live.started());
  const auto& l = live.server().league_data();
  const auto& g = l.games()[static_cast<std::size_t>(l.games_on({2025, 11, 14}).front())];
  us::test::parsed_json cdn{live.response("/nba_cdn/liveData/boxscore/boxscore_" + g.nba_id + ".json").body};
  REQUIRE(cdn.ok());
  CHECK(cdn.root["game"]["gameStatus"].get_int64().value() == 2);
  us::test::parsed_json bdl{live.response("/balldontlie/v1/games/" + std::to_string(g.bdl_id)).body};
  REQUIRE(bdl.ok());
  CHECK(bdl.root["data"]["status"].get_string().value() != "Final");
}

TEST_CASE("fail-first 2 over the wire: 503, 503, then 200", "[upstream_sim][faults][server]") {
  running_sim sim{with_faults("stats_nba", "fail-first=2")};
  REQUIRE(sim.started());
  const auto path = "/stats_nba/stats/boxscoretraditionalv2?GameID=0022500001";
  CHECK(sim.response(path).status == 503);
  CHECK(sim.response(path).status == 503);
  CHECK(sim.response(path).status == 200);
}
