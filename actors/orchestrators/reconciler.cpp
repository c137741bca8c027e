#include "actors/orchestrators/reconciler.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "actors/orchestrators/output_check.hpp"
#include "actors/orchestrators/rerun.hpp"
#include "actors/pipeline/flow.hpp"

namespace courtside::pipeline {
namespace {

using storage::output_state;
using storage::storage_result;
using storage::storage_status;

bool usable(output_state s) {
  return s == output_state::complete || s == output_state::empty_ok || s == output_state::degraded;
}

std::string with_reason(output_state s, const std::string& reason) {
  return std::string{storage::to_string(s)} + (reason.empty() ? "" : ": " + reason);
}

// ---- ledger_reruns (migration 4): the reconciler's durable re-run counts ----

struct rerun_count {
  int reruns = 0;
  bool gave_up = false;
};
using rerun_counts = std::map<std::pair<std::string, std::string>, rerun_count>;

storage_result<rerun_counts> load_counts(storage::database& db, const std::string& last_date) {
  auto st = db.prepare("SELECT game_date, phase, reruns, gave_up_at IS NOT NULL FROM ledger_reruns "
                       "WHERE game_date <= ?1",
                       "reconciler: SELECT ledger_reruns");
  if (!st) return st.error();
  st.value().bind_text(1, last_date);
  rerun_counts out;
  for (;;) {
    auto row = st.value().step();
    if (!row) return row.error();
    if (!row.value()) break;
    out[{st.value().column_text(0), st.value().column_text(1)}] =
      rerun_count{static_cast<int>(st.value().column_int64(2)), st.value().column_int64(3) != 0};
  }
  return out;
}

storage_status count_rerun(storage::database& db, const std::string& date, const std::string& phase,
                           const std::string& why, storage::unix_ms now) {
  auto st = db.prepare(
    "INSERT INTO ledger_reruns (game_date, phase, reruns, last_reason, last_rerun_at, updated_at) "
    "VALUES (?1, ?2, 1, ?3, ?4, ?4) ON CONFLICT (game_date, phase) DO UPDATE SET "
    "reruns = reruns + 1, last_reason = excluded.last_reason, last_rerun_at = excluded.last_rerun_at, "
    "updated_at = excluded.updated_at",
    "reconciler: UPSERT ledger_reruns");
  if (!st) return st.error();
  st.value().bind_text(1, date).bind_text(2, phase).bind_text(3, why).bind_int64(4, now);
  return st.value().run();
}

storage_status mark_gave_up(storage::database& db, const std::string& date,
                            const std::string& phase, storage::unix_ms now) {
  auto st = db.prepare("UPDATE ledger_reruns SET gave_up_at = ?3, updated_at = ?3 "
                       "WHERE game_date = ?1 AND phase = ?2",
                       "reconciler: UPDATE ledger_reruns");
  if (!st) return st.error();
  st.value().bind_text(1, date).bind_text(2, phase).bind_int64(3, now);
  return st.value().run();
}

storage_status clear_count(storage::database& db, const std::string& date, const std::string& phase) {
  auto st = db.prepare("DELETE FROM ledger_reruns WHERE game_date = ?1 AND phase = ?2",
                       "reconciler: DELETE ledger_reruns");
  if (!st) return st.error();
  st.value().bind_text(1, date).bind_text(2, phase);
  return st.value().run();
}

// ---- reading one date ----

storage_result<date_view> view_of(storage::database& db, const std::string& date,
                                  const std::vector<storage::ledger_row>& rows,
                                  const std::string& today, const rerun_counts& counts,
                                  const std::set<std::string>& pending) {
  date_view view{date, date < today, {}};
  for (const auto& row : rows) {
    if (!phase_index(row.key.phase)) continue; // not a date phase of this flow
    phase_view p;
    p.phase = row.key.phase;
    p.state = row.state;
    p.reason = row.reason;
    if (const auto c = counts.find({date, p.phase}); c != counts.end()) {
      p.reruns = c->second.reruns;
      p.gave_up = c->second.gave_up;
    }
    const auto triggers = triggers_of(p.phase);
    p.triggered = std::any_of(pending.begin(), pending.end(),
                              [&](const std::string& kind) { return triggers.count(kind) > 0; });
    const auto phase = storage::parse_pipeline_phase(p.phase);
    if (row.state == output_state::complete && view.before_today && phase) {
      auto verdict = check_row(db, date, *phase, row.state, row.reason);
      if (!verdict) return verdict.error();
      p.output_missing = !verdict.value().pass;
      p.missing_why = verdict.value().why;
    }
    view.phases.push_back(std::move(p));
  }
  std::sort(view.phases.begin(), view.phases.end(), [](const phase_view& a, const phase_view& b) {
    return phase_index(a.phase) < phase_index(b.phase);
  });
  return view;
}

// ---- acting on the decisions ----

storage_status set_failed(storage::database& db, const std::string& date, const std::string& phase,
                          const std::string& reason, storage::unix_ms now) {
  auto row = storage::get_ledger_row(db, {date, phase, std::string{ledger_output(phase)}});
  if (!row) return row.error();
  row.value().state = output_state::failed;
  row.value().reason = reason;
  return storage::upsert_ledger_row(db, row.value(), now);
}

struct pass_tally {
  int rows = 0, dates = 0, reruns = 0, lost = 0, gave_up = 0, gave_up_before = 0;
  int recovered = 0, waiting = 0, deferred = 0;
  std::vector<alerting::alert_field> rerun_notes;
  std::vector<alerting::alert> alerts;
};

alerting::alert failed_alert(const std::string& date, const date_decision& d, int max_reruns,
                             bool resolved) {
  alerting::alert a;
  a.key = "reconciler:failed:" + date + ":" + d.phase;
  a.level = alerting::severity::error;
  a.date = date;
  a.phase = d.phase;
  if (resolved) {
    a.resolved = true;
    a.title = "reconciler: " + d.phase + " of " + date + " is healthy again";
    return a;
  }
  a.title = "reconciler: " + d.phase + " of " + date + " FAILED after " +
            std::to_string(max_reruns) + " re-runs";
  a.text = "Left FAILED; last reason: " + d.why;
  a.fields = {{"date", date}, {"phase", d.phase}, {"re-runs", std::to_string(d.reruns)}};
  a.attempt = d.reruns;
  a.max_attempts = max_reruns;
  return a;
}

// A rerun or a lost trigger: each spends one start of the pass's budget.
storage_status start_work(storage::database& db, const jobs::job_context& ctx,
                          const reconciler_settings& s, const std::string& date,
                          const date_decision& d, int& budget, pass_tally& t) {
  if (budget <= 0) {
    ++t.deferred;
    return {};
  }
  --budget;
  if (d.action == date_action::lost_trigger) {
    auto started = start_phase(db, date, d.phase, ctx.max_attempts, ctx.now);
    if (!started) return started.error();
    ++t.lost;
    return {};
  }
  auto started = rerun_from(db, {date, d.phase, "reconciler: " + d.why, ctx.max_attempts}, ctx.now);
  if (!started) return started.error();
  if (auto counted = count_rerun(db, date, d.phase, d.why, ctx.now); !counted) return counted;
  ++t.reruns;
  t.rerun_notes.push_back({date + " " + d.phase, d.why + " (re-run " + std::to_string(d.reruns + 1) +
                                                   " of " + std::to_string(s.max_reruns) + ")"});
  return {};
}

storage_status act(storage::database& db, const jobs::job_context& ctx, const reconciler_settings& s,
                   const std::string& date, const date_decision& d, const rerun_counts& counts,
                   int& budget, pass_tally& t) {
  for (const auto& phase : d.recovered) {
    if (auto cleared = clear_count(db, date, phase); !cleared) return cleared;
    ++t.recovered;
    if (counts.at({date, phase}).gave_up)
      t.alerts.push_back(failed_alert(date, date_decision{date_action::none, phase, {}, 0, {}},
                                      s.max_reruns, true));
  }
  switch (d.action) {
    case date_action::none: return {};
    case date_action::waiting: ++t.waiting; return {};
    case date_action::gave_up_before: ++t.gave_up_before; return {};
    case date_action::rerun:
    case date_action::lost_trigger: return start_work(db, ctx, s, date, d, budget, t);
    case date_action::give_up: break;
  }
  const std::string reason = "reconciler: gave up after " + std::to_string(d.reruns) +
                             " re-runs; last: " + d.why;
  if (auto set = set_failed(db, date, d.phase, reason, ctx.now); !set) return set;
  if (auto marked = mark_gave_up(db, date, d.phase, ctx.now); !marked) return marked;
  ++t.gave_up;
  t.alerts.push_back(failed_alert(date, d, s.max_reruns, false));
  return {};
}

std::string plural(int n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string summary_of(const pass_tally& t, const std::string& today) {
  return "reconciler: " + plural(t.rows, "ledger row") + " over " + plural(t.dates, "date") +
         " up to " + today + ": " + plural(t.reruns, "re-run") + " started, " +
         plural(t.lost, "lost trigger") + " queued, " + std::to_string(t.gave_up) +
         " given up, " + std::to_string(t.gave_up_before) + " given up before, " +
         std::to_string(t.recovered) + " recovered, " + std::to_string(t.waiting) + " waiting, " +
         std::to_string(t.deferred) + " deferred to the next pass";
}

alerting::alert reruns_alert(const pass_tally& t) {
  alerting::alert a;
  a.key = "reconciler:reruns";
  a.level = alerting::severity::warning;
  a.title = "reconciler: re-running " + std::to_string(t.reruns) + " ledger row" +
            (t.reruns == 1 ? "" : "s");
  a.text = "Outputs the ledger called done are missing, or failed rows have re-runs left.";
  a.fields.assign(t.rerun_notes.begin(),
                  t.rerun_notes.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(10, t.rerun_notes.size())));
  return a;
}

} // namespace

const char* to_string(date_action action) noexcept {
  switch (action) {
    case date_action::none: return "none";
    case date_action::waiting: return "waiting";
    case date_action::rerun: return "rerun";
    case date_action::give_up: return "give_up";
    case date_action::gave_up_before: return "gave_up_before";
    case date_action::lost_trigger: return "lost_trigger";
  }
  return "unknown";
}

date_decision decide(const date_view& date, const reconciler_settings& s) {
  date_decision out;
  for (const auto& p : date.phases) {
    const bool missing = p.state == output_state::complete && p.output_missing && date.before_today;
    if (usable(p.state) && !missing) {
      if (p.reruns > 0 || p.gave_up) out.recovered.push_back(p.phase);
      continue;
    }
    out.phase = p.phase;
    out.reruns = p.reruns;
    if (p.state == output_state::failed || missing) {
      out.why = missing ? p.missing_why : with_reason(p.state, p.reason);
      out.action = p.gave_up                  ? date_action::gave_up_before
                   : p.reruns < s.max_reruns ? date_action::rerun
                                              : date_action::give_up;
      return out;
    }
    out.why = with_reason(p.state, p.reason);
    out.action = date.before_today && !p.triggered ? date_action::lost_trigger : date_action::waiting;
    return out;
  }
  return out;
}

storage_result<jobs::job_report> reconcile_ledger(storage::database& db, const jobs::job_context& ctx,
                                                  const reconciler_settings& s) {
  auto tx = db.begin("reconciler pass");
  if (!tx) return tx.error();
  auto rows = storage::ledger_rows_between(db, "0000-01-01", ctx.today);
  if (!rows) return rows.error();
  auto counts = load_counts(db, ctx.today);
  if (!counts) return counts.error();
  auto pending = pending_kinds_by_date(db);
  if (!pending) return pending.error();
  pass_tally t;
  t.rows = static_cast<int>(rows.value().size());
  int budget = s.max_starts_per_pass;
  const auto& all = rows.value();
  const std::set<std::string> nothing;
  for (std::size_t begin = 0; begin < all.size();) {
    const std::string date = all[begin].key.game_date;
    std::size_t end = begin;
    while (end < all.size() && all[end].key.game_date == date) ++end;
    const std::vector<storage::ledger_row> of_date(all.begin() + static_cast<std::ptrdiff_t>(begin),
                                                   all.begin() + static_cast<std::ptrdiff_t>(end));
    begin = end;
    ++t.dates;
    const auto p = pending.value().find(date);
    auto view = view_of(db, date, of_date, ctx.today, counts.value(),
                        p == pending.value().end() ? nothing : p->second);
    if (!view) return view.error();
    const auto decision = decide(view.value(), s);
    if (auto done = act(db, ctx, s, date, decision, counts.value(), budget, t); !done)
      return done.error();
  }
  if (auto committed = tx.value().commit(); !committed) return committed.error();
  jobs::job_report report{summary_of(t, ctx.today), std::move(t.alerts)};
  if (t.reruns > 0) report.alerts.push_back(reruns_alert(t));
  return report;
}

} // namespace courtside::pipeline
