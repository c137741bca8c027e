// Specs for the data quality monitor (actors/monitors/data_quality_check.hpp).
#include "actors/monitors/data_quality_check.hpp"
#include "monitors_fixture.hpp"

namespace courtside::monitors::test {
namespace {

const data_quality_settings defaults{};
const unix_ms now = utc_ms(2025, 1, 15, 12);

// A played player's summary row of yesterday's game.
// (std::int64_t as bound: converting an optional<int> here trips g++ 12's -O3 maybe-uninitialized.)
void summary_row(database& db, int player, std::optional<std::int64_t> seconds, std::optional<std::int64_t> pts) {
  auto st = value_of(db.prepare(
    "INSERT INTO player_game_summary (game_id, player_id, game_date, team, opponent,"
    " source_used, seconds_played, pts, updated_at)"
    " VALUES ('20250114_LAL_BOS', ?1, '2025-01-14', 'BOS', 'LAL', 'nba_cdn', ?2, ?3, 0)",
    "test"));
  st.bind_text(1, "player" + std::to_string(player)).bind_optional_int64(2, seconds)
    .bind_optional_int64(3, pts);
  REQUIRE_OK(st.run());
}

void summary_rows(database& db, int total, int no_minutes, int zero_minutes, int no_points) {
  for (int i = 0; i < total; ++i) {
    std::optional<std::int64_t> seconds = 1200;
    if (i < no_minutes) seconds = std::nullopt;
    else if (i < no_minutes + zero_minutes) seconds = 0;
    summary_row(db, i, seconds, i < no_points ? std::nullopt : std::optional<std::int64_t>{12});
  }
}

void prediction(database& db, const Game& g, int player, const std::string& system = "ensemble") {
  auto st = value_of(db.prepare(
    "INSERT INTO predictions (game_date, game_id, player_id, system, predicted_pts, confidence,"
    " line, recommendation, updated_at) VALUES (?1, ?2, ?3, ?4, 20, 0.5, NULL, 'PASS', 0)",
    "test"));
  st.bind_text(1, g.date).bind_text(2, g.key).bind_text(3, "player" + std::to_string(player))
    .bind_text(4, system);
  REQUIRE_OK(st.run());
}

// Today: two games, predictions ran; `thin_players` players predicted in the second.
std::pair<Game, Game> today_with_predictions(database& db, int thin_players) {
  const Game a = final_game(db, "2025-01-15", "LAL", "BOS", "", game_status::pre);
  const Game b = final_game(db, "2025-01-15", "NYK", "MIA", "", game_status::pre);
  set_ledger(db, "2025-01-15", "predictions", output_state::complete, now);
  for (int p = 0; p < 3; ++p) {
    prediction(db, a, p);
    prediction(db, a, p, "moving_average");
  }
  for (int p = 0; p < thin_players; ++p) {
    prediction(db, b, p);
    prediction(db, b, p, "moving_average");
  }
  return {a, b};
}

} // namespace

TEST_CASE("points lines that are missing, not positive, 0.5 or above 80 are placeholders",
          "[monitors][data_quality]") {
  const std::string points = "player_points";
  CHECK(suspicious_line(points, std::nullopt, defaults));
  CHECK(suspicious_line(points, 0.0, defaults));
  CHECK(suspicious_line(points, -1.5, defaults));
  CHECK_FALSE(suspicious_line(points, 0.01, defaults));
  CHECK(suspicious_line(points, 0.5, defaults));
  CHECK_FALSE(suspicious_line(points, 1.5, defaults));
  CHECK_FALSE(suspicious_line(points, 80.0, defaults));
  CHECK(suspicious_line(points, 80.5, defaults));
  // Other markets: 0.5 blocks is a real line, zero is not.
  CHECK_FALSE(suspicious_line("player_blocks", 0.5, defaults));
  CHECK_FALSE(suspicious_line("player_rebounds", 95.0, defaults));
  CHECK(suspicious_line("player_blocks", 0.0, defaults));
}

TEST_CASE("a share of exactly 10 % passes and one row more fails", "[monitors][data_quality]") {
  CHECK_FALSE(rate_exceeds(2, 20, 0.10));
  CHECK(rate_exceeds(3, 20, 0.10));
  CHECK_FALSE(rate_exceeds(3, 30, 0.10));
  CHECK(rate_exceeds(4, 30, 0.10));
  CHECK_FALSE(rate_exceeds(0, 0, 0.10));
}

TEST_CASE("placeholder prop lines of today are named in a warning, tomorrow's real lines resolve",
          "[monitors][data_quality]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  const Game today = make_game("2025-01-15", "LAL", "BOS");
  const Game tomorrow = make_game("2025-01-16", "NYK", "MIA");
  REQUIRE_OK(phases::store_props(db, {make_prop(today, "LeBron James", "fanduel", 0.5),
                                      make_prop(today, "Jayson Tatum", "fanduel", 27.5),
                                      make_prop(today, "Jaylen Brown", "draftkings", 84.5)},
                                 "2025-01-15", "odds_api", "", t0));
  REQUIRE_OK(phases::store_props(db, {make_prop(tomorrow, "Jalen Brunson", "fanduel", 26.5)},
                                 "2025-01-16", "odds_api", "", t0));
  const auto report = value_of(data_quality_check(db, context_at(now), defaults));
  REQUIRE(open_alerts(report) == 1);
  const auto* a = alert_with_key(report, "monitor:data_quality:props:2025-01-15");
  REQUIRE(a != nullptr);
  CHECK(a->level == alerting::severity::warning);
  CHECK(field_of(*a, "placeholder lines") == "2");
  CHECK(field_of(*a, "lines") == "3");
  CHECK(field_of(*a, "examples") ==
        "jaylen brown player_points@draftkings 84.5, lebron james player_points@fanduel 0.5");
  const auto* clean = alert_with_key(report, "monitor:data_quality:props:2025-01-16");
  REQUIRE(clean != nullptr);
  CHECK(clean->resolved);
}

TEST_CASE("yesterday's summaries warn when more than 10 % lack minutes", "[monitors][data_quality]") {
  const std::string key = "monitor:data_quality:summaries:2025-01-14";
  SECTION("1 NULL and 1 zero of 20 is exactly 10 %: clean") {
    auto db = fresh_warehouse(fresh_scratch_dir());
    summary_rows(db, 20, 1, 1, 0);
    const auto report = value_of(data_quality_check(db, context_at(now), defaults));
    CHECK(open_alerts(report) == 0);
    REQUIRE(alert_with_key(report, key) != nullptr);
    CHECK(alert_with_key(report, key)->resolved);
  }
  SECTION("1 NULL and 2 zero of 20 is 15 %: a warning naming minutes only") {
    auto db = fresh_warehouse(fresh_scratch_dir());
    summary_rows(db, 20, 1, 2, 2);
    const auto report = value_of(data_quality_check(db, context_at(now), defaults));
    REQUIRE(open_alerts(report) == 1);
    const auto* a = alert_with_key(report, key);
    REQUIRE(a != nullptr);
    CHECK(a->phase == "analytics");
    CHECK(field_of(*a, "minutes missing") == "3 of 20 (15.0 %)");
    CHECK(field_of(*a, "points missing").empty());
  }
}

TEST_CASE("a game of today with fewer than 3 players predicted raises a warning",
          "[monitors][data_quality]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  const auto [a, b] = today_with_predictions(db, 2);
  const auto report = value_of(data_quality_check(db, context_at(now), defaults));
  const auto* alert = alert_with_key(report, "monitor:data_quality:predictions:2025-01-15");
  REQUIRE(alert != nullptr);
  CHECK_FALSE(alert->resolved);
  CHECK(alert->level == alerting::severity::warning);
  CHECK(field_of(*alert, "thin games") == "1");
  CHECK(field_of(*alert, "players predicted") == b.key + " (2)");
}

TEST_CASE("3 players predicted per game is enough", "[monitors][data_quality]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  today_with_predictions(db, 3);
  const auto report = value_of(data_quality_check(db, context_at(now), defaults));
  CHECK(open_alerts(report) == 0);
  const auto* alert = alert_with_key(report, "monitor:data_quality:predictions:2025-01-15");
  REQUIRE(alert != nullptr);
  CHECK(alert->resolved);
}

TEST_CASE("predictions are not counted before the date's predictions phase ran",
          "[monitors][data_quality]") {
  auto db = fresh_warehouse(fresh_scratch_dir());
  today_with_predictions(db, 0);
  set_ledger(db, "2025-01-15", "predictions", output_state::expected, now);
  const auto report = value_of(data_quality_check(db, context_at(now), defaults));
  CHECK(alert_with_key(report, "monitor:data_quality:predictions:2025-01-15") == nullptr);
}

} // namespace courtside::monitors::test
