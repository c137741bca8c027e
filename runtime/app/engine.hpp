#pragma once
// Engine assembly: turns a loaded config into the supervision tree and runs it until a
// signal or an escalation at the root ends it.
#include <memory>
#include <optional>
#include <string>

#include "actors/storage/warehouse.hpp"
#include "config/schema.hpp"
#include "runtime/http/http_types.hpp"
#include "runtime/supervision/supervisor.hpp"
#include "runtime/time/engine_clock.hpp"

namespace courtside::pipeline {
struct backfill_summary;
}

namespace courtside::app {

/// Exit codes of `courtside run` (also listed in README.md).
enum exit_code : int {
  exit_ok = 0,               ///< stopped cleanly on SIGINT/SIGTERM
  exit_config_error = 1,     ///< the config did not load
  exit_usage = 2,            ///< bad command line
  exit_escalated = 3,        ///< the root supervisor gave up (restart intensity exceeded)
  exit_shutdown_timeout = 4, ///< the tree did not stop within its shutdown budget
  exit_backfill_failed = 5,  ///< backfill finished with FAILED ledger rows
};

/// What `courtside backfill` asks of the engine: run until these dates are settled.
struct backfill_request {
  std::string first_date; ///< "YYYY-MM-DD"
  std::string last_date;
};

/// How run_engine runs: as a service (no backfill), or until a backfill is settled.
struct run_options {
  std::optional<backfill_request> backfill;
  store::fault_hook warehouse_faults; ///< chaos runs: commits to fail; null: none
  /// A settled backfill stops the engine; chaos runs keep it up until alerts are delivered.
  bool stop_when_settled = true;
};

/// The supervision defaults of a config, for a supervisor at `path`.
[[nodiscard]] supervisor_spec supervisor_defaults(const config::supervision_section& s);

/// How the tree meets the world. run_engine plugs in the HTTP client and the config's clock;
/// deterministic simulations (tests/sim) plug in-process fakes and the actor system's virtual
/// clock, and leave the control server out.
struct engine_io {
  using exchange =
    std::function<void(http::http_request, std::function<void(http::http_result)>)>;
  exchange fetch;                   ///< the scrapers' GETs
  exchange post;                    ///< the Slack notifiers' POSTs
  engine_clock clock;               ///< stamps rows and picks "today"
  bool control_server = true;       ///< the HTTP control plane (never in a backfill)
  caf::actor_system* sys = nullptr; ///< the control plane's run-now and backfill; null: none
  /// Filled in when a backfill settles; null: not reported.
  std::shared_ptr<pipeline::backfill_summary> backfill_result;
};

/// The clock a config asks for: real time, or its simulated calendar.
[[nodiscard]] engine_clock clock_of(const config::engine_config& cfg);

/// The whole tree below the root for this config. `bus` receives every supervision event.
[[nodiscard]] supervisor_spec root_spec(const config::engine_config& cfg, caf::actor bus,
                                        engine_io io, const run_options& options = {});

/// Runs the engine in this process until SIGINT/SIGTERM (exit_ok), a root escalation, or
/// (with a backfill) until the range is settled: exit_ok, or exit_backfill_failed.
[[nodiscard]] int run_engine(const config::engine_config& cfg, const std::string& config_name,
                             const run_options& options = {});

} // namespace courtside::app
