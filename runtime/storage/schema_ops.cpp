// Migration 2: the engine's own tables (queue, ledger, breakers, job runs, alert outbox).
// FROZEN once shipped, like migration 1: change it with a new migration.
#include "runtime/storage/schema_sql.hpp"

namespace courtside::storage::detail {

std::string_view ops_schema_sql() {
  return R"SQL(
CREATE TABLE work_queue (
  id             INTEGER PRIMARY KEY,
  kind           TEXT    NOT NULL,                 -- which queue: "boxscore", "phase3", ...
  item_key       TEXT    NOT NULL,                 -- natural key, e.g. "20250221_LAL_BOS"
  payload        TEXT    NOT NULL DEFAULT '',
  state          TEXT    NOT NULL DEFAULT 'ready'
                 CHECK (state IN ('ready', 'leased', 'done', 'dead')),
  attempts       INTEGER NOT NULL DEFAULT 0,       -- failed tries so far (nacks, expiries)
  max_attempts   INTEGER NOT NULL CHECK (max_attempts >= 1),
  not_before     INTEGER NOT NULL,                 -- not leased before this instant
  lease_owner    TEXT,
  lease_expires  INTEGER,
  last_error     TEXT    NOT NULL DEFAULT '',
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
-- At most one item per key that is not done: enqueueing it again is a no-op.
CREATE UNIQUE INDEX work_queue_pending_key ON work_queue (kind, item_key) WHERE state <> 'done';
CREATE INDEX work_queue_ready ON work_queue (kind, state, not_before, id);
CREATE INDEX work_queue_leases ON work_queue (state, lease_expires);
CREATE INDEX work_queue_by_created ON work_queue (created_at);

CREATE TABLE expected_outputs (
  game_date    TEXT    NOT NULL,
  phase        TEXT    NOT NULL,
  output       TEXT    NOT NULL,               -- a processor or table name
  state        TEXT    NOT NULL CHECK (state IN ('EXPECTED', 'RUNNING', 'COMPLETE', 'EMPTY_OK',
                                                 'DEGRADED', 'BLOCKED', 'FAILED')),
  reason       TEXT    NOT NULL DEFAULT '',
  attempts     INTEGER NOT NULL DEFAULT 0,
  expected_by  INTEGER,                        -- deadline, unix ms; NULL = none
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (game_date, phase, output)
);
CREATE INDEX expected_outputs_by_state ON expected_outputs (state, game_date);

CREATE TABLE breaker_state (
  name           TEXT    NOT NULL PRIMARY KEY,  -- "source:nba_com", "phase:4"
  state          TEXT    NOT NULL,              -- closed | open | half_open
  failures       INTEGER NOT NULL DEFAULT 0,
  opened_at      INTEGER,
  next_probe_at  INTEGER,
  reason         TEXT    NOT NULL DEFAULT '',
  updated_at     INTEGER NOT NULL
);

CREATE TABLE job_runs (
  job           TEXT    NOT NULL,
  scheduled_at  INTEGER NOT NULL,               -- the firing this run belongs to
  started_at    INTEGER,
  finished_at   INTEGER,
  outcome       TEXT    NOT NULL DEFAULT 'running',  -- running | ok | failed | skipped
  detail        TEXT    NOT NULL DEFAULT '',
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (job, scheduled_at)
);
CREATE INDEX job_runs_by_time ON job_runs (scheduled_at);

CREATE TABLE alert_outbox (
  id               INTEGER PRIMARY KEY,
  dedupe_key       TEXT    NOT NULL UNIQUE,     -- same alert twice = one row
  severity         TEXT    NOT NULL,            -- info | warning | critical
  title            TEXT    NOT NULL,
  body             TEXT    NOT NULL DEFAULT '',
  state            TEXT    NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'sent', 'dropped')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT    NOT NULL DEFAULT '',
  created_at       INTEGER NOT NULL,
  sent_at          INTEGER,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX alert_outbox_pending ON alert_outbox (state, next_attempt_at);
CREATE INDEX alert_outbox_by_created ON alert_outbox (created_at);
)SQL";
}

} // namespace courtside::storage::detail
