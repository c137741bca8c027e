#include "actors/pipeline/flow_ledger.hpp"

namespace courtside::pipeline::detail {

using storage::output_state;

storage::ledger_key ledger_key_of(const std::string& date, std::string_view phase) {
  return {date, std::string{phase}, std::string{ledger_output(phase)}};
}

storage::storage_status set_state(storage::database& db, const std::string& date,
                                  std::string_view phase, output_state state,
                                  std::string_view reason, unix_ms now, bool count_attempt) {
  auto key = ledger_key_of(date, phase);
  auto current = storage::get_ledger_row(db, key);
  storage::ledger_row row;
  if (current) row = current.value();
  else if (current.error().code != storage::storage_errc::not_found) return current.error();
  else row.key = key;
  if (current && row.state == state && row.reason == reason && !count_attempt) return {};
  row.state = state;
  row.reason = std::string{reason};
  if (count_attempt) ++row.attempts;
  return storage::upsert_ledger_row(db, row, now);
}

storage::storage_result<std::optional<output_state>> state_of(storage::database& db,
                                                              const std::string& date,
                                                              std::string_view phase) {
  auto row = storage::get_ledger_row(db, ledger_key_of(date, phase));
  if (row) return std::optional<output_state>{row.value().state};
  if (row.error().code == storage::storage_errc::not_found) return std::optional<output_state>{};
  return row.error();
}

bool settled(output_state s) noexcept {
  return s == output_state::complete || s == output_state::empty_ok ||
         s == output_state::degraded || s == output_state::failed;
}

bool usable(output_state s) noexcept {
  return s == output_state::complete || s == output_state::empty_ok ||
         s == output_state::degraded;
}

storage::storage_result<std::string> earlier_unsettled(storage::database& db,
                                                       const std::string& date,
                                                       std::string_view phase) {
  auto st = db.prepare(
    "SELECT game_date FROM expected_outputs WHERE phase = ?1 AND game_date < ?2 "
    "AND state NOT IN ('COMPLETE', 'EMPTY_OK', 'DEGRADED', 'FAILED') "
    "ORDER BY game_date DESC LIMIT 1",
    "pipeline.earlier_unsettled: SELECT expected_outputs");
  if (!st) return st.error();
  st.value().bind_text(1, phase).bind_text(2, date);
  auto row = st.value().step();
  if (!row) return row.error();
  std::string found = row.value() ? std::string{st.value().column_text(0)} : std::string{};
  st.value().reset();
  return found;
}

storage::storage_status enqueue_step(storage::database& db, std::string_view kind,
                                     const std::string& key, const std::string& payload,
                                     int max_attempts, unix_ms now) {
  storage::new_work_item item{std::string{kind}, key, payload, max_attempts, std::nullopt};
  auto queued = storage::enqueue(db, item, now);
  if (!queued) return queued.error();
  return {};
}

storage::storage_status ready_step(storage::database& db, std::string_view kind,
                                   const std::string& key, int max_attempts, unix_ms now) {
  if (auto q = enqueue_step(db, kind, key, {}, max_attempts, now); !q) return q;
  auto hastened = storage::hasten(db, kind, key, now);
  if (!hastened) return hastened.error();
  return {};
}

} // namespace courtside::pipeline::detail
