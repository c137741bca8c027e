#include "runtime/supervision/supervisor.hpp"

#include <algorithm>
#include <deque>
#include <exception>
#include <memory>
#include <optional>

#include <caf/all.hpp>

#include "runtime/supervision/protocol.hpp"

namespace courtside {
namespace {

enum class child_state { running, stopping, awaiting_restart, stopped };

struct buffered_message {
  caf::response_promise promise;
  caf::message content;
};

struct child_slot {
  child_spec spec;
  child_state state = child_state::awaiting_restart;
  caf::actor handle;
  time_point restart_due{};
  std::deque<buffered_message> buffer;
};

struct supervisor_state {
  supervisor_spec spec;
  std::vector<child_slot> children;
  std::optional<restart_tracker> tracker;
  bool stopping_all = false;
  caf::error quit_reason;
  /// Running children, shared with the termination hook (which runs after `state` is gone).
  std::shared_ptr<std::vector<caf::actor>> live = std::make_shared<std::vector<caf::actor>>();
  static inline const char* name = "supervisor";
};

using supervisor_actor = caf::stateful_actor<supervisor_state>;

time_point now_of(supervisor_actor* self) { return self->clock().now(); }

std::string child_path(supervisor_actor* self, const child_slot& c) {
  return join_path(self->state.spec.path, c.spec.name);
}

void publish(supervisor_actor* self, supervision_event::kind what, const child_slot& c,
             std::string reason = {}, uint32_t count = 0, int64_t delay_ms = 0) {
  if (!self->state.spec.events) return;
  self->send(self->state.spec.events,
             supervision_event{what, child_path(self, c), std::move(reason), count, delay_ms,
                               c.spec.is_supervisor});
}

child_slot* find_by_name(supervisor_actor* self, const std::string& name) {
  for (auto& c : self->state.children)
    if (c.spec.name == name) return &c;
  return nullptr;
}

std::optional<size_t> find_by_address(supervisor_actor* self, const caf::actor_addr& addr) {
  auto& cs = self->state.children;
  for (size_t i = 0; i < cs.size(); ++i)
    if (cs[i].handle && cs[i].handle.address() == addr) return i;
  return std::nullopt;
}

// Answers a message that cannot be delivered: requests get the error, fire-and-forget
// messages are reported as an event (an error message would trip the sender's error handler).
void reject(supervisor_actor* self, caf::response_promise& rp, const child_slot* c,
            supervision_errc why) {
  if (!rp.async()) {
    rp.deliver(make_error(why));
  } else if (c != nullptr) {
    publish(self, supervision_event::kind::rejected, *c, to_string(why));
  }
}

void reject_buffer(supervisor_actor* self, child_slot& c, supervision_errc why) {
  for (auto& m : c.buffer) reject(self, m.promise, &c, why);
  c.buffer.clear();
}

void arm_stop_timeout(supervisor_actor* self, child_slot& c) {
  self->delayed_send(self, c.spec.shutdown_timeout, stop_timeout_atom::value,
                     c.handle.address());
}

void start_child(supervisor_actor* self, size_t index) {
  auto& c = self->state.children[index];
  c.handle = c.spec.start(child_context{self, child_path(self, c), self->state.spec.events});
  self->monitor(c.handle);
  self->state.live->push_back(c.handle);
  c.state = child_state::running;
  self->state.tracker->started(index, now_of(self));
  publish(self, supervision_event::kind::started, c, {},
          self->state.tracker->total_restarts(index));
  for (auto& m : c.buffer) m.promise.delegate(c.handle, std::move(m.content));
  c.buffer.clear();
}

// Starts every child whose backoff has elapsed. Under rest_for_one and one_for_all, children
// start strictly in order: a child still stopping or waiting holds back those after it.
void resume_restarts(supervisor_actor* self) {
  auto& st = self->state;
  if (st.stopping_all) return;
  auto now = now_of(self);
  for (size_t i = 0; i < st.children.size(); ++i) {
    auto& c = st.children[i];
    bool waiting = c.state == child_state::awaiting_restart || c.state == child_state::stopping;
    if (c.state == child_state::awaiting_restart && c.restart_due <= now)
      start_child(self, i);
    else if (waiting && st.spec.strategy != restart_strategy::one_for_one)
      break;
  }
}

// Stops the last running child; each down message calls this again until none is left.
void stop_next(supervisor_actor* self) {
  auto& cs = self->state.children;
  for (auto i = cs.size(); i-- > 0;) {
    auto& c = cs[i];
    if (c.state == child_state::stopping) return; // wait for its down message
    if (c.state == child_state::running) {
      c.state = child_state::stopping;
      self->send_exit(c.handle, caf::exit_reason::user_shutdown);
      arm_stop_timeout(self, c);
      return;
    }
  }
  self->quit(self->state.quit_reason);
}

void stop_all(supervisor_actor* self, caf::error reason) {
  auto& st = self->state;
  if (st.stopping_all) return;
  st.stopping_all = true;
  st.quit_reason = std::move(reason);
  for (auto& c : st.children) {
    reject_buffer(self, c, supervision_errc::shutting_down);
    if (c.state == child_state::awaiting_restart) c.state = child_state::stopped;
  }
  stop_next(self);
}

std::vector<size_t> restart_group(const supervisor_state& st, size_t failed) {
  std::vector<size_t> group;
  size_t first = st.spec.strategy == restart_strategy::one_for_all ? 0 : failed;
  size_t last = st.spec.strategy == restart_strategy::one_for_one ? failed + 1
                                                                   : st.children.size();
  for (size_t i = first; i < last; ++i) group.push_back(i);
  return group;
}

void schedule_restart(supervisor_actor* self, size_t failed, const restart_decision& d) {
  auto& st = self->state;
  auto due = now_of(self) + d.delay;
  auto group = restart_group(st, failed);
  for (auto it = group.rbegin(); it != group.rend(); ++it) {
    auto& c = st.children[*it];
    c.restart_due = std::max(c.restart_due, due);
    if (*it == failed) {
      c.restart_due = due;
      c.state = child_state::awaiting_restart;
    } else if (c.state == child_state::running) {
      c.state = child_state::stopping;
      self->send_exit(c.handle, caf::exit_reason::user_shutdown);
      arm_stop_timeout(self, c);
    }
  }
  publish(self, supervision_event::kind::restart_scheduled, st.children[failed], {},
          d.consecutive, d.delay.count());
  self->delayed_send(self, d.delay, restart_due_atom::value);
}

void on_child_down(supervisor_actor* self, const caf::down_msg& dm) {
  auto index = find_by_address(self, dm.source);
  if (!index) return; // a stale incarnation
  auto& st = self->state;
  auto& c = st.children[*index];
  auto& live = *st.live;
  live.erase(std::remove(live.begin(), live.end(), c.handle), live.end());
  c.handle = nullptr;
  auto reason = describe_reason(dm.reason);
  publish(self, supervision_event::kind::exited, c, reason);
  if (st.stopping_all) {
    c.state = child_state::stopped;
    publish(self, supervision_event::kind::stopped, c, reason);
    stop_next(self);
    return;
  }
  if (c.state == child_state::stopping) { // stopped as part of a sibling's group restart
    c.state = child_state::awaiting_restart;
    publish(self, supervision_event::kind::stopped, c, reason);
    resume_restarts(self);
    return;
  }
  auto d = st.tracker->decide(*index, c.spec.restart, classify_exit(dm.reason), now_of(self));
  switch (d.action) {
    case restart_action::restart:
      schedule_restart(self, *index, d);
      break;
    case restart_action::escalate:
      c.state = child_state::stopped;
      publish(self, supervision_event::kind::escalated, c, reason, d.consecutive);
      stop_all(self, make_error(supervision_errc::intensity_exceeded));
      break;
    case restart_action::none_normal:
    case restart_action::none_temporary:
      c.state = child_state::stopped;
      reject_buffer(self, c, supervision_errc::child_stopped);
      publish(self, supervision_event::kind::gave_up, c, reason);
      break;
  }
}

// Delivers `content` to child `c` now, or buffers it while the child restarts.
void deliver(supervisor_actor* self, child_slot& c, caf::message content) {
  auto rp = self->make_response_promise();
  if (self->state.stopping_all)
    return reject(self, rp, &c, supervision_errc::shutting_down);
  switch (c.state) {
    case child_state::running:
      rp.delegate(c.handle, std::move(content));
      return;
    case child_state::stopped:
      return reject(self, rp, &c, supervision_errc::child_stopped);
    case child_state::stopping:
    case child_state::awaiting_restart:
      if (c.buffer.size() >= self->state.spec.buffer_capacity)
        return reject(self, rp, &c, supervision_errc::buffer_full);
      c.buffer.push_back({std::move(rp), std::move(content)});
      return;
  }
}

std::pair<std::string, std::string> split_path(const std::string& path) {
  auto dot = path.find('.');
  if (dot == std::string::npos) return {path, {}};
  return {path.substr(0, dot), path.substr(dot + 1)};
}

caf::behavior supervisor(supervisor_actor* self, supervisor_spec spec) {
  crash_on_exception(self);
  auto& st = self->state;
  auto n = spec.children.size();
  st.tracker.emplace(n, spec.backoff, spec.intensity, spec.stable_period, spec.seed);
  for (auto& cs : spec.children) {
    st.children.emplace_back();
    st.children.back().spec = std::move(cs);
  }
  spec.children.clear();
  st.spec = std::move(spec);
  self->set_down_handler([=](caf::down_msg& dm) { on_child_down(self, dm); });
  self->set_exit_handler([=](caf::exit_msg& em) { stop_all(self, em.reason); });
  // Last line of defence: whatever ends this supervisor, no child outlives it.
  self->attach_functor([live = st.live](const caf::error&) {
    for (auto& child : *live) caf::anon_send_exit(child, caf::exit_reason::kill);
  });
  for (size_t i = 0; i < n; ++i) start_child(self, i);
  return {
    [=](route_atom, const std::string& path, caf::message& payload) {
      auto [head, rest] = split_path(path);
      auto* c = find_by_name(self, head);
      if (c == nullptr) {
        auto rp = self->make_response_promise();
        return reject(self, rp, nullptr, supervision_errc::no_such_child);
      }
      if (rest.empty()) return deliver(self, *c, std::move(payload));
      if (!c->spec.is_supervisor) {
        auto rp = self->make_response_promise();
        return reject(self, rp, c, supervision_errc::no_such_child);
      }
      deliver(self, *c, caf::make_message(route_atom::value, rest, std::move(payload)));
    },
    [=](lookup_atom, const std::string& path) {
      auto rp = self->make_response_promise();
      auto [head, rest] = split_path(path);
      auto* c = find_by_name(self, head);
      if (c == nullptr || (!rest.empty() && !c->spec.is_supervisor))
        rp.deliver(make_error(supervision_errc::no_such_child));
      else if (c->state != child_state::running)
        rp.deliver(make_error(supervision_errc::child_stopped));
      else if (rest.empty())
        rp.deliver(c->handle);
      else
        rp.delegate(c->handle, lookup_atom::value, rest);
      return rp;
    },
    // Fault injection: the named child dies with reason fault_injected. Answers whether a
    // running child was hit.
    [=](crash_atom, const std::string& path) {
      auto rp = self->make_response_promise();
      auto [head, rest] = split_path(path);
      auto* c = find_by_name(self, head);
      bool running = c != nullptr && c->state == child_state::running;
      if (running && !rest.empty() && c->spec.is_supervisor) {
        rp.delegate(c->handle, crash_atom::value, rest);
      } else if (running && rest.empty()) {
        self->send_exit(c->handle, make_error(supervision_errc::fault_injected));
        rp.deliver(true);
      } else {
        rp.deliver(false);
      }
      return rp;
    },
    [=](restart_due_atom) { resume_restarts(self); },
    [=](stop_timeout_atom, const caf::actor_addr& addr) {
      auto index = find_by_address(self, addr);
      if (index && self->state.children[*index].state == child_state::stopping)
        caf::anon_send_exit(self->state.children[*index].handle, caf::exit_reason::kill);
    },
  };
}

} // namespace

caf::actor spawn_supervisor(caf::actor_system& sys, supervisor_spec spec) {
  return sys.spawn(supervisor, std::move(spec));
}

caf::actor spawn_supervisor(caf::local_actor* parent, supervisor_spec spec) {
  return parent->spawn(supervisor, std::move(spec));
}

child_spec supervisor_child(std::string name, supervisor_spec spec,
                            milliseconds shutdown_timeout) {
  child_spec c;
  c.name = std::move(name);
  c.is_supervisor = true;
  c.shutdown_timeout = shutdown_timeout;
  c.start = [spec = std::move(spec)](const child_context& ctx) {
    auto s = spec;
    s.path = ctx.path;
    if (!s.events) s.events = ctx.events;
    return spawn_supervisor(ctx.parent, std::move(s));
  };
  return c;
}

std::string join_path(const std::string& parent, const std::string& name) {
  return parent.empty() ? name : parent + "." + name;
}

std::string describe_reason(const caf::error& reason) {
  if (!reason) return "normal";
  if (reason.category() == caf::atom("supervise"))
    return to_string(static_cast<supervision_errc>(reason.code()));
  if (reason.category() == caf::atom("exit"))
    return caf::to_string(static_cast<caf::exit_reason>(reason.code()));
  if (reason.category() == caf::atom("system"))
    return caf::to_string(static_cast<caf::sec>(reason.code()));
  return caf::to_string(reason);
}

exit_kind classify_exit(const caf::error& reason) {
  if (!reason) return exit_kind::normal;
  if (reason == caf::exit_reason::user_shutdown) return exit_kind::shutdown;
  return exit_kind::abnormal;
}

void crash_on_exception(caf::scheduled_actor* self) {
  self->set_exception_handler([](std::exception_ptr& ep) -> caf::error {
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      return caf::make_error(caf::sec::runtime_error, std::string{"exception: "} + e.what());
    } catch (...) {
      return caf::make_error(caf::sec::runtime_error, "exception of unknown type");
    }
  });
}

} // namespace courtside
