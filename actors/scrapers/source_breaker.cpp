#include "actors/scrapers/source_breaker.hpp"

namespace courtside::scrape {

source_breaker::source_breaker(std::string source, breaker::breaker_config config,
                               std::uint64_t seed)
  : name_("source:" + std::move(source)),
    rng_(std::make_unique<random_source>(seed)),
    state_(config, *rng_) {}

void source_breaker::record(time_point started, time_point now,
                            const retry::attempt_outcome& outcome) {
  using kind = retry::attempt_outcome_kind;
  switch (outcome.kind) {
    case kind::http_response:
      if (outcome.status == 429) {
        state_.on_failure(now, breaker::failure_kind::error);
        if (outcome.retry_after) state_.force_open_until(now, now + *outcome.retry_after);
      } else if (outcome.status >= 500) {
        state_.on_failure(now, breaker::failure_kind::error);
      } else {
        state_.on_success(now, now - started); // 2xx, 3xx, and 4xx about our own request
      }
      return;
    case kind::connect_timeout:
    case kind::read_timeout: state_.on_failure(now, breaker::failure_kind::timeout); return;
    case kind::decode_failure: // it answered; the payload is quarantined, not the upstream
    case kind::cancelled:
    case kind::shutdown: state_.on_success(now, now - started); return;
    default: state_.on_failure(now, breaker::failure_kind::error); return;
  }
}

} // namespace courtside::scrape
