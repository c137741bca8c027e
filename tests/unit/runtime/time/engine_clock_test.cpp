#include "runtime/time/engine_clock.hpp"

#include <catch2/catch.hpp>

using namespace courtside;

TEST_CASE("UTC instants parse to epoch milliseconds and print back the same", "[time]") {
  CHECK(parse_utc_instant("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_utc_instant("2025-11-15T23:00:00Z") == 1'763'247'600'000);
  CHECK(format_utc_instant(1'763'247'600'000) == "2025-11-15T23:00:00Z");
  CHECK(parse_utc_instant("2024-02-29T12:00:00Z").has_value());
}

TEST_CASE("anything but YYYY-MM-DDTHH:MM:SSZ is refused", "[time]") {
  for (const char* bad : {"", "2025-11-15", "2025-11-15T23:00:00", "2025-11-15 23:00:00Z",
                          "2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-11-15T24:00:00Z",
                          "2025-11-15T23:00:00+01:00", "2O25-11-15T23:00:00Z"}) {
    INFO(bad);
    CHECK_FALSE(parse_utc_instant(bad).has_value());
  }
}

TEST_CASE("a simulated clock starts at its instant and never runs backwards", "[time]") {
  const engine_clock clock{1'763'247'600'000, 60.0};
  CHECK(clock.simulated());
  const auto first = clock.now();
  CHECK(first >= 1'763'247'600'000);
  CHECK(first < 1'763'247'600'000 + 3'600'000); // an hour of simulated time is a minute of real
  CHECK(clock.now() >= first);
  CHECK_FALSE(engine_clock{}.simulated());
}
