// Specs for phases 4-6 (precompute.hpp, predictions.hpp, publish.hpp) over a small synthetic
// league: four teams of three players, two games a day, every box score final.
#include "actors/phases/analytics.hpp"
#include "actors/phases/precompute.hpp"
#include "actors/phases/predictions.hpp"
#include "actors/phases/publish.hpp"
#include "actors/phases/raw_store.hpp"
#include "actors/phases/stats_math.hpp"
#include "actors/phases/table_hash.hpp"
#include "phases_fixture.hpp"
#include "runtime/storage/ledger.hpp"
#include "runtime/storage/sha256.hpp"

#include <fstream>
#include <iterator>

namespace courtside::phases::test {

namespace {

std::string date_of(int i) {
  const int day = i + 1;
  return "2025-01-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
}

const char* teams[] = {"BOS", "LAL", "MIA", "NYK"};

line_spec player_line(int day, int team, int p) {
  const int pts = 8 + 6 * p + (day * 7 + team * 3 + p * 5) % 9;
  const int fga = pts / 2 + 3, fta = 4, ftm = 2 + pts % 2;
  const int fgm = (pts - ftm) / 2, fg3m = (pts - ftm) % 2;
  const std::string name = std::string("Player ") + char('A' + p) + " " + teams[team];
  return line_spec{name, teams[team], 1500 + 300 * p + 30 * ((day + p) % 5), pts, fgm, fga, fg3m,
                   fg3m + 2, ftm, fta, 1, 5, 3, 2};
}

std::vector<Game> games_of(int day) {
  const std::string d = date_of(day);
  if (day % 2 == 0) return {make_game(d, "BOS", "LAL"), make_game(d, "MIA", "NYK")};
  return {make_game(d, "LAL", "MIA"), make_game(d, "NYK", "BOS")};
}

int team_index(const std::string& tricode) {
  for (int t = 0; t < 4; ++t) {
    if (tricode == teams[t]) return t;
  }
  return -1;
}

// Raw rows of one day: schedule, box scores (NBA.com), lines for the first player of each team.
void store_day(database& db, int day) {
  const auto games = games_of(day);
  REQUIRE_OK(store_games(db, games, "nba_cdn", "", t0));
  for (const Game& g : games) {
    std::vector<line_spec> lines;
    for (const std::string& side : {g.away_tricode, g.home_tricode}) {
      for (int p = 0; p < 3; ++p) lines.push_back(player_line(day, team_index(side), p));
    }
    REQUIRE_OK(store_box_score(db, make_box(g, lines), "nba_cdn", "", t0));
    std::vector<PropLine> props;
    for (const std::string& side : {g.away_tricode, g.home_tricode}) {
      props.push_back(make_prop(g, std::string("Player A ") + side, "fanduel", 12.5));
    }
    REQUIRE_OK(store_props(db, props, g.date, "odds_api", "", t0));
  }
}

void run_day(database& db, int day, unix_ms now) {
  const std::string d = date_of(day);
  prediction_settings settings;
  settings.min_training_rows = 20;
  REQUIRE_OK(run_analytics(db, d, now));
  REQUIRE_OK(run_precompute(db, d, now));
  REQUIRE_OK(run_predictions(db, d, now, settings));
  REQUIRE_OK(grade_predictions(db, d, now));
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

} // namespace

TEST_CASE("a synthetic fortnight flows through precompute, predictions and grading", "[phases][pipeline]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  for (int day = 0; day < 10; ++day) {
    store_day(db, day);
    run_day(db, day, t0 + day);
  }
  // Day 0 has no history: no expected players, no features.
  CHECK(count_of(db, "SELECT COUNT(*) FROM feature_store WHERE game_date = '2025-01-01'") == 0);
  // Day 3: every player has 3 games behind him -> features defaulted, no predictions.
  CHECK(count_of(db, "SELECT COUNT(*) FROM feature_store WHERE game_date = '2025-01-04'") == 12);
  CHECK(count_of(db, "SELECT MIN(defaulted_features) FROM feature_store WHERE game_date = '2025-01-04'") > 0);
  CHECK(count_of(db, "SELECT COUNT(*) FROM predictions WHERE game_date = '2025-01-04'") == 0);
  // Day 5: five games each, nothing defaulted, quality 70 + 30 * 5/10.
  CHECK(count_of(db, "SELECT COUNT(*) FROM feature_store WHERE game_date = '2025-01-06' AND defaulted_features = 0") == 12);
  CHECK(count_of(db, "SELECT MIN(quality_score) FROM feature_store WHERE game_date = '2025-01-06'") == 85);
  // Day 5 has 12 training rows behind it (none): moving average and ensemble only.
  CHECK(count_of(db, "SELECT COUNT(*) FROM predictions WHERE game_date = '2025-01-06'") == 24);
  // Day 8: 36 training rows >= 20 -> all three systems.
  CHECK(count_of(db, "SELECT COUNT(*) FROM predictions WHERE game_date = '2025-01-09' AND system = 'regression'") == 12);
  CHECK(count_of(db, "SELECT COUNT(*) FROM player_daily_cache WHERE game_date = '2025-01-09'") == 12);
  CHECK(count_of(db, "SELECT games_played FROM player_daily_cache WHERE game_date = '2025-01-09' AND player_id = 'player a bos'") == 8);
  // Every prediction of a final game is graded, with the error it really had.
  CHECK(count_of(db, "SELECT COUNT(*) FROM predictions p LEFT JOIN prediction_grades g USING (game_date, game_id, player_id, system) WHERE g.system IS NULL") == 0);
  CHECK(count_of(db, "SELECT COUNT(*) FROM predictions p JOIN prediction_grades g USING (game_date, game_id, player_id, system) WHERE abs(g.abs_error - abs(p.predicted_pts - g.actual_pts)) > 0.006") == 0);
  // Only the players with a line can be OVER/UNDER; the rest PASS.
  CHECK(count_of(db, "SELECT COUNT(*) FROM predictions WHERE line IS NULL AND recommendation <> 'PASS'") == 0);
  CHECK(count_of(db, "SELECT COUNT(*) FROM predictions WHERE line IS NOT NULL") > 0);
}

TEST_CASE("the moving average weighs the last ten games newest first", "[phases][predictions]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  for (int day = 0; day < 8; ++day) {
    store_day(db, day);
    run_day(db, day, t0);
  }
  // player a bos, newest first over days 6..0
  std::vector<double> pts;
  for (int day = 6; day >= 0; --day) pts.push_back(player_line(day, 0, 0).pts);
  auto st = db.prepare("SELECT predicted_pts FROM predictions WHERE game_date = '2025-01-08'"
                       " AND player_id = 'player a bos' AND system = 'moving_average'", "test");
  REQUIRE(st);
  REQUIRE(st.value().step().value());
  CHECK(st.value().column_double(0) == round_to(*weighted_moving_average(pts), 2));
}

TEST_CASE("the regression system recovers a linear relation in the warehouse's own history", "[phases][predictions][regression]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  // History: 60 feature rows whose actual points are 2 * pts_avg_l10 + 3 * home + 1.
  for (int i = 0; i < 60; ++i) {
    const std::string d = date_of(i % 20);
    const std::string game = identity::make_game_key(d, "BOS", "LAL");
    const std::string player = "p" + std::to_string(i);
    const double avg = 5 + (i * 7) % 23;
    const int home = i % 2;
    const std::string features = "{\"pts_avg_l10\":" + std::to_string(avg) + ",\"home\":" + std::to_string(home) + "}";
    auto f = db.prepare("INSERT INTO feature_store VALUES (?1, ?2, ?3, ?4, 100, 0, 0)", "test");
    REQUIRE(f);
    f.value().bind_text(1, d).bind_text(2, game).bind_text(3, player).bind_text(4, features);
    REQUIRE_OK(f.value().run());
    auto s = db.prepare("INSERT INTO player_game_summary (game_id, player_id, game_date, team, opponent,"
                        " source_used, seconds_played, pts, updated_at) VALUES (?1, ?2, ?3, 'LAL', 'BOS', 'nba_cdn', 1800, ?4, 0)", "test");
    REQUIRE(s);
    s.value().bind_text(1, game).bind_text(2, player).bind_text(3, d).bind_int64(4, static_cast<int>(2 * avg + 3 * home + 1));
    REQUIRE_OK(s.value().run());
  }
  // The date to predict: one game, one player with features avg 20, home 1, five games behind.
  const std::string d = "2025-01-25";
  const Game g = make_game(d, "BOS", "LAL", game_status::pre);
  REQUIRE_OK(store_games(db, {g}, "nba_cdn", "", t0));
  auto f = db.prepare("INSERT INTO feature_store VALUES (?1, ?2, 'p1', '{\"pts_avg_l10\":20,\"home\":1}', 100, 0, 0)", "test");
  REQUIRE(f);
  f.value().bind_text(1, d).bind_text(2, g.key);
  REQUIRE_OK(f.value().run());
  const auto out = value_of(run_predictions(db, d, t0));
  CHECK(out.degraded_reason.empty());
  auto st = db.prepare("SELECT predicted_pts FROM predictions WHERE game_date = ?1 AND system = 'regression'", "test");
  REQUIRE(st);
  st.value().bind_text(1, d);
  REQUIRE(st.value().step().value());
  CHECK(st.value().column_double(0) == 44.0); // 2 * 20 + 3 * 1 + 1, the other features constant
}

TEST_CASE("grading: hit, miss, push, PASS, a DNP voided and an unfinished game pending", "[phases][predictions][grading]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  const std::string d = "2025-01-10";
  const Game done = make_game(d, "BOS", "LAL");
  const Game later = make_game(d, "MIA", "NYK", game_status::pre);
  REQUIRE_OK(store_games(db, {done, later}, "nba_cdn", "", t0));
  REQUIRE_OK(store_box_score(db, make_box(done, {{"Over Hit", "LAL", 2000, 30, 12, 20, 0, 0, 6, 6},
                                                {"Under Miss", "LAL", 2000, 25, 10, 20, 0, 0, 5, 5},
                                                {"On Line", "BOS", 2000, 20, 10, 20, 0, 0, 0, 0},
                                                {"Bench Dnp", "BOS", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, participation::did_not_play}}),
                             "nba_cdn", "", t0));
  REQUIRE_OK(run_analytics(db, d, t0));
  auto add = [&](const Game& g, const char* player, double predicted, std::optional<double> line, const char* rec) {
    auto st = db.prepare("INSERT INTO predictions VALUES (?1, ?2, ?3, 'ensemble', ?4, 0.5, ?5, ?6, 0)", "test");
    REQUIRE(st);
    st.value().bind_text(1, d).bind_text(2, g.key).bind_text(3, player).bind_double(4, predicted);
    if (line) st.value().bind_double(5, *line); else st.value().bind_null(5);
    st.value().bind_text(6, rec);
    REQUIRE_OK(st.value().run());
  };
  add(done, "over hit", 27.5, 24.5, "OVER");
  add(done, "under miss", 22.0, 24.5, "UNDER");
  add(done, "on line", 23.0, 20.0, "OVER");
  add(done, "bench dnp", 8.0, 6.5, "OVER");
  add(later, "still to play", 10.0, 9.5, "PASS");
  const auto out = value_of(grade_predictions(db, d, t0));
  CHECK(out.rows("prediction_grades") == 4);
  CHECK(out.skipped == 1);
  CHECK_FALSE(out.degraded_reason.empty());
  auto grade = [&](const char* player) {
    return count_of(db, std::string("SELECT coalesce(hit, -1) * 1000 + voided * 100 + coalesce(abs_error, 0) * 10"
                                    " FROM prediction_grades WHERE player_id = '") + player + "'");
  };
  CHECK(grade("over hit") == 1000 + 25);     // hit, |27.5 - 30| = 2.5
  CHECK(grade("under miss") == 0 + 30);      // miss, |22 - 25| = 3
  CHECK(grade("on line") == -1000 + 30);     // push: no hit either way
  CHECK(grade("bench dnp") == -1000 + 100);  // voided
  CHECK(count_of(db, "SELECT actual_pts IS NULL FROM prediction_grades WHERE player_id = 'bench dnp'") == 1);
  CHECK(count_of(db, "SELECT COUNT(*) FROM prediction_grades WHERE player_id = 'still to play'") == 0);
}

TEST_CASE("a date without games is EMPTY_OK for every phase", "[phases][pipeline]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  const std::string d = "2025-07-04";
  CHECK(value_of(run_analytics(db, d, t0)).empty);
  CHECK(value_of(run_precompute(db, d, t0)).empty);
  CHECK(value_of(run_predictions(db, d, t0)).empty);
  CHECK(value_of(grade_predictions(db, d, t0)).empty);
  const auto published = value_of(run_publish(db, d, dir / "exports", t0));
  CHECK(published.empty);
  CHECK_FALSE(std::filesystem::exists(dir / "exports" / d));
}

TEST_CASE("publishing writes tonight, results and player pages with their hashes", "[phases][publish]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  for (int day = 0; day < 7; ++day) {
    store_day(db, day);
    run_day(db, day, t0);
  }
  const std::string d = date_of(6);
  const auto out = value_of(run_publish(db, d, dir / "exports", t0));
  CHECK(out.rows("exports") == 2 + 12);
  const auto tonight = dir / "exports" / d / "tonight.json";
  const std::string body = read_file(tonight);
  CHECK(body.find("\"picks\":[{\"game_id\":\"20250107_BOS_LAL\"") != std::string::npos);
  CHECK(std::filesystem::exists(dir / "exports" / d / "players" / "player-a-bos.json"));
  auto st = db.prepare("SELECT path, content_hash, size_bytes FROM exports WHERE export_name = 'tonight'", "test");
  REQUIRE(st);
  REQUIRE(st.value().step().value());
  CHECK(st.value().column_text(0) == d + "/tonight.json");
  CHECK(st.value().column_text(1) == storage::sha256_hex(body));
  CHECK(st.value().column_int64(2) == static_cast<std::int64_t>(body.size()));
  const std::string results = read_file(dir / "exports" / d / "results.json");
  CHECK(results.find("\"ensemble\":{\"graded\":12,\"voided\":0") != std::string::npos);
  CHECK(player_file_name("nikola vučević") == "nikola-vu_c4_8devi_c4_87");
}

TEST_CASE("under defer_exports publishing writes the rows and hands the files over, which say "
          "when the date's predictions changed since",
          "[phases][publish]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  for (int day = 0; day < 7; ++day) {
    store_day(db, day);
    run_day(db, day, t0);
  }
  const std::string d = date_of(6);
  std::vector<pending_exports> handed;
  {
    defer_exports scope;
    CHECK(defer_exports::current() == &scope);
    const auto out = value_of(run_publish(db, d, dir / "exports", t0));
    CHECK(out.rows("exports") == 2 + 12);
    handed = scope.take();
    CHECK(scope.take().empty());
  }
  CHECK(defer_exports::current() == nullptr);
  CHECK_FALSE(std::filesystem::exists(dir / "exports" / d)); // the rows are in, the files not yet
  CHECK(count_of(db, "SELECT COUNT(*) FROM exports WHERE game_date = '" + d + "'") == 14);
  REQUIRE(handed.size() == 1);
  CHECK(handed[0].date == d);
  REQUIRE(handed[0].files.size() == 14);
  CHECK(value_of(write_files_atomically(handed[0].files, handed[0].options)) == 14);
  const std::string body = read_file(dir / "exports" / d / "tonight.json");
  CHECK(count_of(db, "SELECT COUNT(*) FROM exports WHERE export_name = 'tonight' AND content_hash = '" +
                       storage::sha256_hex(body) + "'") == 1);

  REQUIRE(handed[0].still_current);
  CHECK(value_of(handed[0].still_current(db)) == true);
  run_day(db, 6, t0 + 1000); // predictions of the date run again: the files may be stale
  CHECK(value_of(handed[0].still_current(db)) == false);

  // A re-run stamped in the same millisecond (a virtual clock) leaves the rows' counts and
  // stamps as they were; the predictions phase's run count in the ledger still tells.
  REQUIRE_OK(storage::ensure_expected(db, {d, "predictions", "predictions"}, std::nullopt, t0));
  std::vector<pending_exports> again;
  {
    defer_exports scope;
    REQUIRE_OK(run_publish(db, d, dir / "exports", t0 + 1000));
    again = scope.take();
  }
  REQUIRE(again.size() == 1);
  CHECK(value_of(again[0].still_current(db)) == true);
  REQUIRE_OK(db.exec("UPDATE expected_outputs SET attempts = attempts + 1 WHERE game_date = '" + d +
                         "' AND phase = 'predictions'", "test: a run counted as the phase's commit does"));
  CHECK(value_of(again[0].still_current(db)) == false);

  // Without a scope the files are written before the rows, as they were: identical bytes.
  std::filesystem::remove_all(dir / "exports");
  REQUIRE_OK(run_publish(db, d, dir / "exports", t0));
  CHECK(read_file(dir / "exports" / d / "tonight.json") == body);
}

TEST_CASE("running a whole date twice leaves every table and export identical", "[phases][idempotence]") {
  const auto dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  for (int day = 0; day < 9; ++day) {
    store_day(db, day);
    run_day(db, day, t0);
  }
  REQUIRE_OK(run_publish(db, date_of(8), dir / "exports", t0));
  const auto before = value_of(pipeline_content_hashes(db));
  const std::string file_before = read_file(dir / "exports" / date_of(8) / "results.json");
  store_day(db, 8);
  run_day(db, 8, t0 + 99);
  REQUIRE_OK(run_publish(db, date_of(8), dir / "exports", t0 + 99));
  CHECK(value_of(pipeline_content_hashes(db)) == before);
  CHECK(read_file(dir / "exports" / date_of(8) / "results.json") == file_before);
}

} // namespace courtside::phases::test
