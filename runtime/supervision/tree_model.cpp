#include "runtime/supervision/tree_model.hpp"

#include "runtime/time/duration.hpp"

namespace courtside {

void tree_model::apply(const supervision_event& e) {
  using kind = supervision_event::kind;
  auto& n = nodes_[e.path];
  n.path = e.path;
  n.is_supervisor = e.is_supervisor;
  switch (e.what) {
    case kind::started:
      n.state = "running";
      n.pending_delay_ms = 0;
      n.restarts = e.restart_count;
      break;
    case kind::exited:
      n.last_reason = e.reason;
      break;
    case kind::restart_scheduled:
      n.state = "restarting";
      n.pending_delay_ms = e.next_delay_ms;
      break;
    case kind::escalated:
      n.state = "escalated";
      break;
    case kind::gave_up:
    case kind::stopped:
      n.state = "stopped";
      break;
    case kind::rejected:
      break;
  }
}

std::vector<tree_node_status> tree_model::nodes() const {
  std::vector<tree_node_status> out;
  for (const auto& [path, node] : nodes_) out.push_back(node);
  return out;
}

std::string summarize(const std::vector<tree_node_status>& nodes) {
  int running = 0, restarting = 0, stopped = 0;
  uint32_t restarts = 0;
  for (const auto& n : nodes) {
    running += n.state == "running";
    restarting += n.state == "restarting";
    stopped += n.state == "stopped" || n.state == "escalated";
    restarts += n.restarts;
  }
  return std::to_string(running) + " running, " + std::to_string(restarting) +
         " restarting, " + std::to_string(stopped) + " stopped; " + std::to_string(restarts) +
         " restarts";
}

std::string describe(const supervision_event& e) {
  using kind = supervision_event::kind;
  switch (e.what) {
    case kind::started:
      return e.path + (e.restart_count == 0 ? " started"
                                            : " restarted (restart " +
                                                std::to_string(e.restart_count) + ")");
    case kind::exited:
      return e.path + " exited (" + e.reason + ")";
    case kind::restart_scheduled:
      return e.path + " restart " + std::to_string(e.restart_count) + " in " +
             format_duration(milliseconds{e.next_delay_ms});
    case kind::escalated:
      return e.path + " crashed too often (restart intensity exceeded); its supervisor gives up";
    case kind::gave_up:
      return e.path + " ended (" + e.reason + ") and is not restarted (restart type)";
    case kind::stopped:
      return e.path + " stopped";
    case kind::rejected:
      return "message for " + e.path + " dropped: " + e.reason;
  }
  return e.path;
}

} // namespace courtside
