// Spec: render_redacted shows the resolved config without secrets; secret_values lists them.
#include <catch2/catch.hpp>

#include "config_test_support.hpp"

using namespace courtside::config;
using courtside::config::testing::describe;
using courtside::config::testing::fake_env;
using courtside::config::testing::load;

namespace {

// Every section, every non-secret value away from its default, and three secrets.
const char* const full_config = R"(
[engine]
name = "render-me"
data_dir = "/srv/c$$ourt"
time_zone = "UTC"
log_level = "trace"
log_format = "json"
status_interval = "1m30s"

[supervision]
backoff_min = "150ms"
backoff_max = "45s"
backoff_multiplier = 1.7
backoff_jitter = 0.35
stable_period = "2m"
max_restarts = 9
restart_window = "3m"
shutdown_timeout = "7s"
buffer_capacity = 128
seed = 123456789

[http]
bind = "0.0.0.0"
port = 9090
token = "tok-SECRET-1"

[sources.zeta]
kind = "odds_api"
base_url = "https://odds.example.com/v4?sport=basketball_nba&q=\"x\""
api_key = "key-SECRET-2"
requests_per_minute = 7
concurrency = 3
timeout = "11s"
max_attempts = 2
enabled = false

[sources.alpha]
kind = "nba_cdn"
base_url = "http://cdn.example.com"

[notifiers.ops]
kind = "slack"
webhook_url = "https://hooks.example.com/SECRET-3"
channel = "#ops"
min_interval = "0s"
enabled = false

[jobs.reconciler]
schedule = "0 3 * * *"
timeout = "20m"
enabled = false

[pipeline]
completeness_threshold = 0.9

[[faults.crash]]
target = "ops.heartbeat"
every = "7s"
times = 3
start_after = "2s"

[[faults.crash]]
target = "sources.scraper_zeta"
every = "1h"
)";

const std::vector<std::string> full_config_secrets{"tok-SECRET-1", "key-SECRET-2",
                                                   "https://hooks.example.com/SECRET-3"};

engine_config full() {
  auto result = load(full_config);
  INFO(describe(result));
  REQUIRE(result.config);
  return *result.config;
}

// Redacted output cannot load as-is (a webhook must be an http(s) URL), so a round trip
// substitutes a stand-in for each "<redacted>" and compares everything else.
std::string with_stand_ins(std::string text) {
  const std::string marker = "\"<redacted>\"";
  for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at))
    text.replace(at, marker.size(), "\"https://stand-in.invalid/\"");
  return text;
}

} // namespace

TEST_CASE("render_redacted contains no secret value, only <redacted> in their place",
          "[config][render]") {
  auto text = render_redacted(full());
  INFO(text);
  for (const auto& secret_text : full_config_secrets)
    CHECK_THAT(text, !Catch::Contains(secret_text));
  CHECK_THAT(text, Catch::Contains("token = \"<redacted>\""));
  CHECK_THAT(text, Catch::Contains("api_key = \"<redacted>\""));
  CHECK_THAT(text, Catch::Contains("webhook_url = \"<redacted>\""));
}

TEST_CASE("render_redacted round-trips through load_string: every non-secret value survives",
          "[config][render]") {
  auto original = full();
  auto text = render_redacted(original);
  auto reloaded = load_string(with_stand_ins(text), "rendered.toml", fake_env());
  INFO(text << "\n" << describe(reloaded));
  REQUIRE(reloaded.errors.empty());

  auto expected = original;
  expected.http.token = secret{"https://stand-in.invalid/"};
  expected.sources[0].api_key = secret{"https://stand-in.invalid/"};
  expected.notifiers[0].webhook_url = secret{"https://stand-in.invalid/"};
  CHECK(*reloaded.config == expected);
  CHECK(reloaded.config->engine.data_dir == "/srv/c$ourt"); // '$' survives re-interpolation
  CHECK(reloaded.config->sources[1].api_key.empty());       // unset secrets stay unset
}

TEST_CASE("render_redacted of the defaults loads back to the defaults", "[config][render]") {
  auto reloaded = load_string(render_redacted(engine_config{}), "rendered.toml", fake_env());
  INFO(describe(reloaded));
  REQUIRE(reloaded.config);
  CHECK(*reloaded.config == engine_config{});
}

TEST_CASE("render_redacted of the demo keeps its sections and hides its keys", "[config][render]") {
  auto demo = load_embedded_demo(fake_env({{"COURTSIDE_DEMO_API_KEY", "demo-SECRET"}}));
  REQUIRE(demo.config);
  auto text = render_redacted(*demo.config);
  CHECK_THAT(text, !Catch::Contains("demo-SECRET"));
  CHECK_THAT(text, !Catch::Contains("18081/webhook"));
  CHECK_THAT(text, Catch::Contains("[sources.stats_nba]"));
  CHECK_THAT(text, Catch::Contains("[[faults.crash]]"));
  auto reloaded = load_string(with_stand_ins(text), "rendered.toml", fake_env());
  INFO(text << "\n" << describe(reloaded));
  CHECK(reloaded.errors.empty());
}

TEST_CASE("secret_values lists every non-empty secret once, token first", "[config][render]") {
  CHECK(secret_values(full()) == full_config_secrets);
  CHECK(secret_values(engine_config{}).empty());

  auto demo = load_embedded_demo(fake_env());
  REQUIRE(demo.config);
  // Two sources share the demo key: it is listed once.
  CHECK(secret_values(*demo.config) ==
        std::vector<std::string>{"demo-key", "http://127.0.0.1:18081/webhook"});
}
