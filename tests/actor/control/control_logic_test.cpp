// The control plane's pure parts: routing, bearer auth, dates, the JSON writer, the ledger
// grid and readiness. (The server itself runs over loopback in tests/integration/control_*.)
#include <catch2/catch.hpp>

#include <limits>

#include "actors/control/control_routes.hpp"
#include "actors/control/json_writer.hpp"
#include "actors/control/readiness.hpp"
#include "actors/control/status_report.hpp"

using namespace courtside;
using namespace courtside::control;

TEST_CASE("routes: each endpoint by method and path", "[control]") {
  CHECK(route_request("GET", "/").what == endpoint::dashboard);
  CHECK(route_request("HEAD", "/healthz").what == endpoint::healthz);
  CHECK(route_request("GET", "/readyz").what == endpoint::readyz);
  CHECK(route_request("GET", "/metrics").what == endpoint::metrics);
  CHECK(route_request("GET", "/api/status").what == endpoint::status);
  auto d = route_request("GET", "/api/dates/2025-02-20");
  CHECK(d.what == endpoint::date);
  CHECK(d.param == "2025-02-20");
  auto j = route_request("POST", "/api/jobs/daily_scrape/run");
  CHECK(j.what == endpoint::run_job);
  CHECK(j.param == "daily_scrape");
  CHECK(route_request("POST", "/api/backfill").what == endpoint::backfill);
}

TEST_CASE("routes: unknown paths are not_found, known paths with the wrong method name the allowed ones", "[control]") {
  CHECK(route_request("GET", "/api").what == endpoint::not_found);
  CHECK(route_request("GET", "/api/dates/").what == endpoint::not_found);
  CHECK(route_request("GET", "/api/dates/a/b").what == endpoint::not_found);
  CHECK(route_request("POST", "/api/jobs//run").what == endpoint::not_found);
  CHECK(route_request("POST", "/api/jobs/a/b/run").what == endpoint::not_found);
  CHECK(route_request("GET", "/metricsx").what == endpoint::not_found);
  auto m = route_request("POST", "/metrics");
  CHECK(m.what == endpoint::method_not_allowed);
  CHECK(m.allow == "GET, HEAD");
  auto b = route_request("GET", "/api/backfill");
  CHECK(b.what == endpoint::method_not_allowed);
  CHECK(b.allow == "POST");
  CHECK(route_request("get", "/healthz").what == endpoint::method_not_allowed); // methods are case-sensitive
}

TEST_CASE("auth: no token configured disables, missing, malformed and wrong tokens are refused", "[control]") {
  CHECK(authorize(std::string_view{"Bearer x"}, "") == auth_decision::disabled);
  CHECK(authorize(std::nullopt, "tok3n") == auth_decision::missing);
  CHECK(authorize(std::string_view{"tok3n"}, "tok3n") == auth_decision::missing);
  CHECK(authorize(std::string_view{"Basic dG9rM24="}, "tok3n") == auth_decision::missing);
  CHECK(authorize(std::string_view{"Bearer tok3"}, "tok3n") == auth_decision::wrong_token);
  CHECK(authorize(std::string_view{"Bearer tok3n2"}, "tok3n") == auth_decision::wrong_token);
  CHECK(authorize(std::string_view{"Bearer TOK3N"}, "tok3n") == auth_decision::wrong_token);
  CHECK(authorize(std::string_view{"Bearer "}, "tok3n") == auth_decision::wrong_token);
  CHECK(authorize(std::string_view{"Bearer tok3n"}, "tok3n") == auth_decision::allowed);
  CHECK(authorize(std::string_view{"bearer  tok3n "}, "tok3n") == auth_decision::allowed);
}

TEST_CASE("constant_time_equal: equal only for identical bytes, including a prefix and a NUL", "[control]") {
  CHECK(constant_time_equal("abc", "abc"));
  CHECK(constant_time_equal("", ""));
  CHECK_FALSE(constant_time_equal("abc", "abd"));
  CHECK_FALSE(constant_time_equal("abc", "ab"));
  CHECK_FALSE(constant_time_equal("ab", "abc"));
  CHECK_FALSE(constant_time_equal(std::string_view("ab\0", 3), "ab"));
}

TEST_CASE("dates and job names: only real calendar dates and config-style names", "[control]") {
  CHECK(valid_date("2024-02-29"));
  CHECK_FALSE(valid_date("2025-02-29"));
  CHECK_FALSE(valid_date("2025-13-01"));
  CHECK_FALSE(valid_date("2025-1-01"));
  CHECK_FALSE(valid_date("2025-01-01x"));
  CHECK(valid_job_name("daily_scrape-2"));
  CHECK_FALSE(valid_job_name("Daily"));
  CHECK_FALSE(valid_job_name("../x"));
  CHECK_FALSE(valid_job_name(std::string(65, 'a')));
}

TEST_CASE("json_writer: commas, nesting, escaping and non-finite numbers", "[control]") {
  json_writer w;
  w.begin_object().field("s", "a\"b\\c\n\x01<").field("n", 3).field("d", 0.5)
    .field("inf", std::numeric_limits<double>::infinity()).key("arr").begin_array().value(true).null().begin_object().end_object()
    .end_array().field("opt", std::optional<std::int64_t>{}).end_object();
  CHECK(w.str() == "{\"s\":\"a\\\"b\\\\c\\n\\u0001\\u003c\",\"n\":3,\"d\":0.5,\"inf\":null,"
                   "\"arr\":[true,null,{}],\"opt\":null}");
}

TEST_CASE("last_dates: n dates ending today, newest first, across month and leap-day edges", "[control]") {
  CHECK(last_dates("2024-03-01", 3) == std::vector<std::string>{"2024-03-01", "2024-02-29", "2024-02-28"});
  CHECK(last_dates("2025-01-01", 2) == std::vector<std::string>{"2025-01-01", "2024-12-31"});
  CHECK(last_dates("not a date", 3).empty());
  CHECK(date_of(1'740'160'800'000) == "2025-02-21");
  CHECK(date_of(1'740'160'800'000, -19 * 60) == "2025-02-20"); // 23:00 the day before, UTC-19h
}

TEST_CASE("ledger grid: the worst state wins a cell, phases in pipeline order, gaps stay empty", "[control]") {
  using storage::output_state;
  auto row = [](const char* date, const char* phase, output_state s, const char* reason = "") {
    storage::ledger_row r;
    r.key = {date, phase, "out"};
    r.state = s;
    r.reason = reason;
    return r;
  };
  std::vector<storage::ledger_row> rows{
    row("2025-02-20", "phase3", output_state::complete),
    row("2025-02-20", "phase3", output_state::degraded, "62% complete"),
    row("2025-02-20", "phase10", output_state::complete),
    row("2025-02-20", "analytics", output_state::empty_ok),
    row("2025-02-21", "phase2", output_state::running),
    row("2025-01-01", "phase2", output_state::failed), // outside the dates: ignored
  };
  auto g = build_ledger_grid(rows, {"2025-02-21", "2025-02-20", "2025-02-19"}, {"phase6"});
  CHECK(g.phases == std::vector<std::string>{"phase2", "analytics", "phase3", "phase6", "phase10"});
  const auto& c = g.cells[1][2];
  CHECK(c.state == "DEGRADED");
  CHECK(c.outputs == 2);
  CHECK(c.finished == 1);
  CHECK(c.reason == "62% complete");
  CHECK(g.cells[0][0].state == "RUNNING");
  CHECK(g.cells[2][0].state.empty()); // 2025-02-19: nothing planned, the silent gap
  CHECK(g.cells[1][3].state.empty()); // phase6 shown though nothing reached it
}

TEST_CASE("readiness: failures carry the check's name and reason, and a throwing probe fails", "[control]") {
  std::vector<tree_node_status> tree{{"ops", "running", 0, 0, "", true},
                                     {"ops.scheduler", "restarting", 2, 400, "fault_injected", false}};
  readiness_input in{&tree};
  std::vector<readiness_check> checks{
    no_escalation_check(), child_running_check("scheduler", "ops.scheduler"),
    {"boom", [](const readiness_input&) -> std::optional<std::string> { throw std::runtime_error("x"); }}};
  auto failures = evaluate_readiness(checks, in);
  REQUIRE(failures.size() == 2);
  CHECK(failures[0].check == "scheduler");
  CHECK(failures[0].reason == "'ops.scheduler' is restarting");
  CHECK(failures[1].reason == "check failed: x");
  tree[1].state = "running";
  CHECK(evaluate_readiness({no_escalation_check(), child_running_check("s", "ops.scheduler")}, in).empty());
  tree[0].state = "escalated";
  CHECK(evaluate_readiness({no_escalation_check()}, in).size() == 1);
  CHECK(evaluate_readiness({no_escalation_check()}, readiness_input{nullptr}).size() == 1);
}

TEST_CASE("scrape-time metrics: breaker states encode as 0/1/2 and vanished series disappear", "[control]") {
  CHECK(breaker_state_value("closed") == 0);
  CHECK(breaker_state_value("half_open") == 1);
  CHECK(breaker_state_value("open") == 2);
  CHECK(breaker_state_value("weird") == -1);
  metrics::registry r;
  auto m = metrics::engine_metrics_in(r);
  warehouse_overview wh;
  wh.breakers.push_back({"source:a", "open", 3, {}, {}, "", 0});
  wh.queue.push_back({"boxscore", "ready", 4});
  wh.oldest.push_back({"boxscore", 10'000});
  record_scrape_metrics(m, &wh, nullptr, 70'000);
  auto text = r.render();
  CHECK(text.find("courtside_breaker_state{name=\"source:a\"} 2\n") != std::string::npos);
  CHECK(text.find("courtside_queue_oldest_item_age_seconds{kind=\"boxscore\"} 60\n") != std::string::npos);
  wh.breakers.clear();
  wh.queue.clear();
  record_scrape_metrics(m, &wh, nullptr, 70'000);
  text = r.render();
  CHECK(text.find("source:a") == std::string::npos);
  CHECK(text.find("courtside_queue_depth{") == std::string::npos);
}
