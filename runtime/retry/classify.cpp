#include "runtime/retry/classify.hpp"

namespace courtside::retry {

outcome_class classify_transport_error(attempt_outcome_kind kind) {
  using k = attempt_outcome_kind;
  switch (kind) {
    case k::connect_refused: return {verdict::retriable, retry_reason::connect_refused};
    case k::connect_timeout: return {verdict::retriable, retry_reason::connect_timeout};
    case k::dns_failure: return {verdict::retriable, retry_reason::dns_failure};
    case k::reset: return {verdict::retriable, retry_reason::reset};
    case k::read_timeout: return {verdict::retriable, retry_reason::read_timeout};
    case k::tls_error: return {verdict::permanent, retry_reason::tls_error};
    case k::protocol_error: return {verdict::permanent, retry_reason::protocol_error};
    case k::body_too_large: return {verdict::permanent, retry_reason::body_too_large};
    case k::too_many_redirects: return {verdict::permanent, retry_reason::too_many_redirects};
    case k::bad_url: return {verdict::permanent, retry_reason::bad_url};
    case k::cancelled: return {verdict::pass_on, retry_reason::cancelled};
    case k::shutdown: return {verdict::pass_on, retry_reason::shutdown};
    case k::decode_failure: return {verdict::quarantine, retry_reason::decode_failure};
    case k::http_response: break;
  }
  return {verdict::permanent, retry_reason::protocol_error};
}

outcome_class classify_http_status(int status, bool not_final_yet) {
  if (status == 204) return {verdict::no_data_yet, retry_reason::no_content};
  if (status >= 200 && status <= 299) {
    if (not_final_yet) return {verdict::no_data_yet, retry_reason::not_final_yet};
    return {verdict::success, retry_reason::ok};
  }
  if (status == 429) return {verdict::retriable, retry_reason::http_too_many_requests};
  if (status == 408) return {verdict::retriable, retry_reason::http_request_timeout};
  if (status >= 500 && status <= 599) return {verdict::retriable, retry_reason::http_server_error};
  if (status >= 400 && status <= 499) return {verdict::permanent, retry_reason::http_client_error};
  return {verdict::permanent, retry_reason::http_unexpected_status};
}

outcome_class classify_outcome(const attempt_outcome& outcome) {
  if (outcome.kind == attempt_outcome_kind::http_response)
    return classify_http_status(outcome.status, outcome.not_final_yet);
  return classify_transport_error(outcome.kind);
}

std::string_view to_string(attempt_outcome_kind kind) {
  using k = attempt_outcome_kind;
  switch (kind) {
    case k::http_response: return "http_response";
    case k::connect_refused: return "connect_refused";
    case k::connect_timeout: return "connect_timeout";
    case k::dns_failure: return "dns_failure";
    case k::reset: return "reset";
    case k::read_timeout: return "read_timeout";
    case k::tls_error: return "tls_error";
    case k::protocol_error: return "protocol_error";
    case k::body_too_large: return "body_too_large";
    case k::too_many_redirects: return "too_many_redirects";
    case k::bad_url: return "bad_url";
    case k::cancelled: return "cancelled";
    case k::shutdown: return "shutdown";
    case k::decode_failure: return "decode_failure";
  }
  return "unknown";
}

std::string_view to_string(verdict v) {
  switch (v) {
    case verdict::success: return "success";
    case verdict::no_data_yet: return "no_data_yet";
    case verdict::retriable: return "retriable";
    case verdict::permanent: return "permanent";
    case verdict::quarantine: return "quarantine";
    case verdict::pass_on: return "pass_on";
  }
  return "unknown";
}

std::string_view to_string(retry_reason reason) {
  using r = retry_reason;
  switch (reason) {
    case r::ok: return "ok";
    case r::no_content: return "no_content";
    case r::not_final_yet: return "not_final_yet";
    case r::http_too_many_requests: return "http_too_many_requests";
    case r::http_request_timeout: return "http_request_timeout";
    case r::http_server_error: return "http_server_error";
    case r::http_client_error: return "http_client_error";
    case r::http_unexpected_status: return "http_unexpected_status";
    case r::connect_refused: return "connect_refused";
    case r::connect_timeout: return "connect_timeout";
    case r::dns_failure: return "dns_failure";
    case r::reset: return "reset";
    case r::read_timeout: return "read_timeout";
    case r::tls_error: return "tls_error";
    case r::protocol_error: return "protocol_error";
    case r::body_too_large: return "body_too_large";
    case r::too_many_redirects: return "too_many_redirects";
    case r::bad_url: return "bad_url";
    case r::cancelled: return "cancelled";
    case r::shutdown: return "shutdown";
    case r::decode_failure: return "decode_failure";
  }
  return "unknown";
}

} // namespace courtside::retry
