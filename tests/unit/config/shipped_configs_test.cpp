// Spec: the configs shipped in config/ load as documented.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "config_test_support.hpp"

using namespace courtside::config;
using namespace std::chrono_literals;
using courtside::config::testing::describe;
using courtside::config::testing::fake_env;

namespace {

const std::string demo_path = COURTSIDE_SOURCE_DIR "/config/demo.toml";
const std::string production_path = COURTSIDE_SOURCE_DIR "/config/production.toml";

std::string read_text(const std::string& path) {
  std::ifstream file{path, std::ios::binary};
  REQUIRE(file);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

const std::map<std::string, std::string> production_vars{
    {"BALLDONTLIE_API_KEY", "bdl-key-0001"},
    {"ODDS_API_KEY", "odds-key-0002"},
    {"SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/secret0003"},
    {"COURTSIDE_API_TOKEN", "token-0004"},
};

} // namespace

TEST_CASE("the shipped demo.toml loads with zero errors in an empty environment",
          "[config][shipped]") {
  auto result = load_file(demo_path, fake_env());
  INFO(describe(result));
  REQUIRE(result.errors.empty());
  const auto& c = *result.config;
  CHECK(c.engine.name == "courtside-demo");
  CHECK(c.engine.data_dir == "var/demo");
  CHECK(c.engine.status_interval == 5s);
  CHECK(c.supervision.backoff_min == 200ms);
  CHECK(c.supervision.backoff_max == 5s);
  CHECK(c.http.bind == "127.0.0.1");
  CHECK(c.http.port == 8080);
  CHECK(c.http.token.empty());
}

TEST_CASE("the demo has one local source of each kind on the simulator", "[config][shipped]") {
  auto c = *load_file(demo_path, fake_env()).config;
  REQUIRE(c.sources.size() == 4);
  for (auto kind : all_source_kinds) {
    auto same_kind = [&](const source_config& s) { return s.kind == kind; };
    auto found = std::find_if(c.sources.begin(), c.sources.end(), same_kind);
    INFO(to_string(kind));
    REQUIRE(found != c.sources.end());
    CHECK(found->base_url == "http://127.0.0.1:18080/" + std::string{to_string(kind)});
  }
}

TEST_CASE("the demo's Slack webhook defaults to the local fake and follows its variable",
          "[config][shipped]") {
  auto local = *load_file(demo_path, fake_env()).config;
  REQUIRE(local.notifiers.size() == 1);
  CHECK(local.notifiers[0].webhook_url.reveal() == "http://127.0.0.1:18081/webhook");

  auto env = fake_env({{"COURTSIDE_DEMO_SLACK_URL", "http://127.0.0.1:9999/hook"}});
  auto redirected = *load_file(demo_path, env).config;
  CHECK(redirected.notifiers[0].webhook_url.reveal() == "http://127.0.0.1:9999/hook");
}

TEST_CASE("the demo crashes ops.heartbeat every 7 s, 3 times, and has jobs", "[config][shipped]") {
  auto c = *load_file(demo_path, fake_env()).config;
  REQUIRE(c.faults.crash.size() == 1);
  CHECK(c.faults.crash[0].target == "ops.heartbeat");
  CHECK(c.faults.crash[0].every == 7s);
  CHECK(c.faults.crash[0].times == 3);
  CHECK(c.jobs.size() >= 2);
}

TEST_CASE("the embedded demo is byte-for-byte the shipped demo.toml and loads identically",
          "[config][shipped]") {
  CHECK(embedded_demo_config() == read_text(demo_path));
  auto embedded = load_embedded_demo(fake_env());
  INFO(describe(embedded));
  REQUIRE(embedded.errors.empty());
  CHECK(*embedded.config == *load_file(demo_path, fake_env()).config);
}

TEST_CASE("errors in the embedded demo are named as such", "[config][shipped]") {
  // The embedded text has no errors, so check the name through a syntax error of the same loader.
  auto result = load_string("[", "config/demo.toml (embedded)", fake_env());
  REQUIRE(result.errors.size() == 1);
  CHECK_THAT(result.errors[0].to_string(), Catch::StartsWith("config/demo.toml (embedded):1:"));
}

TEST_CASE("production.toml loads when its four variables are set", "[config][shipped]") {
  auto result = load_file(production_path, fake_env(production_vars));
  INFO(describe(result));
  REQUIRE(result.errors.empty());
  const auto& c = *result.config;
  CHECK(c.engine.data_dir == "/var/lib/courtside");
  CHECK(c.faults.crash.empty());
  CHECK(c.http.token.reveal() == "token-0004");
  std::map<std::string, std::string> urls;
  for (const auto& s : c.sources) urls[std::string{to_string(s.kind)}] = s.base_url;
  CHECK(urls ==
        std::map<std::string, std::string>{{"balldontlie", "https://api.balldontlie.io/v1"},
                                           {"nba_cdn", "https://cdn.nba.com/static/json"},
                                           {"stats_nba", "https://stats.nba.com/stats"},
                                           {"odds_api", "https://api.the-odds-api.com/v4"}});
  std::map<std::string, std::string> keys;
  for (const auto& s : c.sources) keys[s.name] = s.api_key.reveal();
  CHECK(keys["balldontlie"] == "bdl-key-0001");
  CHECK(keys["odds_api"] == "odds-key-0002");
  REQUIRE(c.notifiers.size() == 1);
  CHECK(c.notifiers[0].webhook_url.reveal() == production_vars.at("SLACK_WEBHOOK_URL"));
}

TEST_CASE("production.toml without its variables fails naming each one, with its key",
          "[config][shipped]") {
  auto result = load_file(production_path, fake_env());
  INFO(describe(result));
  CHECK_FALSE(result.config);
  REQUIRE(result.errors.size() == production_vars.size());
  std::map<std::string, std::string> key_of_variable;
  for (const auto& e : result.errors) {
    CHECK(e.kind == config_error_kind::environment);
    CHECK(e.file == production_path);
    CHECK(e.line > 0);
    for (const auto& [name, value] : production_vars)
      if (e.message.find(name + " is not set") != std::string::npos)
        key_of_variable[name] = e.key_path;
  }
  CHECK(key_of_variable ==
        std::map<std::string, std::string>{{"BALLDONTLIE_API_KEY", "sources.balldontlie.api_key"},
                                           {"ODDS_API_KEY", "sources.odds_api.api_key"},
                                           {"SLACK_WEBHOOK_URL", "notifiers.ops.webhook_url"},
                                           {"COURTSIDE_API_TOKEN", "http.token"}});
}

TEST_CASE("production.toml missing just one variable names just that one", "[config][shipped]") {
  auto vars = production_vars;
  vars.erase("ODDS_API_KEY");
  auto result = load_file(production_path, fake_env(vars));
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].key_path == "sources.odds_api.api_key");
  CHECK_THAT(result.errors[0].message, Catch::Contains("ODDS_API_KEY"));
}
