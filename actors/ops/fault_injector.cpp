#include "actors/ops/fault_injector.hpp"

#include <caf/all.hpp>

#include "runtime/logging/log.hpp"
#include "runtime/supervision/protocol.hpp"

namespace courtside {
namespace {

using fire_atom = caf::atom_constant<caf::atom("fire")>;

struct fault_injector_state {
  std::vector<crash_plan> plans;
  std::vector<int> hits; ///< crashes delivered per plan
  std::shared_ptr<spdlog::logger> log;
  static inline const char* name = "fault_injector";
};

using injector = caf::stateful_actor<fault_injector_state>;

void fire(injector* self, size_t i) {
  auto& plan = self->state.plans[i];
  auto root = caf::actor_cast<caf::actor>(self->system().registry().get(root_registry_key));
  auto again = [=] {
    auto& st = self->state;
    if (st.plans[i].times == 0 || st.hits[i] < st.plans[i].times)
      self->delayed_send(self, st.plans[i].every, fire_atom::value, i);
  };
  if (!root) {
    self->state.log->warn("no root supervisor registered; {} spared", plan.target);
    return again();
  }
  self->request(root, plan.every, crash_atom::value, plan.target)
    .then(
      [=](bool hit) {
        auto& st = self->state;
        if (hit) {
          ++st.hits[i];
          st.log->warn("injected crash {} of {} into {}", st.hits[i],
                       st.plans[i].times == 0 ? std::string{"unlimited"}
                                              : std::to_string(st.plans[i].times),
                       st.plans[i].target);
        }
        again();
      },
      [=](const caf::error& e) {
        self->state.log->warn("crash of {} not delivered: {}", self->state.plans[i].target,
                              describe_reason(e));
        again();
      });
}

caf::behavior fault_injector(injector* self, std::string path, std::vector<crash_plan> plans) {
  crash_on_exception(self);
  auto& st = self->state;
  st.log = actor_log(path);
  st.hits.assign(plans.size(), 0);
  for (size_t i = 0; i < plans.size(); ++i)
    self->delayed_send(self, plans[i].start_after + plans[i].every, fire_atom::value, i);
  st.plans = std::move(plans);
  return {[=](fire_atom, size_t i) { fire(self, i); }};
}

} // namespace

child_spec fault_injector_child(std::vector<crash_plan> plans) {
  child_spec c;
  c.name = "fault_injector";
  c.start = [plans = std::move(plans)](const child_context& ctx) {
    return ctx.parent->spawn(fault_injector, ctx.path, plans);
  };
  return c;
}

} // namespace courtside
