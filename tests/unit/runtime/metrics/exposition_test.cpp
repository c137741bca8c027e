// The Prometheus text exposition format, rule by rule, and the registry that renders it.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <thread>

#include "runtime/metrics/engine_metrics.hpp"
#include "runtime/metrics/exposition.hpp"
#include "runtime/metrics/registry.hpp"

using namespace courtside::metrics;

TEST_CASE("values render as Go floats: integers bare, shortest decimals, +Inf, -Inf, NaN", "[metrics]") {
  CHECK(format_value(0) == "0");
  CHECK(format_value(-0.0) == "0");
  CHECK(format_value(3) == "3");
  CHECK(format_value(-2) == "-2");
  CHECK(format_value(0.25) == "0.25");
  CHECK(format_value(0.1) == "0.1");
  CHECK(format_value(1e21) == "1e+21");
  CHECK(format_value(123456789) == "123456789");
  CHECK(format_value(std::numeric_limits<double>::infinity()) == "+Inf");
  CHECK(format_value(-std::numeric_limits<double>::infinity()) == "-Inf");
  CHECK(format_value(std::nan("")) == "NaN");
}

TEST_CASE("HELP escapes backslash and line feed, and leaves quotes alone", "[metrics]") {
  CHECK(escape_help("a\\b\nc \"q\"") == "a\\\\b\\nc \"q\"");
}

TEST_CASE("label values escape backslash, double quote and line feed", "[metrics]") {
  CHECK(escape_label_value("C:\\x \"y\"\nz") == "C:\\\\x \\\"y\\\"\\nz");
  CHECK(escape_label_value("plain") == "plain");
}

TEST_CASE("metric and label names follow the Prometheus grammar", "[metrics]") {
  CHECK(valid_metric_name("courtside_http_requests_total"));
  CHECK(valid_metric_name("a:b_c9"));
  CHECK_FALSE(valid_metric_name("9lives"));
  CHECK_FALSE(valid_metric_name("has-dash"));
  CHECK_FALSE(valid_metric_name(""));
  CHECK(valid_label_name("source"));
  CHECK_FALSE(valid_label_name("__reserved"));
  CHECK_FALSE(valid_label_name("le"));
  CHECK_FALSE(valid_label_name("a:b"));
}

TEST_CASE("a counter family renders HELP, TYPE and one line per series in label order", "[metrics]") {
  registry r;
  auto& c = r.counter("courtside_http_requests_total", "HTTP requests.", {"source", "status"});
  c.with({"nba_cdn", "200"}).inc(2);
  c.with({"balldontlie", "503"}).inc();
  CHECK(r.render() ==
        "# HELP courtside_http_requests_total HTTP requests.\n"
        "# TYPE courtside_http_requests_total counter\n"
        "courtside_http_requests_total{source=\"balldontlie\",status=\"503\"} 1\n"
        "courtside_http_requests_total{source=\"nba_cdn\",status=\"200\"} 2\n");
}

TEST_CASE("a counter never goes down, and mirror sets it from a monotonic source", "[metrics]") {
  registry r;
  auto& c = r.counter("x_total", "x").only();
  c.inc(3);
  c.inc(-1);
  c.inc(std::nan(""));
  CHECK(c.value() == 3);
  c.mirror(7);
  CHECK(c.value() == 7);
  c.mirror(-1);
  CHECK(c.value() == 7);
}

TEST_CASE("a label value with quotes and newlines is escaped in the sample line", "[metrics]") {
  registry r;
  r.gauge("g", "gauge", {"name"}).with({"a\"b\nc\\"}).set(1.5);
  CHECK(r.render().find("g{name=\"a\\\"b\\nc\\\\\"} 1.5\n") != std::string::npos);
}

TEST_CASE("a histogram renders cumulative _bucket lines with le, +Inf = _count, then _sum and _count", "[metrics]") {
  registry r;
  auto& h = r.histogram("courtside_phase_duration_seconds", "Phase time.", {"phase"}, {0.5, 1, 2.5});
  auto& p3 = h.with({"phase3"});
  for (double v : {0.1, 0.5, 0.7, 3.0}) p3.observe(v);
  CHECK(r.render() ==
        "# HELP courtside_phase_duration_seconds Phase time.\n"
        "# TYPE courtside_phase_duration_seconds histogram\n"
        "courtside_phase_duration_seconds_bucket{phase=\"phase3\",le=\"0.5\"} 2\n"
        "courtside_phase_duration_seconds_bucket{phase=\"phase3\",le=\"1\"} 3\n"
        "courtside_phase_duration_seconds_bucket{phase=\"phase3\",le=\"2.5\"} 3\n"
        "courtside_phase_duration_seconds_bucket{phase=\"phase3\",le=\"+Inf\"} 4\n"
        "courtside_phase_duration_seconds_sum{phase=\"phase3\"} 4.3\n"
        "courtside_phase_duration_seconds_count{phase=\"phase3\"} 4\n");
}

TEST_CASE("an observation exactly on a bound counts in that bucket (le is inclusive)", "[metrics]") {
  registry r;
  auto& h = r.histogram("h_seconds", "h", {}, {1, 2}).only();
  h.observe(1);
  h.observe(1.0000001);
  auto s = h.read();
  CHECK(s.cumulative == std::vector<std::uint64_t>{1, 2, 2});
}

TEST_CASE("a family without labels renders bare names, a family without series only its header", "[metrics]") {
  registry r;
  r.gauge("up", "Up.").only().set(1);
  r.counter("none_total", "Nothing yet.", {"kind"});
  CHECK(r.render() == "# HELP up Up.\n# TYPE up gauge\nup 1\n"
                      "# HELP none_total Nothing yet.\n# TYPE none_total counter\n");
}

TEST_CASE("hide_all drops series from the output until they are set again", "[metrics]") {
  registry r;
  auto& g = r.gauge("q", "q", {"kind"});
  g.with({"a"}).set(1);
  g.with({"b"}).set(2);
  g.hide_all();
  g.with({"b"}).set(3);
  const auto text = r.render();
  CHECK(text.find("q{kind=\"a\"}") == std::string::npos);
  CHECK(text.find("q{kind=\"b\"} 3\n") != std::string::npos);
}

TEST_CASE("registering a name again returns the same family, a conflict is detached and reported", "[metrics]") {
  registry r;
  auto& a = r.counter("c_total", "c", {"x"});
  auto& b = r.counter("c_total", "c", {"x"});
  CHECK(&a == &b);
  auto& wrong_type = r.gauge("c_total", "c", {"x"});
  wrong_type.with({"1"}).set(5);
  auto& wrong_labels = r.counter("c_total", "c", {"y"});
  wrong_labels.with({"1"}).inc();
  auto& bad_name = r.counter("bad-name", "b");
  bad_name.only().inc();
  auto& bad_buckets = r.histogram("h", "h", {}, {2, 1});
  bad_buckets.only().observe(1);
  CHECK(r.render() == "# HELP c_total c\n# TYPE c_total counter\n");
  REQUIRE(r.problems().size() == 4);
  CHECK(r.problems()[0] == "c_total: registered as counter, asked for gauge");
}

TEST_CASE("label values are padded or cut to the declared labels", "[metrics]") {
  registry r;
  auto& c = r.counter("p_total", "p", {"a", "b"});
  c.with({"only"}).inc();
  c.with({"x", "y", "z"}).inc();
  const auto text = r.render();
  CHECK(text.find("p_total{a=\"only\",b=\"\"} 1\n") != std::string::npos);
  CHECK(text.find("p_total{a=\"x\",b=\"y\"} 1\n") != std::string::npos);
}

TEST_CASE("concurrent increments from many threads lose nothing", "[metrics]") {
  registry r;
  auto& fam = r.counter("hits_total", "h", {"t"});
  auto& hist = r.histogram("lat_seconds", "l", {}, {0.5}).only();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10000; ++i) {
        fam.with({std::to_string(t % 2)}).inc();
        hist.observe(i % 2 ? 0.25 : 1.0);
      }
    });
  for (auto& t : threads) t.join();
  CHECK(fam.with({"0"}).value() + fam.with({"1"}).value() == 40000);
  auto s = hist.read();
  CHECK(s.count == 40000);
  CHECK(s.cumulative[0] == 20000);
  CHECK(s.sum == Approx(20000 * 0.25 + 20000 * 1.0));
}

TEST_CASE("the engine catalogue registers every family once, with conventional names", "[metrics]") {
  registry r;
  auto m1 = engine_metrics_in(r);
  auto m2 = engine_metrics_in(r);
  CHECK(&m1.http_requests == &m2.http_requests);
  CHECK(r.problems().empty());
  const auto text = r.render();
  for (const char* name : {"courtside_http_requests_total", "courtside_retries_total",
                           "courtside_decode_errors_total", "courtside_actor_restarts_total",
                           "courtside_dead_letters_total", "courtside_alerts_total",
                           "courtside_job_runs_total", "courtside_phase_duration_seconds",
                           "courtside_breaker_state", "courtside_queue_depth",
                           "courtside_queue_oldest_item_age_seconds", "courtside_ledger_rows"})
    CHECK(text.find(std::string("# TYPE ") + name + " ") != std::string::npos);
}
