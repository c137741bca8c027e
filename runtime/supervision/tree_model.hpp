#pragma once
// The engine's picture of its supervision tree, rebuilt from supervision events alone, so
// status pages and the periodic status line need not ask every supervisor. Pure code.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "runtime/supervision/protocol.hpp"

namespace courtside {

/// One node as last reported. `state` is "running", "restarting", "stopped" or "escalated".
struct tree_node_status {
  std::string path;
  std::string state;
  uint32_t restarts = 0;
  int64_t pending_delay_ms = 0; ///< backoff of a pending restart, 0 when none
  std::string last_reason;      ///< how it last exited, empty if never
  bool is_supervisor = false;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, tree_node_status& x) {
  return f(caf::meta::type_name("tree_node_status"), x.path, x.state, x.restarts,
           x.pending_delay_ms, x.last_reason, x.is_supervisor);
}

class tree_model {
public:
  void apply(const supervision_event& e);

  /// All nodes, ordered by path (parents before their children).
  [[nodiscard]] std::vector<tree_node_status> nodes() const;


private:
  std::map<std::string, tree_node_status> nodes_;
};

/// The status line for a set of nodes: "7 running, 1 restarting, 0 stopped; 3 restarts".
[[nodiscard]] std::string summarize(const std::vector<tree_node_status>& nodes);

/// One human line for an event, e.g. "ops.heartbeat exited (fault_injected); restart 2 in 400ms".
[[nodiscard]] std::string describe(const supervision_event& e);

} // namespace courtside
