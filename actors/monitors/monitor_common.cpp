#include "actors/monitors/monitor_common.hpp"

#include <cstdio>

#include "actors/phases/stats_math.hpp"
#include "actors/pipeline/flow.hpp"
#include "runtime/schedule/civil_time.hpp"

namespace courtside::monitors::detail {

std::string shift_date(std::string_view date, int days) {
  const auto day = phases::day_number(date);
  if (!day) return {};
  const auto c = schedule::civil_from_days(*day + days);
  char buf[48]; // room for any int, so the compiler sees no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(c.year), c.month, c.day);
  return buf;
}

std::string format_utc(unix_ms instant) {
  const auto t = schedule::seconds_to_civil(schedule::floor_div(instant, 1000));
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", static_cast<int>(t.year),
                t.month, t.day, t.hour, t.minute, t.second);
  return buf;
}

std::string format_hours(unix_ms duration) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f h", static_cast<double>(duration) / ms_per_hour);
  return buf;
}

std::string format_percent(double share) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f %%", share * 100.0);
  return buf;
}

storage::storage_result<const storage::table_declaration*> declared(std::string_view name) {
  const auto* table = storage::find_table(name);
  if (table == nullptr)
    return storage::make_error(storage::storage_errc::schema_mismatch, "monitors",
                               "table '" + std::string{name} + "' is not declared");
  return table;
}

phase_work_kinds work_kinds_of(std::string_view phase) {
  if (phase != pipeline::raw_phase) return {{std::string{phase}}, {}};
  return {{std::string{pipeline::schedule_kind}, std::string{pipeline::secondary_kind},
           std::string{pipeline::odds_events_kind}},
          {std::string{pipeline::box_score_kind}, std::string{pipeline::event_odds_kind}}};
}

namespace {

// "'ready', 'leased'": the states' stored names (our own constants, never user input).
std::string state_list(const std::vector<storage::item_state>& states) {
  std::string list;
  for (const auto s : states) list += (list.empty() ? "'" : ", '") + std::string{to_string(s)} + "'";
  return list.empty() ? "''" : list;
}

storage::storage_result<std::int64_t> count_items(storage::database& db, std::string_view column,
                                                  std::string_view kind, std::string_view date,
                                                  const std::string& states) {
  auto st = db.prepare("SELECT count(*) FROM work_queue WHERE kind = ?1 AND " +
                         std::string{column} + " = ?2 AND state IN (" + states + ")",
                       "monitors: count work_queue");
  if (!st) return st.error();
  st.value().bind_text(1, kind).bind_text(2, date);
  auto row = st.value().step();
  if (!row) return row.error();
  const std::int64_t n = row.value() ? st.value().column_int64(0) : 0;
  st.value().reset();
  return n;
}

} // namespace

storage::storage_result<std::int64_t> count_phase_items(
  storage::database& db, std::string_view date, std::string_view phase,
  const std::vector<storage::item_state>& states) {
  const auto kinds = work_kinds_of(phase);
  const std::string list = state_list(states);
  std::int64_t total = 0;
  for (const auto& kind : kinds.keyed_by_date) {
    auto n = count_items(db, "item_key", kind, date, list);
    if (!n) return n.error();
    total += n.value();
  }
  for (const auto& kind : kinds.date_in_payload) {
    auto n = count_items(db, "payload", kind, date, list);
    if (!n) return n.error();
    total += n.value();
  }
  return total;
}

storage::storage_result<date_box_scores> box_scores_of_date(storage::database& db,
                                                            std::string_view date,
                                                            std::string_view primary_source) {
  auto schedule = declared("schedule_games");
  if (!schedule) return schedule.error();
  auto boxes = declared("player_box_scores");
  if (!boxes) return boxes.error();
  // Box scores are matched by game id alone: the id names the date already, and a source
  // that dated a game differently must not make a stored box score look missing.
  const std::string sql =
    "SELECT s.game_id, MAX(s.status = 'final'),"
    " MAX(CAST(strftime('%s', NULLIF(s.start_time_utc, '')) AS INTEGER)),"
    " MAX(CASE WHEN s.status = 'final' THEN s.updated_at END),"
    " EXISTS (SELECT 1 FROM " + std::string{boxes.value()->name} +
    " b WHERE b.game_id = s.game_id AND b.source = ?2)"
    " FROM " + std::string{schedule.value()->name} + " s WHERE s." +
    std::string{schedule.value()->date_column} + " = ?1 GROUP BY s.game_id ORDER BY s.game_id";
  auto st = db.prepare(sql, "monitors.box_scores_of_date: SELECT schedule_games");
  if (!st) return st.error();
  st.value().bind_text(1, date).bind_text(2, primary_source);
  date_box_scores out;
  out.date = std::string{date};
  auto read = each_row(st.value(), [&](storage::statement& s) {
    if (!s.column_is_null(2)) {
      const unix_ms tip = s.column_int64(2) * 1000;
      out.latest_tip_off = out.latest_tip_off ? std::max(*out.latest_tip_off, tip) : tip;
    }
    if (s.column_int64(1) == 0) return;
    ++out.final_games;
    if (!s.column_is_null(3)) {
      const unix_ms seen = s.column_int64(3);
      out.final_seen_at = out.final_seen_at ? std::max(*out.final_seen_at, seen) : seen;
    }
    if (s.column_int64(4) != 0) ++out.with_box_scores;
    else out.missing.push_back(s.column_text(0));
  });
  if (!read) return read.error();
  return out;
}

alerting::alert make_alert(std::string key, alerting::severity level, std::string title,
                           std::string text, std::string date, std::string phase) {
  alerting::alert a;
  a.key = std::move(key);
  a.level = level;
  a.title = std::move(title);
  a.text = std::move(text);
  a.date = std::move(date);
  a.phase = std::move(phase);
  return a;
}

alerting::alert make_resolved(std::string key, std::string title, std::string date,
                              std::string phase) {
  auto a = make_alert(std::move(key), alerting::severity::info, std::move(title), {},
                      std::move(date), std::move(phase));
  a.resolved = true;
  return a;
}

std::string list_some(const std::vector<std::string>& items, std::size_t limit) {
  std::string text;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i)
    text += (i == 0 ? "" : ", ") + items[i];
  if (items.size() > limit) text += " (+" + std::to_string(items.size() - limit) + " more)";
  return text;
}

} // namespace courtside::monitors::detail
