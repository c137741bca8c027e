#pragma once
// The circuit breaker of one phase processor (a warehouse-only queue kind: analytics,
// precompute, predictions, publish): after repeated failed commits it stops the worker from
// leasing, so a broken phase stops burning its items' attempts, and the work waits in the queue
// (nothing is lost). It closes early when the handler's "upstream data is available" probe
// says a waiting item's input phase is usable, or after its open time via half-open probes.
// The state machine is runtime/breaker's; this decides what counts as a failure: a commit that
// was retried or dead-lettered, or a warehouse error. Acks and deferrals (a gate is closed, a
// value, not a fault) are successes. Pure: no CAF.
#include <memory>
#include <string>
#include <vector>

#include "runtime/breaker/breaker_state.hpp"

namespace courtside::pipeline {

class processor_breaker {
public:
  processor_breaker(const std::string& kind, breaker::breaker_config config, std::uint64_t seed);

  /// "phase:<kind>": the breaker's name in the warehouse, metrics and alerts.
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] breaker::permit allow(time_point now) { return state_.allow(now); }
  void record(time_point started, time_point now, bool failed);
  breaker::close_early_result close_early(time_point now) { return state_.close_early(now); }
  [[nodiscard]] breaker::circuit_state state() const { return state_.state(); }
  [[nodiscard]] std::vector<breaker::transition> drain() { return state_.drain_transitions(); }

private:
  std::string name_;
  std::unique_ptr<random_source> rng_; ///< outlives state_, which keeps a reference
  breaker::breaker_state state_;
};

/// Defaults for processors: 5 failed commits in a row or half of the last 20 (at least 10);
/// open 30 s growing to 10 min; no slow-call rule (a season's precompute is slow, not broken).
[[nodiscard]] breaker::breaker_config processor_breaker_config();

} // namespace courtside::pipeline
