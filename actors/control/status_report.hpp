#pragma once
// The control plane's answers, assembled from what it read: the date x phase ledger grid,
// /api/status and /api/dates/{date} as JSON, and the scrape-time metric families. Pure code:
// callers pass `now` and the rows.
#include <optional>
#include <string>
#include <vector>

#include "actors/control/warehouse_view.hpp"
#include "runtime/metrics/engine_metrics.hpp"
#include "runtime/supervision/tree_model.hpp"

namespace courtside::control {

/// One cell of the grid: the outputs one phase should produce for one date.
struct grid_cell {
  std::string state;   ///< the worst state among its outputs ("FAILED" > "BLOCKED" > "DEGRADED"
                       ///< > "EXPECTED" > "RUNNING" > "EMPTY_OK" > "COMPLETE"); "" = no rows
  int outputs = 0;     ///< ledger rows in the cell
  int finished = 0;    ///< COMPLETE or EMPTY_OK
  std::string reason;  ///< a reason of a row in the worst state, if any
};

struct ledger_grid {
  std::vector<std::string> dates;   ///< rows, newest first
  std::vector<std::string> phases;  ///< columns, in pipeline order
  std::vector<std::vector<grid_cell>> cells; ///< [date][phase]
};

/// Pipeline order of a phase name: "phase2".."phase6" and raw/analytics/precompute/
/// predictions/publish by number, anything else after them by name.
[[nodiscard]] int phase_rank(const std::string& phase);

/// Groups `rows` into the grid for `dates` (rows outside them are ignored). Columns are the
/// phases seen in any row plus `always_phases`.
[[nodiscard]] ledger_grid build_ledger_grid(const std::vector<storage::ledger_row>& rows,
                                            const std::vector<std::string>& dates,
                                            const std::vector<std::string>& always_phases = {});

/// The `n` dates ending at `today` ("YYYY-MM-DD"), newest first; empty if today is invalid.
[[nodiscard]] std::vector<std::string> last_dates(const std::string& today, int n);

/// "YYYY-MM-DD" of a unix-ms instant, in UTC shifted by `utc_offset_minutes`.
[[nodiscard]] std::string date_of(storage::unix_ms at, int utc_offset_minutes = 0);

/// A job as the scheduler knows it (for "upcoming jobs"); the lead's scheduler supplies these.
struct job_schedule {
  std::string name;
  std::string schedule;                      ///< cron text, as configured
  std::optional<storage::unix_ms> next_fire; ///< nullopt = not scheduled / disabled
  bool enabled = true;
};

struct status_inputs {
  std::string engine_name;
  storage::unix_ms now = 0;
  std::optional<std::vector<tree_node_status>> tree; ///< nullopt = the event bus did not answer
  std::string tree_error;
  std::optional<warehouse_overview> warehouse;       ///< nullopt = could not read it
  std::string warehouse_error;
  std::vector<std::string> dates;                    ///< grid rows, newest first
  std::vector<std::string> grid_phases;              ///< columns shown even when empty
  std::vector<job_schedule> schedules;
  bool actions_enabled = false;                      ///< a token is configured
};

[[nodiscard]] std::string render_status_json(const status_inputs& in);
[[nodiscard]] std::string render_date_json(const date_detail& d);

/// Sets the scrape-time families (queue, ledger, outbox, breakers from `warehouse`; restarts
/// and actor states from `tree`) in `m`. A missing source leaves its families untouched.
void record_scrape_metrics(metrics::engine_metrics& m, const warehouse_overview* warehouse,
                           const std::vector<tree_node_status>* tree, storage::unix_ms now);

/// 0 closed, 1 half_open, 2 open, -1 anything else.
[[nodiscard]] double breaker_state_value(const std::string& state);

} // namespace courtside::control
