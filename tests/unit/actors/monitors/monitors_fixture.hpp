#pragma once
// Helpers for the actors/monitors specs, on top of the phases fixture (fresh migrated
// warehouse per test case, game / box score / prop builders): a job context for a fixed
// "today", instants from UTC readings, ledger rows and hand-written rows for the tables the
// builders do not cover.
#include "actors/phases/raw_store.hpp"
#include "actors/pipeline/flow.hpp"
#include "actors/scheduler/job_context.hpp"
#include "runtime/schedule/civil_time.hpp"
#include "runtime/storage/ledger.hpp"
#include "unit/actors/phases/phases_fixture.hpp"

#include <algorithm>
#include <optional>
#include <string>

namespace courtside::monitors::test {

using namespace courtside::phases::test;
using storage::output_state;

inline constexpr std::int64_t hour_ms = 3'600'000;

/// Unix ms of a UTC reading.
inline unix_ms utc_ms(int y, int m, int d, int h = 0, int mi = 0) {
  return schedule::civil_to_seconds(schedule::civil_time{y, m, d, h, mi, 0}) * 1000;
}

/// today = 2025-01-15 (so yesterday 2025-01-14, tomorrow 2025-01-16) at `now`.
inline jobs::job_context context_at(unix_ms now) {
  jobs::job_context ctx;
  ctx.now = now;
  ctx.today = "2025-01-15";
  ctx.yesterday = "2025-01-14";
  ctx.tomorrow = "2025-01-16";
  return ctx;
}

/// Sets the date's ledger row of `phase` (output as the pipeline names it), updated_at = at.
inline void set_ledger(database& db, const std::string& date, std::string_view phase,
                       output_state state, unix_ms at, const std::string& reason = {},
                       std::optional<unix_ms> expected_by = std::nullopt, int attempts = 0) {
  storage::ledger_row row;
  row.key = {date, std::string{phase}, std::string{pipeline::ledger_output(phase)}};
  row.state = state;
  row.reason = reason;
  row.attempts = attempts;
  row.expected_by = expected_by;
  REQUIRE_OK(storage::upsert_ledger_row(db, row, at));
}

/// Every phase of `date` in `state`.
inline void set_all_phases(database& db, const std::string& date, output_state state, unix_ms at) {
  set_ledger(db, date, pipeline::raw_phase, state, at);
  for (const auto phase : pipeline::phase_kinds) set_ledger(db, date, phase, state, at);
}

inline void exec(database& db, const std::string& sql) {
  REQUIRE_OK(db.exec(sql, "monitors test"));
}

/// A final game of `date` with a tip-off instant (ISO-8601, "" for none), stored from nba_cdn.
inline Game final_game(database& db, const std::string& date, const std::string& away,
                       const std::string& home, const std::string& tip_off,
                       game_status status = game_status::final) {
  Game g = make_game(date, away, home, status);
  g.start_time_utc = tip_off;
  REQUIRE_OK(phases::store_games(db, {g}, "nba_cdn", "", t0));
  return g;
}

/// One player line of `g` from `source`.
inline void box_score(database& db, const Game& g, const std::string& source) {
  REQUIRE_OK(phases::store_box_score(
    db, make_box(g, {{"Player One " + g.home_tricode, g.home_tricode, 1800, 20}}), source, "", t0));
}

/// The field named `name` of `a`, or "" when absent.
inline std::string field_of(const alerting::alert& a, const std::string& name) {
  for (const auto& f : a.fields)
    if (f.name == name) return f.value;
  return {};
}

/// The alert with `key` in `report`, or nullptr.
inline const alerting::alert* alert_with_key(const jobs::job_report& report,
                                             const std::string& key) {
  for (const auto& a : report.alerts)
    if (a.key == key) return &a;
  return nullptr;
}

/// Alerts that are not resolves.
inline std::size_t open_alerts(const jobs::job_report& report) {
  return static_cast<std::size_t>(std::count_if(report.alerts.begin(), report.alerts.end(),
                                                [](const alerting::alert& a) { return !a.resolved; }));
}

} // namespace courtside::monitors::test
