#pragma once
// The notify group: one alert router plus one Slack notifier per webhook, under their own
// one_for_one supervisor ("notify"), sharing a durable outbox in the warehouse file.
//
//   raise (alert_atom, alert) ─► notify.router: group by key (alert_grouper) ─► route by
//     severity ─► render Block Kit per webhook ─► INSERT alert_outbox (pending) ─► wake
//   notify.slack_<name>: oldest pending row ─► flood control (1/min_interval) ─► POST ─►
//     2xx: mark sent │ transient: retry 2/4/8 s (Retry-After is a floor), then outage:
//     hold the queue, probe, alert the other webhooks once │ permanent: dead-letter, log once
//
// Each actor opens its own connection to the warehouse file (WAL, busy timeout), so the
// outbox survives a crash of either and a restart of the engine: a restarted notifier
// resumes at the oldest pending row. The webhook URL is a secret: it lives only in the
// notifier's HTTP request; logs and alerts name the notifier ("ops"), never the URL.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runtime/alerting/delivery.hpp"
#include "runtime/alerting/grouping.hpp"
#include "runtime/http/http_types.hpp"
#include "runtime/storage/database.hpp"
#include "runtime/supervision/supervisor.hpp"

namespace courtside::notify {

/// How a notifier POSTs; the engine plugs in its http_client, tests a script. The callback
/// may run on any thread.
using post_function =
  std::function<void(http::http_request, std::function<void(http::http_result)>)>;

/// The wall clock for outbox timestamps and HTTP dates (unix ms). Tests pass a virtual one.
using wall_clock = std::function<storage::unix_ms()>;

[[nodiscard]] wall_clock system_wall_clock();

struct webhook_settings {
  std::string name;                         ///< notifier name ("ops"); names its actor slack_<name>
  std::string url;                          ///< SECRET: the incoming-webhook URL
  std::optional<std::string> channel;       ///< overrides the webhook's default channel
  std::chrono::milliseconds min_interval{1'000}; ///< flood control: one POST per interval
  alerting::severity min_level = alerting::severity::info;
  alerting::severity max_level = alerting::severity::critical;
};

struct notify_settings {
  std::string database_path;                    ///< the engine's warehouse file
  std::chrono::milliseconds busy_timeout{2'000}; ///< SQLite busy timeout of each connection
  std::string engine_name = "courtside";       ///< shown in every message's context line
  alerting::grouping_config grouping;
  alerting::delivery_policy delivery;
  std::chrono::milliseconds request_timeout{10'000}; ///< one POST, connect included
  std::chrono::milliseconds idle_poll{60'000};  ///< an idle notifier re-reads the outbox this often
  std::vector<webhook_settings> webhooks;
  caf::actor events;                            ///< supervision event bus; null = no such alerts
  wall_clock wall;                              ///< null = system clock
};

/// The group's supervisor spec: `base` gives strategy-independent restart settings (backoff,
/// intensity); the children are the router, then one notifier per webhook.
[[nodiscard]] supervisor_spec notify_spec(supervisor_spec base, notify_settings settings,
                                          post_function post);

/// notify_spec as the child "notify" of the root.
[[nodiscard]] child_spec notify_child(supervisor_spec base, notify_settings settings,
                                      post_function post);

/// The single actors, for tests and custom trees.
[[nodiscard]] child_spec router_child(notify_settings settings);
[[nodiscard]] child_spec notifier_child(const notify_settings& settings,
                                        const webhook_settings& webhook, post_function post);

} // namespace courtside::notify
