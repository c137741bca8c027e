// Spec for runtime/storage/tables.hpp: the declarations and the migrated schema agree, checked
// here straight from PRAGMA table_info / index_list / index_info, and by check_tables().
#include "runtime/storage/tables.hpp"

#include "unit/runtime/storage/scratch.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

using namespace courtside::storage;
using namespace courtside::storage::test;

namespace {

struct column_info {
  std::string type;
  bool not_null = false;
  int pk = 0;
};

std::map<std::string, column_info> table_info(database& db, std::string_view table) {
  auto st = db.prepare("PRAGMA table_info(\"" + std::string(table) + "\")", "test: table_info");
  REQUIRE_OK(st);
  std::map<std::string, column_info> columns;
  while (st.value().step().value()) {
    columns[st.value().column_text(1)] = column_info{
        st.value().column_text(2), st.value().column_int64(3) != 0,
        static_cast<int>(st.value().column_int64(5))};
  }
  return columns;
}

// The column sets of every UNIQUE index of `table` (primary-key and partial ones included).
std::vector<std::set<std::string>> unique_indexes(database& db, std::string_view table) {
  std::vector<std::string> names;
  {
    auto list = db.prepare("PRAGMA index_list(\"" + std::string(table) + "\")", "test");
    REQUIRE_OK(list);
    while (list.value().step().value()) {
      if (list.value().column_int64(2) == 1) names.push_back(list.value().column_text(1));
    }
  }
  std::vector<std::set<std::string>> out;
  for (const auto& name : names) {
    auto info = db.prepare("PRAGMA index_info(\"" + name + "\")", "test");
    REQUIRE_OK(info);
    std::set<std::string> columns;
    while (info.value().step().value()) columns.insert(info.value().column_text(2));
    out.push_back(columns);
  }
  return out;
}

} // namespace

TEST_CASE("every declared table exists with its date column and its natural key as a key",
          "[storage][tables]") {
  database db = fresh_warehouse();
  for (const table_declaration& table : warehouse_tables()) {
    INFO("table " << table.name);
    const auto columns = table_info(db, table.name);
    REQUIRE_FALSE(columns.empty());
    REQUIRE(columns.count(std::string(table.date_column)) == 1);
    const std::string date_type = columns.at(std::string(table.date_column)).type;
    CHECK(date_type == (table.date_kind == date_format::calendar_date ? "TEXT" : "INTEGER"));

    const std::set<std::string> key(table.natural_key.begin(), table.natural_key.end());
    std::set<std::string> primary_key;
    for (const auto& [name, info] : columns) {
      if (info.pk > 0) primary_key.insert(name);
    }
    for (const auto& column : key) {
      INFO("key column " << column);
      REQUIRE(columns.count(column) == 1);
      CHECK(columns.at(column).not_null);
    }
    const auto uniques = unique_indexes(db, table.name);
    const bool keyed = primary_key == key ||
                       std::find(uniques.begin(), uniques.end(), key) != uniques.end();
    CHECK(keyed);
  }
  REQUIRE_OK(check_tables(db));
}

TEST_CASE("every table in the schema is declared (schema_version aside)", "[storage][tables]") {
  database db = fresh_warehouse();
  auto st = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                       "name NOT LIKE 'sqlite_%' AND name <> 'schema_version'",
                       "test");
  REQUIRE_OK(st);
  while (st.value().step().value()) {
    const std::string name = st.value().column_text(0);
    INFO("table " << name);
    CHECK(find_table(name) != nullptr);
  }
}

TEST_CASE("the tables the pipeline needs are declared once each, with their natural keys",
          "[storage][tables]") {
  std::set<std::string_view> names;
  for (const auto& table : warehouse_tables()) {
    CHECK(names.insert(table.name).second);
    CHECK_FALSE(table.description.empty());
  }
  for (const char* required :
       {"raw_payloads", "schedule_games", "player_box_scores", "team_box_scores", "prop_lines",
        "source_reconciliation", "player_game_summary", "team_game_summary",
        "upcoming_player_context", "player_daily_cache", "feature_store", "predictions",
        "prediction_grades", "exports", "work_queue", "expected_outputs", "breaker_state",
        "job_runs", "alert_outbox"}) {
    INFO(required);
    CHECK(names.count(required) == 1);
  }
  using keys = std::vector<std::string_view>;
  CHECK(find_table("raw_payloads")->natural_key == keys{"hash"});
  CHECK(find_table("player_box_scores")->natural_key == keys{"game_id", "player_id", "source"});
  CHECK(find_table("predictions")->natural_key ==
        keys{"game_date", "game_id", "player_id", "system"});
  CHECK(find_table("no_such_table") == nullptr);
}

TEST_CASE("tables are grouped by the phase that writes them", "[storage][tables]") {
  const auto raw = tables_of_phase(pipeline_phase::raw);
  REQUIRE_FALSE(raw.empty());
  CHECK(raw.front()->name == "raw_payloads");
  for (const auto* table : tables_of_phase(pipeline_phase::ops)) {
    CHECK(table->phase == pipeline_phase::ops);
  }
  for (auto p : {pipeline_phase::raw, pipeline_phase::analytics, pipeline_phase::precompute,
                 pipeline_phase::predictions, pipeline_phase::publish, pipeline_phase::ops}) {
    CHECK(parse_pipeline_phase(to_string(p)) == p);
    CHECK_FALSE(tables_of_phase(p).empty());
  }
  CHECK_FALSE(parse_pipeline_phase("phase7").has_value());
}

TEST_CASE("check_tables names a table whose key is not unique, nullable, or that is missing",
          "[storage][tables]") {
  database db = fresh_warehouse();
  REQUIRE_OK(db.exec("CREATE TABLE loose (d TEXT NOT NULL, a TEXT NOT NULL, b TEXT);"
                     "CREATE UNIQUE INDEX loose_ab ON loose (a, b)",
                     "test: CREATE loose"));
  const table_declaration no_unique{"loose", pipeline_phase::raw, "d", date_format::calendar_date,
                                    {"a"}, "key a is not unique on its own"};
  auto not_unique = check_tables(db, {no_unique});
  REQUIRE_FALSE(not_unique);
  CHECK(not_unique.error().code == storage_errc::schema_mismatch);
  CHECK_THAT(not_unique.error().context, Catch::Contains("loose"));

  table_declaration nullable = no_unique;
  nullable.natural_key = {"a", "b"};
  auto null_key = check_tables(db, {nullable});
  REQUIRE_FALSE(null_key);
  CHECK_THAT(null_key.error().message, Catch::Contains("'b'"));

  table_declaration wrong_date = no_unique;
  wrong_date.date_column = "game_date";
  CHECK_FALSE(check_tables(db, {wrong_date}));

  table_declaration missing = no_unique;
  missing.name = "not_there";
  auto absent = check_tables(db, {missing});
  REQUIRE_FALSE(absent);
  CHECK_THAT(absent.error().message, Catch::Contains("does not exist"));
}
