#include "actors/orchestrators/planner.hpp"

#include <caf/all.hpp>

#include "actors/pipeline/flow.hpp"
#include "actors/storage/warehouse_client.hpp"
#include "runtime/logging/log.hpp"
#include "runtime/storage/work_queue.hpp"
#include "runtime/supervision/protocol.hpp"

namespace courtside::pipeline {
namespace {

using pass_atom = caf::atom_constant<caf::atom("pass")>;

struct planner_state {
  static inline const char* name = "planner";
};

using planner_actor = caf::stateful_actor<planner_state>;

store::db_job_ptr pass_job(const planner_settings& s, std::shared_ptr<spdlog::logger> log) {
  return store::make_job("planner pass", [s, log](storage::database& db) -> storage::storage_status {
    auto swept = plan_pass(db, s.horizon(), s.max_attempts, s.wall_clock());
    if (!swept) return swept.error();
    if (swept.value().redelivered > 0)
      log->warn("{} expired leases handed out again", swept.value().redelivered);
    for (auto id : swept.value().exhausted)
      log->warn("work item {}: its last lease expired; its worker dead-letters it", id);
    return {};
  });
}

caf::behavior planner(planner_actor* self, std::string path, planner_settings settings) {
  crash_on_exception(self);
  auto log = actor_log(path);
  self->send(self, pass_atom::value);
  return {
    [=](pass_atom) {
      store::ask_warehouse(self, pass_job(settings, log), std::chrono::seconds{60},
                           [log](const storage::storage_status& r) {
                             if (!r) log->warn("planner pass: {}", r.error().describe());
                           });
      self->delayed_send(self, settings.interval, pass_atom::value);
    },
  };
}

} // namespace

storage::storage_result<storage::sweep_result> plan_pass(storage::database& db,
                                                         const std::vector<std::string>& dates,
                                                         int max_attempts, storage::unix_ms now) {
  for (const auto& date : dates)
    if (auto planned = plan_date(db, date, max_attempts, now); !planned) return planned.error();
  return storage::sweep_expired_leases(db, now);
}

child_spec planner_child(planner_settings settings) {
  child_spec c;
  c.name = "planner";
  c.start = [settings = std::move(settings)](const child_context& ctx) {
    return ctx.parent->spawn(planner, ctx.path, settings);
  };
  return c;
}

} // namespace courtside::pipeline
