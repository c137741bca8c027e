#include "actors/pipeline/processor_breaker.hpp"

namespace courtside::pipeline {

processor_breaker::processor_breaker(const std::string& kind, breaker::breaker_config config,
                                     std::uint64_t seed)
  : name_("phase:" + kind), rng_(std::make_unique<random_source>(seed)), state_(config, *rng_) {}

void processor_breaker::record(time_point started, time_point now, bool failed) {
  if (failed) state_.on_failure(now, breaker::failure_kind::error);
  else state_.on_success(now, now - started);
}

breaker::breaker_config processor_breaker_config() {
  breaker::breaker_config c;
  c.slow_call_threshold = std::chrono::milliseconds{0};
  c.open_max = std::chrono::milliseconds{600'000};
  return c;
}

} // namespace courtside::pipeline
