#include "runtime/storage/tables.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace courtside::storage {

namespace {

using phase = pipeline_phase;
constexpr date_format day = date_format::calendar_date;
constexpr date_format instant = date_format::unix_ms;

std::vector<table_declaration> make_declarations() {
  // name, phase, date column, its format, natural key, description. Keep one table per entry.
  return {
      {"raw_payloads", phase::raw, "fetched_at", instant, {"hash"},
       "Every fetched upstream body, once per content hash (SHA-256 hex): source, url, size."},
      {"schedule_games", phase::raw, "game_date", day, {"game_id", "source"},
       "One game of a schedule or scoreboard as one source reported it; game_id is the "
       "canonical YYYYMMDD_AWAY_HOME key."},
      {"player_box_scores", phase::raw, "game_date", day, {"game_id", "player_id", "source"},
       "One player's counting stats in one game, as one source reported them."},
      {"team_box_scores", phase::raw, "game_date", day, {"game_id", "team", "source"},
       "One team's totals in one game, as one source reported them."},
      {"prop_lines", phase::raw, "game_date", day, {"game_id", "player_id", "market", "book"},
       "The latest offered line per player, market and bookmaker."},
      {"source_reconciliation", phase::raw, "game_date", day, {"game_id", "player_id"},
       "NBA.com vs balldontlie per player and game: minutes and points side by side, "
       "mismatches flagged."},
      {"player_game_summary", phase::analytics, "game_date", day, {"game_id", "player_id"},
       "One row per player and game from the preferred source: shooting efficiency, usage, "
       "the prop line and its over/under result."},
      {"team_game_summary", phase::analytics, "game_date", day, {"game_id", "team"},
       "One row per team and game: possessions, pace, offensive and defensive ratings."},
      {"upcoming_player_context", phase::analytics, "game_date", day,
       {"game_date", "game_id", "player_id"},
       "Context for a player's next game: rest, back-to-back, recent averages, current line, "
       "opponent defence."},
      {"player_daily_cache", phase::precompute, "game_date", day, {"game_date", "player_id"},
       "Per player as of a date: averages, spread and minutes trend over recent games."},
      {"feature_store", phase::precompute, "game_date", day, {"game_date", "game_id", "player_id"},
       "The model inputs for one player and game, with a quality score 0-100."},
      {"predictions", phase::predictions, "game_date", day,
       {"game_date", "game_id", "player_id", "system"},
       "One system's predicted points for a player and game, and OVER/UNDER/PASS."},
      {"prediction_grades", phase::predictions, "game_date", day,
       {"game_date", "game_id", "player_id", "system"},
       "A past prediction against the result: absolute error, hit, voided when the player "
       "did not play."},
      {"exports", phase::publish, "game_date", day, {"game_date", "export_name"},
       "Each JSON export written for a date: where, how big, its content hash."},
      {"work_queue", phase::ops, "created_at", instant, {"kind", "item_key"},
       "Durable work items (runtime/storage/work_queue.hpp); the key is unique among items "
       "that are not done (a partial UNIQUE index)."},
      {"expected_outputs", phase::ops, "game_date", day, {"game_date", "phase", "output"},
       "The ledger: what each date should have produced per phase, and how far it got."},
      {"breaker_state", phase::ops, "updated_at", instant, {"name"},
       "Each circuit breaker's last persisted state, so a restart does not forget an outage."},
      {"job_runs", phase::ops, "scheduled_at", instant, {"job", "scheduled_at"},
       "One row per scheduled firing of a job: when, how it ended."},
      {"alert_outbox", phase::ops, "created_at", instant, {"dedupe_key"},
       "Alerts waiting to be delivered (or delivered), so an outage of Slack loses none."},
      {"ledger_reruns", phase::ops, "game_date", day, {"game_date", "phase"},
       "The reconciler's re-runs of a ledger row since it was last healthy, and when it gave "
       "up (left the row FAILED and alerted once)."},
      {"self_heal_actions", phase::ops, "game_date", day, {"game_date", "day"},
       "Self-heal's attempts per game date and engine day (bounded per day), and its last "
       "action."},
  };
}

struct column_facts {
  bool not_null = false;
  int pk_position = 0; ///< 0 = not in the primary key
};

storage_error mismatch(const table_declaration& table, const std::string& what) {
  return make_error(storage_errc::schema_mismatch,
                    "check_tables: " + std::string(table.name), what);
}

// Whether some UNIQUE index on the table covers exactly `key` (as a set of columns).
storage_result<bool> has_unique_index(database& db, const table_declaration& table,
                                      const std::set<std::string>& key) {
  const std::string ctx = "check_tables: pragma_index_list(" + std::string(table.name) + ")";
  auto list = db.prepare("SELECT name FROM pragma_index_list(?1) WHERE \"unique\" = 1", ctx);
  if (!list) return list.error();
  list.value().bind_text(1, table.name);
  std::vector<std::string> indexes;
  for (;;) {
    auto row = list.value().step();
    if (!row) return row.error();
    if (!row.value()) break;
    indexes.push_back(list.value().column_text(0));
  }
  for (const std::string& index : indexes) {
    auto info = db.prepare("SELECT name FROM pragma_index_info(?1)", ctx);
    if (!info) return info.error();
    info.value().bind_text(1, index);
    std::set<std::string> columns;
    for (;;) {
      auto row = info.value().step();
      if (!row) return row.error();
      if (!row.value()) break;
      columns.insert(info.value().column_text(0));
    }
    if (columns == key) return true;
  }
  return false;
}

storage_status check_table(database& db, const table_declaration& table) {
  const std::string ctx = "check_tables: pragma_table_info(" + std::string(table.name) + ")";
  auto info = db.prepare("SELECT name, \"notnull\", pk FROM pragma_table_info(?1)", ctx);
  if (!info) return info.error();
  info.value().bind_text(1, table.name);
  std::map<std::string, column_facts> columns;
  for (;;) {
    auto row = info.value().step();
    if (!row) return row.error();
    if (!row.value()) break;
    columns[info.value().column_text(0)] = column_facts{info.value().column_int64(1) != 0,
                                                        static_cast<int>(info.value().column_int64(2))};
  }
  if (columns.empty()) return mismatch(table, "table does not exist");
  if (columns.count(std::string(table.date_column)) == 0) {
    return mismatch(table, "date column '" + std::string(table.date_column) + "' is missing");
  }
  std::set<std::string> key(table.natural_key.begin(), table.natural_key.end());
  std::set<std::string> primary_key;
  for (const auto& [name, facts] : columns) {
    if (facts.pk_position > 0) primary_key.insert(name);
  }
  for (const std::string& column : key) {
    const auto found = columns.find(column);
    if (found == columns.end()) return mismatch(table, "key column '" + column + "' is missing");
    if (!found->second.not_null) {
      return mismatch(table, "key column '" + column + "' is not NOT NULL");
    }
  }
  if (primary_key == key) return {};
  auto unique = has_unique_index(db, table, key);
  if (!unique) return unique.error();
  if (!unique.value()) return mismatch(table, "no PRIMARY KEY or UNIQUE index on the natural key");
  return {};
}

} // namespace

const std::vector<table_declaration>& warehouse_tables() {
  static const std::vector<table_declaration> tables = make_declarations();
  return tables;
}

const table_declaration* find_table(std::string_view name) {
  const auto& tables = warehouse_tables();
  const auto found = std::find_if(tables.begin(), tables.end(),
                                  [&](const table_declaration& t) { return t.name == name; });
  return found == tables.end() ? nullptr : &*found;
}

std::vector<const table_declaration*> tables_of_phase(pipeline_phase phase) {
  std::vector<const table_declaration*> out;
  for (const auto& table : warehouse_tables()) {
    if (table.phase == phase) out.push_back(&table);
  }
  return out;
}

const char* to_string(pipeline_phase phase) noexcept {
  switch (phase) {
    case pipeline_phase::raw: return "raw";
    case pipeline_phase::analytics: return "analytics";
    case pipeline_phase::precompute: return "precompute";
    case pipeline_phase::predictions: return "predictions";
    case pipeline_phase::publish: return "publish";
    case pipeline_phase::ops: return "ops";
  }
  return "unknown";
}

std::optional<pipeline_phase> parse_pipeline_phase(std::string_view name) {
  for (auto p : {pipeline_phase::raw, pipeline_phase::analytics, pipeline_phase::precompute,
                 pipeline_phase::predictions, pipeline_phase::publish, pipeline_phase::ops}) {
    if (name == to_string(p)) return p;
  }
  return std::nullopt;
}

storage_status check_tables(database& db, const std::vector<table_declaration>& tables) {
  for (const auto& table : tables) {
    if (auto checked = check_table(db, table); !checked) return checked;
  }
  return {};
}

storage_status check_tables(database& db) { return check_tables(db, warehouse_tables()); }

} // namespace courtside::storage
