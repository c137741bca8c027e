// Phases 3–6 for one date: gates as values, the phase's function, the ledger row and the next
// phase's item, all in the worker's transaction.
#include "actors/pipeline/flow_phases.hpp"

#include "actors/phases/analytics.hpp"
#include "actors/phases/precompute.hpp"
#include "actors/phases/predictions.hpp"
#include "actors/phases/publish.hpp"
#include "actors/phases/raw_store.hpp"
#include "actors/pipeline/flow_ledger.hpp"
#include "runtime/time/duration.hpp"

namespace courtside::pipeline::detail {
namespace {

using storage::output_state;

constexpr std::size_t phase_count = std::size(phase_kinds);

std::string_view previous_phase(std::size_t index) {
  return index == 0 ? raw_phase : phase_kinds[index - 1];
}

storage::storage_result<phases::phase_outcome> run_phase(std::size_t index,
                                                         storage::database& db,
                                                         const std::string& date,
                                                         const flow_settings& s, unix_ms now) {
  switch (index) {
    case 0: {
      if (!s.secondary_source.empty())
        if (auto r = phases::reconcile_sources(db, date, now, s.primary_source, s.secondary_source); !r)
          return r.error();
      return phases::run_analytics(db, date, now);
    }
    case 1: return phases::run_precompute(db, date, now);
    case 2: {
      auto predicted = phases::run_predictions(db, date, now);
      if (!predicted) return predicted;
      if (auto graded = phases::grade_predictions(db, date, now); !graded) return graded.error();
      return predicted;
    }
    default: return phases::run_publish(db, date, s.exports_dir, now);
  }
}

// The ledger reason of a finished run: "no games", or the rows written, and why degraded.
std::string summary(const phases::phase_outcome& o) {
  if (o.empty) return "no games";
  std::string text;
  for (const auto& [table, rows] : o.rows_written)
    text += (text.empty() ? "" : ", ") + table + " " + std::to_string(rows);
  if (!o.degraded_reason.empty()) text += "; degraded: " + o.degraded_reason;
  return text;
}

std::string percent(double share) { return std::to_string(static_cast<int>(share * 100 + 0.5)) + " %"; }

// A gate's verdict, a value: `blocked` says why it is closed; `relaxed` why it opened below
// its full bar (a tier of its timeout), which makes the output DEGRADED. Both empty = open.
struct gate_verdict {
  std::string blocked;
  std::string relaxed;
};

// A `SELECT count(...) ... WHERE game_date = ?1` for `date`.
storage::storage_result<std::int64_t> count_of_date(storage::database& db, std::string_view sql,
                                                    const std::string& date) {
  auto st = db.prepare(sql, "pipeline.features_gate: SELECT count");
  if (!st) return st.error();
  st.value().bind_text(1, date);
  auto row = st.value().step();
  if (!row) return row.error();
  const std::int64_t n = row.value() ? st.value().column_int64(0) : 0;
  st.value().reset();
  return n;
}

// Phase 5 reads the date's feature rows, its critical input: a precompute that says COMPLETE
// for a date with games but left feature_store without a row for it (rows deleted, a restore
// gone wrong) must not let predictions publish nothing as if all were well. Blocked until
// precompute is made again (the reconciler sees the same mismatch and re-runs it), whose
// commit makes this item due at once. A DEGRADED precompute (no history yet) says why already.
storage::storage_result<gate_verdict> features_gate(storage::database& db, const std::string& date) {
  auto made = state_of(db, date, phase_kinds[1]);
  if (!made) return made.error();
  if (made.value() != output_state::complete) return gate_verdict{};
  auto features = count_of_date(db, "SELECT count(*) FROM feature_store WHERE game_date = ?1", date);
  if (!features) return features.error();
  if (features.value() > 0) return gate_verdict{};
  auto games = count_of_date(db, "SELECT count(DISTINCT game_id) FROM schedule_games WHERE game_date = ?1", date);
  if (!games) return games.error();
  if (games.value() == 0) return gate_verdict{};
  return gate_verdict{"features: feature_store has no row for " + date + " (" +
                          std::to_string(games.value()) + " games) although precompute is COMPLETE",
                      {}};
}

// Phase 4 reads the date's box scores: enough of its final games must be there — the full
// threshold at first, less as the wait grows (completeness_tiers, `waited` since the item was
// queued). The item is re-checked every gate_recheck, so a tier opens the gate on that timer
// even when nothing else happens.
storage::storage_result<gate_verdict> gate(std::size_t index, storage::database& db,
                                           const std::string& date, const flow_settings& s,
                                           std::chrono::milliseconds waited) {
  if (index == 2) return features_gate(db, date);
  if (index != 1) return gate_verdict{};
  auto counts = phases::completeness(db, date);
  if (!counts) return counts.error();
  const auto& c = counts.value();
  if (c.final_games == 0) return gate_verdict{};
  const double share = static_cast<double>(c.final_with_box_score) / c.final_games;
  const std::string have = "completeness " + std::to_string(c.final_with_box_score) + "/" +
                           std::to_string(c.final_games) + " final games";
  if (share + 1e-9 >= s.completeness_threshold) return gate_verdict{};
  const flow_settings::completeness_tier* reached = nullptr;
  for (const auto& tier : s.completeness_tiers)
    if (waited >= tier.after) reached = &tier;
  if (reached && share + 1e-9 >= reached->threshold)
    return gate_verdict{{}, have + " below threshold " + percent(s.completeness_threshold) +
                              ", accepted after waiting " + format_duration(reached->after) + " (tier " +
                              percent(reached->threshold) + ")"};
  std::string why = have + " below threshold " + percent(reached ? reached->threshold : s.completeness_threshold);
  for (const auto& tier : s.completeness_tiers)
    if (waited < tier.after) {
      why += "; " + percent(tier.threshold) + " will do after " + format_duration(tier.after);
      break;
    }
  return gate_verdict{why, {}};
}

// A date's output of a phase feeds the history of every later date (last-5/10 averages, the
// feature cache, the regression's training rows). When it is made again after later dates
// were made from the old one (a pregame pass then the final one, a redelivered or healed
// date), those later dates are made again, in date order: marking them RUNNING makes each wait
// for the one before it (earlier_unsettled), and each re-run queues its own next phase.
storage::storage_status remake_later_dates(storage::database& db, const std::string& date,
                                           std::string_view phase, int max_attempts, unix_ms now) {
  std::vector<std::string> later;
  {
    auto st = db.prepare("SELECT game_date FROM expected_outputs WHERE phase = ?1 AND game_date > ?2 "
                         "AND state IN ('COMPLETE', 'EMPTY_OK', 'DEGRADED') ORDER BY game_date",
                         "pipeline.remake_later_dates: SELECT expected_outputs");
    if (!st) return st.error();
    st.value().bind_text(1, phase).bind_text(2, date);
    for (;;) {
      auto row = st.value().step();
      if (!row) return row.error();
      if (!row.value()) break;
      later.push_back(st.value().column_text(0));
    }
    st.value().reset();
  }
  for (const auto& d : later) {
    if (auto set = set_state(db, d, phase, output_state::running, "history changed: " + date + " was made again", now);
        !set)
      return set;
    if (auto q = enqueue_step(db, phase, d, {}, max_attempts, now); !q) return q;
  }
  return {};
}

} // namespace

storage::storage_status fail_phases_from(storage::database& db, const std::string& date,
                                         std::size_t index, std::string_view reason, unix_ms now) {
  for (std::size_t i = index; i < phase_count; ++i)
    if (auto set = set_state(db, date, phase_kinds[i], output_state::failed, reason, now); !set)
      return set;
  return {};
}

std::optional<scrape_call> phase_handler::scrape_for(const storage::work_item&) const {
  return std::nullopt;
}

storage::storage_result<commit_decision> phase_handler::commit(storage::database& db,
                                                               const storage::work_item& item,
                                                               const scrape::scrape_result*,
                                                               unix_ms now) const {
  const std::string& date = item.key;
  const std::string_view phase = phase_kinds[index_];
  const std::string_view before = previous_phase(index_);
  auto input = state_of(db, date, before);
  if (!input) return input.error();
  if (!input.value()) return commit_decision::dead("date " + date + " was never planned");
  const output_state in = *input.value();
  if (in == output_state::failed) {
    if (auto failed = fail_phases_from(db, date, index_, std::string{before} + " failed", now); !failed)
      return failed.error();
    if (auto next = storage::hasten_next(db, phase, date, now); !next) return next.error(); // settled
    return commit_decision::ack();
  }
  // Analytics may run before the date's games are over: that is the pregame pass. A date
  // whose games are all over waits for their box scores instead.
  bool pregame = false;
  if (index_ == 0 && in == output_state::running) {
    auto counts = phases::completeness(db, date);
    if (!counts) return counts.error();
    pregame = counts.value().final_games < counts.value().scheduled;
  }
  if (!usable(in) && !pregame)
    return commit_decision::defer("waiting for " + std::string{before} + " of " + date,
                                  now + s_.wait_recheck.count());
  auto earlier = earlier_unsettled(db, date, phase);
  if (!earlier) return earlier.error();
  if (!earlier.value().empty())
    return commit_decision::defer("waiting for " + std::string{phase} + " of " + earlier.value(),
                                  now + s_.wait_recheck.count());
  auto verdict = gate(index_, db, date, s_, std::chrono::milliseconds{now - item.created_at});
  if (!verdict) return verdict.error();
  if (const std::string& closed = verdict.value().blocked; !closed.empty()) {
    // The gate's verdict is stored (BLOCKED, with its reason) and re-evaluated later.
    if (auto set = set_state(db, date, phase, output_state::blocked, closed, now); !set)
      return set.error();
    return commit_decision::defer(closed, now + s_.gate_recheck.count());
  }
  auto prior = state_of(db, date, phase);
  if (!prior) return prior.error();
  const bool made_before = prior.value() && usable(*prior.value());
  auto outcome = run_phase(index_, db, date, s_, now);
  if (!outcome) return outcome.error();
  if (!verdict.value().relaxed.empty()) phases::add_degraded(outcome.value(), verdict.value().relaxed);
  const auto& o = outcome.value();
  if (made_before && index_ + 1 < phase_count)
    if (auto remade = remake_later_dates(db, date, phase, s_.max_attempts, now); !remade) return remade.error();
  if (auto set = set_state(db, date, phase, phases::ledger_state_of(o), summary(o), now, true); !set)
    return set.error();
  // Both items that may wait for this one are due now, not at their next recheck: the next
  // phase of this date, and this phase of the next date.
  if (index_ + 1 < phase_count)
    if (auto q = ready_step(db, phase_kinds[index_ + 1], date, s_.max_attempts, now); !q)
      return q.error();
  if (auto next = storage::hasten_next(db, phase, date, now); !next) return next.error();
  return commit_decision::ack();
}

storage::storage_status phase_handler::on_dead(storage::database& db,
                                               const storage::work_item& item,
                                               std::string_view reason, unix_ms now) const {
  return fail_phases_from(db, item.key, index_, reason, now);
}

storage::storage_result<bool> phase_handler::upstream_ready(storage::database& db) const {
  const std::string_view input = index_ == 0 ? raw_phase : phase_kinds[index_ - 1];
  auto st = db.prepare(
    "SELECT EXISTS (SELECT 1 FROM work_queue q JOIN expected_outputs e "
    "ON e.game_date = q.item_key AND e.phase = ?2 "
    "WHERE q.kind = ?1 AND q.state = 'ready' AND e.state IN ('COMPLETE', 'EMPTY_OK', 'DEGRADED'))",
    "phase.upstream_ready: SELECT work_queue, expected_outputs");
  if (!st) return st.error();
  st.value().bind_text(1, phase_kinds[index_]).bind_text(2, input);
  auto row = st.value().step();
  if (!row) return row.error();
  const bool ready = row.value() && st.value().column_int64(0) != 0;
  st.value().reset();
  return ready;
}

} // namespace courtside::pipeline::detail
