#pragma once
// control: the engine's HTTP face — /healthz, /readyz, /metrics, /api/status,
// /api/dates/{date}, run-now and backfill behind a bearer token, and the dashboard page.
//
//   io thread: request ─► (control actor, by weak address) ─► route ─┬► answer at once
//                                                                     ├► ask event bus ─► answer
//                                                                     ├► read warehouse ─► answer
//                                                                     └► callback ─► done ─► answer
//                                                                            (or 504 after action_timeout)
//
// The actor owns the HTTP server (bound when it starts, closed when it ends, so a restart
// rebinds) and a read-only warehouse connection. It runs detached: warehouse reads and
// readiness probes block its own thread, never a scheduler worker. Deciding lives in pure
// code (control_routes, status_report, readiness); this actor only carries it out.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <caf/actor.hpp>

#include "actors/control/readiness.hpp"
#include "actors/control/status_report.hpp"
#include "runtime/http/server.hpp"
#include "runtime/metrics/registry.hpp"
#include "runtime/supervision/supervisor.hpp"

namespace courtside::control {

/// What a mutating endpoint's callback reports: 202 accepted, 404 unknown job, 409 already
/// running, ... `message` goes into the JSON answer (never put a secret in it).
struct action_result {
  unsigned status = 202;
  std::string message;
};

/// Called exactly once, from any thread.
using action_done = std::function<void(action_result)>;

/// POST /api/jobs/{name}/run. `job` matches [a-z0-9_-]{1,64}; the runner says if it exists.
using job_runner = std::function<void(const std::string& job, action_done done)>;

/// POST /api/backfill?from=YYYY-MM-DD&to=YYYY-MM-DD[&phase=...]: first <= last, at most 366 days.
struct backfill_request {
  std::string first_date;
  std::string last_date;
  std::vector<std::string> phases; ///< empty = all
};
using backfill_runner = std::function<void(const backfill_request&, action_done done)>;

struct control_settings {
  /// bind_address/port from config [http]; limits tightened for a control plane.
  http::http_server_options server = default_server_options();
  std::string token;          ///< [http] token revealed; empty = mutating endpoints answer 403
  std::string warehouse_path; ///< read with its own read-only connection; empty = none
  caf::actor events;          ///< the event bus (status_atom -> tree); null = no tree
  std::string engine_name = "courtside";
  int ledger_days = 14;       ///< grid rows
  int recent_alerts = 20;
  std::vector<std::string> grid_phases; ///< columns shown even before any ledger row exists
  /// The calendar date the grid ends at; default: the UTC date of `now`.
  std::function<std::string(storage::unix_ms now)> today;
  /// Upcoming jobs (the scheduler's view); default: none.
  std::function<std::vector<job_schedule>(storage::unix_ms now)> schedules;
  std::vector<readiness_check> readiness; ///< e.g. standard_readiness_checks(...)
  job_runner run_job;         ///< unset = 503 "not wired"
  backfill_runner backfill;   ///< unset = 503 "not wired"
  milliseconds tree_timeout{2'000};
  milliseconds action_timeout{30'000};
  std::vector<std::string> secrets; ///< never echoed in any answer (the token always is masked)
  metrics::registry* registry = nullptr; ///< null = metrics::global()
  /// Wall clock as unix ms (instants in answers, ages); default: std::chrono::system_clock.
  std::function<storage::unix_ms()> wall_clock;
  /// Called on the actor's thread once the server listens (the demo prints the URL; tests
  /// learn the ephemeral port).
  std::function<void(std::uint16_t port)> on_listening;

  static http::http_server_options default_server_options();
};

/// The supervised control server, named "control".
[[nodiscard]] child_spec control_child(control_settings settings);

} // namespace courtside::control
