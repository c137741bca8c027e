#include "actors/ops/heartbeat.hpp"

#include <caf/all.hpp>

#include "runtime/logging/log.hpp"
#include "runtime/supervision/protocol.hpp"
#include "runtime/supervision/tree_model.hpp"

namespace courtside {
namespace {

using beat_atom = caf::atom_constant<caf::atom("beat")>;

struct heartbeat_state {
  std::shared_ptr<spdlog::logger> log;
  static inline const char* name = "heartbeat";
};

caf::behavior heartbeat(caf::stateful_actor<heartbeat_state>* self, std::string path,
                        caf::actor bus, milliseconds interval) {
  crash_on_exception(self);
  self->state.log = actor_log(path);
  self->delayed_send(self, interval, beat_atom::value);
  return {
    [=](beat_atom) {
      self->request(bus, interval, status_atom::value)
        .then(
          [=](const std::vector<tree_node_status>& nodes) {
            self->state.log->info("tree: {}", summarize(nodes));
          },
          [=](const caf::error& e) {
            self->state.log->warn("tree status unavailable: {}", describe_reason(e));
          });
      self->delayed_send(self, interval, beat_atom::value);
    },
  };
}

} // namespace

child_spec heartbeat_child(caf::actor bus, milliseconds interval) {
  child_spec c;
  c.name = "heartbeat";
  c.start = [bus, interval](const child_context& ctx) {
    return ctx.parent->spawn(heartbeat, ctx.path, bus, interval);
  };
  return c;
}

} // namespace courtside
