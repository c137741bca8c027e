#pragma once
// `courtside chaos`: seeded fault-injection runs with an invariant report (runtime/app/chaos).
#include <cstdint>
#include <iosfwd>
#include <string>

#include "config/schema.hpp"

namespace courtside::app {

struct chaos_request {
  std::string config_name;        ///< for the replay line
  std::uint64_t first_seed = 1;
  std::uint64_t last_seed = 1;
  std::string from = "2025-10-21";
  int days = 3;
  std::string report_file;        ///< JSON report; empty = none
  std::string work_dir;           ///< empty = a fresh folder under the system temp dir
  bool keep_reference = false;    ///< keep the fault-free run's folder, to compare by hand
};

/// Runs every seed, prints each report (text) to `out`; exit 0 when no seed violated an
/// invariant, 1 otherwise, 2 when the work folder or report file cannot be written.
[[nodiscard]] int run_chaos_command(const config::engine_config& cfg, const chaos_request& request,
                                    std::ostream& out, std::ostream& err);

} // namespace courtside::app
