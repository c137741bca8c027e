#include "runtime/storage/alert_outbox.hpp"

namespace courtside::storage {

namespace {

// An empty string_view may bind as NULL (its data() can be null), so "no filter" is tested
// with ifnull(?1, '') below.
#define OUTBOX_COLUMNS                                                                       \
  "id, webhook, dedupe_key, alert_key, severity, title, payload, state, attempts, "         \
  "next_attempt_at, last_error, created_at, sent_at"

outbox_message read_message(const statement& st) {
  outbox_message m;
  m.id = st.column_int64(0);
  m.webhook = st.column_text(1);
  m.dedupe_key = st.column_text(2);
  m.alert_key = st.column_text(3);
  m.severity = st.column_text(4);
  m.title = st.column_text(5);
  m.payload = st.column_text(6);
  m.state = parse_outbox_state(st.column_text(7)).value_or(outbox_state::dropped);
  m.attempts = static_cast<int>(st.column_int64(8));
  m.next_attempt_at = st.column_int64(9);
  m.last_error = st.column_text(10);
  m.created_at = st.column_int64(11);
  m.sent_at = st.column_optional_int64(12);
  return m;
}

storage_result<std::vector<outbox_message>> read_messages(statement& st) {
  std::vector<outbox_message> out;
  for (;;) {
    auto row = st.step();
    if (!row) return row.error();
    if (!row.value()) return out;
    out.push_back(read_message(st));
  }
}

storage_error invalid(std::string_view op, std::string message) {
  return make_error(storage_errc::invalid_argument, std::string(op), std::move(message));
}

// Why a "WHERE id = ? AND state = 'pending'" update touched nothing.
storage_error explain_not_pending(database& db, std::int64_t id, std::string_view op) {
  auto row = load_alert(db, id);
  if (!row) return row.error();
  return make_error(storage_errc::state_conflict, std::string(op),
                    "alert_outbox row " + std::to_string(id) + " is " + to_string(row.value().state) +
                        ", not pending");
}

storage_status update_pending(database& db, std::int64_t id, std::string_view sql,
                              std::string_view op, unix_ms now, unix_ms at, std::string_view text) {
  auto st = db.prepare(sql, std::string(op) + ": UPDATE alert_outbox");
  if (!st) return st.error();
  st.value().bind_int64(1, id).bind_int64(2, now).bind_int64(3, at).bind_text(4, text);
  if (auto ran = st.value().run(); !ran) return ran.error();
  if (db.changes() == 0) return explain_not_pending(db, id, op);
  return {};
}

} // namespace

const char* to_string(outbox_state s) noexcept {
  switch (s) {
    case outbox_state::pending: return "pending";
    case outbox_state::sent: return "sent";
    case outbox_state::dropped: return "dropped";
  }
  return "unknown";
}

std::optional<outbox_state> parse_outbox_state(std::string_view name) {
  for (auto s : {outbox_state::pending, outbox_state::sent, outbox_state::dropped})
    if (name == to_string(s)) return s;
  return std::nullopt;
}

storage_result<outbox_enqueued> enqueue_alert(database& db, const new_outbox_message& m, unix_ms now) {
  constexpr std::string_view op = "alert_outbox.enqueue";
  if (m.webhook.empty() || m.dedupe_key.empty() || m.payload.empty())
    return invalid(op, "empty webhook, dedupe_key or payload");
  auto insert = db.prepare(
      "INSERT INTO alert_outbox (webhook, dedupe_key, alert_key, severity, title, body, payload, "
      "state, attempts, next_attempt_at, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', 0, ?8, ?8, ?8) "
      "ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
      "alert_outbox.enqueue: INSERT alert_outbox");
  if (!insert) return insert.error();
  insert.value()
      .bind_text(1, m.webhook)
      .bind_text(2, m.dedupe_key)
      .bind_text(3, m.alert_key)
      .bind_text(4, m.severity)
      .bind_text(5, m.title)
      .bind_text(6, m.body)
      .bind_text(7, m.payload)
      .bind_int64(8, now);
  auto row = insert.value().step();
  if (!row) return row.error();
  if (row.value()) return outbox_enqueued{insert.value().column_int64(0), true};
  insert.value().reset();
  auto existing = db.prepare("SELECT id FROM alert_outbox WHERE dedupe_key = ?1",
                             "alert_outbox.enqueue: SELECT alert_outbox");
  if (!existing) return existing.error();
  existing.value().bind_text(1, m.dedupe_key);
  auto found = existing.value().step();
  if (!found) return found.error();
  if (!found.value()) return make_error(storage_errc::internal, std::string(op), "insert ignored, key not found");
  return outbox_enqueued{existing.value().column_int64(0), false};
}

storage_result<std::vector<outbox_message>> pending_alerts(database& db, std::string_view webhook, int limit) {
  if (limit < 1) return invalid("alert_outbox.pending", "limit must be >= 1");
  auto st = db.prepare("SELECT " OUTBOX_COLUMNS " FROM alert_outbox WHERE webhook = ?1 AND "
                       "state = 'pending' ORDER BY id LIMIT ?2",
                       "alert_outbox.pending: SELECT alert_outbox");
  if (!st) return st.error();
  st.value().bind_text(1, webhook).bind_int64(2, limit);
  return read_messages(st.value());
}

storage_status mark_alert_sent(database& db, std::int64_t id, unix_ms now) {
  return update_pending(db, id,
                        "UPDATE alert_outbox SET state = 'sent', sent_at = ?2, updated_at = ?2, "
                        "next_attempt_at = ?3, last_error = ?4 WHERE id = ?1 AND state = 'pending'",
                        "alert_outbox.mark_sent", now, now, "");
}

storage_status record_alert_failure(database& db, std::int64_t id, unix_ms now, unix_ms next_attempt_at,
                                    std::string_view error) {
  return update_pending(db, id,
                        "UPDATE alert_outbox SET attempts = attempts + 1, updated_at = ?2, "
                        "next_attempt_at = ?3, last_error = ?4 WHERE id = ?1 AND state = 'pending'",
                        "alert_outbox.record_failure", now, next_attempt_at, error);
}

storage_status dead_letter_alert(database& db, std::int64_t id, unix_ms now, std::string_view reason) {
  return update_pending(db, id,
                        "UPDATE alert_outbox SET state = 'dropped', attempts = attempts + 1, "
                        "updated_at = ?2, next_attempt_at = ?3, last_error = ?4 "
                        "WHERE id = ?1 AND state = 'pending'",
                        "alert_outbox.dead_letter", now, now, reason);
}

storage_result<outbox_message> load_alert(database& db, std::int64_t id) {
  auto st = db.prepare("SELECT " OUTBOX_COLUMNS " FROM alert_outbox WHERE id = ?1",
                       "alert_outbox.load: SELECT alert_outbox");
  if (!st) return st.error();
  st.value().bind_int64(1, id);
  auto row = st.value().step();
  if (!row) return row.error();
  if (!row.value())
    return make_error(storage_errc::not_found, "alert_outbox.load", "no alert_outbox row " + std::to_string(id));
  return read_message(st.value());
}

storage_result<outbox_counts> count_alerts(database& db, std::string_view webhook) {
  auto st = db.prepare("SELECT state, count(*) FROM alert_outbox WHERE ifnull(?1, '') = '' OR webhook = ?1 GROUP BY state",
                       "alert_outbox.count: SELECT alert_outbox");
  if (!st) return st.error();
  st.value().bind_text(1, webhook);
  outbox_counts counts;
  for (;;) {
    auto row = st.value().step();
    if (!row) return row.error();
    if (!row.value()) return counts;
    const auto state = parse_outbox_state(st.value().column_text(0));
    const auto n = st.value().column_int64(1);
    if (state == outbox_state::pending) counts.pending = n;
    else if (state == outbox_state::sent) counts.sent = n;
    else if (state == outbox_state::dropped) counts.dropped = n;
  }
}

storage_result<std::vector<outbox_message>> dead_alerts(database& db, std::string_view webhook, int limit) {
  if (limit < 1) return invalid("alert_outbox.dead", "limit must be >= 1");
  auto st = db.prepare("SELECT " OUTBOX_COLUMNS " FROM alert_outbox WHERE (ifnull(?1, '') = '' OR webhook = ?1) AND "
                       "state = 'dropped' ORDER BY id DESC LIMIT ?2",
                       "alert_outbox.dead: SELECT alert_outbox");
  if (!st) return st.error();
  st.value().bind_text(1, webhook).bind_int64(2, limit);
  return read_messages(st.value());
}

storage_result<std::int64_t> purge_sent_alerts(database& db, unix_ms cutoff) {
  auto st = db.prepare("DELETE FROM alert_outbox WHERE state = 'sent' AND sent_at < ?1",
                       "alert_outbox.purge: DELETE alert_outbox");
  if (!st) return st.error();
  st.value().bind_int64(1, cutoff);
  if (auto ran = st.value().run(); !ran) return ran.error();
  return db.changes();
}

} // namespace courtside::storage
