#include "runtime/alerting/delivery.hpp"

#include <algorithm>

namespace courtside::alerting {
namespace {

std::string trimmed(std::string_view body) {
  const auto first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = body.find_last_not_of(" \t\r\n");
  std::string out{body.substr(first, last - first + 1)};
  if (out.size() > 120) out = out.substr(0, 117) + "...";
  for (auto& c : out)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return out;
}

delivery_reason permanent_reason(int status, std::string_view error) {
  if (status == 400) {
    if (error == "invalid_payload") return delivery_reason::invalid_payload;
    if (error == "no_text") return delivery_reason::no_text;
    if (error == "user_not_found") return delivery_reason::user_not_found;
    return delivery_reason::client_error;
  }
  if (status == 403) return delivery_reason::action_prohibited;
  if (status == 404) {
    if (error == "channel_not_found") return delivery_reason::channel_not_found;
    if (error == "no_service") return delivery_reason::no_service;
    return delivery_reason::client_error;
  }
  if (status == 410) return delivery_reason::channel_is_archived;
  if (status >= 400 && status < 500) return delivery_reason::client_error;
  return delivery_reason::unexpected_status;
}

delivery_reason transient_reason(const retry::attempt_outcome& o) {
  if (o.kind != retry::attempt_outcome_kind::http_response) return delivery_reason::network;
  if (o.status == 429) return delivery_reason::rate_limited;
  if (o.status == 408) return delivery_reason::request_timeout;
  return delivery_reason::server_error;
}

} // namespace

milliseconds transient_delay(int failures, const delivery_policy& policy) {
  const int n = std::max(1, failures);
  if (n <= policy.max_retries) return retry::backoff_cap(policy.backoff, n);
  milliseconds probe = policy.outage_probe_min;
  for (int k = policy.max_retries + 1; k < n && probe < policy.outage_probe_max; ++k) probe *= 2;
  return std::min(probe, policy.outage_probe_max);
}

delivery_decision decide_delivery(const retry::attempt_outcome& outcome, std::string_view body,
                                  int failures, const delivery_policy& policy) {
  delivery_decision d;
  const auto cls = retry::classify_outcome(outcome);
  const bool response = outcome.kind == retry::attempt_outcome_kind::http_response;
  d.detail = response ? trimmed(body) : std::string{retry::to_string(outcome.kind)};
  switch (cls.what) {
    case retry::verdict::success:
    case retry::verdict::no_data_yet: // 204: Slack never sends it, but 2xx is "taken"
      d.verdict = delivery_verdict::delivered;
      d.reason = delivery_reason::ok;
      return d;
    case retry::verdict::pass_on:
      d.verdict = delivery_verdict::pass_on;
      d.reason = delivery_reason::shutdown;
      return d;
    case retry::verdict::permanent:
    case retry::verdict::quarantine:
      d.verdict = delivery_verdict::dead_letter;
      d.reason = response ? permanent_reason(outcome.status, d.detail) : delivery_reason::transport_permanent;
      return d;
    case retry::verdict::retriable:
      break;
  }
  d.reason = transient_reason(outcome);
  d.verdict = failures <= policy.max_retries ? delivery_verdict::retry : delivery_verdict::outage;
  // Retry-After is a floor: never earlier than Slack asked, never earlier than our backoff.
  d.delay = std::max(transient_delay(failures, policy), outcome.retry_after.value_or(milliseconds{0}));
  return d;
}

const char* to_string(delivery_verdict v) noexcept {
  switch (v) {
    case delivery_verdict::delivered: return "delivered";
    case delivery_verdict::retry: return "retry";
    case delivery_verdict::outage: return "outage";
    case delivery_verdict::dead_letter: return "dead_letter";
    case delivery_verdict::pass_on: return "pass_on";
  }
  return "?";
}

const char* to_string(delivery_reason r) noexcept {
  switch (r) {
    case delivery_reason::ok: return "ok";
    case delivery_reason::server_error: return "server_error";
    case delivery_reason::rate_limited: return "rate_limited";
    case delivery_reason::request_timeout: return "request_timeout";
    case delivery_reason::network: return "network";
    case delivery_reason::invalid_payload: return "invalid_payload";
    case delivery_reason::no_text: return "no_text";
    case delivery_reason::user_not_found: return "user_not_found";
    case delivery_reason::action_prohibited: return "action_prohibited";
    case delivery_reason::no_service: return "no_service";
    case delivery_reason::channel_not_found: return "channel_not_found";
    case delivery_reason::channel_is_archived: return "channel_is_archived";
    case delivery_reason::client_error: return "client_error";
    case delivery_reason::unexpected_status: return "unexpected_status";
    case delivery_reason::transport_permanent: return "transport_permanent";
    case delivery_reason::shutdown: return "shutdown";
  }
  return "?";
}

} // namespace courtside::alerting
