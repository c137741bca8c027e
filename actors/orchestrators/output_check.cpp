#include "actors/orchestrators/output_check.hpp"

namespace courtside::pipeline {

using storage::output_state;
using storage::pipeline_phase;

const storage::table_declaration* primary_output(pipeline_phase phase) {
  // Precompute's proof is feature_store, the critical input predictions read (and gate on),
  // not its player cache; every other phase's is its first dated table.
  const std::string_view wanted = phase == pipeline_phase::precompute ? "feature_store" : "";
  for (const auto* t : storage::tables_of_phase(phase))
    if (t->date_kind == storage::date_format::calendar_date && (wanted.empty() || t->name == wanted)) return t;
  return nullptr;
}

namespace {

// EXISTS stops at the first row: every primary table is indexed by its date column.
storage::storage_result<bool> has_rows(storage::database& db, const storage::table_declaration& t,
                                       const std::string& date) {
  auto st = db.prepare("SELECT EXISTS (SELECT 1 FROM " + std::string{t.name} + " WHERE " +
                         std::string{t.date_column} + " = ?1)",
                       "output_check: rows of " + std::string{t.name});
  if (!st) return st.error();
  st.value().bind_text(1, date);
  auto row = st.value().step();
  if (!row) return row.error();
  const bool found = row.value() && st.value().column_int64(0) != 0;
  st.value().reset();
  return found;
}

} // namespace

storage::storage_result<output_verdict> check_row(storage::database& db, const std::string& date,
                                                  pipeline_phase phase, output_state state,
                                                  const std::string& reason) {
  if (state == output_state::empty_ok) return output_verdict{true, "no games"};
  if (state == output_state::degraded) return output_verdict{true, "degraded: " + reason};
  if (state != output_state::complete)
    return output_verdict{false, std::string{storage::to_string(state)} +
                                   (reason.empty() ? "" : ": " + reason)};
  const auto* table = primary_output(phase);
  if (table == nullptr) return output_verdict{true, ""};
  auto found = has_rows(db, *table, date);
  if (!found) return found.error();
  if (!found.value())
    return output_verdict{false, "ledger COMPLETE but " + std::string{table->name} + " has no rows"};
  return output_verdict{true, ""};
}

storage::storage_result<output_verdict> check_output(storage::database& db, const std::string& date,
                                                     pipeline_phase phase) {
  // One ledger row per date and phase (its output names the grid's cell).
  auto st = db.prepare("SELECT state, reason FROM expected_outputs WHERE game_date = ?1 AND phase = ?2",
                       "output_check: SELECT expected_outputs");
  if (!st) return st.error();
  st.value().bind_text(1, date).bind_text(2, storage::to_string(phase));
  auto found = st.value().step();
  if (!found) return found.error();
  if (!found.value()) return output_verdict{false, "not planned"};
  const auto state = storage::parse_output_state(st.value().column_text(0));
  const std::string reason = st.value().column_text(1);
  st.value().reset();
  if (!state) return output_verdict{false, "unknown ledger state"};
  return check_row(db, date, phase, *state, reason);
}

} // namespace courtside::pipeline
