// Migration 1: the warehouse tables, raw → publish. FROZEN once shipped: change the schema
// with a new migration (ALTER TABLE ... ADD COLUMN), never by editing this text, or files
// created before and after the edit would differ. tables.cpp declares each table's date column
// and natural key; the natural key is the PRIMARY KEY here, over NOT NULL columns.
//
// Conventions: game_date is TEXT "YYYY-MM-DD" (US Eastern date of tip-off); instants are
// INTEGER unix milliseconds (*_at); game_id is the canonical "YYYYMMDD_AWAY_HOME" key;
// player_id is the canonical player identity; counts are INTEGER, minutes are whole seconds;
// raw_hash points at the raw_payloads row a row was parsed from.
#include "runtime/storage/schema_sql.hpp"

namespace courtside::storage::detail {

std::string_view warehouse_schema_sql() {
  return R"SQL(
CREATE TABLE raw_payloads (
  hash        TEXT    NOT NULL PRIMARY KEY,  -- SHA-256 of body, lower-case hex
  source      TEXT    NOT NULL,
  url         TEXT    NOT NULL,              -- redacted: no keys or tokens
  fetched_at  INTEGER NOT NULL,
  size_bytes  INTEGER NOT NULL,
  body        BLOB    NOT NULL
);
CREATE INDEX raw_payloads_by_source ON raw_payloads (source, fetched_at);

CREATE TABLE schedule_games (
  game_id        TEXT    NOT NULL,
  source         TEXT    NOT NULL,
  game_date      TEXT    NOT NULL,
  season         INTEGER,
  start_time_utc TEXT    NOT NULL DEFAULT '',
  home_team      TEXT    NOT NULL,
  away_team      TEXT    NOT NULL,
  status         TEXT    NOT NULL,           -- unknown | pre | live | final
  home_score     INTEGER,
  away_score     INTEGER,
  nba_game_id    TEXT    NOT NULL DEFAULT '',
  raw_hash       TEXT,
  updated_at     INTEGER NOT NULL,
  PRIMARY KEY (game_id, source)
);
CREATE INDEX schedule_games_by_date ON schedule_games (game_date);

CREATE TABLE player_box_scores (
  game_id        TEXT    NOT NULL,
  player_id      TEXT    NOT NULL,
  source         TEXT    NOT NULL,
  game_date      TEXT    NOT NULL,
  team           TEXT    NOT NULL,
  player_name    TEXT    NOT NULL DEFAULT '',
  starter        INTEGER,
  participation  TEXT    NOT NULL DEFAULT 'unknown',
  seconds_played INTEGER,
  pts INTEGER, reb INTEGER, oreb INTEGER, dreb INTEGER, ast INTEGER, stl INTEGER,
  blk INTEGER, tov INTEGER, pf INTEGER, fgm INTEGER, fga INTEGER, fg3m INTEGER,
  fg3a INTEGER, ftm INTEGER, fta INTEGER, plus_minus INTEGER,
  raw_hash       TEXT,
  updated_at     INTEGER NOT NULL,
  PRIMARY KEY (game_id, player_id, source)
);
CREATE INDEX player_box_scores_by_date ON player_box_scores (game_date);

CREATE TABLE team_box_scores (
  game_id        TEXT    NOT NULL,
  team           TEXT    NOT NULL,
  source         TEXT    NOT NULL,
  game_date      TEXT    NOT NULL,
  side           TEXT    NOT NULL DEFAULT 'unknown',  -- home | away | unknown
  score          INTEGER,
  pts INTEGER, reb INTEGER, oreb INTEGER, dreb INTEGER, ast INTEGER, stl INTEGER,
  blk INTEGER, tov INTEGER, pf INTEGER, fgm INTEGER, fga INTEGER, fg3m INTEGER,
  fg3a INTEGER, ftm INTEGER, fta INTEGER,
  raw_hash       TEXT,
  updated_at     INTEGER NOT NULL,
  PRIMARY KEY (game_id, team, source)
);
CREATE INDEX team_box_scores_by_date ON team_box_scores (game_date);

CREATE TABLE prop_lines (
  game_id      TEXT    NOT NULL,
  player_id    TEXT    NOT NULL,
  market       TEXT    NOT NULL,             -- "player_points"
  book         TEXT    NOT NULL,             -- "fanduel"
  game_date    TEXT    NOT NULL,
  event_id     TEXT    NOT NULL DEFAULT '',
  line         REAL,
  over_price   REAL,
  under_price  REAL,
  last_update  TEXT    NOT NULL DEFAULT '',  -- the book's ISO-8601 update time
  raw_hash     TEXT,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (game_id, player_id, market, book)
);
CREATE INDEX prop_lines_by_date ON prop_lines (game_date);

CREATE TABLE source_reconciliation (
  game_id            TEXT    NOT NULL,
  player_id          TEXT    NOT NULL,
  game_date          TEXT    NOT NULL,
  primary_source     TEXT    NOT NULL,
  secondary_source   TEXT    NOT NULL,
  primary_seconds    INTEGER,
  secondary_seconds  INTEGER,
  primary_pts        INTEGER,
  secondary_pts      INTEGER,
  mismatch           INTEGER NOT NULL DEFAULT 0 CHECK (mismatch IN (0, 1)),
  mismatch_fields    TEXT    NOT NULL DEFAULT '',  -- "seconds,pts"
  updated_at         INTEGER NOT NULL,
  PRIMARY KEY (game_id, player_id)
);
CREATE INDEX source_reconciliation_by_date ON source_reconciliation (game_date);

CREATE TABLE player_game_summary (
  game_id        TEXT    NOT NULL,
  player_id      TEXT    NOT NULL,
  game_date      TEXT    NOT NULL,
  team           TEXT    NOT NULL,
  opponent       TEXT    NOT NULL,
  source_used    TEXT    NOT NULL,
  seconds_played INTEGER,
  pts INTEGER, reb INTEGER, ast INTEGER, fgm INTEGER, fga INTEGER, fg3m INTEGER,
  fg3a INTEGER, ftm INTEGER, fta INTEGER, tov INTEGER,
  ts_pct         REAL,
  efg_pct        REAL,
  usage_pct      REAL,
  prop_line      REAL,
  over_under     TEXT    NOT NULL DEFAULT '',   -- OVER | UNDER | PUSH | '' (no line)
  updated_at     INTEGER NOT NULL,
  PRIMARY KEY (game_id, player_id)
);
CREATE INDEX player_game_summary_by_date ON player_game_summary (game_date);
CREATE INDEX player_game_summary_by_player ON player_game_summary (player_id, game_date);

CREATE TABLE team_game_summary (
  game_id      TEXT    NOT NULL,
  team         TEXT    NOT NULL,
  game_date    TEXT    NOT NULL,
  opponent     TEXT    NOT NULL,
  side         TEXT    NOT NULL DEFAULT 'unknown',
  pts          INTEGER,
  opp_pts      INTEGER,
  possessions  REAL,
  pace         REAL,
  off_rating   REAL,
  def_rating   REAL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (game_id, team)
);
CREATE INDEX team_game_summary_by_date ON team_game_summary (game_date);

CREATE TABLE upcoming_player_context (
  game_date            TEXT    NOT NULL,
  game_id              TEXT    NOT NULL,
  player_id            TEXT    NOT NULL,
  team                 TEXT    NOT NULL,
  opponent             TEXT    NOT NULL,
  rest_days            INTEGER,
  back_to_back         INTEGER NOT NULL DEFAULT 0 CHECK (back_to_back IN (0, 1)),
  last5_pts            REAL,
  last10_pts           REAL,
  current_line         REAL,
  opponent_def_rating  REAL,
  updated_at           INTEGER NOT NULL,
  PRIMARY KEY (game_date, game_id, player_id)
);

CREATE TABLE player_daily_cache (
  game_date      TEXT    NOT NULL,   -- "as of" this date, games before it
  player_id      TEXT    NOT NULL,
  games_played   INTEGER NOT NULL DEFAULT 0,
  avg_pts        REAL,
  std_pts        REAL,
  avg_seconds    REAL,
  minutes_trend  REAL,
  updated_at     INTEGER NOT NULL,
  PRIMARY KEY (game_date, player_id)
);

CREATE TABLE feature_store (
  game_date           TEXT    NOT NULL,
  game_id             TEXT    NOT NULL,
  player_id           TEXT    NOT NULL,
  features            TEXT    NOT NULL,   -- JSON object, name -> number
  quality_score       INTEGER NOT NULL CHECK (quality_score BETWEEN 0 AND 100),
  defaulted_features  INTEGER NOT NULL DEFAULT 0,
  updated_at          INTEGER NOT NULL,
  PRIMARY KEY (game_date, game_id, player_id)
);

CREATE TABLE predictions (
  game_date       TEXT    NOT NULL,
  game_id         TEXT    NOT NULL,
  player_id       TEXT    NOT NULL,
  system          TEXT    NOT NULL,   -- "moving_average", "regression", "ensemble"
  predicted_pts   REAL    NOT NULL,
  confidence      REAL    NOT NULL,
  line            REAL,
  recommendation  TEXT    NOT NULL CHECK (recommendation IN ('OVER', 'UNDER', 'PASS')),
  updated_at      INTEGER NOT NULL,
  PRIMARY KEY (game_date, game_id, player_id, system)
);

CREATE TABLE prediction_grades (
  game_date      TEXT    NOT NULL,
  game_id        TEXT    NOT NULL,
  player_id      TEXT    NOT NULL,
  system         TEXT    NOT NULL,
  actual_pts     INTEGER,
  abs_error      REAL,
  hit            INTEGER CHECK (hit IN (0, 1)),
  voided         INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),  -- did not play
  updated_at     INTEGER NOT NULL,
  PRIMARY KEY (game_date, game_id, player_id, system)
);

CREATE TABLE exports (
  game_date     TEXT    NOT NULL,
  export_name   TEXT    NOT NULL,   -- "tonight", "results", "players/<player_id>"
  path          TEXT    NOT NULL,
  content_hash  TEXT    NOT NULL,
  size_bytes    INTEGER NOT NULL,
  written_at    INTEGER NOT NULL,
  PRIMARY KEY (game_date, export_name)
);
)SQL";
}

} // namespace courtside::storage::detail
