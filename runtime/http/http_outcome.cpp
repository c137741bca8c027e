#include "runtime/http/http_outcome.hpp"

#include <limits>

namespace courtside::retry {

// No default: a new http::transport_error must be given a retry rule here, on purpose.
attempt_outcome_kind outcome_kind_for(http::transport_error error) {
  using e = http::transport_error;
  using k = attempt_outcome_kind;
  switch (error) {
    case e::dns_failure: return k::dns_failure;
    case e::connect_refused: return k::connect_refused;
    case e::connect_timeout: return k::connect_timeout;
    case e::reset: return k::reset;
    case e::read_timeout: return k::read_timeout;
    case e::tls_error: return k::tls_error;
    case e::protocol_error: return k::protocol_error;
    case e::body_too_large: return k::body_too_large;
    case e::too_many_redirects: return k::too_many_redirects;
    case e::cancelled: return k::cancelled;
    case e::bad_url: return k::bad_url;
  }
  return k::protocol_error;
}

attempt_outcome outcome_from(const http::http_result& result, wall_time_point now_wall) {
  if (!result.ok()) return attempt_outcome::failed(outcome_kind_for(result.failure().error));
  const http::http_response& response = result.response();
  std::optional<milliseconds> retry_after;
  if (const auto header = http::find_header(response.headers, "Retry-After"))
    retry_after = parse_retry_after(*header, now_wall);
  // An absurd status (> INT_MAX) stays absurd rather than wrapping into a valid one.
  const int status = response.status > static_cast<unsigned>(std::numeric_limits<int>::max())
                       ? -1
                       : static_cast<int>(response.status);
  return attempt_outcome::http(status, retry_after);
}

} // namespace courtside::retry
