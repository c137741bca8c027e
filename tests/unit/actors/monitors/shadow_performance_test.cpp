// Specs for the shadow performance report (actors/monitors/shadow_performance.hpp).
#include "actors/monitors/shadow_performance.hpp"
#include "monitors_fixture.hpp"

namespace courtside::monitors::test {
namespace {

const shadow_performance_settings defaults{};
const unix_ms now = utc_ms(2025, 1, 15, 12);

graded_prediction pick(const std::string& system, const std::string& rec, double error,
                       std::optional<int> hit) {
  return {system, rec, error, hit, false};
}

graded_prediction voided(const std::string& system, const std::string& rec) {
  return {system, rec, std::nullopt, std::nullopt, true};
}

// A prediction and its grade; hit NULL when `hit` is empty, voided when `error` is empty.
void graded(database& db, const std::string& date, const std::string& player,
            const std::string& system, const std::string& rec, std::optional<double> error,
            std::optional<int> hit) {
  auto p = value_of(db.prepare(
    "INSERT INTO predictions (game_date, game_id, player_id, system, predicted_pts, confidence,"
    " line, recommendation, updated_at) VALUES (?1, 'G', ?2, ?3, 20, 0.5, 18.5, ?4, 0)",
    "test"));
  p.bind_text(1, date).bind_text(2, player).bind_text(3, system).bind_text(4, rec);
  REQUIRE_OK(p.run());
  auto g = value_of(db.prepare(
    "INSERT INTO prediction_grades (game_date, game_id, player_id, system, actual_pts,"
    " abs_error, hit, voided, updated_at) VALUES (?1, 'G', ?2, ?3, 20, ?4, ?5, ?6, 0)",
    "test"));
  g.bind_text(1, date).bind_text(2, player).bind_text(3, system);
  if (error) g.bind_double(4, *error);
  else g.bind_null(4);
  g.bind_optional_int64(5, hit ? std::optional<std::int64_t>{*hit} : std::nullopt);
  g.bind_int64(6, error ? 0 : 1);
  REQUIRE_OK(g.run());
}

} // namespace

TEST_CASE("two wins and a loss at -110 hit 2 in 3 and return 27.3 % per pick",
          "[monitors][shadow_performance]") {
  const auto out = summarize_performance({pick("ensemble", "OVER", 2.0, 1),
                                          pick("ensemble", "UNDER", 4.0, 1),
                                          pick("ensemble", "OVER", 6.0, 0)});
  REQUIRE(out.size() == 1);
  const auto& p = out.front();
  CHECK(p.graded == 3);
  CHECK(p.mae == Approx(4.0));
  CHECK(p.picks == 3);
  CHECK(p.wins == 2);
  CHECK(*p.hit_rate == Approx(2.0 / 3.0));
  CHECK(p.units == Approx(2 * 0.909090909 - 1));
  CHECK(*p.roi == Approx((2 * 0.909090909 - 1) / 3));
  CHECK(describe_performance(p) == "graded 3 · MAE 4.00 · picks 3 · hit 66.7 % · ROI +27.3 %");
}

TEST_CASE("11 wins in 21 picks at -110 break even and 10 in 20 lose",
          "[monitors][shadow_performance]") {
  std::vector<graded_prediction> rows;
  for (int i = 0; i < 21; ++i) rows.push_back(pick("regression", "OVER", 1.0, i < 11 ? 1 : 0));
  CHECK(summarize_performance(rows).front().units == Approx(0.0).margin(1e-9));
  rows.erase(rows.begin()); // one win fewer: 10 of 20
  CHECK(summarize_performance(rows).front().units < 0);
}

TEST_CASE("PASS, pushes and voided predictions are no picks, voided ones no error either",
          "[monitors][shadow_performance]") {
  const auto out = summarize_performance({pick("moving_average", "PASS", 3.0, std::nullopt),
                                          pick("moving_average", "OVER", 1.0, std::nullopt),
                                          voided("moving_average", "OVER"),
                                          pick("regression", "UNDER", 5.0, 0)});
  REQUIRE(out.size() == 2);
  const auto& ma = out[0];
  CHECK(ma.system == "moving_average");
  CHECK(ma.graded == 2);
  CHECK(*ma.mae == Approx(2.0));
  CHECK(ma.picks == 0);
  CHECK_FALSE(ma.hit_rate);
  CHECK_FALSE(ma.roi);
  CHECK(describe_performance(ma) == "graded 2 · MAE 2.00 · picks 0 · hit - · ROI -");
  CHECK(out[1].system == "regression");
  CHECK(*out[1].roi == Approx(-1.0));
}

TEST_CASE("the report covers the 7 days up to yesterday with a field per system",
          "[monitors][shadow_performance]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  graded(db, "2025-01-14", "a", "ensemble", "OVER", 2.0, 1);
  graded(db, "2025-01-08", "b", "ensemble", "UNDER", 4.0, 0);
  graded(db, "2025-01-08", "c", "regression", "PASS", 3.0, std::nullopt);
  graded(db, "2025-01-07", "d", "ensemble", "OVER", 9.0, 0);    // 8 days back: outside
  graded(db, "2025-01-15", "e", "ensemble", "OVER", 9.0, 0);    // today: not yet
  graded(db, "2025-01-10", "f", "ensemble", "OVER", std::nullopt, std::nullopt); // DNP
  const auto report = value_of(shadow_performance_report(db, context_at(now), defaults));
  REQUIRE(report.alerts.size() == 1);
  const auto& a = report.alerts.front();
  CHECK(a.level == alerting::severity::info);
  CHECK(a.key == "monitor:shadow_performance:2025-01-14");
  CHECK(a.title == "Prediction systems 2025-01-08 to 2025-01-14");
  REQUIRE(a.fields.size() == 2);
  CHECK(field_of(a, "ensemble") == "graded 2 · MAE 3.00 · picks 2 · hit 50.0 % · ROI -4.5 %");
  CHECK(field_of(a, "regression") == "graded 1 · MAE 3.00 · picks 0 · hit - · ROI -");
  CHECK(report.summary == "2 system(s), 4 grade(s) from 2025-01-08 to 2025-01-14");
}

TEST_CASE("with nothing graded the report still raises its info digest",
          "[monitors][shadow_performance]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  const auto report = value_of(shadow_performance_report(db, context_at(now), defaults));
  REQUIRE(report.alerts.size() == 1);
  CHECK(report.alerts.front().fields.empty());
  CHECK(report.alerts.front().text == "No graded predictions in the window.");
}

} // namespace courtside::monitors::test
