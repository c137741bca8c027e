// Spec: ${VAR} interpolation in config strings (config/env.hpp), alone and through the loader.
#include <catch2/catch.hpp>

#include "config/env.hpp"
#include "config_test_support.hpp"

using namespace courtside::config;
using namespace std::chrono_literals;
using courtside::config::testing::describe;
using courtside::config::testing::fake_env;
using courtside::config::testing::load;

namespace {

std::string resolved(std::string_view text, const env_lookup& env) {
  auto result = interpolate(text, env);
  REQUIRE(result.errors.empty());
  return result.value;
}

} // namespace

TEST_CASE("text without '$' passes through unchanged", "[config][env]") {
  CHECK(resolved("plain text", fake_env()) == "plain text");
  CHECK(resolved("", fake_env()) == "");
}

TEST_CASE("${VAR} is replaced by the variable's value, anywhere in the string", "[config][env]") {
  auto env = fake_env({{"HOST", "example.com"}, {"PORT", "8443"}});
  CHECK(resolved("${HOST}", env) == "example.com");
  CHECK(resolved("https://${HOST}:${PORT}/v1", env) == "https://example.com:8443/v1");
}

TEST_CASE("${VAR} set to the empty string gives the empty string, not an error", "[config][env]") {
  CHECK(resolved("[${EMPTY}]", fake_env({{"EMPTY", ""}})) == "[]");
}

TEST_CASE("${VAR:-default} uses the default when VAR is unset or empty, the value otherwise",
          "[config][env]") {
  CHECK(resolved("${NOPE:-http://127.0.0.1:18081/webhook}", fake_env()) ==
        "http://127.0.0.1:18081/webhook");
  CHECK(resolved("${EMPTY:-fallback}", fake_env({{"EMPTY", ""}})) == "fallback");
  CHECK(resolved("${SET:-fallback}", fake_env({{"SET", "value"}})) == "value");
  CHECK(resolved("${NOPE:-}", fake_env()) == "");
}

TEST_CASE("$$ is a literal '$', and so is a '$' not followed by '{'", "[config][env]") {
  CHECK(resolved("$${HOME}", fake_env({{"HOME", "/root"}})) == "${HOME}");
  CHECK(resolved("pa$word", fake_env()) == "pa$word");
  CHECK(resolved("cost: 5$", fake_env()) == "cost: 5$");
  CHECK(resolved("$$$$", fake_env()) == "$$");
}

TEST_CASE("an unset ${VAR} is an error naming the variable and where it starts", "[config][env]") {
  auto result = interpolate("key=${API_KEY}", fake_env());
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].what == interpolation_error::kind::unset_variable);
  CHECK(result.errors[0].variable == "API_KEY");
  CHECK(result.errors[0].offset == 4);
  CHECK_THAT(result.errors[0].describe(), Catch::Contains("API_KEY is not set"));
}

TEST_CASE("every unset variable in one string is reported", "[config][env]") {
  auto result = interpolate("${A}/${B}/${C}", fake_env({{"B", "b"}}));
  REQUIRE(result.errors.size() == 2);
  CHECK(result.errors[0].variable == "A");
  CHECK(result.errors[1].variable == "C");
}

TEST_CASE("an unterminated ${ is an error", "[config][env]") {
  auto result = interpolate("abc${HOME", fake_env({{"HOME", "/root"}}));
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].what == interpolation_error::kind::unterminated);
  CHECK(result.errors[0].offset == 3);
}

TEST_CASE("${} and ${1X} and ${A B} do not name variables", "[config][env]") {
  for (auto text : {"${}", "${1X}", "${A B}", "${:-x}"}) {
    auto result = interpolate(text, fake_env());
    INFO(text);
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].what == interpolation_error::kind::invalid_name);
  }
}

TEST_CASE("the loader interpolates every string value, durations and enums included",
          "[config][env]") {
  auto env = fake_env({{"NAME", "from-env"}, {"LEVEL", "debug"}, {"EVERY", "45s"}});
  auto result = load(R"([engine]
name = "${NAME}"
log_level = "${LEVEL}"
status_interval = "${EVERY}"
data_dir = "${DATA:-var/x}"
)",
                     env);
  INFO(describe(result));
  REQUIRE(result.config);
  CHECK(result.config->engine.name == "from-env");
  CHECK(result.config->engine.log_level == log_level::debug);
  CHECK(result.config->engine.status_interval == 45s);
  CHECK(result.config->engine.data_dir == "var/x");
}

TEST_CASE("an unset variable in the loader names file:line:col, key path and the variable",
          "[config][env]") {
  auto result = load("[http]\ntoken = \"${COURTSIDE_API_TOKEN}\"\n");
  REQUIRE_SINGLE_ERROR(result);
  const auto& e = result.errors[0];
  CHECK(e.kind == config_error_kind::environment);
  CHECK(e.line == 2);
  CHECK(e.column == 9);
  CHECK(e.key_path == "http.token");
  CHECK_THAT(e.to_string(),
             Catch::StartsWith(
                 "test.toml:2:9: http.token: environment variable COURTSIDE_API_TOKEN is not set"));
}

TEST_CASE("an unterminated ${ in the loader is an error at the value", "[config][env]") {
  auto result = load("[engine]\nname = \"x${OOPS\"\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].kind == config_error_kind::environment);
  CHECK(result.errors[0].line == 2);
  CHECK(result.errors[0].column == 8);
  CHECK(result.errors[0].key_path == "engine.name");
  CHECK_THAT(result.errors[0].message, Catch::Contains("unterminated"));
}

TEST_CASE("process_env reads the real environment", "[config][env]") {
  auto env = process_env();
  CHECK(env("PATH").has_value());
  CHECK_FALSE(env("COURTSIDE_SURELY_UNSET_VARIABLE_7f3a").has_value());
}
