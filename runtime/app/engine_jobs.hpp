#pragma once
// The scheduler's part of the engine assembly: ops.scheduler built from the config's
// [jobs.<name>] tables and the job catalogue, and the control plane's hooks into it
// (run-now, the upcoming-jobs view).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <caf/fwd.hpp>

#include "actors/control/control_server.hpp"
#include "config/schema.hpp"
#include "runtime/schedule/time_zone.hpp"
#include "runtime/supervision/supervisor.hpp"
#include "runtime/time/engine_clock.hpp"

namespace courtside::app {

/// The game date ("YYYY-MM-DD") `day_offset` days from the one `now` falls on in `zone`.
[[nodiscard]] std::string game_date(const schedule::time_zone& zone, unix_millis now,
                                    int day_offset = 0);

/// ops.scheduler for the enabled jobs of `cfg`; nullopt when the config schedules none.
[[nodiscard]] std::optional<child_spec> scheduler_of(const config::engine_config& cfg,
                                                     engine_clock clock, int max_attempts);

/// POST /api/jobs/{name}/run: asks ops.scheduler to run the job now.
[[nodiscard]] control::job_runner job_runner_of(caf::actor_system* sys);

/// The dashboard's "upcoming jobs": the scheduler's own view (paused jobs show no next firing).
[[nodiscard]] std::function<std::vector<control::job_schedule>(storage::unix_ms)>
job_schedules_of(caf::actor_system* sys);

} // namespace courtside::app
