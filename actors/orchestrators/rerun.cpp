#include "actors/orchestrators/rerun.hpp"

#include <vector>

#include "actors/pipeline/flow.hpp"
#include "runtime/storage/work_queue.hpp"

namespace courtside::pipeline {
namespace {

using storage::storage_result;
using storage::storage_status;

storage_status reset_row(storage::database& db, const std::string& date, std::string_view phase,
                         const std::string& reason, storage::unix_ms now) {
  const storage::ledger_key key{date, std::string{phase}, std::string{ledger_output(phase)}};
  auto current = storage::get_ledger_row(db, key);
  storage::ledger_row row;
  if (current) row = current.value();
  else if (current.error().code != storage::storage_errc::not_found) return current.error();
  else row.key = key;
  row.state = storage::output_state::expected;
  row.reason = reason;
  return storage::upsert_ledger_row(db, row, now);
}

storage_result<std::vector<std::int64_t>> dead_ids(storage::database& db, std::string_view sql,
                                                   std::string_view kind, const std::string& date) {
  auto st = db.prepare(sql, "rerun: SELECT dead work_queue");
  if (!st) return st.error();
  st.value().bind_text(1, kind).bind_text(2, date);
  std::vector<std::int64_t> ids;
  for (;;) {
    auto row = st.value().step();
    if (!row) return row.error();
    if (!row.value()) break;
    ids.push_back(st.value().column_int64(0));
  }
  return ids;
}

// Dead items of `kind` for the date: keyed by it, or (box scores) carrying it as payload.
storage_status requeue_dead_of(storage::database& db, std::string_view kind,
                               const std::string& date, bool by_payload, storage::unix_ms now) {
  auto ids = dead_ids(db,
                      by_payload ? "SELECT id FROM work_queue WHERE kind = ?1 AND state = 'dead' AND payload = ?2"
                                 : "SELECT id FROM work_queue WHERE kind = ?1 AND state = 'dead' AND item_key = ?2",
                      kind, date);
  if (!ids) return ids.error();
  for (auto id : ids.value())
    if (auto again = storage::requeue_dead(db, id, now); !again) return again;
  return {};
}

} // namespace

const std::array<std::string_view, 5>& date_phases() {
  static const std::array<std::string_view, 5> phases{raw_phase, phase_kinds[0], phase_kinds[1],
                                                      phase_kinds[2], phase_kinds[3]};
  return phases;
}

std::optional<std::size_t> phase_index(std::string_view phase) {
  const auto& phases = date_phases();
  for (std::size_t i = 0; i < phases.size(); ++i)
    if (phases[i] == phase) return i;
  return std::nullopt;
}

std::string_view start_kind(std::string_view phase) {
  return phase == raw_phase ? schedule_kind : phase;
}

const char* to_string(start_outcome outcome) noexcept {
  switch (outcome) {
    case start_outcome::enqueued: return "enqueued";
    case start_outcome::requeued: return "requeued";
    case start_outcome::already_pending: return "already pending";
  }
  return "unknown";
}

storage_result<start_outcome> start_phase(storage::database& db, const std::string& date,
                                          std::string_view phase, int max_attempts,
                                          storage::unix_ms now) {
  storage::new_work_item item{std::string{start_kind(phase)}, date, {}, max_attempts, std::nullopt};
  auto queued = storage::enqueue(db, item, now);
  if (!queued) return queued.error();
  if (queued.value().inserted_new) return start_outcome::enqueued;
  auto existing = storage::get_item(db, queued.value().id);
  if (!existing) return existing.error();
  if (existing.value().state != storage::item_state::dead) return start_outcome::already_pending;
  if (auto again = storage::requeue_dead(db, existing.value().id, now); !again) return again.error();
  return start_outcome::requeued;
}

storage_result<bool> phase_pending(storage::database& db, const std::string& date,
                                   std::string_view phase) {
  auto st = db.prepare("SELECT EXISTS (SELECT 1 FROM work_queue WHERE kind = ?1 AND item_key = ?2 "
                       "AND state IN ('ready', 'leased'))",
                       "rerun: SELECT pending work_queue");
  if (!st) return st.error();
  st.value().bind_text(1, start_kind(phase)).bind_text(2, date);
  auto row = st.value().step();
  if (!row) return row.error();
  const bool pending = row.value() && st.value().column_int64(0) != 0;
  st.value().reset();
  return pending;
}

storage_result<start_outcome> rerun_from(storage::database& db, const rerun_request& r,
                                         storage::unix_ms now) {
  const auto first = phase_index(r.phase);
  if (!first)
    return storage::make_error(storage::storage_errc::invalid_argument, "rerun " + r.date,
                               "unknown phase '" + r.phase + "'");
  const auto& phases = date_phases();
  for (std::size_t i = *first; i < phases.size(); ++i) {
    if (auto reset = reset_row(db, r.date, phases[i], r.reason, now); !reset) return reset.error();
    // A dead later step would block the cascade: enqueueing a dead key is a no-op.
    if (i > *first)
      if (auto again = requeue_dead_of(db, start_kind(phases[i]), r.date, false, now); !again)
        return again.error();
  }
  if (*first == 0)
    if (auto again = requeue_dead_of(db, box_score_kind, r.date, true, now); !again)
      return again.error();
  return start_phase(db, r.date, r.phase, r.max_attempts, now);
}

storage_result<std::map<std::string, std::set<std::string>>> pending_kinds_by_date(
  storage::database& db) {
  auto st = db.prepare("SELECT kind, item_key, payload FROM work_queue WHERE state IN ('ready', 'leased')",
                       "rerun: SELECT pending work_queue by date");
  if (!st) return st.error();
  std::map<std::string, std::set<std::string>> out;
  for (;;) {
    auto row = st.value().step();
    if (!row) return row.error();
    if (!row.value()) break;
    const std::string kind = st.value().column_text(0);
    out[st.value().column_text(1)].insert(kind);
    const std::string payload = st.value().column_text(2);
    if (!payload.empty()) out[payload].insert(kind);
  }
  return out;
}

std::set<std::string> triggers_of(std::string_view phase) {
  std::set<std::string> kinds{std::string{schedule_kind}, std::string{box_score_kind}};
  const auto index = phase_index(phase);
  if (!index) return kinds;
  for (std::size_t i = 1; i <= *index; ++i) kinds.insert(std::string{date_phases()[i]});
  if (*index >= 3) kinds.insert(std::string{event_odds_kind});
  return kinds;
}

} // namespace courtside::pipeline
