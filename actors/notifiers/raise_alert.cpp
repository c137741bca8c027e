#include "actors/notifiers/raise_alert.hpp"

#include <caf/all.hpp>

#include "actors/notifiers/notify_protocol.hpp"
#include "runtime/supervision/protocol.hpp"

namespace courtside::notify {
namespace {

caf::actor root_of(caf::actor_system& sys) {
  return caf::actor_cast<caf::actor>(sys.registry().get(root_registry_key));
}

} // namespace

bool raise_alert(caf::event_based_actor* self, alerting::alert a) {
  auto root = root_of(self->system());
  if (!root) return false;
  self->send(root, route_atom::value, router_path, caf::make_message(alert_atom::value, std::move(a)));
  return true;
}

bool raise_alert(caf::actor_system& sys, alerting::alert a) {
  auto root = root_of(sys);
  if (!root) return false;
  caf::anon_send(root, route_atom::value, router_path, caf::make_message(alert_atom::value, std::move(a)));
  return true;
}

} // namespace courtside::notify
