// Specs for actors/phases stats_math.hpp, regression.hpp and the feature readers: the formulas with hand-worked
// numbers, and least squares recovering a known linear relation, singular designs included.
#include "actors/phases/precompute.hpp"
#include "actors/phases/regression.hpp"
#include "actors/phases/stats_math.hpp"

#include <catch2/catch.hpp>

namespace courtside::phases {

TEST_CASE("shooting efficiency formulas", "[phases][math]") {
  CHECK(*true_shooting(30, 20, 6) == Approx(30.0 / 45.28));
  CHECK_FALSE(true_shooting(0, 0, 0));
  CHECK(*effective_fg(11, 3, 20) == 0.625);
  CHECK_FALSE(effective_fg(0, 0, 0));
  const usage_inputs u{20, 6, 4, 2160, 85, 20, 12, 4560};
  CHECK(*usage_rate(u) == Approx(26.64 * 912 / (2160 * 105.8)));
  CHECK_FALSE(usage_rate(usage_inputs{1, 1, 1, 0, 85, 20, 12, 4560})); // no minutes
}

TEST_CASE("possessions, game length, pace and ratings", "[phases][math]") {
  CHECK(team_possessions(85, 10, 12, 20) == Approx(95.8));
  CHECK(game_minutes(std::nullopt) == 48.0);
  CHECK(game_minutes(5 * 48 * 60) == 48.0);
  CHECK(game_minutes(5 * 48 * 60 - 5 * 59) == 48.0); // whole-minute source undercounts
  CHECK(game_minutes(5 * 53 * 60) == 53.0);          // one overtime
  CHECK(game_minutes(5 * 58 * 60 - 300) == 58.0);    // two overtimes, a minute short
  CHECK(*pace_per_48(100.0, 53.0) == Approx(48.0 * 100.0 / 53.0));
  CHECK(*per_100(110, 97.2) == Approx(113.1687242798));
  CHECK_FALSE(per_100(110, 0.0));
}

TEST_CASE("over_under at, just above and just below the line", "[phases][math]") {
  CHECK(std::string(over_under(24, 24.0)) == "PUSH");
  CHECK(std::string(over_under(25, 24.5)) == "OVER");
  CHECK(std::string(over_under(24, 24.5)) == "UNDER");
}

TEST_CASE("descriptive statistics", "[phases][math]") {
  CHECK(*median({29.5, 27.5, 28.5}) == 28.5);
  CHECK(*median({20.0, 22.0, 21.0, 30.0}) == 21.5);
  CHECK_FALSE(median({}));
  CHECK(*sample_stddev({2, 4, 4, 4, 5, 5, 7, 9}) == Approx(2.13808993529939));
  CHECK_FALSE(sample_stddev({3.0}));
  CHECK(*trend_slope({30, 32, 34, 36}) == Approx(2.0));
  CHECK(*trend_slope({30, 30, 30}) == Approx(0.0));
  // newest first, weights 3, 2, 1: (3*30 + 2*20 + 1*10) / 6
  CHECK(*weighted_moving_average({30, 20, 10}) == Approx(140.0 / 6.0));
  CHECK(round_to(0.66254, 4) == 0.6625);
  CHECK(round_to(-0.00001, 2) == 0.0);
}

TEST_CASE("calendar days between game dates", "[phases][math]") {
  CHECK(*day_number("1970-01-01") == 0);
  CHECK(*days_between("2025-01-31", "2025-02-01") == 1);
  CHECK(*days_between("2024-02-28", "2024-03-01") == 2); // leap year
  CHECK(*days_between("2024-12-31", "2025-01-01") == 1);
  CHECK_FALSE(day_number("2025-1-01"));
  CHECK_FALSE(day_number("2025-13-01"));
}

TEST_CASE("least squares recovers y = 1 + 2a - 3b exactly", "[phases][math][regression]") {
  std::vector<std::vector<double>> x;
  std::vector<double> y;
  for (int i = 0; i < 12; ++i) {
    const double a = i;
    const double b = (i * 7) % 5;
    x.push_back({a, b});
    y.push_back(1 + 2 * a - 3 * b);
  }
  const fit_result r = fit_least_squares(x, y, 5);
  REQUIRE(r.fit);
  CHECK(r.fit->intercept == Approx(1.0).margin(1e-9));
  CHECK(r.fit->coefficients[0] == Approx(2.0));
  CHECK(r.fit->coefficients[1] == Approx(-3.0));
  CHECK(r.fit->residual_std == Approx(0.0).margin(1e-9));
  CHECK(predict(*r.fit, {10, 1}) == Approx(18.0));
}

TEST_CASE("least squares drops a constant and a duplicated column instead of failing", "[phases][math][regression]") {
  std::vector<std::vector<double>> x;
  std::vector<double> y;
  for (int i = 0; i < 10; ++i) {
    x.push_back({double(i), 4.0, double(i) * 2.0}); // constant; twice the first column
    y.push_back(5 + 3.0 * i);
  }
  const fit_result r = fit_least_squares(x, y, 5);
  REQUIRE(r.fit);
  CHECK(r.fit->dropped == std::vector<bool>{false, true, true});
  CHECK(r.fit->coefficients[0] == Approx(3.0));
  CHECK(r.fit->intercept == Approx(5.0));
  CHECK(predict(*r.fit, {20, 4, 40}) == Approx(65.0));
}

TEST_CASE("least squares with too few rows gives a reason, not a fit", "[phases][math][regression]") {
  const fit_result r = fit_least_squares({{1, 2}, {2, 3}, {3, 5}}, {1, 2, 3}, 5);
  CHECK_FALSE(r.fit);
  CHECK(r.reason == "too few rows: 3 < 5");
  const fit_result narrow = fit_least_squares({{1}, {2}}, {1, 2}, 0); // needs columns + 2
  CHECK_FALSE(narrow.fit);
}

TEST_CASE("a feature object is read into the asked names' values, in their order", "[phases][features]") {
  const std::string json = R"({"games_played":12,"pts_avg_l5":21.4, "home" : 1,"we\"ird":-2.5e1,"home":0.5})";
  std::vector<double> values;
  REQUIRE(feature_values(json, {"home", "missing", "pts_avg_l5", "we\"ird"}, values));
  CHECK(values == std::vector<double>{0.5, 0.0, 21.4, -25.0}); // a repeated name: the last wins
  REQUIRE(feature_values(json, {"games_played"}, values));
  CHECK(values == std::vector<double>{12.0});
  CHECK(feature_values("{}", {"home"}, values));
  CHECK(values == std::vector<double>{0.0});
}

TEST_CASE("malformed feature objects are refused", "[phases][features]") {
  std::vector<double> values;
  for (const std::string bad : {"", "[]", "{", R"({"a":})", R"({"a":1,})", R"({"a" 1})", R"({"a":1)",
                                R"({"a:1})", R"({"a":x})"}) {
    INFO(bad);
    CHECK_FALSE(feature_values(bad, {"a"}, values));
  }
}

} // namespace courtside::phases
