// The control server over loopback against a real SQLite warehouse: every endpoint, auth,
// 404/405, malformed requests, and that no secret comes back out.
#include <catch2/catch.hpp>

#include <simdjson.h>

#include "integration/control_fixture.hpp"

using namespace courtside;
using namespace courtside::testing;

namespace {

simdjson::dom::element parse(simdjson::dom::parser& p, const std::string& body) {
  auto doc = p.parse(body);
  INFO(body);
  REQUIRE(doc.error() == simdjson::SUCCESS);
  return doc.value();
}

std::string header_of(const http::http_response& r, std::string_view name) {
  auto v = http::find_header(r.headers, name);
  return v ? std::string(*v) : std::string{};
}

http::header_list bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

} // namespace

TEST_CASE("control: /healthz answers ok and the dashboard page is served at /", "[control]") {
  control_fixture f{"control-health"};
  auto h = f.get("/healthz");
  CHECK(h.status == 200);
  CHECK(h.body == "ok\n");
  auto page = f.get("/");
  CHECK(page.status == 200);
  CHECK(header_of(page, "Content-Type").find("text/html") == 0);
  CHECK(page.body.find("<div id=\"grid\"") != std::string::npos);
  CHECK(page.body.find("http://") == std::string::npos); // nothing loaded from elsewhere
  CHECK(page.body.find("https://") == std::string::npos);
}

TEST_CASE("control: /readyz is 200 while every check passes and 503 with reasons when a supervisor escalated", "[control]") {
  control_fixture f{"control-ready"};
  auto ok = f.get("/readyz");
  INFO(ok.body);
  CHECK(ok.status == 200);
  simdjson::dom::parser p;
  CHECK(bool(parse(p, ok.body)["ready"]) == true);

  f.inject({supervision_event::kind::escalated, "pipeline", "intensity_exceeded", 0, 0, true});
  auto bad = f.get("/readyz");
  CHECK(bad.status == 503);
  auto doc = parse(p, bad.body);
  CHECK(bool(doc["ready"]) == false);
  auto reason = doc["reasons"].at(0);
  CHECK(std::string_view(reason["check"]) == "supervision");
  CHECK(std::string_view(reason["reason"]).find("'pipeline' escalated") != std::string_view::npos);
}

TEST_CASE("control: /readyz names a scheduler that is not in the tree and a missing warehouse", "[control]") {
  control_fixture f{"control-ready-missing", [](control::control_settings& s) {
    s.readiness = control::standard_readiness_checks("/nonexistent/warehouse.db", "ops.scheduler");
  }};
  auto r = f.get("/readyz");
  CHECK(r.status == 503);
  CHECK(r.body.find("warehouse '/nonexistent/warehouse.db' does not exist") != std::string::npos);
  CHECK(r.body.find("'ops.scheduler' is not in the supervision tree") != std::string::npos);
}

TEST_CASE("control: /api/status reports the tree, breakers, jobs, alerts and the ledger grid", "[control]") {
  control_fixture f{"control-status"};
  auto r = f.get("/api/status");
  REQUIRE(r.status == 200);
  CHECK(header_of(r, "Content-Type").find("application/json") == 0);
  simdjson::dom::parser p;
  auto doc = parse(p, r.body);
  CHECK(std::string_view(doc["engine"]) == "courtside-test");
  CHECK(bool(doc["actions_enabled"]) == true);

  bool saw_control = false, saw_scraper = false;
  for (auto n : doc["tree"].get_array()) {
    std::string_view path = n["path"];
    if (path == "control") saw_control = std::string_view(n["state"]) == "running";
    if (path == "sources.scraper_nba_cdn") saw_scraper = int64_t(n["restarts"]) == 2;
  }
  CHECK(saw_control);
  CHECK(saw_scraper);

  auto breakers = doc["breakers"].get_array();
  REQUIRE(breakers.size() == 2);
  CHECK(std::string_view(breakers.at(1)["name"]) == "source:nba_cdn");
  CHECK(std::string_view(breakers.at(1)["state"]) == "open");

  auto jobs = doc["jobs"].get_array();
  REQUIRE(jobs.size() == 2);
  CHECK(std::string_view(jobs.at(0)["name"]) == "daily_scrape");
  CHECK(std::string_view(jobs.at(0)["last_run"]["outcome"]) == "ok"); // the latest firing
  CHECK(int64_t(jobs.at(0)["next_fire"]) == control_test_now + 3'600'000);
  CHECK(jobs.at(1)["last_run"].is_null());

  auto alerts = doc["alerts"].get_array();
  REQUIRE(alerts.size() == 2);
  CHECK(std::string_view(alerts.at(0)["title"]) == "breaker source:nba_cdn opened"); // newest first

  auto grid = doc["grid"];
  auto phases = grid["phases"].get_array();
  REQUIRE(phases.size() == 3);
  CHECK(std::string_view(phases.at(0)) == "phase2");
  auto rows = grid["rows"].get_array();
  REQUIRE(rows.size() == 5);
  CHECK(std::string_view(rows.at(0)["date"]) == "2025-02-21");
  auto feb20 = rows.at(1)["cells"];
  CHECK(std::string_view(feb20.at(1)["state"]) == "FAILED"); // worst of FAILED + COMPLETE
  CHECK(int64_t(feb20.at(1)["outputs"]) == 2);
  CHECK(std::string_view(feb20.at(2)["state"]) == "BLOCKED");
  CHECK(std::string_view(rows.at(4)["cells"].at(0)["state"]) == ""); // 2025-02-17: a gap
}

TEST_CASE("control: /api/dates/{date} tells everything about one date, and a bad date is 400", "[control]") {
  control_fixture f{"control-date"};
  auto r = f.get("/api/dates/2025-02-20");
  REQUIRE(r.status == 200);
  simdjson::dom::parser p;
  auto doc = parse(p, r.body);
  CHECK(doc["ledger"].get_array().size() == 4);
  bool games = false;
  for (auto t : doc["tables"].get_array())
    if (std::string_view(t["table"]) == "schedule_games") games = int64_t(t["rows"]) == 2;
  CHECK(games);
  auto work = doc["work"].get_array();
  REQUIRE(work.size() == 1);
  CHECK(std::string_view(work.at(0)["state"]) == "dead");
  CHECK(doc["alerts"].get_array().size() == 1);

  CHECK(f.get("/api/dates/2025-02-30").status == 400);
  CHECK(f.get("/api/dates/yesterday").status == 400);
}

TEST_CASE("control: mutating endpoints need the bearer token", "[control]") {
  control_fixture f{"control-auth"};
  auto none = f.call("POST", "/api/jobs/daily_scrape/run");
  CHECK(none.status == 401);
  CHECK(header_of(none, "WWW-Authenticate").find("Bearer") == 0);
  CHECK(f.call("POST", "/api/jobs/daily_scrape/run", bearer("wrong")).status == 401);
  CHECK(f.call("POST", "/api/jobs/daily_scrape/run", bearer(std::string(control_test_token) + "x")).status == 401);
  CHECK(f.call("POST", "/api/jobs/daily_scrape/run", {{"Authorization", control_test_token}}).status == 401);
  {
    std::lock_guard lock(f.actions->mutex);
    CHECK(f.actions->jobs.empty()); // nothing ran without the token
  }
  auto ok = f.call("POST", "/api/jobs/daily_scrape/run", bearer(control_test_token));
  CHECK(ok.status == 202);
  CHECK(ok.body.find("job daily_scrape started") != std::string::npos);
  CHECK(f.call("POST", "/api/jobs/nope/run", bearer(control_test_token)).status == 404);
  CHECK(f.call("POST", "/api/jobs/Bad.Name/run", bearer(control_test_token)).status == 400);

  auto bf = f.call("POST", "/api/backfill", bearer(control_test_token), "from=2025-02-18&to=2025-02-20&phase=phase3");
  CHECK(bf.status == 202);
  CHECK(f.call("POST", "/api/backfill?from=2025-02-20&to=2025-02-18", bearer(control_test_token)).status == 400);
  CHECK(f.call("POST", "/api/backfill?from=2023-01-01&to=2025-02-18", bearer(control_test_token)).status == 400);
  CHECK(f.call("POST", "/api/backfill", bearer(control_test_token), "from=soon").status == 400);
  std::lock_guard lock(f.actions->mutex);
  REQUIRE(f.actions->backfills.size() == 1);
  CHECK(f.actions->backfills[0].first_date == "2025-02-18");
  CHECK(f.actions->backfills[0].last_date == "2025-02-20");
  CHECK(f.actions->backfills[0].phases == std::vector<std::string>{"phase3"});
}

TEST_CASE("control: without a configured token the mutating endpoints are disabled (403)", "[control]") {
  control_fixture f{"control-no-token", [](control::control_settings& s) { s.token.clear(); }};
  CHECK(f.call("POST", "/api/jobs/daily_scrape/run", bearer("anything")).status == 403);
  CHECK(f.call("POST", "/api/backfill?from=2025-02-18", bearer("")).status == 403);
  CHECK(f.get("/api/status").body.find("\"actions_enabled\":false") != std::string::npos);
}

TEST_CASE("control: an action that never reports back is answered 504 after its timeout", "[control]") {
  control_fixture f{"control-action-timeout", [](control::control_settings& s) {
    s.action_timeout = std::chrono::milliseconds{300};
  }};
  f.actions->never_answer = true;
  CHECK(f.call("POST", "/api/jobs/daily_scrape/run", bearer(control_test_token)).status == 504);
}

TEST_CASE("control: unknown paths are 404, wrong methods 405 with Allow", "[control]") {
  control_fixture f{"control-404-405"};
  CHECK(f.get("/nope").status == 404);
  CHECK(f.get("/api/dates/2025-02-20/extra").status == 404);
  CHECK(f.get("/api/jobs/x/stop").status == 404);
  auto post_metrics = f.call("POST", "/metrics");
  CHECK(post_metrics.status == 405);
  CHECK(header_of(post_metrics, "Allow") == "GET, HEAD");
  auto get_backfill = f.get("/api/backfill");
  CHECK(get_backfill.status == 405);
  CHECK(header_of(get_backfill, "Allow") == "POST");
  CHECK(f.call("DELETE", "/api/jobs/daily_scrape/run").status == 405);
}

TEST_CASE("control: malformed and oversized requests are refused and the server keeps serving", "[control]") {
  control_fixture f{"control-malformed"};
  CHECK(raw_exchange(f.port, "GARBAGE\r\n\r\n").rfind("HTTP/1.1 400", 0) == 0);
  CHECK(raw_exchange(f.port, "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: zebra\r\n\r\n").rfind("HTTP/1.1 400", 0) == 0);
  CHECK(raw_exchange(f.port, "GET / HTTP/1.1\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n").rfind("HTTP/1.1 431", 0) == 0);
  CHECK(raw_exchange(f.port, "POST /api/backfill HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + std::string(100000, 'a')).rfind("HTTP/1.1 413", 0) == 0);
  CHECK(raw_exchange(f.port, std::string("\0\x01\x02\xff\r\n\r\n", 8)).rfind("HTTP/1.1 400", 0) == 0);
  CHECK(f.get("/healthz").status == 200);
}

TEST_CASE("control: no answer ever contains the token, even when stored data does", "[control]") {
  control_fixture f{"control-secret"};
  {
    auto db = storage::database::open({f.warehouse.string(), std::chrono::milliseconds{2000}, false});
    REQUIRE(db);
    exec_sql(db.value(), std::string("UPDATE breaker_state SET reason = 'auth failed with ") +
                           control_test_token + "' WHERE name = 'source:nba_cdn'");
  }
  for (const char* path : {"/api/status", "/metrics", "/readyz", "/api/dates/2025-02-20"}) {
    auto r = f.get(path);
    INFO(path);
    CHECK(r.body.find(control_test_token) == std::string::npos);
  }
  CHECK(f.get("/api/status").body.find("auth failed with <redacted>") != std::string::npos);
  auto wrong = f.call("POST", "/api/jobs/x/run", bearer("wrong"));
  CHECK(wrong.body.find(control_test_token) == std::string::npos);
}
