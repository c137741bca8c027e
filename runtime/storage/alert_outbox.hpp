#pragma once
// The alert outbox (DESIGN.md "Alerts go through an outbox too"): every message for a
// webhook is a row, written BEFORE anyone tries to post it, and delivered strictly in id
// order per webhook. A row is marked sent only after Slack answered 2xx, so a crash between
// the POST and the mark resends it (at-least-once; Slack has no idempotency key for
// webhooks, so this window is the one place a duplicate can come from).
//
//   enqueue_alert ──► pending ──mark_alert_sent (after a 2xx)──► sent
//                       │  ▲
//                       │  └── record_alert_failure (attempts+1, next_attempt_at, last_error)
//                       └──── dead_letter_alert (permanent error) ──► dropped (kept, listed)
//
// Same rules as the rest of runtime/storage: plain functions over a `database`, `now` passed
// in as unix ms, typed errors, no CAF, no clock.
#include "runtime/storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::storage {

enum class outbox_state : std::uint8_t {
  pending, ///< not yet delivered (maybe tried and failed transiently)
  sent,    ///< Slack answered 2xx
  dropped, ///< dead-lettered: a permanent error; kept for inspection
};

[[nodiscard]] const char* to_string(outbox_state s) noexcept;
[[nodiscard]] std::optional<outbox_state> parse_outbox_state(std::string_view name);

struct new_outbox_message {
  std::string webhook;    ///< notifier name, e.g. "ops"
  std::string dedupe_key; ///< unique per message; the same key again is a no-op
  std::string alert_key;  ///< the alert's grouping key
  std::string severity;   ///< "info", "warning", "error", "critical"
  std::string title;
  std::string body;       ///< the alert's text (for humans reading the table)
  std::string payload;    ///< the rendered webhook JSON, sent as is
};

struct outbox_message {
  std::int64_t id = 0;
  std::string webhook;
  std::string dedupe_key;
  std::string alert_key;
  std::string severity;
  std::string title;
  std::string payload;
  outbox_state state = outbox_state::pending;
  int attempts = 0; ///< failed tries so far
  unix_ms next_attempt_at = 0;
  std::string last_error;
  unix_ms created_at = 0;
  std::optional<unix_ms> sent_at;
};

struct outbox_enqueued {
  std::int64_t id = 0;
  bool inserted_new = false; ///< false: a row with this dedupe_key already existed
};

/// Writes a pending row (next_attempt_at = now). Joins the caller's transaction if any.
/// invalid_argument when webhook, dedupe_key or payload is empty.
[[nodiscard]] storage_result<outbox_enqueued> enqueue_alert(database& db,
                                                            const new_outbox_message& message,
                                                            unix_ms now);

/// The oldest pending rows of `webhook`, by id (delivery order), at most `limit` (>= 1).
[[nodiscard]] storage_result<std::vector<outbox_message>> pending_alerts(database& db,
                                                                         std::string_view webhook,
                                                                         int limit);

/// pending → sent. not_found for an unknown id; state_conflict when the row is not pending.
[[nodiscard]] storage_status mark_alert_sent(database& db, std::int64_t id, unix_ms now);

/// A failed try of a pending row: attempts+1, next_attempt_at, last_error.
[[nodiscard]] storage_status record_alert_failure(database& db, std::int64_t id, unix_ms now,
                                                  unix_ms next_attempt_at, std::string_view error);

/// pending → dropped with `reason` as last_error (attempts+1: the failed try counts).
[[nodiscard]] storage_status dead_letter_alert(database& db, std::int64_t id, unix_ms now,
                                               std::string_view reason);

/// One row by id; not_found if absent.
[[nodiscard]] storage_result<outbox_message> load_alert(database& db, std::int64_t id);

struct outbox_counts {
  std::int64_t pending = 0;
  std::int64_t sent = 0;
  std::int64_t dropped = 0;
};

/// Row counts by state for `webhook` (empty: all webhooks).
[[nodiscard]] storage_result<outbox_counts> count_alerts(database& db, std::string_view webhook = {});

/// Dead-lettered rows, newest first, at most `limit`.
[[nodiscard]] storage_result<std::vector<outbox_message>> dead_alerts(database& db,
                                                                      std::string_view webhook,
                                                                      int limit);

/// Deletes sent rows with sent_at < cutoff (housekeeping); returns how many.
[[nodiscard]] storage_result<std::int64_t> purge_sent_alerts(database& db, unix_ms cutoff);

} // namespace courtside::storage
