#include "runtime/supervision/event_bus.hpp"

#include <algorithm>

#include <caf/all.hpp>

#include "runtime/logging/log.hpp"
#include "runtime/supervision/protocol.hpp"
#include "runtime/supervision/supervisor.hpp"
#include "runtime/supervision/tree_model.hpp"

namespace courtside {
namespace {

struct event_bus_state {
  tree_model model;
  std::vector<caf::actor> subscribers;
  static inline const char* name = "event_bus";
};

spdlog::level::level_enum level_of(supervision_event::kind k) {
  using kind = supervision_event::kind;
  switch (k) {
    case kind::exited:
    case kind::restart_scheduled:
    case kind::rejected:
      return spdlog::level::warn;
    case kind::escalated:
      return spdlog::level::err;
    default:
      return spdlog::level::info;
  }
}

caf::behavior event_bus(caf::stateful_actor<event_bus_state>* self) {
  crash_on_exception(self);
  self->set_down_handler([=](caf::down_msg& dm) {
    auto& subs = self->state.subscribers;
    subs.erase(std::remove_if(subs.begin(), subs.end(),
                              [&](const caf::actor& a) { return a.address() == dm.source; }),
               subs.end());
  });
  return {
    [=](const supervision_event& e) {
      // Exits during an orderly stop are expected; only say so at debug level.
      auto level = e.reason == "user_shutdown" ? spdlog::level::debug : level_of(e.what);
      actor_log(e.path)->log(level, "{}", describe(e));
      self->state.model.apply(e);
      for (auto& s : self->state.subscribers) self->send(s, e);
    },
    [=](subscribe_atom, const caf::actor& subscriber) {
      self->monitor(subscriber);
      self->state.subscribers.push_back(subscriber);
    },
    [=](status_atom) { return self->state.model.nodes(); },
  };
}

} // namespace

caf::actor spawn_event_bus(caf::actor_system& sys) { return sys.spawn(event_bus); }

} // namespace courtside
