#pragma once
// Self-heal (issue 5): a scheduled job body that makes sure the dates that matter now have
// their outputs — yesterday's analytics (phase 3), today's and tomorrow's predictions
// (phase 5) — and re-runs a date whose output is missing, a bounded number of times a day.
//
//   per target (date, phase):
//     healthy (COMPLETE with rows / EMPTY_OK / DEGRADED) ─┐
//     in_progress (unsettled, before its deadline) ───────┴─► nothing
//     not_planned / output_missing / failed / overdue ─► attempts today < max_attempts_per_day
//        ├─ yes ─► heal: plan D, analytics..publish of D back to EXPECTED ("self-heal: <why>"),
//        │         queue analytics:D (raw:D instead when raw is FAILED or EXPECTED), so the flow
//        │         runs 3 → 4 → 5 → 6, each waiting for the one before; warning alert
//        └─ no ──► give_up once per date and day (error alert), then nothing until tomorrow
//
// An unsettled row's deadline is its ledger expected_by, or else updated_at + overdue_after.
// Attempts live in table self_heal_actions (migration 4), one row per (date, engine day):
// attempts started that day and the last action ("heal from analytics: ...", "gave up: ...").
// Low quality of a predictions target is marked, not healed: DEGRADED rows of phases 3–5 and
// a mean feature_store quality below min_mean_quality go into the summary, the date's alert
// fields, and a warning alert "self_heal:quality:<date>" when the date had no action alert.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "actors/scheduler/job_context.hpp"
#include "runtime/storage/ledger.hpp"

namespace courtside::self_heal {

struct self_heal_settings {
  int max_attempts_per_day = 2; ///< heals started per date per engine day
  std::chrono::milliseconds overdue_after{6 * 3'600'000}; ///< unsettled this long = stuck
  int min_mean_quality = 70; ///< a date's mean feature_store quality_score below this is low
};

/// What a target's ledger row and output say.
enum class heal_verdict : std::uint8_t {
  healthy,        ///< COMPLETE with rows, EMPTY_OK or DEGRADED
  in_progress,    ///< EXPECTED / RUNNING / BLOCKED before its deadline
  not_planned,    ///< no ledger row
  output_missing, ///< COMPLETE but the primary output table has no rows for the date
  failed,         ///< FAILED
  overdue,        ///< EXPECTED / RUNNING / BLOCKED past its deadline
};

[[nodiscard]] const char* to_string(heal_verdict verdict) noexcept;

/// True for the verdicts that call for a heal.
[[nodiscard]] bool needs_heal(heal_verdict verdict) noexcept;

/// The verdict on a target's row (nullopt = not planned); `output_present` is the output
/// check's answer for a COMPLETE row (ignored otherwise).
[[nodiscard]] heal_verdict judge(const std::optional<storage::ledger_row>& row,
                                 bool output_present, storage::unix_ms now,
                                 const self_heal_settings& settings);

/// One self-heal pass as a job body, in one transaction (joins the caller's). Summary: each
/// target's verdict and what was done; alerts: a warning per heal started, an error per date
/// given up today (once), a warning per low-quality date without another alert.
[[nodiscard]] storage::storage_result<jobs::job_report> self_heal_predictions(
  storage::database& db, const jobs::job_context& ctx, const self_heal_settings& settings = {});

} // namespace courtside::self_heal
