#pragma once
// /readyz: named checks, each a function that says why the engine is not ready (or nothing).
// The engine assembly picks the checks; these are the standard ones:
//
//   no_escalation_check()                    no supervisor in the tree has escalated
//   child_running_check("scheduler", path)   that child is running (e.g. "ops.scheduler")
//   warehouse_writable_check(path)           the file exists, is a migrated warehouse, and
//                                            the file and its folder are writable (WAL needs
//                                            to create -wal/-shm beside it)
//
// A probe runs on the control actor's own thread; it may block briefly, never for long.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runtime/supervision/tree_model.hpp"

namespace courtside::control {

struct readiness_input {
  const std::vector<tree_node_status>* tree = nullptr; ///< nullptr = the event bus did not answer
};

/// nullopt = fine; otherwise the reason, for the 503 body.
using readiness_probe = std::function<std::optional<std::string>(const readiness_input&)>;

struct readiness_check {
  std::string name;
  readiness_probe probe;
};

struct readiness_failure {
  std::string check;
  std::string reason;
};

/// Every check's failure, in order; empty = ready. A probe that throws is a failure.
[[nodiscard]] std::vector<readiness_failure> evaluate_readiness(
  const std::vector<readiness_check>& checks, const readiness_input& in);

/// {"ready":true,"checks":[...names]} or {"ready":false,"reasons":[{"check":..,"reason":..}]}
[[nodiscard]] std::string render_readiness_json(const std::vector<readiness_check>& checks,
                                                const std::vector<readiness_failure>& failures);

[[nodiscard]] readiness_check no_escalation_check();
[[nodiscard]] readiness_check child_running_check(std::string name, std::string path);
[[nodiscard]] readiness_check warehouse_writable_check(std::string path);

/// The three above: no escalation, warehouse writable, and the scheduler at `scheduler_path`
/// running (skipped when that path is empty).
[[nodiscard]] std::vector<readiness_check> standard_readiness_checks(std::string warehouse_path,
                                                                     std::string scheduler_path);

} // namespace courtside::control
