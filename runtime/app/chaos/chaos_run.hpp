#pragma once
// chaos_runner: `courtside chaos` and the seed suite in tests/sim. Per seed: draw the plan,
// run the backfill in the virtual world under it, check the invariants against the fault-free
// reference run (made once, on first use, in the same folder so exported paths agree).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "config/schema.hpp"
#include "runtime/app/chaos/invariants.hpp"

namespace courtside::chaos {

struct chaos_settings {
  config::engine_config config;         ///< e.g. config/chaos.toml; data_dir is replaced
  std::string config_name = "config/chaos.toml"; ///< for the replay command
  std::string first_date = "2025-10-21";
  int days = 3;
  std::filesystem::path work_dir;       ///< the runs' data_dir (emptied before each run)
  std::uint64_t league_seed = 1;
  plan_bounds bounds;                   ///< targets are filled from the reference run
  bool keep_reference = false;          ///< copy the reference run's folder to <work_dir>-reference
};

class chaos_runner {
public:
  explicit chaos_runner(chaos_settings settings);
  ~chaos_runner();

  /// Runs one seed and checks it. A failed seed keeps its data_dir (named in the report).
  [[nodiscard]] chaos_report run_seed(std::uint64_t seed);

  [[nodiscard]] const std::string& last_date() const { return last_date_; }

private:
  void make_reference();
  [[nodiscard]] world_options options_for(std::optional<chaos_plan> plan) const;

  chaos_settings settings_;
  std::string last_date_;
  std::unique_ptr<upstream_sim::league> league_;
  std::map<std::string, std::string> reference_;
  std::map<std::string, std::string> reference_ledger_;
  bool have_reference_ = false;
};

} // namespace courtside::chaos
