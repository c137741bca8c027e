#pragma once
// What the notify group understands.
//
// Anyone raising an alert (by path through the root, so a restart of the router is invisible):
//   root <- (route_atom, "notify.router", make_message(alert_atom, alerting::alert))
//   or simply notify::raise_alert(self, alert) (actors/notifiers/raise_alert.hpp).
//
// notify.router:
//   (alert_atom, alert)                  an occurrence or a resolve; no reply
//   (supervision_event)                  from the event bus; crashes/escalations become alerts
//   (delivery_failed_atom, failure)      from a notifier: outage or dead letter (alerted to the
//                                        OTHER webhooks, never back to the failing one)
//   (delivery_ok_atom, notifier)         a notifier's webhook answers again (resolves "down")
// notify.slack_<name>:
//   (wake_atom)                          new rows for this webhook are in the outbox
//   (status_atom)                     -> notifier_status
#include <cstdint>
#include <string>

#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>

#include "runtime/alerting/alert.hpp"

namespace courtside::alerting {

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, alert_field& x) {
  return f(caf::meta::type_name("alert_field"), x.name, x.value);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, alert& x) {
  return f(caf::meta::type_name("alert"), x.key, x.level, x.title, x.text, x.fields, x.date,
           x.phase, x.attempt, x.max_attempts, x.resolved);
}

} // namespace courtside::alerting

namespace courtside::notify {

using alert_atom = caf::atom_constant<caf::atom("alert")>;
using wake_atom = caf::atom_constant<caf::atom("wake")>;
using delivery_failed_atom = caf::atom_constant<caf::atom("delivfail")>;
using delivery_ok_atom = caf::atom_constant<caf::atom("delivok")>;

/// A notifier's report that a message could not be delivered (for good, or not for now).
struct delivery_failure {
  std::string notifier;  ///< "ops"
  bool outage = false;   ///< true: transient failures outlasted the retries; false: dead letter
  std::string reason;    ///< delivery_reason name, e.g. "no_service", "server_error"
  std::string detail;    ///< Slack's answer or the transport error (never the URL)
  std::string title;     ///< the undelivered message's title
  std::int64_t pending = 0; ///< messages waiting behind it
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, delivery_failure& x) {
  return f(caf::meta::type_name("delivery_failure"), x.notifier, x.outage, x.reason, x.detail,
           x.title, x.pending);
}

/// A notifier's view of its webhook, for /api/status, metrics and tests.
struct notifier_status {
  std::string notifier;
  std::int64_t pending = 0;
  std::int64_t sent = 0;
  std::int64_t dropped = 0;
  bool outage = false;         ///< retries ran out; probing
  int failures = 0;            ///< failed tries of the message at the head of the queue
  std::int64_t posts = 0;      ///< POSTs made by this incarnation
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, notifier_status& x) {
  return f(caf::meta::type_name("notifier_status"), x.notifier, x.pending, x.sent, x.dropped,
           x.outage, x.failures, x.posts);
}

/// The router's path below the root, and a notifier's ("notify.slack_ops").
inline const std::string router_path = "notify.router";
[[nodiscard]] inline std::string notifier_child_name(const std::string& webhook) {
  return "slack_" + webhook;
}

} // namespace courtside::notify
