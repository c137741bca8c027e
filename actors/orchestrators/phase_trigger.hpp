#pragma once
// The scheduled phase jobs of the replaced system as job bodies: each one says "make sure
// phase P of date D runs now". One generic body, trigger_phase(), and a named spec per job.
//
//   plan D (a date planned before keeps its progress)
//   P:D ready or leased ──────────────────────────► already_queued (it will run)
//   P's row settled, no refresh ──────────────────► already_settled (nothing to do)
//   P's row settled, refresh ─────────────────────► refreshed: P and later phases EXPECTED,
//                                                   P:D queued (a dead item requeued)
//   P's row not settled ──────────────────────────► enqueued: P:D queued
//   refetch_odds (and an odds source) ────────────► also odds_events:D queued ("; odds asked again")
//
// Planning, the ledger reset and the enqueue commit in ONE transaction (joining the caller's):
// a date is never reported triggered unless its item committed.
#include <cstdint>
#include <string_view>

#include "actors/scheduler/job_context.hpp"

namespace courtside::pipeline {

enum class which_date : std::uint8_t { yesterday, today, tomorrow };

struct trigger_spec {
  std::string_view job;      ///< the scheduled job's name: ledger reasons and the summary
  which_date date = which_date::today;
  std::string_view phase;    ///< "analytics", "precompute", "predictions" or "publish"
  bool refresh = false;      ///< a settled row runs again: its inputs may have changed
  bool refetch_odds = false; ///< also ask the prop-line source for the date's lines again
                             ///< (when one is configured); new lines predict the date again
};

/// Today's analytics (the pregame pass; games still to play get their context).
inline constexpr trigger_spec same_day_phase3{"same-day-phase3", which_date::today, "analytics", false, false};
/// Tomorrow's analytics, a day ahead.
inline constexpr trigger_spec same_day_phase3_tomorrow{"same-day-phase3-tomorrow",
                                                       which_date::tomorrow, "analytics", false, false};
/// Yesterday's precompute, once its games are over.
inline constexpr trigger_spec overnight_phase4{"overnight-phase4", which_date::yesterday,
                                               "precompute", false, false};
/// Today's predictions again after the overnight data (yesterday's results) arrived.
inline constexpr trigger_spec overnight_predictions{"overnight-predictions", which_date::today,
                                                    "predictions", true, false};
/// Today's predictions again, and the morning's prop lines asked for: each event's new lines
/// predict the date once more (event_odds enqueues predictions).
inline constexpr trigger_spec morning_predictions{"morning-predictions", which_date::today,
                                                  "predictions", true, true};

enum class trigger_outcome : std::uint8_t {
  enqueued,        ///< not settled and nothing queued: its item is queued now
  refreshed,       ///< settled and refresh asked: reset to EXPECTED and queued
  already_queued,  ///< its item is ready or leased
  already_settled, ///< settled and no refresh asked
};

[[nodiscard]] const char* to_string(trigger_outcome outcome) noexcept;

/// The date `which` names in `ctx` ("YYYY-MM-DD").
[[nodiscard]] const std::string& date_of(const jobs::job_context& ctx, which_date which);

/// The body of a phase job (see the diagram). Summary: "<job>: <phase> of <date> <outcome>";
/// no alerts. invalid_argument when spec.phase is not a phase kind.
[[nodiscard]] storage::storage_result<jobs::job_report> trigger_phase(storage::database& db,
                                                                      const jobs::job_context& ctx,
                                                                      const trigger_spec& spec);

/// What trigger_phase() did, for callers that want the outcome rather than the report.
[[nodiscard]] storage::storage_result<trigger_outcome> trigger_phase_outcome(
  storage::database& db, const jobs::job_context& ctx, const trigger_spec& spec);

} // namespace courtside::pipeline
