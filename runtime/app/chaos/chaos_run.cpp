#include "runtime/app/chaos/chaos_run.hpp"

#include <algorithm>

#include "actors/phases/table_hash.hpp"
#include "runtime/storage/database.hpp"
#include "tools/upstream-sim/calendar.hpp"

namespace courtside::chaos {
namespace {

// Crashing these would not test healing: the injector itself (its plan would restart) and
// its supervisor "ops" (which restarts the injector).
bool crashable(const std::string& path) {
  return !path.empty() && path != "ops" && path != "ops.fault_injector";
}

std::map<std::string, std::string> content_of(const std::filesystem::path& data_dir) {
  auto db = storage::database::open({(data_dir / "warehouse.sqlite").string(), milliseconds{5'000}, true});
  if (!db) return {};
  auto hashes = phases::pipeline_content_hashes(db.value(), provenance_columns());
  return hashes ? hashes.value() : std::map<std::string, std::string>{};
}

} // namespace

chaos_runner::chaos_runner(chaos_settings settings) : settings_(std::move(settings)) {
  const auto first = upstream_sim::parse_iso_date(settings_.first_date).value_or(upstream_sim::civil_date{2025, 10, 21});
  last_date_ = upstream_sim::iso(upstream_sim::civil_from_days(upstream_sim::days_from_civil(first) + settings_.days - 1));
  upstream_sim::league_options lo;
  lo.seed = settings_.league_seed;
  lo.today = upstream_sim::parse_iso_date(last_date_).value_or(first);
  league_ = std::make_unique<upstream_sim::league>(lo);
  settings_.config.engine.data_dir = settings_.work_dir.string();
}

chaos_runner::~chaos_runner() = default;

world_options chaos_runner::options_for(std::optional<chaos_plan> plan) const {
  world_options o;
  o.config = settings_.config;
  o.first_date = settings_.first_date;
  o.last_date = last_date_;
  o.league = league_.get();
  o.plan = std::move(plan);
  return o;
}

void chaos_runner::make_reference() {
  std::filesystem::remove_all(settings_.work_dir);
  auto run = run_world(options_for(std::nullopt));
  reference_ = content_of(settings_.work_dir);
  reference_ledger_ = ledger_states(settings_.work_dir, settings_.first_date, last_date_);
  if (settings_.keep_reference) {
    const auto kept = settings_.work_dir.string() + "-reference";
    std::filesystem::remove_all(kept);
    std::filesystem::copy(settings_.work_dir, kept, std::filesystem::copy_options::recursive);
  }
  // Faults land while there is work: over the reference run's length, and a little after.
  settings_.bounds.horizon = std::max(milliseconds{5'000}, run.settled_at + run.settled_at / 2);
  for (const auto& path : run.started_paths)
    if (crashable(path) && std::find(settings_.bounds.targets.begin(), settings_.bounds.targets.end(), path) ==
                             settings_.bounds.targets.end())
      settings_.bounds.targets.push_back(path);
  std::sort(settings_.bounds.targets.begin(), settings_.bounds.targets.end());
  have_reference_ = true;
}

chaos_report chaos_runner::run_seed(std::uint64_t seed) {
  if (!have_reference_) make_reference();
  std::filesystem::remove_all(settings_.work_dir);
  const auto plan = draw_plan(seed, settings_.bounds);
  const auto run = run_world(options_for(plan));
  check_input in;
  in.data_dir = settings_.work_dir;
  in.reference = reference_;
  in.reference_ledger = reference_ledger_;
  in.first_date = settings_.first_date;
  in.last_date = last_date_;
  in.league = league_.get();
  in.run = &run;
  in.plan = &plan;
  for (const auto& n : settings_.config.notifiers)
    if (n.enabled) in.min_interval = n.min_interval;
  auto report = check_invariants(in);
  if (reference_.empty())
    report.violations.push_back({"reference run", "the fault-free run left no tables to compare with"});
  report.replay = "courtside chaos -c " + settings_.config_name + " --seed " + std::to_string(seed) +
                  " --from " + settings_.first_date + " --days " + std::to_string(settings_.days);
  if (!report.passed()) {
    const auto kept = settings_.work_dir.string() + "-seed-" + std::to_string(seed);
    std::filesystem::remove_all(kept);
    std::error_code ec;
    std::filesystem::rename(settings_.work_dir, kept, ec);
    if (!ec) report.replay += "   (warehouse kept in " + kept + ")";
  }
  return report;
}

} // namespace courtside::chaos
