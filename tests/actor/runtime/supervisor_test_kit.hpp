#pragma once
// Test children for supervisor specs: workers that count their incarnations, answer pings
// with their incarnation number, crash on request, and record when they stop.
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actor/virtual_time_fixture.hpp"
#include "runtime/supervision/protocol.hpp"
#include "runtime/supervision/supervisor.hpp"

namespace courtside::testing {

using ping_atom = caf::atom_constant<caf::atom("ping")>;
using throw_atom = caf::atom_constant<caf::atom("throw")>;
using finish_atom = caf::atom_constant<caf::atom("finish")>;

/// What the test children and the event sink record, shared with the test body.
struct tree_log {
  std::map<std::string, int> incarnations;   ///< starts per child name
  std::vector<std::string> stops;            ///< child names in the order they terminated
  std::vector<supervision_event> events;
};

inline caf::behavior test_worker(caf::event_based_actor* self, std::shared_ptr<tree_log> log,
                                 std::string name, int incarnation) {
  crash_on_exception(self);
  self->attach_functor([=](const caf::error&) { log->stops.push_back(name); });
  return {
    [=](ping_atom) { return incarnation; },
    [=](throw_atom) -> int { throw std::runtime_error("boom in " + name); },
    [=](finish_atom) { self->quit(); },
  };
}

inline child_spec worker_child(std::shared_ptr<tree_log> log, std::string name,
                               restart_type type = restart_type::permanent) {
  child_spec c;
  c.name = name;
  c.restart = type;
  c.shutdown_timeout = milliseconds{1000};
  c.start = [log, name](const child_context& ctx) {
    return ctx.parent->spawn(test_worker, log, name, ++log->incarnations[name]);
  };
  return c;
}

inline caf::behavior event_sink(caf::event_based_actor*, std::shared_ptr<tree_log> log) {
  return {[=](const supervision_event& e) { log->events.push_back(e); }};
}

/// A spec with exact (jitter-free) backoff: 100 ms, x2, cap 1 s; 5 restarts per 10 s;
/// stable after 5 s.
inline supervisor_spec exact_spec(caf::actor events) {
  supervisor_spec s;
  s.path = "root";
  s.backoff = backoff_options{milliseconds{100}, milliseconds{1000}, 2.0, 0.0};
  s.intensity = restart_intensity{5, milliseconds{10'000}};
  s.stable_period = milliseconds{5'000};
  s.events = std::move(events);
  return s;
}

inline std::vector<supervision_event> events_of(const tree_log& log,
                                                supervision_event::kind what) {
  std::vector<supervision_event> out;
  for (auto& e : log.events)
    if (e.what == what) out.push_back(e);
  return out;
}

} // namespace courtside::testing
