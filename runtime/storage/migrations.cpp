#include "runtime/storage/migrations.hpp"

#include "runtime/storage/schema_sql.hpp"

#include <string>

namespace courtside::storage {

namespace {

constexpr std::string_view version_table_sql =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY,"
    " description TEXT NOT NULL,"
    " applied_at INTEGER NOT NULL)";

// Migration 3 (FROZEN once shipped): the outbox holds one row per message and webhook, in
// delivery order per webhook; the payload is the rendered Slack JSON, so a restart resends
// exactly the bytes that were decided on. 'dropped' is the dead-letter state.
constexpr std::string_view alert_outbox_routing_sql = R"SQL(
ALTER TABLE alert_outbox ADD COLUMN webhook TEXT NOT NULL DEFAULT '';
ALTER TABLE alert_outbox ADD COLUMN alert_key TEXT NOT NULL DEFAULT '';
ALTER TABLE alert_outbox ADD COLUMN payload TEXT NOT NULL DEFAULT '';
CREATE INDEX alert_outbox_by_webhook ON alert_outbox (webhook, state, id);
)SQL";

// Migration 5 (FROZEN once shipped): the history reads of phases 4-6 (a player's last 10
// games, a team's last 15, per player and date: ~150,000 a season) walk an index backwards
// from the date and stop at their LIMIT. Keyed on (…, game_date, game_id) — their ORDER BY —
// so no sort of the whole history is needed; the player index covers every column the read
// returns, so it never touches the table.
constexpr std::string_view history_indexes_sql = R"SQL(
DROP INDEX player_game_summary_by_player;
CREATE INDEX player_game_summary_history ON player_game_summary
  (player_id, game_date, game_id, team, opponent, seconds_played, pts, ts_pct, usage_pct);
CREATE INDEX team_game_summary_history ON team_game_summary (team, game_date, game_id);
)SQL";

std::string migration_context(const migration& m) {
  return "migration v" + std::to_string(m.version) + " (" + std::string(m.description) + ")";
}

storage_status check_order(const std::vector<migration>& migrations) {
  int previous = 0;
  for (const auto& m : migrations) {
    if (m.version <= previous) {
      return make_error(storage_errc::misuse, "migrate",
                        "migration versions must increase from 1; v" + std::to_string(m.version) +
                            " follows v" + std::to_string(previous));
    }
    previous = m.version;
  }
  return {};
}

// Applies one migration unless a concurrent migrator got there first: the check runs inside
// the write lock that BEGIN IMMEDIATE takes, so two processes never apply the same version.
storage_result<bool> apply(database& db, const migration& m, unix_ms now) {
  const std::string ctx = migration_context(m);
  auto tx = db.begin(ctx);
  if (!tx) return tx.error();
  if (auto made = db.exec(version_table_sql, ctx + ": CREATE schema_version"); !made) {
    return made.error();
  }
  auto seen = db.prepare("SELECT count(*) FROM schema_version WHERE version = ?1",
                         ctx + ": SELECT schema_version");
  if (!seen) return seen.error();
  seen.value().bind_int64(1, m.version);
  auto row = seen.value().step();
  if (!row) return row.error();
  const bool already = row.value() && seen.value().column_int64(0) > 0;
  seen.value().reset();
  if (already) return false;
  if (auto ran = db.exec(m.sql, ctx); !ran) return ran.error();
  auto record = db.prepare(
      "INSERT INTO schema_version (version, description, applied_at) VALUES (?1, ?2, ?3)",
      ctx + ": INSERT schema_version");
  if (!record) return record.error();
  record.value().bind_int64(1, m.version).bind_text(2, m.description).bind_int64(3, now);
  if (auto inserted = record.value().run(); !inserted) return inserted.error();
  if (auto committed = tx.value().commit(); !committed) return committed.error();
  return true;
}

} // namespace

const std::vector<migration>& warehouse_migrations() {
  static const std::vector<migration> migrations = {
      {1, "warehouse tables: raw, analytics, precompute, predictions, publish",
       detail::warehouse_schema_sql()},
      {2, "ops tables: work queue, expected outputs, breakers, job runs, alert outbox",
       detail::ops_schema_sql()},
      {3, "alert outbox: destination webhook, alert key and rendered payload per message",
       alert_outbox_routing_sql},
      {4, "self-healing: reconciler re-runs per ledger row, self-heal attempts per date and day",
       detail::heal_schema_sql()},
      {5, "history indexes: a player's and a team's latest games before a date, newest first",
       history_indexes_sql},
  };
  return migrations;
}

storage_result<int> schema_version(database& db) {
  auto exists = db.query_int64(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
      "schema_version: SELECT sqlite_master");
  if (!exists) return exists.error();
  if (exists.value() == 0) return 0;
  auto version = db.query_int64("SELECT coalesce(max(version), 0) FROM schema_version",
                                "schema_version: SELECT schema_version");
  if (!version) return version.error();
  return static_cast<int>(version.value());
}

storage_result<migration_report> migrate(database& db, const std::vector<migration>& migrations,
                                         unix_ms now) {
  if (auto ordered = check_order(migrations); !ordered) return ordered.error();
  auto before = schema_version(db);
  if (!before) return before.error();
  migration_report report{before.value(), before.value(), 0};
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  if (report.from_version > newest) {
    return make_error(storage_errc::schema_mismatch, "migrate " + db.path(),
                      "the file's schema is v" + std::to_string(report.from_version) +
                          ", newer than this build knows (v" + std::to_string(newest) + ")");
  }
  for (const auto& m : migrations) {
    if (m.version <= report.from_version) continue;
    auto applied = apply(db, m, now);
    if (!applied) return applied.error();
    if (applied.value()) ++report.applied;
    report.to_version = m.version;
  }
  return report;
}

storage_result<migration_report> migrate(database& db, unix_ms now) {
  return migrate(db, warehouse_migrations(), now);
}

} // namespace courtside::storage
