#pragma once
// Asking storage.warehouse for a job from any actor: through the root supervisor by path, so a
// restarting warehouse only delays the answer (the supervisor buffers it).
#include <chrono>
#include <functional>

#include <caf/fwd.hpp>

#include "actors/storage/warehouse.hpp"

namespace courtside::store {

/// Called once with the job's own status, or `unreachable` when the warehouse did not answer
/// within `timeout` (or there is no tree).
using warehouse_answer = std::function<void(const storage::storage_status&)>;

void ask_warehouse(caf::event_based_actor* self, db_job_ptr job, std::chrono::milliseconds timeout,
                   warehouse_answer on_answer);

} // namespace courtside::store
