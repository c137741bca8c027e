#include "actors/orchestrators/phase_trigger.hpp"

#include "actors/orchestrators/rerun.hpp"
#include "actors/pipeline/flow.hpp"

namespace courtside::pipeline {
namespace {

using storage::output_state;

bool settled(output_state s) {
  return s == output_state::complete || s == output_state::empty_ok ||
         s == output_state::degraded || s == output_state::failed;
}

bool is_phase_kind(std::string_view phase) {
  for (auto kind : phase_kinds)
    if (kind == phase) return true;
  return false;
}

} // namespace

const char* to_string(trigger_outcome outcome) noexcept {
  switch (outcome) {
    case trigger_outcome::enqueued: return "enqueued";
    case trigger_outcome::refreshed: return "refreshed";
    case trigger_outcome::already_queued: return "already queued";
    case trigger_outcome::already_settled: return "already settled";
  }
  return "unknown";
}

const std::string& date_of(const jobs::job_context& ctx, which_date which) {
  switch (which) {
    case which_date::yesterday: return ctx.yesterday;
    case which_date::tomorrow: return ctx.tomorrow;
    case which_date::today: break;
  }
  return ctx.today;
}

storage::storage_result<trigger_outcome> trigger_phase_outcome(storage::database& db,
                                                               const jobs::job_context& ctx,
                                                               const trigger_spec& spec) {
  const std::string phase{spec.phase};
  const std::string& date = date_of(ctx, spec.date);
  if (!is_phase_kind(spec.phase))
    return storage::make_error(storage::storage_errc::invalid_argument,
                               std::string{spec.job}, "'" + phase + "' is not a phase kind");
  auto tx = db.begin(std::string{spec.job});
  if (!tx) return tx.error();
  if (auto planned = plan_date(db, date, ctx.max_attempts, ctx.now); !planned) return planned.error();
  auto pending = phase_pending(db, date, phase);
  if (!pending) return pending.error();
  trigger_outcome outcome = trigger_outcome::already_queued;
  if (!pending.value()) {
    auto row = storage::get_ledger_row(db, {date, phase, std::string{ledger_output(phase)}});
    if (!row) return row.error(); // plan_date wrote it
    if (!settled(row.value().state)) {
      auto started = start_phase(db, date, phase, ctx.max_attempts, ctx.now);
      if (!started) return started.error();
      outcome = trigger_outcome::enqueued;
    } else if (spec.refresh) {
      auto started = rerun_from(db, {date, phase, std::string{spec.job} + ": refresh", ctx.max_attempts},
                                ctx.now);
      if (!started) return started.error();
      outcome = trigger_outcome::refreshed;
    } else {
      outcome = trigger_outcome::already_settled;
    }
  }
  if (spec.refetch_odds && ctx.has_odds_source) {
    // A done key may be enqueued again; a pending one is already on its way.
    storage::new_work_item odds{std::string{odds_events_kind}, date, {}, ctx.max_attempts, std::nullopt};
    if (auto q = storage::enqueue(db, odds, ctx.now); !q) return q.error();
  }
  if (auto committed = tx.value().commit(); !committed) return committed.error();
  return outcome;
}

storage::storage_result<jobs::job_report> trigger_phase(storage::database& db,
                                                        const jobs::job_context& ctx,
                                                        const trigger_spec& spec) {
  auto outcome = trigger_phase_outcome(db, ctx, spec);
  if (!outcome) return outcome.error();
  return jobs::job_report{std::string{spec.job} + ": " + std::string{spec.phase} + " of " +
                            date_of(ctx, spec.date) + " " + to_string(outcome.value()) +
                            (spec.refetch_odds && ctx.has_odds_source ? "; prop lines asked again" : ""),
                          {}};
}

} // namespace courtside::pipeline
