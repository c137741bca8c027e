#include "actors/control/warehouse_view.hpp"

#include <functional>

#include "runtime/storage/tables.hpp"

namespace courtside::control {
namespace {

using storage::database;
using storage::statement;
using storage::storage_result;
using storage::storage_status;

using binder = std::function<void(statement&)>;

// Runs `sql` and calls on_row for every result row.
template <class OnRow>
storage_status for_rows(database& db, std::string_view sql, std::string_view context,
                        const binder& bind, OnRow&& on_row) {
  auto st = db.prepare(sql, context);
  if (!st) return st.error();
  if (bind) bind(st.value());
  for (;;) {
    auto row = st.value().step();
    if (!row) return row.error();
    if (!row.value()) return {};
    on_row(st.value());
  }
}

storage_status read_queue(database& db, warehouse_overview& out) {
  auto s = for_rows(db,
                    "SELECT kind, state, COUNT(*) FROM work_queue WHERE state <> 'done' "
                    "GROUP BY kind, state ORDER BY kind, state",
                    "control.overview: SELECT work_queue", {}, [&](statement& st) {
                      out.queue.push_back({st.column_text(0), st.column_text(1), st.column_int64(2)});
                    });
  if (!s) return s;
  return for_rows(db,
                  "SELECT kind, MIN(created_at) FROM work_queue "
                  "WHERE state IN ('ready', 'leased') GROUP BY kind ORDER BY kind",
                  "control.overview: SELECT work_queue oldest", {}, [&](statement& st) {
                    out.oldest.push_back({st.column_text(0), st.column_int64(1)});
                  });
}

storage_status read_state_counts(database& db, std::string_view table,
                                 std::vector<state_count>& out) {
  const std::string sql =
    "SELECT state, COUNT(*) FROM " + std::string(table) + " GROUP BY state ORDER BY state";
  return for_rows(db, sql, "control.overview: SELECT " + std::string(table), {},
                  [&](statement& st) { out.push_back({st.column_text(0), st.column_int64(1)}); });
}

alert_row alert_of(statement& st) {
  return {st.column_int64(0), st.column_text(1), st.column_text(2), st.column_text(3),
          st.column_int64(4), st.column_int64(5), st.column_optional_int64(6)};
}

constexpr std::string_view alert_columns =
  "SELECT id, severity, title, state, attempts, created_at, sent_at FROM alert_outbox ";

storage_status read_breakers_and_jobs(database& db, warehouse_overview& out) {
  auto s = for_rows(db,
                    "SELECT name, state, failures, opened_at, next_probe_at, reason, updated_at "
                    "FROM breaker_state ORDER BY name",
                    "control.overview: SELECT breaker_state", {}, [&](statement& st) {
                      out.breakers.push_back({st.column_text(0), st.column_text(1),
                                              st.column_int64(2), st.column_optional_int64(3),
                                              st.column_optional_int64(4), st.column_text(5),
                                              st.column_int64(6)});
                    });
  if (!s) return s;
  // SQLite takes the bare columns of a MAX() aggregate from the row holding the maximum.
  return for_rows(db,
                  "SELECT job, MAX(scheduled_at), started_at, finished_at, outcome, detail "
                  "FROM job_runs GROUP BY job ORDER BY job",
                  "control.overview: SELECT job_runs", {}, [&](statement& st) {
                    out.last_runs.push_back({st.column_text(0), st.column_int64(1),
                                             st.column_optional_int64(2),
                                             st.column_optional_int64(3), st.column_text(4),
                                             st.column_text(5)});
                  });
}

std::string compact_date(const std::string& date) {
  std::string out;
  for (char c : date)
    if (c != '-') out += c;
  return out;
}

} // namespace

warehouse_view::warehouse_view(std::string path) : path_(std::move(path)) {}

storage_result<database*> warehouse_view::connection() {
  if (path_.empty())
    return storage::make_error(storage::storage_errc::not_found, "control.warehouse",
                               "no warehouse configured");
  if (!db_) {
    storage::database_options options;
    options.path = path_;
    options.read_only = true;
    options.busy_timeout = std::chrono::milliseconds{1000};
    auto opened = database::open(options);
    if (!opened) return opened.error();
    db_.emplace(std::move(opened).value());
  }
  return &*db_;
}

template <class T>
storage_result<T> warehouse_view::drop_on_error(storage_result<T> r) {
  if (!r) db_.reset();
  return r;
}

storage_result<warehouse_overview> warehouse_view::overview(const overview_request& req) {
  auto c = connection();
  if (!c) return c.error();
  database& db = *c.value();
  warehouse_overview out;
  auto run = [&]() -> storage_status {
    if (auto s = read_queue(db, out); !s) return s;
    if (auto s = read_state_counts(db, "expected_outputs", out.ledger_states); !s) return s;
    if (auto s = read_state_counts(db, "alert_outbox", out.alert_states); !s) return s;
    if (req.breakers_and_jobs)
      if (auto s = read_breakers_and_jobs(db, out); !s) return s;
    if (req.recent_alerts > 0) {
      auto s = for_rows(db, std::string(alert_columns) + "ORDER BY created_at DESC, id DESC LIMIT ?1",
                        "control.overview: SELECT alert_outbox",
                        [&](statement& st) { st.bind_int64(1, req.recent_alerts); },
                        [&](statement& st) { out.recent_alerts.push_back(alert_of(st)); });
      if (!s) return s;
    }
    if (req.ledger_range) {
      auto rows = storage::ledger_rows_between(db, req.ledger_range->first, req.ledger_range->second);
      if (!rows) return rows.error();
      out.ledger = std::move(rows).value();
    }
    return {};
  };
  auto status = run();
  if (!status) return drop_on_error<warehouse_overview>(status.error());
  return out;
}

storage_result<date_detail> warehouse_view::date(const std::string& date) {
  auto c = connection();
  if (!c) return c.error();
  database& db = *c.value();
  date_detail out;
  out.date = date;
  auto run = [&]() -> storage_status {
    auto rows = storage::ledger_rows_between(db, date, date);
    if (!rows) return rows.error();
    out.ledger = std::move(rows).value();
    for (const auto& t : storage::warehouse_tables()) {
      if (t.date_kind != storage::date_format::calendar_date) continue;
      const std::string sql = "SELECT COUNT(*) FROM \"" + std::string(t.name) + "\" WHERE \""
                              + std::string(t.date_column) + "\" = ?1";
      table_count count{std::string(t.name), storage::to_string(t.phase), 0};
      auto s = for_rows(db, sql, "control.date: COUNT " + std::string(t.name),
                        [&](statement& st) { st.bind_text(1, date); },
                        [&](statement& st) { count.rows = st.column_int64(0); });
      if (!s) return s;
      out.tables.push_back(std::move(count));
    }
    const std::string dashed = "%" + date + "%", compact = "%" + compact_date(date) + "%";
    auto s = for_rows(db,
                      "SELECT id, kind, item_key, state, attempts, max_attempts, last_error, "
                      "updated_at FROM work_queue WHERE item_key LIKE ?1 OR item_key LIKE ?2 "
                      "ORDER BY id LIMIT 500",
                      "control.date: SELECT work_queue",
                      [&](statement& st) { st.bind_text(1, dashed).bind_text(2, compact); },
                      [&](statement& st) {
                        out.work.push_back({st.column_int64(0), st.column_text(1),
                                            st.column_text(2), st.column_text(3),
                                            st.column_int64(4), st.column_int64(5),
                                            st.column_text(6), st.column_int64(7)});
                      });
    if (!s) return s;
    return for_rows(db,
                    std::string(alert_columns)
                      + "WHERE dedupe_key LIKE ?1 OR dedupe_key LIKE ?2 ORDER BY id LIMIT 200",
                    "control.date: SELECT alert_outbox",
                    [&](statement& st) { st.bind_text(1, dashed).bind_text(2, compact); },
                    [&](statement& st) { out.alerts.push_back(alert_of(st)); });
  };
  auto status = run();
  if (!status) return drop_on_error<date_detail>(status.error());
  return out;
}

} // namespace courtside::control
