#include "runtime/storage/job_runs.hpp"

namespace courtside::storage {

storage_status record_run_started(database& db, std::string_view job, unix_ms scheduled_at,
                                  unix_ms started_at, int attempt, std::string_view trigger) {
  auto st = db.prepare(
    "INSERT INTO job_runs (job, scheduled_at, started_at, finished_at, outcome, detail, updated_at) "
    "VALUES (?1, ?2, ?3, NULL, 'running', ?4, ?3) "
    "ON CONFLICT (job, scheduled_at) DO UPDATE SET started_at = ?3, finished_at = NULL, "
    "outcome = 'running', detail = ?4, updated_at = ?3",
    "job_runs.started: UPSERT job_runs");
  if (!st) return st.error();
  const std::string detail =
    "attempt " + std::to_string(attempt) + " (" + std::string{trigger} + ")";
  st.value().bind_text(1, job).bind_int64(2, scheduled_at).bind_int64(3, started_at).bind_text(4, detail);
  return st.value().run();
}

storage_status record_run_ended(database& db, std::string_view job, unix_ms scheduled_at,
                                std::string_view outcome, unix_ms finished_at,
                                std::string_view detail) {
  auto st = db.prepare(
    "INSERT INTO job_runs (job, scheduled_at, started_at, finished_at, outcome, detail, updated_at) "
    "VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?3) "
    "ON CONFLICT (job, scheduled_at) DO UPDATE SET finished_at = ?3, outcome = ?4, "
    "detail = ?5, updated_at = ?3",
    "job_runs.ended: UPSERT job_runs");
  if (!st) return st.error();
  st.value().bind_text(1, job).bind_int64(2, scheduled_at).bind_int64(3, finished_at)
    .bind_text(4, outcome).bind_text(5, detail);
  return st.value().run();
}

storage_status record_run_skipped(database& db, std::string_view job, unix_ms scheduled_at,
                                  std::string_view reason, unix_ms now) {
  auto st = db.prepare(
    "INSERT INTO job_runs (job, scheduled_at, started_at, finished_at, outcome, detail, updated_at) "
    "VALUES (?1, ?2, NULL, NULL, 'skipped', ?3, ?4) ON CONFLICT (job, scheduled_at) DO NOTHING",
    "job_runs.skipped: INSERT job_runs");
  if (!st) return st.error();
  st.value().bind_text(1, job).bind_int64(2, scheduled_at).bind_text(3, reason).bind_int64(4, now);
  return st.value().run();
}

storage_result<int> close_interrupted_runs(database& db, unix_ms now) {
  auto st = db.prepare(
    "UPDATE job_runs SET outcome = 'interrupted', finished_at = ?1, updated_at = ?1, "
    "detail = 'the engine stopped during the run' WHERE outcome = 'running'",
    "job_runs.close_interrupted: UPDATE job_runs");
  if (!st) return st.error();
  st.value().bind_int64(1, now);
  if (auto ran = st.value().run(); !ran) return ran.error();
  return static_cast<int>(db.changes());
}

storage_result<std::map<std::string, job_run_summary>> job_run_summaries(database& db) {
  // Newest first per job: the streak of failures ends at the first ok.
  auto st = db.prepare(
    "SELECT job, scheduled_at, outcome FROM job_runs "
    "WHERE outcome IN ('ok', 'failed', 'timed_out', 'running', 'interrupted', 'replaced') "
    "ORDER BY job, scheduled_at DESC",
    "job_runs.summaries: SELECT job_runs");
  if (!st) return st.error();
  std::map<std::string, job_run_summary> out;
  std::map<std::string, bool> streak_over;
  for (;;) {
    auto row = st.value().step();
    if (!row) return row.error();
    if (!row.value()) break;
    const auto job = st.value().column_text(0);
    const auto outcome = st.value().column_text(2);
    auto& s = out[job];
    if (!s.last_fire) s.last_fire = st.value().column_int64(1);
    if (streak_over[job]) continue;
    if (outcome == "ok") streak_over[job] = true;
    else if (outcome == "failed" || outcome == "timed_out") ++s.consecutive_failures;
  }
  return out;
}

storage_result<std::vector<job_run_row>> recent_job_runs(database& db, std::string_view job,
                                                         int limit) {
  auto st = db.prepare(
    "SELECT job, scheduled_at, started_at, finished_at, outcome, detail FROM job_runs "
    "WHERE ifnull(?1, '') = '' OR job = ?1 ORDER BY scheduled_at DESC, job LIMIT ?2",
    "job_runs.recent: SELECT job_runs");
  if (!st) return st.error();
  st.value().bind_text(1, job).bind_int64(2, limit);
  std::vector<job_run_row> out;
  for (;;) {
    auto row = st.value().step();
    if (!row) return row.error();
    if (!row.value()) return out;
    const auto& s = st.value();
    out.push_back({s.column_text(0), s.column_int64(1), s.column_optional_int64(2),
                   s.column_optional_int64(3), s.column_text(4), s.column_text(5)});
  }
}

} // namespace courtside::storage
