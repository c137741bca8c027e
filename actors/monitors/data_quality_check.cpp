#include "actors/monitors/data_quality_check.hpp"

#include <cstdio>

#include "actors/monitors/monitor_common.hpp"
#include "actors/pipeline/flow.hpp"
#include "runtime/storage/ledger.hpp"

namespace courtside::monitors {
namespace {

using alerting::alert;
using storage::storage_result;

// A check's verdict for one key: an alert, or nullopt when it did not run (no data to judge).
using verdict = std::optional<alert>;

std::string number(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

alert clean(const std::string& key, const std::string& title, const std::string& date,
            std::string_view phase) {
  return detail::make_resolved(key, title, date, std::string{phase});
}

storage_result<verdict> check_props(storage::database& db, const std::string& date,
                                    const data_quality_settings& s) {
  auto table = detail::declared("prop_lines");
  if (!table) return table.error();
  auto st = db.prepare("SELECT player_id, market, book, line FROM " +
                         std::string{table.value()->name} + " WHERE " +
                         std::string{table.value()->date_column} +
                         " = ?1 ORDER BY game_id, player_id, market, book",
                       "monitors.data_quality: SELECT prop_lines");
  if (!st) return st.error();
  st.value().bind_text(1, date);
  std::int64_t total = 0;
  std::vector<std::string> bad;
  auto read = detail::each_row(st.value(), [&](storage::statement& r) {
    ++total;
    const std::string market = r.column_text(1);
    std::optional<double> line;
    if (!r.column_is_null(3)) line = r.column_double(3);
    if (suspicious_line(market, line, s))
      bad.push_back(r.column_text(0) + " " + market + "@" + r.column_text(2) + " " +
                    (line ? number(*line) : std::string{"none"}));
  });
  if (!read) return read.error();
  const std::string key = "monitor:data_quality:props:" + date;
  if (bad.empty()) return verdict{clean(key, "Prop lines look real for " + date, date, pipeline::raw_phase)};
  auto a = detail::make_alert(key, alerting::severity::warning,
                              std::to_string(bad.size()) + " placeholder prop line(s) for " + date,
                              std::to_string(bad.size()) + " of " + std::to_string(total) +
                                " prop lines of " + date + " are missing, <= 0, the placeholder " +
                                number(s.placeholder_line) + " or above " +
                                number(s.max_points_line) + " points.",
                              date, std::string{pipeline::raw_phase});
  a.fields = {{"placeholder lines", std::to_string(bad.size())},
              {"lines", std::to_string(total)},
              {"examples", detail::list_some(bad, s.max_listed)}};
  return verdict{std::move(a)};
}

// The columns whose gaps make a summary row useless, and whether a zero is a gap too.
struct column_check {
  std::string_view column, label;
  bool zero_is_gap;
};
constexpr column_check summary_checks[] = {{"seconds_played", "minutes", true},
                                           {"pts", "points", false}};

storage_result<verdict> check_summaries(storage::database& db, const std::string& date,
                                        const data_quality_settings& s) {
  auto table = detail::declared("player_game_summary");
  if (!table) return table.error();
  std::string sql = "SELECT count(*)";
  for (const auto& c : summary_checks)
    sql += ", COALESCE(SUM(" + std::string{c.column} + " IS NULL" +
           (c.zero_is_gap ? " OR " + std::string{c.column} + " = 0" : std::string{}) + "), 0)";
  sql += " FROM " + std::string{table.value()->name} + " WHERE " +
         std::string{table.value()->date_column} + " = ?1";
  auto st = db.prepare(sql, "monitors.data_quality: SELECT player_game_summary");
  if (!st) return st.error();
  st.value().bind_text(1, date);
  auto row = st.value().step();
  if (!row) return row.error();
  const std::int64_t total = st.value().column_int64(0);
  std::vector<alerting::alert_field> gaps;
  for (std::size_t i = 0; i < std::size(summary_checks); ++i) {
    const std::int64_t bad = st.value().column_int64(static_cast<int>(i) + 1);
    if (!rate_exceeds(bad, total, s.max_null_rate)) continue;
    const double share = static_cast<double>(bad) / static_cast<double>(total);
    gaps.push_back({std::string{summary_checks[i].label} + " missing",
                    std::to_string(bad) + " of " + std::to_string(total) + " (" +
                      detail::format_percent(share) + ")"});
  }
  st.value().reset();
  if (total == 0) return verdict{};
  const std::string key = "monitor:data_quality:summaries:" + date;
  const std::string_view phase = pipeline::phase_kinds[0];
  if (gaps.empty()) return verdict{clean(key, "Player summaries complete for " + date, date, phase)};
  auto a = detail::make_alert(key, alerting::severity::warning,
                              "Player summaries of " + date + " have gaps",
                              "More than " + detail::format_percent(s.max_null_rate) +
                                " of the date's player_game_summary rows lack a key column.",
                              date, std::string{phase});
  a.fields = std::move(gaps);
  return verdict{std::move(a)};
}

// Whether the date's predictions phase has run, so that its row counts mean something.
storage_result<bool> predictions_ran(storage::database& db, const std::string& date) {
  auto rows = storage::ledger_rows_between(db, date, date);
  if (!rows) return rows.error();
  for (const auto& row : rows.value())
    if (row.key.phase == pipeline::phase_kinds[2] &&
        (row.state == storage::output_state::complete ||
         row.state == storage::output_state::degraded))
      return true;
  return false;
}

// Players predicted per game of the date (0 for a scheduled game without any).
storage_result<std::vector<std::pair<std::string, std::int64_t>>> predicted_per_game(
  storage::database& db, const std::string& date) {
  auto games = detail::declared("schedule_games");
  if (!games) return games.error();
  auto predictions = detail::declared("predictions");
  if (!predictions) return predictions.error();
  const std::string sql =
    "SELECT g.game_id, (SELECT count(DISTINCT p.player_id) FROM " +
    std::string{predictions.value()->name} + " p WHERE p." +
    std::string{predictions.value()->date_column} + " = ?1 AND p.game_id = g.game_id)"
    " FROM (SELECT DISTINCT game_id FROM " + std::string{games.value()->name} + " WHERE " +
    std::string{games.value()->date_column} + " = ?1) g ORDER BY g.game_id";
  auto st = db.prepare(sql, "monitors.data_quality: SELECT predictions per game");
  if (!st) return st.error();
  st.value().bind_text(1, date);
  std::vector<std::pair<std::string, std::int64_t>> out;
  auto read = detail::each_row(st.value(), [&](storage::statement& r) {
    out.emplace_back(r.column_text(0), r.column_int64(1));
  });
  if (!read) return read.error();
  return out;
}

storage_result<verdict> check_predictions(storage::database& db, const std::string& date,
                                          const data_quality_settings& s) {
  auto ran = predictions_ran(db, date);
  if (!ran) return ran.error();
  if (!ran.value()) return verdict{};
  auto per_game = predicted_per_game(db, date);
  if (!per_game) return per_game.error();
  if (per_game.value().empty()) return verdict{};
  std::vector<std::string> thin;
  for (const auto& [game, players] : per_game.value())
    if (players < s.min_predictions_per_game) thin.push_back(game + " (" + std::to_string(players) + ")");
  const std::string key = "monitor:data_quality:predictions:" + date;
  const std::string_view phase = pipeline::phase_kinds[2];
  if (thin.empty()) return verdict{clean(key, "Predictions cover every game of " + date, date, phase)};
  auto a = detail::make_alert(
    key, alerting::severity::warning,
    "Too few predictions for " + date + ": " + std::to_string(thin.size()) + " of " +
      std::to_string(per_game.value().size()) + " games",
    std::to_string(thin.size()) + " game(s) of " + date + " have fewer than " +
      std::to_string(s.min_predictions_per_game) + " players predicted.",
    date, std::string{phase});
  a.fields = {{"thin games", std::to_string(thin.size())},
              {"games", std::to_string(per_game.value().size())},
              {"players predicted", detail::list_some(thin, s.max_listed)}};
  return verdict{std::move(a)};
}

} // namespace

bool suspicious_line(std::string_view market, std::optional<double> line,
                     const data_quality_settings& s) {
  if (!line || *line <= 0) return true;
  if (market != s.points_market) return false;
  return *line == s.placeholder_line || *line > s.max_points_line;
}

bool rate_exceeds(std::int64_t bad, std::int64_t total, double max_rate) {
  if (total <= 0) return false;
  // The tolerance keeps an exact boundary (2 of 20 at 10 %) from failing on rounding.
  return static_cast<double>(bad) > max_rate * static_cast<double>(total) + 1e-9;
}

storage::storage_result<jobs::job_report> data_quality_check(storage::database& db,
                                                             const jobs::job_context& ctx,
                                                             const data_quality_settings& s) {
  std::vector<verdict> verdicts;
  for (const std::string* date : {&ctx.today, &ctx.tomorrow}) {
    auto props = check_props(db, *date, s);
    if (!props) return props.error();
    verdicts.push_back(std::move(props).value());
    auto predictions = check_predictions(db, *date, s);
    if (!predictions) return predictions.error();
    verdicts.push_back(std::move(predictions).value());
  }
  auto summaries = check_summaries(db, ctx.yesterday, s);
  if (!summaries) return summaries.error();
  verdicts.push_back(std::move(summaries).value());
  jobs::job_report report;
  int problems = 0, checks = 0;
  for (auto& v : verdicts) {
    if (!v) continue;
    ++checks;
    problems += v->resolved ? 0 : 1;
    report.alerts.push_back(std::move(*v));
  }
  report.summary = std::to_string(checks) + " data quality check(s) ran, " +
                   std::to_string(problems) + " found problems";
  return report;
}

} // namespace courtside::monitors
