#pragma once
// The durable work queue (DESIGN.md "Durability: ack after commit"): at-least-once delivery,
// exactly-once effect. A worker leases items, does the work, and acks INSIDE the transaction
// that writes the item's output, so "output written" and "item done" commit together or not at
// all; outputs are upserts by natural key, so a redelivered item rewrites the same rows.
//
//               enqueue                lease (not_before <= now)
//     (key not pending) ───► ready ─────────────────────────────► leased
//                             ▲  ▲                                 │ │ │
//   nack, attempts < max ─────┘  └── lease expired (sweep) ────────┘ │ │ ack (same tx as the
//   (not_before = now+backoff)       (a try spent)                   │ │ output) ──► done
//                                                                    │ │
//   nack with attempts = max, or dead_letter_now ───────────────────► dead ── requeue_dead ─► ready
//
// Every failed try counts: a nack, and a lease that expired (the worker crashed or hung), so a
// poison item that crashes its worker is dead-lettered after max_attempts, not retried forever.
// A lease that expires on the last try goes back to ready with no try left ("exhausted"): the
// sweeper knows no handler, so the item's own worker dead-letters it when it leases it next,
// through the same path as a failed last try (the handler's on_dead settles the ledger, an
// alert is raised).
// Only the lease's owner may ack, nack or dead-letter it; after its lease was swept and the
// item redelivered, the old owner gets lease_lost. An expired lease not yet swept may still be
// acked: nobody else holds the item yet.
//
// Keys: at most one item per (kind, key) that is not done, so enqueueing a key that is ready,
// leased or dead is a no-op returning the existing id; once done, the key may be enqueued again.
// Owners should name a worker incarnation ("scraper_nba/2#gen7"), so that a restarted worker
// cannot ack its predecessor's leases.
#include "runtime/storage/database.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::storage {

enum class item_state : std::uint8_t {
  ready,  ///< waiting for a lease once not_before has passed
  leased, ///< held by lease_owner until lease_expires
  done,   ///< acked: its output is committed
  dead,   ///< dead-lettered: out of attempts, or malformed; kept for inspection and alerts
};

[[nodiscard]] const char* to_string(item_state state) noexcept;
[[nodiscard]] std::optional<item_state> parse_item_state(std::string_view name);

struct work_item {
  std::int64_t id = 0;
  std::string kind;    ///< which queue ("boxscore", "phase3:player_game_summary")
  std::string key;     ///< the natural key, e.g. "20250221_LAL_BOS"
  std::string payload; ///< the work's parameters, opaque here (JSON by convention)
  item_state state = item_state::ready;
  int attempts = 0;     ///< failed tries so far
  int max_attempts = 0; ///< tries allowed in all
  unix_ms not_before = 0;
  std::string lease_owner; ///< empty unless leased
  std::optional<unix_ms> lease_expires;
  std::string last_error;
  unix_ms created_at = 0;
  unix_ms updated_at = 0;
};

struct new_work_item {
  std::string kind;
  std::string key;
  std::string payload;
  int max_attempts = 5;
  std::optional<unix_ms> not_before; ///< first eligible instant; default: now
};

struct enqueue_result {
  std::int64_t id = 0;       ///< the new item, or the pending one with the same key
  bool inserted_new = false; ///< false: the key was already pending (or dead)
};

/// Adds an item unless its key is already pending. Joins the caller's transaction if any.
[[nodiscard]] storage_result<enqueue_result> enqueue(database& db, const new_work_item& item,
                                                     unix_ms now);

/// Leases up to `limit` ready items of `kind` with not_before <= now, oldest not_before first
/// (then oldest id), to `owner` until now + lease_duration.
[[nodiscard]] storage_result<std::vector<work_item>> lease(database& db, std::string_view kind,
                                                           std::string_view owner, unix_ms now,
                                                           std::chrono::milliseconds lease_duration,
                                                           int limit);

/// Marks a leased item done, inside `tx` — the transaction that also writes its output.
/// lease_lost if `owner` does not hold the lease; not_found for an unknown id.
[[nodiscard]] storage_status ack(transaction& tx, std::int64_t id, std::string_view owner,
                                 unix_ms now);

enum class nack_outcome : std::uint8_t {
  retry_scheduled, ///< back to ready, not before now + backoff
  dead_lettered,   ///< that was the last attempt
};

[[nodiscard]] const char* to_string(nack_outcome outcome) noexcept;

/// A failed try: attempts + 1 and back to ready at now + backoff, or dead when that was the
/// last attempt. `error` is kept as last_error.
[[nodiscard]] storage_result<nack_outcome> nack(database& db, std::int64_t id,
                                                std::string_view owner, unix_ms now,
                                                std::string_view error,
                                                std::chrono::milliseconds backoff);

/// Not a failure: the item cannot run yet (the game is not final, a gate is closed). Back to
/// ready at `until` with attempts unchanged and `reason` kept as last_error.
[[nodiscard]] storage_status defer(database& db, std::int64_t id, std::string_view owner,
                                   unix_ms now, unix_ms until, std::string_view reason);

/// A ready item of (kind, key) due later than `now` (deferred, or backing off) becomes due now:
/// what it waited for has just happened. Returns whether an item was brought forward.
[[nodiscard]] storage_result<bool> hasten(database& db, std::string_view kind,
                                          std::string_view key, unix_ms now);

/// hasten() for the pending item of `kind` with the smallest key after `after` (keys in
/// order, e.g. the next game date of a phase), if it is ready and due later than `now`.
[[nodiscard]] storage_result<bool> hasten_next(database& db, std::string_view kind,
                                               std::string_view after, unix_ms now);

/// A malformed item, or one leased with no try left: dead at once, no retry (attempts + 1,
/// at most max_attempts).
[[nodiscard]] storage_status dead_letter_now(database& db, std::int64_t id,
                                             std::string_view owner, unix_ms now,
                                             std::string_view error);

struct sweep_result {
  std::int64_t redelivered = 0;          ///< expired leases back to ready, with tries left
  std::vector<std::int64_t> exhausted;   ///< back to ready with no try left: their worker
                                         ///< dead-letters them at its next lease
};

/// Ends every lease with lease_expires <= now (the stale-running cleanup); one step of the
/// lease sweeper's tick.
[[nodiscard]] storage_result<sweep_result> sweep_expired_leases(database& db, unix_ms now);

/// Ends every lease, expired or not: for an engine opening a file whose previous writer is gone
/// (its leases can never be acked). Unlike an expiry this is not a failed try (attempts stay,
/// nothing is dead-lettered): a process killed with a batch in flight blames none of its
/// items, so any number of kill -9s and restarts lose no work. redelivered = leases ended.
[[nodiscard]] storage_result<sweep_result> release_all_leases(database& db, unix_ms now);

/// Gives a dead item a fresh start (ready now, attempts 0): state_conflict if it is not dead,
/// not_found for an unknown id.
[[nodiscard]] storage_status requeue_dead(database& db, std::int64_t id, unix_ms now);

/// Deletes done items last updated before `cutoff`; returns how many.
[[nodiscard]] storage_result<std::int64_t> purge_done(database& db, unix_ms cutoff);

[[nodiscard]] storage_result<work_item> get_item(database& db, std::int64_t id);

/// Dead items of `kind` (every kind when empty), oldest first.
[[nodiscard]] storage_result<std::vector<work_item>> list_dead(database& db, std::string_view kind,
                                                               int limit);

struct queue_stats {
  std::string kind;
  std::int64_t ready = 0;  ///< due now or later
  std::int64_t leased = 0;
  std::int64_t done = 0;
  std::int64_t dead = 0;
  /// How long the oldest due ready item has waited (now - its not_before); nullopt when no
  /// ready item is due.
  std::optional<std::chrono::milliseconds> oldest_ready_age;
};

/// One entry per kind present in the queue, ordered by kind.
[[nodiscard]] storage_result<std::vector<queue_stats>> queue_stats_by_kind(database& db,
                                                                           unix_ms now);

} // namespace courtside::storage
