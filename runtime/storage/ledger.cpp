#include "runtime/storage/ledger.hpp"

#include <cctype>

namespace courtside::storage {

namespace {

// Splices into the SQL literals at compile time (the statement cache is keyed by text).
#define LEDGER_COLUMNS "game_date, phase, output, state, reason, attempts, expected_by, updated_at"

ledger_row read_row(const statement& st) {
  ledger_row row;
  row.key = ledger_key{st.column_text(0), st.column_text(1), st.column_text(2)};
  row.state = parse_output_state(st.column_text(3)).value_or(output_state::failed);
  row.reason = st.column_text(4);
  row.attempts = static_cast<int>(st.column_int64(5));
  row.expected_by = st.column_optional_int64(6);
  row.updated_at = st.column_int64(7);
  return row;
}

storage_result<std::vector<ledger_row>> read_rows(statement& st) {
  std::vector<ledger_row> rows;
  for (;;) {
    auto step = st.step();
    if (!step) return step.error();
    if (!step.value()) return rows;
    rows.push_back(read_row(st));
  }
}

bool is_iso_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (std::isdigit(static_cast<unsigned char>(d[i])) == 0) return false;
  }
  return true;
}

// Keys are compared as text by the pipeline and the smoke test: reject what would not match.
storage_status check_key(const ledger_key& key, std::string_view op) {
  if (!is_iso_date(key.game_date) || key.phase.empty() || key.output.empty()) {
    return make_error(storage_errc::invalid_argument, std::string(op),
                      "bad ledger key '" + key.game_date + "/" + key.phase + "/" + key.output +
                          "': want YYYY-MM-DD and non-empty phase and output");
  }
  return {};
}

std::string describe(const ledger_key& key) {
  return key.game_date + "/" + key.phase + "/" + key.output;
}

} // namespace

const char* to_string(output_state state) noexcept {
  switch (state) {
    case output_state::expected: return "EXPECTED";
    case output_state::running: return "RUNNING";
    case output_state::complete: return "COMPLETE";
    case output_state::empty_ok: return "EMPTY_OK";
    case output_state::degraded: return "DEGRADED";
    case output_state::blocked: return "BLOCKED";
    case output_state::failed: return "FAILED";
  }
  return "UNKNOWN";
}

std::optional<output_state> parse_output_state(std::string_view name) {
  for (auto s : {output_state::expected, output_state::running, output_state::complete,
                 output_state::empty_ok, output_state::degraded, output_state::blocked,
                 output_state::failed}) {
    if (name == to_string(s)) return s;
  }
  return std::nullopt;
}

storage_status upsert_ledger_row(database& db, const ledger_row& row, unix_ms now) {
  if (auto ok = check_key(row.key, "ledger.upsert"); !ok) return ok;
  auto upsert = db.prepare(
      "INSERT INTO expected_outputs (" LEDGER_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
      "ON CONFLICT (game_date, phase, output) DO UPDATE SET state = excluded.state, "
      "reason = excluded.reason, attempts = excluded.attempts, "
      "expected_by = excluded.expected_by, updated_at = excluded.updated_at",
      "ledger.upsert: INSERT expected_outputs");
  if (!upsert) return upsert.error();
  upsert.value()
      .bind_text(1, row.key.game_date)
      .bind_text(2, row.key.phase)
      .bind_text(3, row.key.output)
      .bind_text(4, to_string(row.state))
      .bind_text(5, row.reason)
      .bind_int64(6, row.attempts)
      .bind_optional_int64(7, row.expected_by)
      .bind_int64(8, now);
  return upsert.value().run();
}

storage_result<bool> ensure_expected(database& db, const ledger_key& key,
                                     std::optional<unix_ms> expected_by, unix_ms now) {
  if (auto ok = check_key(key, "ledger.ensure_expected"); !ok) return ok.error();
  auto insert = db.prepare(
      "INSERT INTO expected_outputs (" LEDGER_COLUMNS ") "
      "VALUES (?1, ?2, ?3, 'EXPECTED', '', 0, ?4, ?5) ON CONFLICT DO NOTHING",
      "ledger.ensure_expected: INSERT expected_outputs");
  if (!insert) return insert.error();
  insert.value()
      .bind_text(1, key.game_date)
      .bind_text(2, key.phase)
      .bind_text(3, key.output)
      .bind_optional_int64(4, expected_by)
      .bind_int64(5, now);
  if (auto ran = insert.value().run(); !ran) return ran.error();
  return db.changes() == 1;
}

storage_result<ledger_row> transition(database& db, const ledger_key& key,
                                      const ledger_transition& change, unix_ms now) {
  auto update = db.prepare(
      "UPDATE expected_outputs SET state = ?5, reason = ?6, attempts = attempts + ?7, "
      "updated_at = ?8 WHERE game_date = ?1 AND phase = ?2 AND output = ?3 AND state = ?4 "
      "RETURNING " LEDGER_COLUMNS,
      "ledger.transition: UPDATE expected_outputs");
  if (!update) return update.error();
  update.value()
      .bind_text(1, key.game_date)
      .bind_text(2, key.phase)
      .bind_text(3, key.output)
      .bind_text(4, to_string(change.from))
      .bind_text(5, to_string(change.to))
      .bind_text(6, change.reason)
      .bind_int64(7, change.count_attempt ? 1 : 0)
      .bind_int64(8, now);
  auto step = update.value().step();
  if (!step) return step.error();
  if (step.value()) {
    ledger_row row = read_row(update.value());
    update.value().reset();
    return row;
  }
  auto actual = get_ledger_row(db, key);
  if (!actual) return actual.error();
  return make_error(storage_errc::state_conflict, "ledger.transition",
                    describe(key) + " is " + to_string(actual.value().state) + ", not " +
                        to_string(change.from) + " (wanted " + to_string(change.to) + ")");
}

storage_result<ledger_row> get_ledger_row(database& db, const ledger_key& key) {
  auto select = db.prepare("SELECT " LEDGER_COLUMNS " FROM expected_outputs "
                           "WHERE game_date = ?1 AND phase = ?2 AND output = ?3",
                           "ledger.get: SELECT expected_outputs");
  if (!select) return select.error();
  select.value().bind_text(1, key.game_date).bind_text(2, key.phase).bind_text(3, key.output);
  auto step = select.value().step();
  if (!step) return step.error();
  if (!step.value()) {
    return make_error(storage_errc::not_found, "ledger.get", "no ledger row " + describe(key));
  }
  return read_row(select.value());
}

storage_result<std::vector<ledger_row>> ledger_rows_between(database& db,
                                                            std::string_view first_date,
                                                            std::string_view last_date) {
  auto select = db.prepare("SELECT " LEDGER_COLUMNS " FROM expected_outputs "
                           "WHERE game_date BETWEEN ?1 AND ?2 ORDER BY game_date, phase, output",
                           "ledger.rows_between: SELECT expected_outputs");
  if (!select) return select.error();
  select.value().bind_text(1, first_date).bind_text(2, last_date);
  return read_rows(select.value());
}

storage_result<std::vector<ledger_row>> ledger_rows_in_state(database& db, output_state state,
                                                             int limit) {
  if (limit < 1) {
    return make_error(storage_errc::invalid_argument, "ledger.rows_in_state",
                      "limit must be >= 1");
  }
  auto select = db.prepare("SELECT " LEDGER_COLUMNS " FROM expected_outputs WHERE state = ?1 "
                           "ORDER BY game_date, phase, output LIMIT ?2",
                           "ledger.rows_in_state: SELECT expected_outputs");
  if (!select) return select.error();
  select.value().bind_text(1, to_string(state)).bind_int64(2, limit);
  return read_rows(select.value());
}

} // namespace courtside::storage

#undef LEDGER_COLUMNS
