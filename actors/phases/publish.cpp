#include "actors/phases/publish.hpp"

#include "actors/phases/history.hpp"
#include "actors/phases/json_out.hpp"
#include "actors/phases/sql_rows.hpp"
#include "actors/phases/stats_math.hpp"
#include "runtime/storage/sha256.hpp"

#include <map>
#include <utility>

namespace courtside::phases {

namespace {

using detail::json_out;
using storage::statement;
using storage::storage_result;
using storage::storage_status;

struct system_row {
  std::string system, recommendation;
  double predicted = 0, confidence = 0;
  std::optional<double> line;
};

struct grade_row {
  std::optional<int> actual;
  std::optional<double> abs_error;
  std::optional<int> hit;
  bool voided = false;
};

struct player_entry {
  std::string game_id, player_id, name, team, opponent;
  std::vector<system_row> systems; // by system name
  std::map<std::string, grade_row> grades;
  std::vector<played_game> recent; // newest first, before the date
};

storage_result<std::vector<player_entry>> load_entries(storage::database& db, std::string_view date) {
  std::vector<player_entry> entries;
  auto read = detail::query_rows(
      db,
      "SELECT game_id, player_id, system, recommendation, predicted_pts, confidence, line"
      " FROM predictions WHERE game_date = ?1 ORDER BY game_id, player_id, system",
      "run_publish: SELECT predictions", [&](statement& s) { s.bind_text(1, date); },
      [&](statement& s) {
        const std::string game = s.column_text(0), player = s.column_text(1);
        if (entries.empty() || entries.back().game_id != game || entries.back().player_id != player) {
          entries.push_back(player_entry{game, player, {}, {}, {}, {}, {}, {}});
        }
        entries.back().systems.push_back({s.column_text(2), s.column_text(3), s.column_double(4),
                                          s.column_double(5), detail::opt_double(s, 6)});
      });
  if (!read) return read.error();
  for (player_entry& e : entries) {
    auto grades = detail::query_rows(
        db,
        "SELECT system, actual_pts, abs_error, hit, voided FROM prediction_grades"
        " WHERE game_date = ?1 AND game_id = ?2 AND player_id = ?3",
        "run_publish: SELECT prediction_grades",
        [&](statement& s) { s.bind_text(1, date).bind_text(2, e.game_id).bind_text(3, e.player_id); },
        [&](statement& s) {
          e.grades[s.column_text(0)] = grade_row{detail::opt_int(s, 1), detail::opt_double(s, 2),
                                                 detail::opt_int(s, 3), s.column_int64(4) != 0};
        });
    if (!grades) return grades.error();
    auto recent = player_history(db, e.player_id, date, 10);
    if (!recent) return recent.error();
    e.recent = std::move(recent).value();
    if (e.recent.empty()) continue;
    e.team = e.recent.front().team;
    auto name = detail::query_rows(
        db, "SELECT player_name FROM player_box_scores WHERE game_id = ?1 AND player_id = ?2"
            " AND player_name <> '' ORDER BY source LIMIT 1",
        "run_publish: SELECT player_box_scores",
        [&](statement& s) { s.bind_text(1, e.recent.front().game_id).bind_text(2, e.player_id); },
        [&](statement& s) { e.name = s.column_text(0); });
    if (!name) return name.error();
  }
  return entries;
}

void write_systems(json_out& j, const player_entry& e) {
  j.key("systems").begin_object();
  for (const system_row& s : e.systems) {
    j.key(s.system).begin_object().field("predicted_pts", s.predicted)
        .field("confidence", s.confidence).field("recommendation", s.recommendation).end_object();
  }
  j.end_object();
}

void write_grades(json_out& j, const player_entry& e) {
  j.key("grades").begin_object();
  for (const auto& [system, g] : e.grades) {
    j.key(system).begin_object().field("abs_error", g.abs_error)
        .field("hit", g.hit ? std::optional<bool>(*g.hit != 0) : std::nullopt)
        .field("voided", g.voided).end_object();
  }
  j.end_object();
}

std::optional<double> line_of(const player_entry& e) {
  return e.systems.empty() ? std::nullopt : e.systems.front().line;
}

std::optional<int> actual_of(const player_entry& e) {
  for (const auto& [system, g] : e.grades) {
    if (g.actual) return g.actual;
  }
  return std::nullopt;
}

void player_header(json_out& j, const player_entry& e) {
  j.field("game_id", e.game_id).field("player_id", e.player_id).field("player_name", e.name)
      .field("team", e.team).field("line", line_of(e));
}

std::string tonight_json(std::string_view date, const std::vector<scheduled_game>& games,
                         const std::vector<player_entry>& entries) {
  json_out j;
  j.begin_object().field("date", date).key("games").begin_array();
  for (const scheduled_game& g : games) {
    j.begin_object().field("game_id", g.game_id).field("away", g.away).field("home", g.home)
        .field("final", g.final).end_object();
  }
  j.end_array().key("picks").begin_array();
  for (const player_entry& e : entries) {
    j.begin_object();
    player_header(j, e);
    for (const system_row& s : e.systems) {
      if (s.system != "ensemble") continue;
      j.field("predicted_pts", s.predicted).field("confidence", s.confidence)
          .field("recommendation", s.recommendation);
    }
    write_systems(j, e);
    j.end_object();
  }
  j.end_array().end_object();
  return j.str() + "\n";
}

std::string results_json(std::string_view date, const std::vector<player_entry>& entries) {
  struct tally {
    int graded = 0, voided = 0, decisions = 0, hits = 0;
    double error_sum = 0;
  };
  std::map<std::string, tally> by_system;
  for (const player_entry& e : entries) {
    for (const auto& [system, g] : e.grades) {
      tally& t = by_system[system];
      if (g.voided) { ++t.voided; continue; }
      ++t.graded;
      t.error_sum += g.abs_error.value_or(0);
      if (g.hit) { ++t.decisions; t.hits += *g.hit; }
    }
  }
  json_out j;
  j.begin_object().field("date", date).key("systems").begin_object();
  for (const auto& [system, t] : by_system) {
    j.key(system).begin_object().field("graded", t.graded).field("voided", t.voided)
        .field("decisions", t.decisions).field("hits", t.hits)
        .field("hit_rate", t.decisions ? std::optional<double>(round_to(double(t.hits) / t.decisions, 3)) : std::nullopt)
        .field("mae", t.graded ? std::optional<double>(round_to(t.error_sum / t.graded, 2)) : std::nullopt)
        .end_object();
  }
  j.end_object().key("players").begin_array();
  for (const player_entry& e : entries) {
    if (e.grades.empty()) continue;
    j.begin_object();
    player_header(j, e);
    j.field("actual_pts", actual_of(e));
    write_grades(j, e);
    j.end_object();
  }
  j.end_array().end_object();
  return j.str() + "\n";
}

std::string player_json(std::string_view date, const player_entry& e) {
  json_out j;
  j.begin_object().field("date", date);
  player_header(j, e);
  j.key("recent_games").begin_array();
  for (const played_game& g : e.recent) {
    j.begin_object().field("game_date", g.game_date).field("game_id", g.game_id)
        .field("opponent", g.opponent).field("pts", g.pts).field("seconds", g.seconds).end_object();
  }
  j.end_array();
  write_systems(j, e);
  j.field("actual_pts", actual_of(e));
  write_grades(j, e);
  j.end_object();
  return j.str() + "\n";
}

// What the date's predictions and grades are made of, as a version: the predictions phase's
// run count in the ledger (each run adds one in the transaction that writes its rows and
// grades, and nothing lowers it), so any re-run changes it — even one stamped in the same
// millisecond, as under a virtual clock; then row counts and latest stamps, for writes made
// without the ledger (tools, tests).
storage_result<std::string> inputs_version(storage::database& db, std::string_view date) {
  std::string version;
  auto read = detail::query_rows(
      db,
      "SELECT (SELECT coalesce(max(attempts), 0) FROM expected_outputs WHERE game_date = ?1"
      " AND phase = 'predictions') || '/' ||"
      " (SELECT count(*) || ':' || coalesce(max(updated_at), 0) FROM predictions"
      " WHERE game_date = ?1) || '/' || (SELECT count(*) || ':' || coalesce(max(updated_at), 0)"
      " FROM prediction_grades WHERE game_date = ?1)",
      "run_publish: SELECT predictions, prediction_grades", [&](statement& s) { s.bind_text(1, date); },
      [&](statement& s) { version = s.column_text(0); });
  if (!read) return read.error();
  return version;
}

thread_local defer_exports* innermost_deferral = nullptr;

constexpr std::string_view upsert_sql =
    "INSERT INTO exports (game_date, export_name, path, content_hash, size_bytes, written_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (game_date, export_name) DO UPDATE SET"
    " path = excluded.path, content_hash = excluded.content_hash,"
    " size_bytes = excluded.size_bytes, written_at = excluded.written_at";

} // namespace

std::string player_file_name(std::string_view player_id) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (const char ch : player_id) {
    const auto byte = static_cast<unsigned char>(ch);
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      out += ch;
    } else if (ch == ' ') {
      out += '-';
    } else {
      out += '_';
      out += hex[byte >> 4];
      out += hex[byte & 0x0f];
    }
  }
  return out;
}

storage_result<phase_outcome> run_publish(storage::database& db, std::string_view date,
                                          const std::filesystem::path& exports_dir,
                                          storage::unix_ms now, const atomic_write_options& options) {
  phase_outcome out;
  out.rows_written["exports"] = 0;
  auto games = games_of_date(db, date);
  if (!games) return games.error();
  if (games.value().empty()) {
    out.empty = true;
    return out;
  }
  auto entries = load_entries(db, date);
  if (!entries) return entries.error();
  out.inputs_seen = static_cast<std::int64_t>(entries.value().size());

  std::vector<std::string> names; // export name of each file, in order
  std::vector<std::string> contents;
  names.emplace_back("tonight");
  contents.push_back(tonight_json(date, games.value(), entries.value()));
  names.emplace_back("results");
  contents.push_back(results_json(date, entries.value()));
  for (const player_entry& e : entries.value()) {
    names.push_back("players/" + e.player_id);
    contents.push_back(player_json(date, e));
  }
  std::vector<std::string> relatives; // path of each file under exports_dir
  std::vector<file_write> files;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    const bool is_player = name.rfind("players/", 0) == 0;
    const std::filesystem::path relative =
        std::filesystem::path(std::string(date)) /
        (is_player ? std::filesystem::path("players") / (player_file_name(name.substr(8)) + ".json")
                   : std::filesystem::path(name + ".json"));
    relatives.push_back(relative.generic_string());
    files.push_back(file_write{exports_dir / relative, std::move(contents[i])});
  }

  defer_exports* deferral = defer_exports::current();
  if (!deferral) { // the files first: a row exists only once its file is durably in place
    if (auto wrote = write_files_atomically(files, options); !wrote) return wrote.error();
  }
  auto tx = db.begin("run_publish: exports");
  if (!tx) return tx.error();
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string& content = files[i].content;
    auto st = db.prepare(upsert_sql, "run_publish: UPSERT exports");
    if (!st) return st.error();
    st.value().bind_text(1, date).bind_text(2, names[i]).bind_text(3, relatives[i])
        .bind_text(4, storage::sha256_hex(content)).bind_int64(5, static_cast<std::int64_t>(content.size()))
        .bind_int64(6, now);
    if (auto ran = st.value().run(); !ran) return ran.error();
    ++out.rows_written["exports"];
  }
  std::string version;
  if (deferral) {
    auto read = inputs_version(db, date);
    if (!read) return read.error();
    version = std::move(read).value();
  }
  if (auto done = tx.value().commit(); !done) return done.error();
  if (deferral) {
    pending_exports batch{std::string(date), std::move(files), options, {}};
    batch.still_current = [date = batch.date, version](storage::database& later) -> storage_result<bool> {
      auto current = inputs_version(later, date);
      if (!current) return current.error();
      return current.value() == version;
    };
    deferral->add(std::move(batch));
  }
  return out;
}

defer_exports::defer_exports() : outer_(innermost_deferral) { innermost_deferral = this; }

defer_exports::~defer_exports() { innermost_deferral = outer_; }

defer_exports* defer_exports::current() { return innermost_deferral; }

void defer_exports::add(pending_exports batch) { pending_.push_back(std::move(batch)); }

std::vector<pending_exports> defer_exports::take() { return std::exchange(pending_, {}); }

} // namespace courtside::phases
