#pragma once
// "What happened to one try, and what kind of thing is that?" — the first half of the retry
// decision, with no attempt counts, clocks or randomness (those are retry_policy's).
//
//   attempt_outcome  what the HTTP client / decoder reports for ONE call
//        │  classify_outcome()            (pure; transport errors via classify_transport_error)
//        ▼
//   outcome_class    verdict (success / no_data_yet / retriable / permanent / quarantine /
//                    pass_on) + retry_reason (why, for logs, metrics and alerts)
//        │  retry_policy::decide()        (attempts, backoff, Retry-After, deadline, budget)
//        ▼
//   retry_decision   what the caller does next
//
// Rules (DESIGN.md style rule 7; Envoy's retry-on "5xx,reset,connect-failure,retriable-4xx"):
//   2xx → success; 204 or a 2xx flagged not_final_yet → no_data_yet
//   429, 408, 5xx → retriable
//   other 4xx, 1xx, 3xx, status outside 100..599 → permanent
//   connect refused/timeout, DNS failure, reset, read timeout → retriable
//   TLS, protocol, body too large, too many redirects, bad URL → permanent (same call, same
//   failure; the same table as http::action_for, checked by http_outcome_test.cpp)
//   cancelled, shutdown → pass_on: never retried, the caller is going away
//   decode failure → quarantine: the bytes are kept for a human, never retried
#include <chrono>
#include <optional>
#include <string_view>

namespace courtside::retry {

using milliseconds = std::chrono::milliseconds;

/// What happened to one call.
enum class attempt_outcome_kind {
  http_response,      ///< the upstream answered; see status / retry_after / not_final_yet
  connect_refused,    ///< TCP connect refused or host unreachable (a restarting upstream)
  connect_timeout,    ///< TCP or TLS connect did not finish in time
  dns_failure,        ///< name did not resolve (often a transient resolver hiccup)
  reset,              ///< peer reset or closed the connection mid-request
  read_timeout,       ///< connected, but the response did not arrive in time
  tls_error,          ///< handshake/certificate failure: retrying will not fix it
  protocol_error,     ///< the bytes were not valid HTTP (or an invalid body coding)
  body_too_large,     ///< the response exceeded our body limit; the next one would too
  too_many_redirects, ///< the redirect chain was longer than allowed
  bad_url,            ///< the URL (or a redirect's Location) was unusable
  cancelled,          ///< our side cancelled the call (request no longer wanted)
  shutdown,           ///< the engine is stopping
  decode_failure,     ///< HTTP 2xx, but the payload did not decode into our types
};

/// One call's outcome as the HTTP client and decoder report it.
struct attempt_outcome {
  attempt_outcome_kind kind = attempt_outcome_kind::http_response;
  int status = 0;                          ///< HTTP status; only for http_response
  std::optional<milliseconds> retry_after; ///< parsed Retry-After (see retry_after.hpp), if sent
  bool not_final_yet = false;              ///< a 2xx whose data is not final (game in progress)

  [[nodiscard]] static attempt_outcome http(int status,
                                            std::optional<milliseconds> retry_after = {}) {
    return {attempt_outcome_kind::http_response, status, retry_after, false};
  }
  [[nodiscard]] static attempt_outcome http_not_final(int status = 200) {
    return {attempt_outcome_kind::http_response, status, std::nullopt, true};
  }
  [[nodiscard]] static attempt_outcome failed(attempt_outcome_kind kind) {
    return {kind, 0, std::nullopt, false};
  }
};

/// What kind of thing happened, before attempts and time are considered.
enum class verdict {
  success,     ///< use the data
  no_data_yet, ///< upstream is fine but has nothing (final) yet; poll again later, not a failure
  retriable,   ///< a transient failure; another try may succeed
  permanent,   ///< trying again would fail the same way
  quarantine,  ///< the payload is bad; keep it for inspection, never retry
  pass_on,     ///< we are cancelling or shutting down; stop quietly, never retry
};

/// Why — stays attached to the final decision so a log line can say "gave up: http_server_error".
enum class retry_reason {
  ok,                     ///< 2xx with data
  no_content,             ///< 204: The Odds API's "no markets yet"
  not_final_yet,          ///< 2xx flagged not final
  http_too_many_requests, ///< 429
  http_request_timeout,   ///< 408: the server timed out waiting for us; safe to repeat
  http_server_error,      ///< 5xx
  http_client_error,      ///< other 4xx: our request is wrong (404, 401, 400, ...)
  http_unexpected_status, ///< 1xx, 3xx (the client follows redirects), out of range
  connect_refused,
  connect_timeout,
  dns_failure,
  reset,
  read_timeout,
  tls_error,
  protocol_error,
  body_too_large,
  too_many_redirects,
  bad_url,
  cancelled,
  shutdown,
  decode_failure,
};

struct outcome_class {
  verdict what;
  retry_reason why;
};

/// The one place transport errors are classified: reset/timeout/connect → retriable,
/// TLS/protocol/oversize/redirects/URL → permanent, cancel/shutdown → pass_on,
/// decode → quarantine. Agrees with http::action_for (checked by http_outcome_test.cpp).
/// `kind` must not be http_response (that yields permanent/protocol_error defensively).
[[nodiscard]] outcome_class classify_transport_error(attempt_outcome_kind kind);

/// HTTP status rules; not_final_yet only matters for 2xx.
[[nodiscard]] outcome_class classify_http_status(int status, bool not_final_yet);

/// Either of the above, by outcome.kind.
[[nodiscard]] outcome_class classify_outcome(const attempt_outcome& outcome);

[[nodiscard]] std::string_view to_string(attempt_outcome_kind kind);
[[nodiscard]] std::string_view to_string(verdict v);
[[nodiscard]] std::string_view to_string(retry_reason reason);

} // namespace courtside::retry
