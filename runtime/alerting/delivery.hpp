#pragma once
// What to do after one POST of a message to a Slack incoming webhook. Pure: the outcome, the
// answer's body and the try number come in, a decision with its reason goes out.
//
//   2xx                                   → delivered (mark sent)
//   5xx, 429, 408, reset/timeout/refused  → retry after max(2 s·2^(n-1) capped at 8 s, Retry-After)
//     ... after max_retries such retries  → outage: keep the message (and those behind it,
//                                           in order), alert once, probe again after
//                                           max(probe_min·2^k capped at probe_max, Retry-After)
//   400 invalid_payload / no_text / user_not_found, 403 action_prohibited, 404 no_service /
//   channel_not_found, 410 channel_is_archived, any other 4xx, 1xx/3xx,
//   TLS / protocol / bad URL / body too large  → dead_letter (permanent: logged once, kept)
//   cancelled / shutdown                  → pass_on: stop quietly, the message stays pending
//
// The backoff here has no jitter on purpose: one notifier talks to one webhook, there is no
// herd to spread, and operators (and tests) can read "2 s, 4 s, 8 s" off the logs. Slack's
// error bodies are the strings documented in api.slack.com/changelog/2016-05-17 (plain text).
// Nothing here keeps the webhook URL; `detail` holds only Slack's answer or the transport
// error's name.
#include <chrono>
#include <string>
#include <string_view>

#include "runtime/retry/backoff.hpp"
#include "runtime/retry/classify.hpp"

namespace courtside::alerting {

using milliseconds = std::chrono::milliseconds;

struct delivery_policy {
  int max_retries = 3;                                ///< retries after the first try (>= 0)
  retry::backoff_config backoff{milliseconds{2'000}, milliseconds{8'000}, 2.0}; ///< cap_n, no jitter
  milliseconds outage_probe_min{30'000};              ///< first probe after retries ran out
  milliseconds outage_probe_max{300'000};             ///< probes never further apart than this
};

enum class delivery_verdict : std::uint8_t {
  delivered,   ///< Slack took it
  retry,       ///< transient failure: the same message again after `delay`
  outage,      ///< transient failures outlasted the retries: hold the queue, probe after `delay`
  dead_letter, ///< permanent: sending it again would fail the same way; keep it, move on
  pass_on,     ///< we are stopping; leave it pending, never count it as a failure
};

enum class delivery_reason : std::uint8_t {
  ok,
  server_error,        ///< 5xx (Slack's rollup_error included)
  rate_limited,        ///< 429
  request_timeout,     ///< 408
  network,             ///< refused, reset, DNS, connect/read timeout (detail names which)
  invalid_payload,     ///< 400 invalid_payload: our JSON was not understood
  no_text,             ///< 400 no_text: neither text nor blocks
  user_not_found,      ///< 400 user_not_found
  action_prohibited,   ///< 403: the workspace forbids this webhook posting here
  no_service,          ///< 404 no_service: the webhook was revoked or never existed
  channel_not_found,   ///< 404 channel_not_found: the channel override names no channel
  channel_is_archived, ///< 410: the channel is archived
  client_error,        ///< any other 4xx
  unexpected_status,   ///< 1xx, 3xx, out of range
  transport_permanent, ///< TLS, protocol, body too large, redirects, bad URL (detail: which)
  shutdown,            ///< cancelled or shutting down
};

[[nodiscard]] const char* to_string(delivery_verdict v) noexcept;
[[nodiscard]] const char* to_string(delivery_reason r) noexcept;

struct delivery_decision {
  delivery_verdict verdict = delivery_verdict::delivered;
  delivery_reason reason = delivery_reason::ok;
  milliseconds delay{0}; ///< retry / outage: wait this long before the next try
  std::string detail;    ///< Slack's answer (<= 120 chars) or the transport error's name
};

/// `failures` counts the failed tries of this message so far, this one included (the first
/// failure is 1). `outcome` comes from retry::outcome_from (status, parsed Retry-After,
/// transport error); `body` is the response body (Slack's error string), empty for failures.
[[nodiscard]] delivery_decision decide_delivery(const retry::attempt_outcome& outcome,
                                                std::string_view body, int failures,
                                                const delivery_policy& policy);

/// The wait after failure number `failures` (>= 1) of a transient kind, before Retry-After.
[[nodiscard]] milliseconds transient_delay(int failures, const delivery_policy& policy);

} // namespace courtside::alerting
