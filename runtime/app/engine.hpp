#pragma once
// Engine assembly: turns a loaded config into the supervision tree and runs it until a
// signal or an escalation at the root ends it.
#include <memory>
#include <optional>
#include <string>

#include "config/schema.hpp"
#include "runtime/supervision/supervisor.hpp"

namespace courtside::http {
class http_client;
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
};

/// The supervision defaults of a config, for a supervisor at `path`.
[[nodiscard]] supervisor_spec supervisor_defaults(const config::supervision_section& s);

/// The whole tree below the root for this config. `bus` receives every supervision event;
/// scrapers fetch through `client`.
[[nodiscard]] supervisor_spec root_spec(const config::engine_config& cfg, caf::actor bus,
                                        std::shared_ptr<http::http_client> client,
                                        const run_options& options = {});

/// Runs the engine in this process until SIGINT/SIGTERM (exit_ok), a root escalation, or
/// (with a backfill) until the range is settled: exit_ok, or exit_backfill_failed.
[[nodiscard]] int run_engine(const config::engine_config& cfg, const std::string& config_name,
                             const run_options& options = {});

} // namespace courtside::app
