#pragma once
// The job set courtside ships (the replaced system's jobs, by their names): what each name in
// [jobs.<name>] runs. A config may schedule any subset; a name not listed here is a config
// error. "Heavy" jobs start pipeline work or walk the whole ledger; production.toml keeps no
// two heavy jobs on the same minute (checked by a test over a year of firings).
#include <string_view>
#include <vector>

#include "actors/scheduler/scheduler.hpp"

namespace courtside::jobs {

struct catalogue_entry {
  std::string_view name;
  bool heavy = false;
  std::string_view what; ///< one line, for docs and check-config
  job_body body;
};

/// Every job, in the order of the table in actors/scheduler/README.md.
[[nodiscard]] const std::vector<catalogue_entry>& job_catalogue();

/// The entry named `name`, or nullptr.
[[nodiscard]] const catalogue_entry* find_job(std::string_view name);

} // namespace courtside::jobs
