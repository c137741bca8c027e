#pragma once
// ops.backfill: `courtside backfill --from D1 --to D2`. Plans every date of the range (a date
// planned before keeps its progress, so an interrupted backfill resumes where it stopped),
// then watches the ledger until every row of the range is settled and the queue has drained
// (a backfill runs only its range's work), reporting progress: a bar
// redrawn in place on a terminal, a line every few seconds otherwise. When the range is
// settled it hands the summary to `on_done` (the engine then stops).
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "runtime/storage/database.hpp"
#include "runtime/supervision/supervisor.hpp"

namespace courtside::pipeline {

struct backfill_summary {
  int rows = 0;     ///< ledger rows of the range (dates × phases)
  int settled = 0;  ///< COMPLETE, EMPTY_OK, DEGRADED or FAILED
  int failed = 0;   ///< of which FAILED
  int degraded = 0; ///< of which DEGRADED
  int pending = 0;  ///< work items still ready or leased (e.g. a late primary box score)
  [[nodiscard]] bool done() const { return rows > 0 && settled == rows && pending == 0; }
};

struct backfill_settings {
  std::string first_date; ///< "YYYY-MM-DD"
  std::string last_date;
  int max_attempts = 5;
  std::chrono::milliseconds poll_interval{500};
  std::chrono::milliseconds line_interval{5'000}; ///< progress line period when not a TTY
  bool tty = false;                                ///< redraw a bar on stderr
  std::function<storage::unix_ms()> wall_clock;
  std::function<void(const backfill_summary&)> on_done;
  bool stop_engine_when_done = true; ///< ask the root to shut down once settled
};

/// The dates first..last inclusive ("YYYY-MM-DD"); empty when either is malformed or
/// first > last.
[[nodiscard]] std::vector<std::string> date_range(const std::string& first,
                                                  const std::string& last);

[[nodiscard]] child_spec backfill_child(backfill_settings settings);

} // namespace courtside::pipeline
