#pragma once
// The reconciler pass (issue 4): a scheduled job body that compares the ledger with the
// actual tables over the WHOLE history up to today and starts bounded re-runs.
//
// Per date, the phases are read in flow order and the first one that is not healthy decides
// (everything after it re-runs by cascade, or cannot run before it does):
//
//   COMPLETE, output present / EMPTY_OK / DEGRADED ─► healthy: look at the next phase
//   COMPLETE, output check fails (date < today) ──┐
//   FAILED ───────────────────────────────────────┴► reruns < max_reruns ─► rerun: this phase
//        │                                              and every later one back to EXPECTED
//        │                                              ("reconciler: <why>"), its item queued
//        └── reruns = max_reruns ─► give_up (once: FAILED, error alert
//                                   "reconciler:failed:<date>:<phase>") ─► gave_up_before
//   EXPECTED / RUNNING / BLOCKED, date < today, no pending item that would run it
//                                   ─► lost_trigger: queue its item
//   EXPECTED / RUNNING / BLOCKED otherwise ─► waiting
//
// Today's COMPLETE rows are not checked against their tables: today's analytics may be the
// pregame pass, with no game summarized yet.
//
// Re-runs are counted durably in table ledger_reruns (migration 4), per (date, phase), since
// the row was last seen healthy: the pass that finds a counted row healthy again deletes the
// count (and resolves the alert if it had given up), so a later loss gets a fresh budget while
// a row that keeps failing is re-run at most max_reruns times. The ledger's own `attempts`
// column keeps counting runs started, whoever started them.
#include <cstdint>
#include <string>
#include <vector>

#include "actors/scheduler/job_context.hpp"
#include "runtime/storage/ledger.hpp"

namespace courtside::pipeline {

struct reconciler_settings {
  int max_reruns = 3;            ///< re-runs per (date, phase) before it is left FAILED
  int max_starts_per_pass = 20;  ///< re-runs + lost triggers started per pass; the rest wait
};

/// What one pass does about one date (the decision; the pass carries it out).
enum class date_action : std::uint8_t {
  none,           ///< every phase healthy
  waiting,        ///< an unsettled phase whose item is queued (or today's): the flow gets there
  rerun,          ///< run `phase` and every later phase again
  give_up,        ///< out of re-runs: leave `phase` FAILED and alert, this pass only
  gave_up_before, ///< out of re-runs and alerted in an earlier pass: nothing more to do
  lost_trigger,   ///< an unsettled phase of a past date with nothing queued to run it
};

[[nodiscard]] const char* to_string(date_action action) noexcept;

/// What the decision needs to know about one phase of one date.
struct phase_view {
  std::string phase;
  storage::output_state state = storage::output_state::expected;
  std::string reason;             ///< the ledger row's
  bool output_missing = false;    ///< COMPLETE but the output check failed
  std::string missing_why;        ///< the check's reason when output_missing
  int reruns = 0;                 ///< reconciler re-runs since the row was last healthy
  bool gave_up = false;           ///< an earlier pass gave up on it (and alerted)
  bool triggered = false;         ///< a pending item would run it (triggers_of)
};

struct date_view {
  std::string date;
  bool before_today = true;
  std::vector<phase_view> phases; ///< in flow order; a phase never planned is absent
};

struct date_decision {
  date_action action = date_action::none;
  std::string phase; ///< the phase acted on (empty for none)
  std::string why;   ///< the reason, for the ledger and the alert
  int reruns = 0;    ///< that phase's re-runs so far
  std::vector<std::string> recovered; ///< counted phases now healthy: their count is cleared
};

/// The pure decision for one date (see the diagram above).
[[nodiscard]] date_decision decide(const date_view& date, const reconciler_settings& settings);

/// One reconciler pass as a scheduled job body, in one transaction (joins the caller's).
/// Summary: rows and dates seen and a count per action; alerts: one error per row given up,
/// a resolve per given-up row healthy again, one warning listing the re-runs started.
[[nodiscard]] storage::storage_result<jobs::job_report> reconcile_ledger(
  storage::database& db, const jobs::job_context& ctx, const reconciler_settings& settings = {});

} // namespace courtside::pipeline
