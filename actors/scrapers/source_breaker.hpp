#pragma once
// The circuit breaker of one upstream source, as the scraper uses it: it asks before every
// fetch, reports what came back, and turns transitions into a breaker_state row (the
// dashboard's breaker panel and /metrics read it), a log line and an alert. The state machine
// itself is runtime/breaker's; this only decides what counts as a failure of the upstream:
// transport errors, timeouts, 5xx and 429 do; a 4xx that names our request (404 for a game
// not played yet) or a payload that does not decode does not.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/breaker/breaker_state.hpp"
#include "runtime/retry/classify.hpp"

namespace courtside::scrape {

class source_breaker {
public:
  source_breaker(std::string source, breaker::breaker_config config, std::uint64_t seed);

  /// "source:<name>": the breaker's name in the warehouse, metrics and alerts.
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] breaker::permit allow(time_point now) { return state_.allow(now); }
  /// What a fetch that was allowed at `started` came back with (as classified for retry).
  void record(time_point started, time_point now, const retry::attempt_outcome& outcome);
  void advance(time_point now) { state_.advance(now); }
  [[nodiscard]] std::optional<time_point> next_deadline() const { return state_.next_deadline(); }
  [[nodiscard]] breaker::circuit_state state() const { return state_.state(); }
  [[nodiscard]] std::vector<breaker::transition> drain() { return state_.drain_transitions(); }

private:
  std::string name_;
  std::unique_ptr<random_source> rng_; ///< outlives state_, which keeps a reference
  breaker::breaker_state state_;
};


} // namespace courtside::scrape
