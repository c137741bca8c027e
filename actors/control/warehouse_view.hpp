#pragma once
// What the control plane reads from the warehouse, over its own read-only connection (WAL lets
// readers run beside the single writer without blocking it). Plain rows in, plain structs out;
// table and column names come from the table declarations (runtime/storage/tables.hpp).
//
// The connection is opened on first use and dropped after any error, so a warehouse that
// appears later (first start) or is replaced is picked up on the next request.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/storage/database.hpp"
#include "runtime/storage/ledger.hpp"

namespace courtside::control {

struct queue_count {
  std::string kind;
  std::string state; ///< ready, leased, dead (done items are not depth)
  std::int64_t items = 0;
};

struct queue_oldest {
  std::string kind;
  storage::unix_ms oldest_created_at = 0; ///< of the ready or leased items
};

struct state_count {
  std::string state;
  std::int64_t rows = 0;
};

struct breaker_row {
  std::string name;
  std::string state; ///< closed | open | half_open
  std::int64_t failures = 0;
  std::optional<std::int64_t> opened_at;
  std::optional<std::int64_t> next_probe_at;
  std::string reason;
  storage::unix_ms updated_at = 0;
};

struct job_run_row {
  std::string job;
  storage::unix_ms scheduled_at = 0;
  std::optional<std::int64_t> started_at;
  std::optional<std::int64_t> finished_at;
  std::string outcome; ///< running | ok | failed | skipped
  std::string detail;
};

struct alert_row {
  std::int64_t id = 0;
  std::string severity;
  std::string title;
  std::string state; ///< pending | sent | dropped
  std::int64_t attempts = 0;
  storage::unix_ms created_at = 0;
  std::optional<std::int64_t> sent_at;
};

struct work_item_row {
  std::int64_t id = 0;
  std::string kind;
  std::string item_key;
  std::string state;
  std::int64_t attempts = 0;
  std::int64_t max_attempts = 0;
  std::string last_error;
  storage::unix_ms updated_at = 0;
};

struct table_count {
  std::string table;
  std::string phase; ///< pipeline_phase name
  std::int64_t rows = 0;
};

/// What to read besides the counts every caller needs.
struct overview_request {
  std::optional<std::pair<std::string, std::string>> ledger_range; ///< first, last date
  int recent_alerts = 0;  ///< newest alert_outbox rows to include
  bool breakers_and_jobs = true;
};

struct warehouse_overview {
  std::vector<queue_count> queue;
  std::vector<queue_oldest> oldest;
  std::vector<state_count> ledger_states;
  std::vector<state_count> alert_states;
  std::vector<breaker_row> breakers;
  std::vector<job_run_row> last_runs; ///< the latest firing of each job
  std::vector<alert_row> recent_alerts;
  std::vector<storage::ledger_row> ledger; ///< rows in ledger_range
};

struct date_detail {
  std::string date;
  std::vector<storage::ledger_row> ledger;
  std::vector<table_count> tables;   ///< rows per dated table for this date
  std::vector<work_item_row> work;   ///< queue items whose key names the date
  std::vector<alert_row> alerts;     ///< alerts whose dedupe key names the date
};

class warehouse_view {
public:
  /// `path` empty = no warehouse configured: every read fails with not_found.
  explicit warehouse_view(std::string path);

  [[nodiscard]] storage::storage_result<warehouse_overview> overview(const overview_request& r);
  [[nodiscard]] storage::storage_result<date_detail> date(const std::string& date);

private:
  storage::storage_result<storage::database*> connection();
  template <class T>
  storage::storage_result<T> drop_on_error(storage::storage_result<T> r);

  std::string path_;
  std::optional<storage::database> db_;
};

} // namespace courtside::control
