// Routing by severity and flood control (one post per min_interval) on a virtual clock.
#include <catch2/catch.hpp>

#include "runtime/alerting/routing.hpp"

using namespace courtside;
using namespace courtside::alerting;
using namespace std::chrono_literals;

TEST_CASE("severities go to every webhook whose range admits them", "[alerting][routing]") {
  std::vector<route> routes{{"all", severity::info, severity::critical},
                            {"warnings", severity::warning, severity::warning},
                            {"errors", severity::error, severity::critical}};
  CHECK(route_targets(routes, severity::info) == std::vector<std::string>{"all"});
  CHECK(route_targets(routes, severity::warning) == std::vector<std::string>{"all", "warnings"});
  CHECK(route_targets(routes, severity::error) == std::vector<std::string>{"all", "errors"});
  CHECK(route_targets(routes, severity::critical) == std::vector<std::string>{"all", "errors"});
  CHECK(route_targets(routes, severity::error, "all") == std::vector<std::string>{"errors"});
  CHECK(route_targets({}, severity::critical).empty());
}

TEST_CASE("severity names round-trip", "[alerting][routing]") {
  for (auto s : {severity::info, severity::warning, severity::error, severity::critical})
    CHECK(parse_severity(to_string(s)) == s);
  CHECK(parse_severity("warn") == severity::warning);
  CHECK_FALSE(parse_severity("fatal"));
}

TEST_CASE("flood control: at most one post per second per webhook", "[alerting][routing]") {
  retry::rate_limiter flood{flood_limit(1s)};
  const time_point t0{std::chrono::hours{1}};
  CHECK(flood.acquire(t0).verdict == retry::rate_verdict::granted);
  auto refused = flood.acquire(t0 + 999ms);
  CHECK(refused.verdict == retry::rate_verdict::wait);
  CHECK(refused.wait_until == t0 + 1s);
  CHECK(flood.acquire(t0 + 1s).verdict == retry::rate_verdict::granted);
  CHECK(flood.acquire(t0 + 1999ms).verdict == retry::rate_verdict::wait);
  CHECK(flood.acquire(t0 + 2s).verdict == retry::rate_verdict::granted);
}

TEST_CASE("a min_interval that does not divide a minute rounds towards slower", "[alerting][routing]") {
  CHECK(flood_limit(7s).requests_per_minute == 8);       // 7.5 s apart, never 7 s
  CHECK(flood_limit(2min).requests_per_minute == 1);     // at least one per minute representable
  CHECK(flood_limit(0ms).requests_per_minute > 1'000'000); // 0 = unlimited
  CHECK(flood_limit(1s).burst == 1);
}
