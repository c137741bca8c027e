#pragma once
// Which alerts a run's end raises: only a firing's FINAL failure (not each retry), the pause it
// may cause, and a "resolved" once the job succeeds again. Pure.
#include <vector>

#include "runtime/alerting/alert.hpp"
#include "runtime/schedule/job_book.hpp"

namespace courtside::jobs {

[[nodiscard]] std::vector<alerting::alert> alerts_for(const schedule::run_end& e);

} // namespace courtside::jobs
