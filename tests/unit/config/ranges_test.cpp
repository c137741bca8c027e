// Spec: every bounded value, with a just-inside / just-outside pair at each bound.
#include <catch2/catch.hpp>

#include <filesystem>

#include "config/value_checks.hpp"
#include "config_test_support.hpp"

using namespace courtside::config;
using courtside::config::testing::describe;
using courtside::config::testing::load;

namespace {

// A minimal valid table for each place a key can live (its required keys, minus the one
// being varied), so that one key at a time can be set.
std::string table_for(const std::string& where, const std::string& varied) {
  std::vector<std::pair<std::string, std::string>> required;
  std::string header = "[" + where + "]";
  if (where == "sources") {
    header = "[sources.s]";
    required = {{"kind", "\"nba_cdn\""}, {"base_url", "\"http://x\""}};
  } else if (where == "notifiers") {
    header = "[notifiers.n]";
    required = {{"kind", "\"slack\""}, {"webhook_url", "\"http://x\""}};
  } else if (where == "jobs") {
    header = "[jobs.planner]";
    required = {{"schedule", "\"* * * * *\""}};
  } else if (where == "faults") {
    header = "[[faults.crash]]";
    required = {{"target", "\"a.b\""}, {"every", "\"1s\""}};
  }
  std::string text = header + "\n";
  for (const auto& [key, value] : required)
    if (key != varied) text += key + " = " + value + "\n";
  return text;
}

load_result with_value(const std::string& where, const std::string& key, const std::string& value) {
  return load(table_for(where, key) + key + " = " + value + "\n");
}

struct bound_case {
  const char* where;
  const char* key;
  const char* inside;  // TOML literal just inside the bound: loads
  const char* outside; // just outside: one error
  config_error_kind kind;
};

const bound_case bound_cases[] = {
    {"http", "port", "0", "-1", config_error_kind::out_of_range},
    {"http", "port", "65535", "65536", config_error_kind::out_of_range},
    {"supervision", "backoff_multiplier", "1.0", "0.999", config_error_kind::out_of_range},
    {"supervision", "backoff_jitter", "0.0", "-0.001", config_error_kind::out_of_range},
    {"supervision", "backoff_jitter", "1.0", "1.001", config_error_kind::out_of_range},
    {"supervision", "max_restarts", "0", "-1", config_error_kind::out_of_range},
    {"supervision", "buffer_capacity", "0", "-1", config_error_kind::out_of_range},
    {"supervision", "seed", "0", "-1", config_error_kind::out_of_range},
    {"supervision", "backoff_min", "\"1ms\"", "\"0ms\"", config_error_kind::out_of_range},
    {"supervision", "backoff_max", "\"100ms\"", "\"99ms\"", config_error_kind::out_of_range},
    {"supervision", "restart_window", "\"1ms\"", "\"0s\"", config_error_kind::out_of_range},
    {"supervision", "shutdown_timeout", "\"1ms\"", "\"0s\"", config_error_kind::out_of_range},
    {"supervision", "stable_period", "\"1ms\"", "\"0s\"", config_error_kind::out_of_range},
    {"engine", "status_interval", "\"1ms\"", "\"0ms\"", config_error_kind::out_of_range},
    {"engine", "name", "\"x\"", "\"\"", config_error_kind::invalid_value},
    {"engine", "time_zone", "\"UTC\"", "\"Eastern\"", config_error_kind::invalid_value},
    {"engine", "time_zone", "\"America/New_York\"", "\"America/\"",
     config_error_kind::invalid_value},
    {"sources", "requests_per_minute", "1", "0", config_error_kind::out_of_range},
    {"sources", "concurrency", "1", "0", config_error_kind::out_of_range},
    {"sources", "concurrency", "256", "257", config_error_kind::out_of_range},
    {"sources", "max_attempts", "1", "0", config_error_kind::out_of_range},
    {"sources", "timeout", "\"1ms\"", "\"0s\"", config_error_kind::out_of_range},
    {"notifiers", "channel", "\"#ops\"", "\"\"", config_error_kind::invalid_value},
    {"jobs", "schedule", "\"0 3 * * *\"", "\"0 3 * *\"", config_error_kind::invalid_value},
    {"jobs", "schedule", "\"0 0 3 * * *\"", "\"0 0 3 * * * *\"", config_error_kind::invalid_value},
    {"jobs", "timeout", "\"1ms\"", "\"0s\"", config_error_kind::out_of_range},
    {"pipeline", "completeness_threshold", "0", "-0.01", config_error_kind::out_of_range},
    {"pipeline", "completeness_threshold", "1", "1.01", config_error_kind::out_of_range},
    {"faults", "times", "0", "-1", config_error_kind::out_of_range},
    {"faults", "every", "\"1ms\"", "\"0s\"", config_error_kind::out_of_range},
};

} // namespace

TEST_CASE("each bound accepts the value just inside and rejects the one just outside",
          "[config][ranges]") {
  for (const auto& c : bound_cases) {
    std::string path = std::string{c.where} + "." + c.key;
    SECTION(path + " = " + c.inside + " loads, " + c.outside + " does not") {
      auto ok = with_value(c.where, c.key, c.inside);
      INFO(describe(ok));
      CHECK(ok.errors.empty());

      auto bad = with_value(c.where, c.key, c.outside);
      INFO(describe(bad));
      REQUIRE(bad.errors.size() == 1);
      CHECK(bad.errors[0].kind == c.kind);
      CHECK_THAT(bad.errors[0].key_path, Catch::EndsWith(std::string{"."} + c.key));
    }
  }
}

TEST_CASE("zero is allowed where a wait may be skipped", "[config][ranges]") {
  CHECK(with_value("notifiers", "min_interval", "\"0s\"").errors.empty());
  CHECK(with_value("faults", "start_after", "\"0s\"").errors.empty());
  CHECK(with_value("http", "port", "0").errors.empty());
}

TEST_CASE("seed takes the largest TOML integer", "[config][ranges]") {
  auto result = with_value("supervision", "seed", "9223372036854775807");
  INFO(describe(result));
  REQUIRE(result.config);
  CHECK(result.config->supervision.seed == 9223372036854775807ull);
}

TEST_CASE("backoff_min equal to backoff_max is fine, 1 ms above is not", "[config][ranges]") {
  CHECK(load("[supervision]\nbackoff_min = \"5s\"\nbackoff_max = \"5s\"\n").errors.empty());
  auto bad = load("[supervision]\nbackoff_min = \"5001ms\"\nbackoff_max = \"5s\"\n");
  REQUIRE(bad.errors.size() == 1);
  CHECK(bad.errors[0].kind == config_error_kind::out_of_range);
}

TEST_CASE("base_url must be http(s) with a host", "[config][ranges]") {
  CHECK_FALSE(check_http_url("http://x"));
  CHECK_FALSE(check_http_url("https://api.balldontlie.io/v1"));
  CHECK(check_http_url("https://"));
  CHECK(check_http_url("http:///path"));
  CHECK(check_http_url("http:/x"));
  CHECK(check_http_url("HTTP://x"));
  CHECK(check_http_url(""));
}

TEST_CASE("a fault target is a dotted actor path", "[config][ranges]") {
  CHECK_FALSE(check_actor_path("ops.heartbeat"));
  CHECK_FALSE(check_actor_path("sources.scraper_bdl"));
  CHECK_FALSE(check_actor_path("root"));
  CHECK(check_actor_path(""));
  CHECK(check_actor_path("ops..heartbeat"));
  CHECK(check_actor_path("ops."));
  CHECK(check_actor_path("Ops.heartbeat"));
}

TEST_CASE("a cron schedule is parsed as the scheduler will parse it", "[config][ranges]") {
  CHECK(check_cron("60 * * * *").value_or("").find("value_out_of_range in minute") != std::string::npos);
  CHECK(check_cron("0 0 30 2 *").value_or("").find("never_fires") != std::string::npos);
  CHECK_FALSE(check_cron("@daily"));
}

TEST_CASE("a cron schedule has 5 or 6 whitespace-separated fields", "[config][ranges]") {
  CHECK(check_cron("* * * *"));
  CHECK_FALSE(check_cron("*/5  12-23 *\t* *"));
  CHECK_FALSE(check_cron("0 */5 12-23 * * *"));
  CHECK(check_cron("0 0 */5 12-23 * * *"));
  CHECK(check_cron(""));
}

TEST_CASE("a time zone is UTC or an Area/Location that the zoneinfo directory knows",
          "[config][ranges]") {
  CHECK_FALSE(check_time_zone_in("UTC", "/nonexistent"));
  CHECK_FALSE(check_time_zone_in("Mars/Olympus_Mons", "/nonexistent")); // shape only without tzdata
  CHECK(check_time_zone_in("utc/", "/nonexistent"));
  CHECK(check_time_zone_in("America/../../etc/passwd", "/nonexistent"));
  if (!std::filesystem::is_directory("/usr/share/zoneinfo/America")) {
    WARN("tzdata absent: zone existence not checked");
    return;
  }
  CHECK_FALSE(check_time_zone_in("America/New_York", "/usr/share/zoneinfo"));
  CHECK_FALSE(check_time_zone_in("America/Argentina/Buenos_Aires", "/usr/share/zoneinfo"));
  CHECK(check_time_zone_in("Mars/Olympus_Mons", "/usr/share/zoneinfo"));
  CHECK(check_time_zone_in("America", "/usr/share/zoneinfo"));
}
