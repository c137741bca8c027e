// Spec: every kind of config problem is reported as file:line:col: key.path: message, and all
// of them are collected in one pass.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "config_test_support.hpp"

using namespace courtside::config;
using courtside::config::testing::describe;
using courtside::config::testing::load;

TEST_CASE("to_string renders file:line:col: key.path: message", "[config][errors]") {
  config_error e{"a.toml", 3, 7, "sources.bdl.timeout", "bad", config_error_kind::invalid_value};
  CHECK(e.to_string() == "a.toml:3:7: sources.bdl.timeout: bad");
  config_error file_level{
      "a.toml", 0, 0, "", "cannot read config file: x", config_error_kind::unreadable};
  CHECK(file_level.to_string() == "a.toml: cannot read config file: x");
}

TEST_CASE("a TOML syntax error is the single error, with toml++'s position", "[config][errors]") {
  auto result = load("[engine]\nname = \"ok\"\nport = \n");
  REQUIRE_SINGLE_ERROR(result);
  const auto& e = result.errors[0];
  CHECK(e.kind == config_error_kind::syntax);
  CHECK(e.file == "test.toml");
  CHECK(e.line == 3);
  CHECK(e.column == 8);
  CHECK(e.key_path.empty());
}

TEST_CASE("a duplicate key is a syntax error on the second definition", "[config][errors]") {
  auto result = load("[http]\nport = 1\nport = 2\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].kind == config_error_kind::syntax);
  CHECK(result.errors[0].line == 3);
}

TEST_CASE("a missing file is an error naming the file", "[config][errors]") {
  auto result = load_file("/nonexistent/courtside/missing.toml", testing::fake_env());
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].kind == config_error_kind::unreadable);
  CHECK(result.errors[0].file == "/nonexistent/courtside/missing.toml");
  CHECK_THAT(result.errors[0].to_string(),
             Catch::StartsWith("/nonexistent/courtside/missing.toml: cannot read config file: "));
}

TEST_CASE("a directory is not a config file", "[config][errors]") {
  auto result = load_file(COURTSIDE_SOURCE_DIR "/config", testing::fake_env());
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].kind == config_error_kind::unreadable);
}

TEST_CASE("load_file reads a real file and names it in errors", "[config][errors]") {
  std::string path = COURTSIDE_BINARY_DIR "/tests/config_errors_test_tmp.toml";
  { std::ofstream{path} << "[http]\nport = \"80\"\n"; }
  auto result = load_file(path, testing::fake_env());
  std::remove(path.c_str());
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].to_string() == path + ":2:8: http.port: expected an integer, got string");
}

TEST_CASE("an integer where a duration belongs says what a duration looks like",
          "[config][errors]") {
  auto result =
      load("[sources.bdl]\nkind = \"balldontlie\"\nbase_url = \"http://x\"\ntimeout = 10\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].kind == config_error_kind::wrong_type);
  CHECK(result.errors[0].to_string() ==
        "test.toml:4:11: sources.bdl.timeout: expected a duration like \"10s\", got integer");
}

TEST_CASE("wrong types for numbers, booleans and strings, reported in file order",
          "[config][errors]") {
  auto result = load(R"([supervision]
backoff_jitter = "0.2"
[jobs.planner]
schedule = "* * * * *"
enabled = "yes"
[engine]
name = 7
[pipeline]
completeness_threshold = 1979-05-27
)");
  INFO(describe(result));
  REQUIRE(result.errors.size() == 4);
  CHECK(result.errors[0].to_string() ==
        "test.toml:2:18: supervision.backoff_jitter: expected a number, got string");
  CHECK(result.errors[1].to_string() ==
        "test.toml:5:11: jobs.planner.enabled: expected true or false, got string");
  CHECK(result.errors[2].to_string() ==
        "test.toml:7:8: engine.name: expected a string, got integer");
  CHECK(result.errors[3].to_string() ==
        "test.toml:9:26: pipeline.completeness_threshold: expected a number, got date/time");
  for (const auto& e : result.errors) CHECK(e.kind == config_error_kind::wrong_type);
}

TEST_CASE("completeness tiers must wait longer and ask less, each named where it is written",
          "[config][errors]") {
  auto result = load(R"([pipeline]
completeness_threshold = 0.9
[[pipeline.completeness_tiers]]
after = "2h"
threshold = 0.95
[[pipeline.completeness_tiers]]
after = "1h"
threshold = 0.5
[[pipeline.completeness_tiers]]
threshold = 0.4
)");
  INFO(describe(result));
  REQUIRE(result.errors.size() == 3);
  CHECK(result.errors[0].to_string() ==
        "test.toml:5:13: pipeline.completeness_tiers[0].threshold: must be below completeness_threshold");
  CHECK(result.errors[1].to_string() ==
        "test.toml:7:9: pipeline.completeness_tiers[1].after: must be longer than the tier before (2h)");
  CHECK(result.errors[2].kind == config_error_kind::missing_key);
  CHECK_THAT(result.errors[2].to_string(), Catch::Contains("pipeline.completeness_tiers[2]") &&
                                               Catch::Contains("'after'"));
}

TEST_CASE("a section that is not a table is a type error", "[config][errors]") {
  auto result = load("engine = 5\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].to_string() ==
        "test.toml:1:10: engine: expected a table [engine], got integer");
}

TEST_CASE("a malformed duration string is an invalid value", "[config][errors]") {
  auto result = load("[engine]\nstatus_interval = \"10 sec\"\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].kind == config_error_kind::invalid_value);
  CHECK(result.errors[0].line == 2);
  CHECK(result.errors[0].column == 19);
  CHECK_THAT(result.errors[0].message, Catch::StartsWith("invalid duration \"10 sec\""));
}

TEST_CASE("a bad enum value lists the allowed values and suggests the nearest",
          "[config][errors]") {
  auto result = load("[engine]\nlog_level = \"wran\"\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].kind == config_error_kind::invalid_value);
  CHECK(result.errors[0].to_string() ==
        "test.toml:2:13: engine.log_level: unknown value \"wran\"; expected one of: trace, debug, "
        "info, warn, error (did you mean 'warn'?)");
}

TEST_CASE("an unknown source kind lists every kind", "[config][errors]") {
  auto result = load("[sources.x]\nkind = \"espn\"\nbase_url = \"http://x\"\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK_THAT(result.errors[0].message,
             Catch::EndsWith("expected one of: balldontlie, nba_cdn, stats_nba, odds_api"));
  CHECK(result.errors[0].key_path == "sources.x.kind");
}

TEST_CASE("a missing required key points at the table's header", "[config][errors]") {
  auto result = load("[engine]\nname = \"x\"\n\n[sources.bdl]\nbase_url = \"http://x\"\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].kind == config_error_kind::missing_key);
  CHECK(result.errors[0].to_string() ==
        "test.toml:4:1: sources.bdl.kind: missing required key 'kind' in [sources.bdl]");
}

TEST_CASE("each required key of each named table is checked", "[config][errors]") {
  auto result = load("[sources.s]\n[notifiers.n]\n[jobs.planner]\n[[faults.crash]]\n");
  INFO(describe(result));
  std::vector<std::string> paths;
  for (const auto& e : result.errors) {
    CHECK(e.kind == config_error_kind::missing_key);
    paths.push_back(e.key_path);
  }
  CHECK(paths == std::vector<std::string>{"sources.s.kind", "sources.s.base_url",
                                          "notifiers.n.kind", "notifiers.n.webhook_url",
                                          "jobs.planner.schedule", "faults.crash[0].target",
                                          "faults.crash[0].every"});
}

TEST_CASE("an unknown key is an error that suggests the known key within 2 edits",
          "[config][errors]") {
  auto result =
      load("[sources.bdl]\nkind = \"nba_cdn\"\nbase_url = \"http://x\"\ntiemout = \"5s\"\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].kind == config_error_kind::unknown_key);
  CHECK(result.errors[0].to_string() ==
        "test.toml:4:1: sources.bdl.tiemout: unknown key 'tiemout'; did you mean 'timeout'?");
}

TEST_CASE("an unknown key far from every known key lists the known keys instead",
          "[config][errors]") {
  auto result = load("[http]\nlisten_address = \"::1\"\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].message == "unknown key 'listen_address' (known keys: bind, port, token)");
}

TEST_CASE("an unknown section is an unknown key at the top level", "[config][errors]") {
  auto result = load("[enigne]\nname = \"x\"\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].to_string() ==
        "test.toml:1:2: enigne: unknown key 'enigne'; did you mean 'engine'?");
}

TEST_CASE("unknown keys inside [[faults.crash]] carry the array index", "[config][errors]") {
  auto result = load("[[faults.crash]]\ntarget = \"a.b\"\nevery = \"1s\"\n[[faults.crash]]\ntarget "
                     "= \"a.b\"\nevery = \"1s\"\ntime = 3\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].to_string() ==
        "test.toml:7:1: faults.crash[1].time: unknown key 'time'; did you mean 'times'?");
}

TEST_CASE("[faults.crash] written as a single table asks for [[faults.crash]]",
          "[config][errors]") {
  auto result = load("[faults.crash]\ntarget = \"a.b\"\nevery = \"1s\"\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].kind == config_error_kind::wrong_type);
  CHECK_THAT(result.errors[0].message,
             Catch::StartsWith("expected an array of tables [[faults.crash]]"));
}

TEST_CASE("a named table must have a lowercase identifier name", "[config][errors]") {
  auto result = load("[jobs.Nightly]\nschedule = \"* * * * *\"\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].kind == config_error_kind::invalid_value);
  CHECK(result.errors[0].to_string() ==
        "test.toml:1:7: jobs.Nightly: job name 'Nightly' must be lowercase [a-z0-9_-]+");
}

TEST_CASE("every problem in the file is reported, in one load", "[config][errors]") {
  auto result = load(R"([engine]
log_level = "loud"
status_interval = 5
colour = "blue"

[http]
port = 70000

[sources.bdl]
kind = "balldontlie"
base_url = "ftp://example.com"
api_key = "${MISSING_KEY}"
)");
  INFO(describe(result));
  CHECK_FALSE(result.config);
  REQUIRE(result.errors.size() == 6);
  CHECK(result.errors[0].key_path == "engine.log_level");
  CHECK(result.errors[1].key_path == "engine.status_interval");
  CHECK(result.errors[2].key_path == "engine.colour");
  CHECK(result.errors[3].key_path == "http.port");
  CHECK(result.errors[4].key_path == "sources.bdl.base_url");
  CHECK(result.errors[5].key_path == "sources.bdl.api_key");
  CHECK(result.errors[3].to_string() ==
        "test.toml:7:8: http.port: must be between 0 and 65535, got 70000");
  CHECK(result.errors[4].to_string() == "test.toml:11:12: sources.bdl.base_url: must start with "
                                        "http:// or https://, got \"ftp://example.com\"");
}

TEST_CASE("an error about a secret never quotes the secret", "[config][errors]") {
  auto result =
      load("[notifiers.ops]\nkind = \"slack\"\nwebhook_url = \"hooks.slack.com/T0/B0/s3cr3t\"\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].key_path == "notifiers.ops.webhook_url");
  CHECK(result.errors[0].message == "must start with http:// or https://");
  CHECK_THAT(result.errors[0].to_string(), !Catch::Contains("s3cr3t"));
}

TEST_CASE("backoff_min above backoff_max is an error at backoff_min", "[config][errors]") {
  auto result = load("[supervision]\nbackoff_min = \"31s\"\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].to_string() == "test.toml:2:15: supervision.backoff_min: backoff_min "
                                        "(31s) must not exceed backoff_max (30s)");
}

TEST_CASE("a named-table section whose entries are not tables is a type error per entry",
          "[config][errors]") {
  auto result = load("[sources]\nbdl = 5\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].to_string() ==
        "test.toml:2:7: sources.bdl: expected a table [sources.bdl], got integer");

  auto whole = load("sources = \"all\"\n");
  REQUIRE_SINGLE_ERROR(whole);
  CHECK(whole.errors[0].kind == config_error_kind::wrong_type);
  CHECK(whole.errors[0].key_path == "sources");
}

TEST_CASE("[faults] knows only crash", "[config][errors]") {
  auto result = load("[faults]\ncrsh = []\n");
  REQUIRE_SINGLE_ERROR(result);
  CHECK(result.errors[0].to_string() ==
        "test.toml:2:1: faults.crsh: unknown key 'crsh'; did you mean 'crash'?");
}

TEST_CASE("an inline table works like a section and keeps its positions", "[config][errors]") {
  auto ok = load("http = { port = 9000 }\n");
  INFO(describe(ok));
  REQUIRE(ok.config);
  CHECK(ok.config->http.port == 9000);

  auto bad = load("http = { port = 90000 }\n");
  REQUIRE_SINGLE_ERROR(bad);
  CHECK(bad.errors[0].to_string() ==
        "test.toml:1:17: http.port: must be between 0 and 65535, got 90000");
}

TEST_CASE("a job name outside the job set is refused with the nearest known name", "[config][errors]") {
  auto result = load("[jobs.reconciller]\nschedule = \"0 * * * *\"\n[jobs.nightly]\nschedule = \"0 3 * * *\"\n");
  INFO(describe(result));
  REQUIRE(result.errors.size() == 2);
  CHECK(result.errors[0].to_string() ==
        "test.toml:1:1: jobs.reconciller: is not a job courtside knows; did you mean \"reconciler\"?");
  CHECK(result.errors[1].key_path == "jobs.nightly");
  CHECK(result.errors[1].message.find("actors/scheduler/README.md") != std::string::npos);
}

TEST_CASE("job policies are read and checked", "[config][errors]") {
  auto result = load("[jobs.planner]\nschedule = \"0 * * * *\"\noverlap = \"sometimes\"\nretries = 11\n");
  INFO(describe(result));
  REQUIRE(result.errors.size() == 2);
  CHECK(result.errors[0].key_path == "jobs.planner.overlap");
  CHECK(result.errors[1].key_path == "jobs.planner.retries");
}
