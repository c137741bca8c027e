#include "runtime/storage/work_queue.hpp"

#include <algorithm>
#include <limits>

namespace courtside::storage {

namespace {

// A macro so that it splices into the SQL literals at compile time (the cache is keyed by text).
#define ITEM_COLUMNS                                                                        \
  "id, kind, item_key, payload, state, attempts, max_attempts, not_before, lease_owner, " \
  "lease_expires, last_error, created_at, updated_at"

work_item read_item(const statement& st, int first = 0) {
  work_item item;
  item.id = st.column_int64(first + 0);
  item.kind = st.column_text(first + 1);
  item.key = st.column_text(first + 2);
  item.payload = st.column_text(first + 3);
  item.state = parse_item_state(st.column_text(first + 4)).value_or(item_state::dead);
  item.attempts = static_cast<int>(st.column_int64(first + 5));
  item.max_attempts = static_cast<int>(st.column_int64(first + 6));
  item.not_before = st.column_int64(first + 7);
  item.lease_owner = st.column_text(first + 8);
  item.lease_expires = st.column_optional_int64(first + 9);
  item.last_error = st.column_text(first + 10);
  item.created_at = st.column_int64(first + 11);
  item.updated_at = st.column_int64(first + 12);
  return item;
}

storage_result<std::vector<work_item>> read_items(statement& st) {
  std::vector<work_item> items;
  for (;;) {
    auto row = st.step();
    if (!row) return row.error();
    if (!row.value()) return items;
    items.push_back(read_item(st));
  }
}

// now + d without overflow: a huge lease or backoff means "practically never", not a wrap.
unix_ms add_saturating(unix_ms now, std::chrono::milliseconds d) {
  const auto limit = std::numeric_limits<unix_ms>::max();
  return d.count() > limit - now ? limit : now + d.count();
}

storage_error invalid(std::string_view op, std::string message) {
  return make_error(storage_errc::invalid_argument, std::string(op), std::move(message));
}

// Why an owner-guarded update touched no row: the item is gone, or someone else has it.
storage_error explain_no_lease(database& db, std::int64_t id, std::string_view owner,
                               std::string_view op) {
  auto item = get_item(db, id);
  if (!item) return item.error();
  const work_item& it = item.value();
  std::string holder = it.state == item_state::leased ? " by " + it.lease_owner : "";
  return make_error(storage_errc::lease_lost, std::string(op),
                    "item " + std::to_string(id) + " (" + it.kind + "/" + it.key + ") is " +
                        to_string(it.state) + holder + ", not leased by " + std::string(owner));
}

} // namespace

const char* to_string(item_state state) noexcept {
  switch (state) {
    case item_state::ready: return "ready";
    case item_state::leased: return "leased";
    case item_state::done: return "done";
    case item_state::dead: return "dead";
  }
  return "unknown";
}

std::optional<item_state> parse_item_state(std::string_view name) {
  for (auto s : {item_state::ready, item_state::leased, item_state::done, item_state::dead}) {
    if (name == to_string(s)) return s;
  }
  return std::nullopt;
}

const char* to_string(nack_outcome outcome) noexcept {
  return outcome == nack_outcome::retry_scheduled ? "retry_scheduled" : "dead_lettered";
}

storage_result<enqueue_result> enqueue(database& db, const new_work_item& item, unix_ms now) {
  constexpr std::string_view op = "work_queue.enqueue";
  if (item.kind.empty() || item.key.empty()) return invalid(op, "empty kind or key");
  if (item.max_attempts < 1) return invalid(op, "max_attempts must be >= 1");
  auto insert = db.prepare(
      "INSERT INTO work_queue (kind, item_key, payload, state, attempts, max_attempts, "
      "not_before, created_at, updated_at) VALUES (?1, ?2, ?3, 'ready', 0, ?4, ?5, ?6, ?6) "
      "ON CONFLICT DO NOTHING RETURNING id",
      "work_queue.enqueue: INSERT work_queue");
  if (!insert) return insert.error();
  insert.value()
      .bind_text(1, item.kind)
      .bind_text(2, item.key)
      .bind_text(3, item.payload)
      .bind_int64(4, item.max_attempts)
      .bind_int64(5, item.not_before.value_or(now))
      .bind_int64(6, now);
  auto row = insert.value().step();
  if (!row) return row.error();
  if (row.value()) return enqueue_result{insert.value().column_int64(0), true};
  insert.value().reset();
  auto existing = db.prepare(
      "SELECT id FROM work_queue WHERE kind = ?1 AND item_key = ?2 AND state <> 'done'",
      "work_queue.enqueue: SELECT work_queue");
  if (!existing) return existing.error();
  existing.value().bind_text(1, item.kind).bind_text(2, item.key);
  auto found = existing.value().step();
  if (!found) return found.error();
  if (!found.value()) {
    return make_error(storage_errc::internal, std::string(op), "insert ignored, key not found");
  }
  return enqueue_result{existing.value().column_int64(0), false};
}

storage_result<std::vector<work_item>> lease(database& db, std::string_view kind,
                                             std::string_view owner, unix_ms now,
                                             std::chrono::milliseconds lease_duration, int limit) {
  constexpr std::string_view op = "work_queue.lease";
  if (owner.empty()) return invalid(op, "empty owner");
  if (lease_duration.count() <= 0) return invalid(op, "lease_duration must be > 0");
  if (limit < 1) return invalid(op, "limit must be >= 1");
  // One statement, so choosing and taking the items is atomic without a transaction.
  auto update = db.prepare(
      "UPDATE work_queue SET state = 'leased', lease_owner = ?2, lease_expires = ?3, "
      "updated_at = ?4 WHERE id IN (SELECT id FROM work_queue WHERE kind = ?1 AND "
      "state = 'ready' AND not_before <= ?4 ORDER BY not_before, id LIMIT ?5) "
      "RETURNING " ITEM_COLUMNS,
      "work_queue.lease: UPDATE work_queue");
  if (!update) return update.error();
  update.value()
      .bind_text(1, kind)
      .bind_text(2, owner)
      .bind_int64(3, add_saturating(now, lease_duration))
      .bind_int64(4, now)
      .bind_int64(5, limit);
  auto items = read_items(update.value());
  if (!items) return items;
  // RETURNING comes in no promised order.
  std::sort(items.value().begin(), items.value().end(), [](const work_item& a, const work_item& b) {
    return a.not_before != b.not_before ? a.not_before < b.not_before : a.id < b.id;
  });
  return items;
}

storage_status ack(transaction& tx, std::int64_t id, std::string_view owner, unix_ms now) {
  constexpr std::string_view op = "work_queue.ack";
  if (!tx.active()) {
    return make_error(storage_errc::misuse, std::string(op),
                      "ack needs the open transaction that writes the item's output");
  }
  database& db = tx.db();
  auto update = db.prepare(
      "UPDATE work_queue SET state = 'done', lease_owner = NULL, lease_expires = NULL, "
      "updated_at = ?3 WHERE id = ?1 AND state = 'leased' AND lease_owner = ?2",
      "work_queue.ack: UPDATE work_queue");
  if (!update) return update.error();
  update.value().bind_int64(1, id).bind_text(2, owner).bind_int64(3, now);
  if (auto ran = update.value().run(); !ran) return ran;
  if (db.changes() == 0) return explain_no_lease(db, id, owner, op);
  return {};
}

storage_result<nack_outcome> nack(database& db, std::int64_t id, std::string_view owner,
                                  unix_ms now, std::string_view error,
                                  std::chrono::milliseconds backoff) {
  constexpr std::string_view op = "work_queue.nack";
  if (backoff.count() < 0) return invalid(op, "negative backoff");
  // SET expressions all read the row's values from before the update.
  auto update = db.prepare(
      "UPDATE work_queue SET attempts = attempts + 1, "
      "state = CASE WHEN attempts + 1 >= max_attempts THEN 'dead' ELSE 'ready' END, "
      "not_before = CASE WHEN attempts + 1 >= max_attempts THEN not_before ELSE ?3 END, "
      "lease_owner = NULL, lease_expires = NULL, last_error = ?4, updated_at = ?5 "
      "WHERE id = ?1 AND state = 'leased' AND lease_owner = ?2 RETURNING state",
      "work_queue.nack: UPDATE work_queue");
  if (!update) return update.error();
  update.value()
      .bind_int64(1, id)
      .bind_text(2, owner)
      .bind_int64(3, add_saturating(now, backoff))
      .bind_text(4, error)
      .bind_int64(5, now);
  auto row = update.value().step();
  if (!row) return row.error();
  if (!row.value()) return explain_no_lease(db, id, owner, op);
  const bool dead = update.value().column_text(0) == "dead";
  update.value().reset();
  return dead ? nack_outcome::dead_lettered : nack_outcome::retry_scheduled;
}

storage_status defer(database& db, std::int64_t id, std::string_view owner, unix_ms now,
                     unix_ms until, std::string_view reason) {
  auto update = db.prepare(
      "UPDATE work_queue SET state = 'ready', not_before = ?3, lease_owner = NULL, "
      "lease_expires = NULL, last_error = ?4, updated_at = ?5 "
      "WHERE id = ?1 AND state = 'leased' AND lease_owner = ?2",
      "work_queue.defer: UPDATE work_queue");
  if (!update) return update.error();
  update.value().bind_int64(1, id).bind_text(2, owner).bind_int64(3, until).bind_text(4, reason)
      .bind_int64(5, now);
  if (auto ran = update.value().run(); !ran) return ran;
  if (db.changes() == 0) return explain_no_lease(db, id, owner, "work_queue.defer");
  return {};
}

storage_status dead_letter_now(database& db, std::int64_t id, std::string_view owner,
                               unix_ms now, std::string_view error) {
  auto update = db.prepare(
      "UPDATE work_queue SET state = 'dead', attempts = MIN(attempts + 1, max_attempts), "
      "lease_owner = NULL, "
      "lease_expires = NULL, last_error = ?3, updated_at = ?4 "
      "WHERE id = ?1 AND state = 'leased' AND lease_owner = ?2",
      "work_queue.dead_letter_now: UPDATE work_queue");
  if (!update) return update.error();
  update.value().bind_int64(1, id).bind_text(2, owner).bind_text(3, error).bind_int64(4, now);
  if (auto ran = update.value().run(); !ran) return ran;
  if (db.changes() == 0) return explain_no_lease(db, id, owner, "work_queue.dead_letter_now");
  return {};
}

namespace {

// Runs a "make due now" UPDATE binding (?1 kind, ?2 key, ?3 now); true when it moved a row.
storage_result<bool> bring_forward(database& db, std::string_view sql, std::string_view op,
                                   std::string_view kind, std::string_view key, unix_ms now) {
  auto update = db.prepare(sql, op);
  if (!update) return update.error();
  update.value().bind_text(1, kind).bind_text(2, key).bind_int64(3, now);
  if (auto ran = update.value().run(); !ran) return ran.error();
  return db.changes() > 0;
}

} // namespace

storage_result<bool> hasten(database& db, std::string_view kind, std::string_view key, unix_ms now) {
  return bring_forward(db,
                       "UPDATE work_queue SET not_before = ?3, updated_at = ?3 "
                       "WHERE kind = ?1 AND item_key = ?2 AND state = 'ready' AND not_before > ?3",
                       "work_queue.hasten: UPDATE work_queue", kind, key, now);
}

storage_result<bool> hasten_next(database& db, std::string_view kind, std::string_view after,
                                 unix_ms now) {
  // `state <> 'done'` as written lets SQLite use the partial index work_queue_pending_key.
  return bring_forward(
      db,
      "UPDATE work_queue SET not_before = ?3, updated_at = ?3 "
      "WHERE kind = ?1 AND state = 'ready' AND not_before > ?3 AND item_key = "
      "(SELECT min(item_key) FROM work_queue WHERE kind = ?1 AND state <> 'done' AND item_key > ?2)",
      "work_queue.hasten_next: UPDATE work_queue", kind, after, now);
}

storage_result<sweep_result> sweep_expired_leases(database& db, unix_ms now) {
  // An expired lease is a failed try: its worker hung or crashed on it.
  // On the last try it still goes back to ready: dead-lettering needs the kind's handler
  // (ledger, alert), which only its worker has; the worker gives up on it at its next lease.
  auto update = db.prepare(
      "UPDATE work_queue SET attempts = attempts + 1, state = 'ready', "
      "not_before = ?1, last_error = 'lease expired (held by ' || lease_owner || ')', "
      "lease_owner = NULL, lease_expires = NULL, updated_at = ?1 "
      "WHERE state = 'leased' AND lease_expires <= ?1 RETURNING id, attempts >= max_attempts",
      "work_queue.sweep_expired_leases: UPDATE work_queue");
  if (!update) return update.error();
  update.value().bind_int64(1, now);
  sweep_result result;
  for (;;) {
    auto row = update.value().step();
    if (!row) return row.error();
    if (!row.value()) break;
    if (update.value().column_int64(1) != 0) {
      result.exhausted.push_back(update.value().column_int64(0));
    } else {
      ++result.redelivered;
    }
  }
  std::sort(result.exhausted.begin(), result.exhausted.end());
  return result;
}

storage_result<sweep_result> release_all_leases(database& db, unix_ms now) {
  // Not a failed try: the engine died (kill -9, OOM, a deploy, a power cut) with up to a
  // worker's whole batch in flight, and none of those items is to blame. Counting it would
  // dead-letter innocent items after max_attempts restarts and lose their dates.
  auto update = db.prepare(
      "UPDATE work_queue SET state = 'ready', not_before = ?1, "
      "last_error = 'lease released: its engine is gone (held by ' || lease_owner || ')', "
      "lease_owner = NULL, lease_expires = NULL, updated_at = ?1 WHERE state = 'leased'",
      "work_queue.release_all_leases: UPDATE work_queue");
  if (!update) return update.error();
  update.value().bind_int64(1, now);
  if (auto ran = update.value().run(); !ran) return ran.error();
  sweep_result result;
  result.redelivered = db.changes();
  return result;
}

storage_status requeue_dead(database& db, std::int64_t id, unix_ms now) {
  auto update = db.prepare(
      "UPDATE work_queue SET state = 'ready', attempts = 0, not_before = ?2, updated_at = ?2 "
      "WHERE id = ?1 AND state = 'dead'",
      "work_queue.requeue_dead: UPDATE work_queue");
  if (!update) return update.error();
  update.value().bind_int64(1, id).bind_int64(2, now);
  if (auto ran = update.value().run(); !ran) return ran;
  if (db.changes() == 1) return {};
  auto item = get_item(db, id);
  if (!item) return item.error();
  return make_error(storage_errc::state_conflict, "work_queue.requeue_dead",
                    "item " + std::to_string(id) + " is " + to_string(item.value().state) +
                        ", not dead");
}

storage_result<std::int64_t> purge_done(database& db, unix_ms cutoff) {
  auto del = db.prepare("DELETE FROM work_queue WHERE state = 'done' AND updated_at < ?1",
                        "work_queue.purge_done: DELETE work_queue");
  if (!del) return del.error();
  del.value().bind_int64(1, cutoff);
  if (auto ran = del.value().run(); !ran) return ran.error();
  return db.changes();
}

storage_result<work_item> get_item(database& db, std::int64_t id) {
  auto select = db.prepare("SELECT " ITEM_COLUMNS " FROM work_queue WHERE id = ?1",
                           "work_queue.get_item: SELECT work_queue");
  if (!select) return select.error();
  select.value().bind_int64(1, id);
  auto row = select.value().step();
  if (!row) return row.error();
  if (!row.value()) {
    return make_error(storage_errc::not_found, "work_queue.get_item",
                      "no work item " + std::to_string(id));
  }
  return read_item(select.value());
}

storage_result<std::vector<work_item>> list_dead(database& db, std::string_view kind,
                                                 int limit) {
  if (limit < 1) return invalid("work_queue.list_dead", "limit must be >= 1");
  auto select = db.prepare("SELECT " ITEM_COLUMNS " FROM work_queue WHERE state = 'dead' AND "
                           "(?1 = '' OR kind = ?1) ORDER BY updated_at, id LIMIT ?2",
                           "work_queue.list_dead: SELECT work_queue");
  if (!select) return select.error();
  select.value().bind_text(1, kind).bind_int64(2, limit);
  return read_items(select.value());
}

storage_result<std::vector<queue_stats>> queue_stats_by_kind(database& db, unix_ms now) {
  auto select = db.prepare(
      "SELECT kind, sum(state = 'ready'), sum(state = 'leased'), sum(state = 'done'), "
      "sum(state = 'dead'), min(CASE WHEN state = 'ready' AND not_before <= ?1 "
      "THEN not_before END) FROM work_queue GROUP BY kind ORDER BY kind",
      "work_queue.queue_stats_by_kind: SELECT work_queue");
  if (!select) return select.error();
  statement& st = select.value();
  st.bind_int64(1, now);
  std::vector<queue_stats> out;
  for (;;) {
    auto row = st.step();
    if (!row) return row.error();
    if (!row.value()) return out;
    queue_stats stats{st.column_text(0), st.column_int64(1), st.column_int64(2),
                      st.column_int64(3), st.column_int64(4), std::nullopt};
    if (auto due = st.column_optional_int64(5)) {
      stats.oldest_ready_age = std::chrono::milliseconds(now - *due);
    }
    out.push_back(std::move(stats));
  }
}

} // namespace courtside::storage

#undef ITEM_COLUMNS
