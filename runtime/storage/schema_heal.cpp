// Migration 4: what the self-healing jobs remember between passes, so neither can loop.
// FROZEN once shipped, like migrations 1 and 2: change it with a new migration.
#include "runtime/storage/schema_sql.hpp"

namespace courtside::storage::detail {

std::string_view heal_schema_sql() {
  return R"SQL(
-- The reconciler's re-runs per ledger row (actors/orchestrators/reconciler.hpp). A row exists
-- while the reconciler is healing that (date, phase): it counts the re-runs started since the
-- row was last seen healthy (bounded by reconciler_settings::max_reruns) and says when the
-- reconciler gave up, left the row FAILED and alerted (once). Deleted when the row is healthy
-- again, so a later loss of the same output gets a fresh budget.
CREATE TABLE ledger_reruns (
  game_date      TEXT    NOT NULL,
  phase          TEXT    NOT NULL,             -- raw, analytics, precompute, predictions, publish
  reruns         INTEGER NOT NULL DEFAULT 0,   -- re-runs started by the reconciler
  last_reason    TEXT    NOT NULL DEFAULT '',  -- why the last re-run was started
  last_rerun_at  INTEGER,
  gave_up_at     INTEGER,                      -- out of re-runs: FAILED and alerted; NULL = not yet
  updated_at     INTEGER NOT NULL,
  PRIMARY KEY (game_date, phase)
);

-- Self-heal's attempts per game date and engine day (actors/self_heal/self_heal.hpp), bounded
-- by self_heal_settings::max_attempts_per_day; a new day starts a new row.
CREATE TABLE self_heal_actions (
  game_date    TEXT    NOT NULL,               -- the date healed
  day          TEXT    NOT NULL,               -- the engine's "today" when it acted
  attempts     INTEGER NOT NULL DEFAULT 0,     -- heals started that day
  last_action  TEXT    NOT NULL DEFAULT '',    -- what it did last ("re-run from analytics: ...",
                                               -- "gave up: ...")
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (game_date, day)
);
)SQL";
}

} // namespace courtside::storage::detail
