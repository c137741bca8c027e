// Spec: an empty config file means every default written in config/schema.hpp.
#include <catch2/catch.hpp>

#include "config_test_support.hpp"

using namespace courtside::config;
using namespace std::chrono_literals;
using courtside::config::testing::describe;
using courtside::config::testing::load;

namespace {

engine_config load_empty() {
  auto result = load("");
  INFO(describe(result));
  REQUIRE(result.errors.empty());
  REQUIRE(result.config.has_value());
  return *result.config;
}

} // namespace

TEST_CASE("an empty file loads with no errors and equals a default-constructed config",
          "[config][defaults]") {
  CHECK(load_empty() == engine_config{});
}

TEST_CASE("[engine] defaults", "[config][defaults]") {
  auto e = load_empty().engine;
  CHECK(e.name == "courtside");
  CHECK(e.data_dir == "var/courtside");
  CHECK(e.time_zone == "America/New_York");
  CHECK(e.log_level == log_level::info);
  CHECK(e.log_format == log_format::text);
  CHECK(e.status_interval == 30s);
}

TEST_CASE("[supervision] defaults", "[config][defaults]") {
  auto s = load_empty().supervision;
  CHECK(s.backoff_min == 100ms);
  CHECK(s.backoff_max == 30s);
  CHECK(s.backoff_multiplier == 2.0);
  CHECK(s.backoff_jitter == 0.2);
  CHECK(s.stable_period == 60s);
  CHECK(s.max_restarts == 5);
  CHECK(s.restart_window == 60s);
  CHECK(s.shutdown_timeout == 5s);
  CHECK(s.buffer_capacity == 64);
  CHECK(s.seed == 1);
}

TEST_CASE("[http] defaults: loopback, port 8080, no token (mutating endpoints disabled)",
          "[config][defaults]") {
  auto h = load_empty().http;
  CHECK(h.bind == "127.0.0.1");
  CHECK(h.port == 8080);
  CHECK(h.token.empty());
}

TEST_CASE("no named tables and no faults by default, completeness threshold 0.95",
          "[config][defaults]") {
  auto c = load_empty();
  CHECK(c.sources.empty());
  CHECK(c.notifiers.empty());
  CHECK(c.jobs.empty());
  CHECK(c.faults.crash.empty());
  CHECK(c.pipeline.completeness_threshold == 0.95);
  // The phase-4 gate's tiered timeout: 4 of 5 after an hour, 3 of 5 after two.
  REQUIRE(c.pipeline.completeness_tiers.size() == 2);
  CHECK(c.pipeline.completeness_tiers[0].after == 1h);
  CHECK(c.pipeline.completeness_tiers[0].threshold == 0.8);
  CHECK(c.pipeline.completeness_tiers[1].after == 2h);
  CHECK(c.pipeline.completeness_tiers[1].threshold == 0.6);
}

TEST_CASE("completeness tiers listed in the file replace the default list", "[config][defaults]") {
  auto result = load(R"([pipeline]
completeness_threshold = 0.9
[[pipeline.completeness_tiers]]
after = "30m"
threshold = 0.5
)");
  INFO(describe(result));
  REQUIRE(result.config);
  REQUIRE(result.config->pipeline.completeness_tiers.size() == 1);
  CHECK(result.config->pipeline.completeness_tiers[0].after == 30min);
  CHECK(result.config->pipeline.completeness_tiers[0].threshold == 0.5);
}

TEST_CASE("a source with only its required keys gets every other default", "[config][defaults]") {
  auto result = load(R"([sources.bdl]
kind = "balldontlie"
base_url = "https://api.balldontlie.io/v1"
)");
  INFO(describe(result));
  REQUIRE(result.config);
  REQUIRE(result.config->sources.size() == 1);
  const auto& s = result.config->sources[0];
  CHECK(s.name == "bdl");
  CHECK(s.kind == source_kind::balldontlie);
  CHECK(s.base_url == "https://api.balldontlie.io/v1");
  CHECK(s.api_key.empty());
  CHECK(s.requests_per_minute == 60);
  CHECK(s.concurrency == 4);
  CHECK(s.timeout == 10s);
  CHECK(s.max_attempts == 4);
  CHECK(s.enabled);
}

TEST_CASE("a notifier with only its required keys gets every other default", "[config][defaults]") {
  auto result = load(R"([notifiers.ops]
kind = "slack"
webhook_url = "https://hooks.example.com/T0/B0/x"
)");
  INFO(describe(result));
  REQUIRE(result.config);
  REQUIRE(result.config->notifiers.size() == 1);
  const auto& n = result.config->notifiers[0];
  CHECK(n.name == "ops");
  CHECK(n.kind == notifier_kind::slack);
  CHECK(n.webhook_url.reveal() == "https://hooks.example.com/T0/B0/x");
  CHECK_FALSE(n.channel.has_value());
  CHECK(n.min_interval == 1s);
  CHECK(n.enabled);
}

TEST_CASE("a job with only a schedule gets the scheduler's defaults", "[config][defaults]") {
  auto result = load("[jobs.reconciler]\nschedule = \"0 3 * * *\"\n");
  INFO(describe(result));
  REQUIRE(result.config);
  REQUIRE(result.config->jobs.size() == 1);
  const auto& j = result.config->jobs[0];
  CHECK(j.name == "reconciler");
  CHECK(j.schedule == "0 3 * * *");
  CHECK(j.timeout == 600s);
  CHECK(j.overlap == courtside::schedule::overlap_policy::forbid);
  CHECK(j.missed == courtside::schedule::missed_policy::skip);
  CHECK(j.retries == 2);
  CHECK(j.retry_backoff == 30s);
  CHECK(j.pause_after == 5);
  CHECK(j.enabled);
}

TEST_CASE("a crash fault with target and every crashes without limit from the start",
          "[config][defaults]") {
  auto result = load("[[faults.crash]]\ntarget = \"ops.heartbeat\"\nevery = \"7s\"\n");
  INFO(describe(result));
  REQUIRE(result.config);
  REQUIRE(result.config->faults.crash.size() == 1);
  const auto& f = result.config->faults.crash[0];
  CHECK(f.target == "ops.heartbeat");
  CHECK(f.every == 7s);
  CHECK(f.times == 0);
  CHECK(f.start_after == 0ms);
}

TEST_CASE("named tables keep the file's order, not the alphabet's", "[config]") {
  auto result = load(R"([jobs.reconciler]
schedule = "* * * * *"
[jobs.planner]
schedule = "* * * * *"
[jobs.morning-predictions]
schedule = "* * * * *"
)");
  INFO(describe(result));
  REQUIRE(result.config);
  REQUIRE(result.config->jobs.size() == 3);
  CHECK(result.config->jobs[0].name == "reconciler");
  CHECK(result.config->jobs[1].name == "planner");
  CHECK(result.config->jobs[2].name == "morning-predictions");
}

TEST_CASE("every value can be set away from its default", "[config]") {
  auto result = load(R"(
[engine]
name = "n"
data_dir = "/d"
time_zone = "UTC"
log_level = "debug"
log_format = "json"
status_interval = "1m30s"
[supervision]
backoff_min = "1s"
backoff_max = "2m"
backoff_multiplier = 1.5
backoff_jitter = 0
stable_period = "2h"
max_restarts = 0
restart_window = "1d"
shutdown_timeout = "250ms"
buffer_capacity = 0
seed = 42
[http]
bind = "0.0.0.0"
port = 0
token = "t0k3n"
[pipeline]
completeness_threshold = 1
)");
  INFO(describe(result));
  REQUIRE(result.config);
  const auto& c = *result.config;
  CHECK(c.engine.name == "n");
  CHECK(c.engine.data_dir == "/d");
  CHECK(c.engine.time_zone == "UTC");
  CHECK(c.engine.log_level == log_level::debug);
  CHECK(c.engine.log_format == log_format::json);
  CHECK(c.engine.status_interval == 90s);
  CHECK(c.supervision.backoff_min == 1s);
  CHECK(c.supervision.backoff_max == 2min);
  CHECK(c.supervision.backoff_multiplier == 1.5);
  CHECK(c.supervision.backoff_jitter == 0.0);
  CHECK(c.supervision.stable_period == 2h);
  CHECK(c.supervision.max_restarts == 0);
  CHECK(c.supervision.restart_window == 24h);
  CHECK(c.supervision.shutdown_timeout == 250ms);
  CHECK(c.supervision.buffer_capacity == 0);
  CHECK(c.supervision.seed == 42);
  CHECK(c.http.bind == "0.0.0.0");
  CHECK(c.http.port == 0);
  CHECK(c.http.token.reveal() == "t0k3n");
  CHECK(c.pipeline.completeness_threshold == 1.0);
}
