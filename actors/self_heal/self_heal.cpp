#include "actors/self_heal/self_heal.hpp"

#include <cstdio>
#include <vector>

#include "actors/orchestrators/output_check.hpp"
#include "actors/orchestrators/rerun.hpp"
#include "actors/pipeline/flow.hpp"

namespace courtside::self_heal {
namespace {

using storage::output_state;
using storage::storage_result;
using storage::storage_status;

struct heal_target {
  std::string date;
  std::string phase;
  std::string role; ///< "yesterday's analytics", for people
};

// ---- self_heal_actions (migration 4): attempts per date and engine day ----

struct day_record {
  int attempts = 0;
  std::string last_action;
  [[nodiscard]] bool gave_up() const { return last_action.rfind("gave up", 0) == 0; }
};

storage_result<day_record> load_record(storage::database& db, const std::string& date,
                                       const std::string& day) {
  auto st = db.prepare("SELECT attempts, last_action FROM self_heal_actions WHERE game_date = ?1 AND day = ?2",
                       "self_heal: SELECT self_heal_actions");
  if (!st) return st.error();
  st.value().bind_text(1, date).bind_text(2, day);
  auto row = st.value().step();
  if (!row) return row.error();
  day_record out;
  if (row.value()) out = {static_cast<int>(st.value().column_int64(0)), st.value().column_text(1)};
  st.value().reset();
  return out;
}

// `counts` = this action starts a heal (attempts + 1), else it only records what was done.
storage_status record_action(storage::database& db, const std::string& date, const std::string& day,
                             const std::string& action, bool counts, storage::unix_ms now) {
  auto st = db.prepare(
    "INSERT INTO self_heal_actions (game_date, day, attempts, last_action, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (game_date, day) DO UPDATE SET "
    "attempts = attempts + excluded.attempts, last_action = excluded.last_action, "
    "updated_at = excluded.updated_at",
    "self_heal: UPSERT self_heal_actions");
  if (!st) return st.error();
  st.value().bind_text(1, date).bind_text(2, day).bind_int64(3, counts ? 1 : 0).bind_text(4, action);
  st.value().bind_int64(5, now);
  return st.value().run();
}

// ---- reading a target ----

storage_result<std::optional<storage::ledger_row>> row_of(storage::database& db,
                                                          const std::string& date,
                                                          std::string_view phase) {
  auto row = storage::get_ledger_row(
    db, {date, std::string{phase}, std::string{pipeline::ledger_output(phase)}});
  if (row) return std::optional<storage::ledger_row>{row.value()};
  if (row.error().code == storage::storage_errc::not_found) return std::optional<storage::ledger_row>{};
  return row.error();
}

// Low-quality marks of a date: DEGRADED rows of phases 3-5 and a low mean feature quality.
storage_result<std::vector<alerting::alert_field>> quality_notes(storage::database& db,
                                                                 const std::string& date,
                                                                 const self_heal_settings& s) {
  std::vector<alerting::alert_field> notes;
  for (std::string_view phase : pipeline::phase_kinds) {
    if (phase == pipeline::phase_kinds[3]) break; // publish only copies what predictions made
    auto row = row_of(db, date, phase);
    if (!row) return row.error();
    if (row.value() && row.value()->state == output_state::degraded)
      notes.push_back({std::string{phase} + " DEGRADED", row.value()->reason});
  }
  auto st = db.prepare("SELECT count(*), coalesce(avg(quality_score), 0) FROM feature_store WHERE game_date = ?1",
                       "self_heal: SELECT feature_store quality");
  if (!st) return st.error();
  st.value().bind_text(1, date);
  auto row = st.value().step();
  if (!row) return row.error();
  const auto n = st.value().column_int64(0);
  const double mean = st.value().column_double(1);
  st.value().reset();
  if (n > 0 && mean < s.min_mean_quality) {
    char text[96];
    std::snprintf(text, sizeof text, "mean %.1f over %lld rows, below %d", mean,
                  static_cast<long long>(n), s.min_mean_quality);
    notes.push_back({"feature quality", text});
  }
  return notes;
}

std::string why_of(heal_verdict v, const std::optional<storage::ledger_row>& row,
                   const std::string& check_why) {
  switch (v) {
    case heal_verdict::not_planned: return "not planned";
    case heal_verdict::output_missing: return check_why;
    case heal_verdict::failed:
    case heal_verdict::overdue:
      return std::string{v == heal_verdict::overdue ? "overdue, " : ""} +
             storage::to_string(row->state) + (row->reason.empty() ? "" : ": " + row->reason);
    case heal_verdict::healthy:
    case heal_verdict::in_progress: break;
  }
  return to_string(v);
}

// ---- acting ----

// What a pass found about one target.
struct finding {
  heal_verdict verdict = heal_verdict::healthy;
  std::string why;                             ///< for the ledger and the alert
  std::vector<alerting::alert_field> quality;  ///< low-quality marks (predictions targets)
};

struct pass_state {
  std::vector<std::string> lines;
  std::vector<alerting::alert> alerts;
};

alerting::alert date_alert(const heal_target& t, alerting::severity level, std::string title,
                           std::string text, std::vector<alerting::alert_field> fields) {
  alerting::alert a;
  a.key = std::string{level == alerting::severity::error ? "self_heal:gave_up:" : "self_heal:"} + t.date;
  a.level = level;
  a.title = std::move(title);
  a.text = std::move(text);
  a.fields = std::move(fields);
  a.date = t.date;
  a.phase = t.phase;
  return a;
}

// Raw must be usable (or running: the pregame pass) for analytics to run; else start there.
storage_result<std::string> first_phase(storage::database& db, const std::string& date) {
  auto raw = row_of(db, date, pipeline::raw_phase);
  if (!raw) return raw.error();
  const bool start_raw = !raw.value() || raw.value()->state == output_state::failed ||
                         raw.value()->state == output_state::expected;
  return std::string{start_raw ? pipeline::raw_phase : pipeline::phase_kinds[0]};
}

storage_status heal(storage::database& db, const jobs::job_context& ctx, const self_heal_settings& s,
                    const heal_target& t, const finding& f, int attempt, pass_state& p) {
  const std::string& why = f.why;
  if (auto planned = pipeline::plan_date(db, t.date, ctx.max_attempts, ctx.now); !planned) return planned;
  auto first = first_phase(db, t.date);
  if (!first) return first.error();
  auto started = pipeline::rerun_from(db, {t.date, first.value(), "self-heal: " + why, ctx.max_attempts},
                                      ctx.now);
  if (!started) return started.error();
  if (auto rec = record_action(db, t.date, ctx.today, "heal from " + first.value() + ": " + why, true, ctx.now);
      !rec)
    return rec;
  const std::string n_of = std::to_string(attempt) + " of " + std::to_string(s.max_attempts_per_day);
  p.lines.back() += " -> re-run from " + first.value() + " (attempt " + n_of + " today)";
  std::vector<alerting::alert_field> fields{{"checked", t.role}, {"why", why}, {"re-run from", first.value()}};
  fields.insert(fields.end(), f.quality.begin(), f.quality.end());
  auto a = date_alert(t, alerting::severity::warning,
                      "self-heal: " + t.role + " of " + t.date + " " + to_string(f.verdict) + ", re-running from " +
                        first.value(),
                      "Its ledger rows are back to EXPECTED and " + std::string{pipeline::start_kind(first.value())} +
                        ":" + t.date +
                        " is queued; the flow runs each phase after the one before.",
                      std::move(fields));
  a.attempt = attempt;
  a.max_attempts = s.max_attempts_per_day;
  p.alerts.push_back(std::move(a));
  return {};
}

// A target whose output is missing: heal it, or give up once for the day.
storage_status heal_or_give_up(storage::database& db, const jobs::job_context& ctx,
                               const self_heal_settings& s, const heal_target& t, const finding& f,
                               pass_state& p) {
  const std::string& why = f.why;
  auto rec = load_record(db, t.date, ctx.today);
  if (!rec) return rec.error();
  if (rec.value().attempts < s.max_attempts_per_day)
    return heal(db, ctx, s, t, f, rec.value().attempts + 1, p);
  if (rec.value().gave_up()) {
    p.lines.back() += " -> out of attempts today";
    return {};
  }
  if (auto r = record_action(db, t.date, ctx.today, "gave up: " + why, false, ctx.now); !r) return r;
  p.lines.back() += " -> gave up for today";
  std::vector<alerting::alert_field> fields{{"checked", t.role}, {"why", why}};
  fields.insert(fields.end(), f.quality.begin(), f.quality.end());
  p.alerts.push_back(date_alert(t, alerting::severity::error,
                                "self-heal: " + t.role + " of " + t.date + " still missing after " +
                                  std::to_string(rec.value().attempts) + " attempts today",
                                "No more attempts until tomorrow; the reconciler keeps its own budget.",
                                std::move(fields)));
  return {};
}

storage_status visit(storage::database& db, const jobs::job_context& ctx, const self_heal_settings& s,
                     const heal_target& t, pass_state& p) {
  auto row = row_of(db, t.date, t.phase);
  if (!row) return row.error();
  pipeline::output_verdict check{true, ""};
  if (row.value() && row.value()->state == output_state::complete) {
    auto checked = pipeline::check_row(db, t.date, *storage::parse_pipeline_phase(t.phase),
                                       output_state::complete, row.value()->reason);
    if (!checked) return checked.error();
    check = checked.value();
  }
  finding f;
  f.verdict = judge(row.value(), check.pass, ctx.now, s);
  f.why = why_of(f.verdict, row.value(), check.why);
  // Quality is a property of predictions: the analytics target is only checked for presence.
  if (t.phase == pipeline::phase_kinds[2]) {
    auto notes = quality_notes(db, t.date, s);
    if (!notes) return notes.error();
    f.quality = std::move(notes.value());
  }
  p.lines.push_back(t.role + " " + t.date + " " + to_string(f.verdict));
  if (needs_heal(f.verdict)) {
    if (auto acted = heal_or_give_up(db, ctx, s, t, f, p); !acted) return acted;
  } else if (!f.quality.empty()) {
    auto a = date_alert(t, alerting::severity::warning, "self-heal: low-quality " + t.role + " of " + t.date,
                        "Produced, but below the quality bar.", f.quality);
    a.key = "self_heal:quality:" + t.date;
    p.alerts.push_back(std::move(a));
  }
  for (const auto& q : f.quality) p.lines.back() += "; low quality: " + q.name + " (" + q.value + ")";
  return {};
}

} // namespace

const char* to_string(heal_verdict verdict) noexcept {
  switch (verdict) {
    case heal_verdict::healthy: return "healthy";
    case heal_verdict::in_progress: return "in progress";
    case heal_verdict::not_planned: return "not planned";
    case heal_verdict::output_missing: return "output missing";
    case heal_verdict::failed: return "failed";
    case heal_verdict::overdue: return "overdue";
  }
  return "unknown";
}

bool needs_heal(heal_verdict verdict) noexcept {
  return verdict != heal_verdict::healthy && verdict != heal_verdict::in_progress;
}

heal_verdict judge(const std::optional<storage::ledger_row>& row, bool output_present,
                   storage::unix_ms now, const self_heal_settings& s) {
  if (!row) return heal_verdict::not_planned;
  switch (row->state) {
    case output_state::complete: return output_present ? heal_verdict::healthy : heal_verdict::output_missing;
    case output_state::empty_ok:
    case output_state::degraded: return heal_verdict::healthy;
    case output_state::failed: return heal_verdict::failed;
    case output_state::expected:
    case output_state::running:
    case output_state::blocked: break;
  }
  const storage::unix_ms deadline = row->expected_by.value_or(row->updated_at + s.overdue_after.count());
  return now >= deadline ? heal_verdict::overdue : heal_verdict::in_progress;
}

storage::storage_result<jobs::job_report> self_heal_predictions(storage::database& db,
                                                                const jobs::job_context& ctx,
                                                                const self_heal_settings& s) {
  const std::string analytics{pipeline::phase_kinds[0]};
  const std::string predictions{pipeline::phase_kinds[2]};
  const heal_target targets[] = {{ctx.yesterday, analytics, "yesterday's analytics"},
                                 {ctx.today, predictions, "today's predictions"},
                                 {ctx.tomorrow, predictions, "tomorrow's predictions"}};
  auto tx = db.begin("self_heal pass");
  if (!tx) return tx.error();
  pass_state p;
  for (const auto& t : targets)
    if (auto done = visit(db, ctx, s, t, p); !done) return done.error();
  if (auto committed = tx.value().commit(); !committed) return committed.error();
  std::string summary = "self-heal:";
  for (std::size_t i = 0; i < p.lines.size(); ++i) summary += (i == 0 ? " " : "; ") + p.lines[i];
  return jobs::job_report{std::move(summary), std::move(p.alerts)};
}

} // namespace courtside::self_heal
