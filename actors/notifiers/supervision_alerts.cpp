#include "actors/notifiers/supervision_alerts.hpp"

#include "runtime/time/duration.hpp"

namespace courtside::notify {

std::optional<alerting::alert> alert_from_supervision_event(const supervision_event& e) {
  using kind = supervision_event::kind;
  if (e.reason == "user_shutdown" || e.reason == "normal") return std::nullopt;
  alerting::alert a;
  a.key = "supervision:" + e.path;
  if (!e.reason.empty()) a.fields.push_back({"Reason", e.reason});
  a.fields.push_back({"Restarts so far", std::to_string(e.restart_count)});
  switch (e.what) {
    case kind::restart_scheduled:
      a.level = alerting::severity::warning;
      a.title = e.path + " crashed: restart " + std::to_string(e.restart_count) + " in " +
                format_duration(milliseconds{e.next_delay_ms});
      a.text = "Its supervisor restarts it with backoff; messages for it are buffered meanwhile.";
      return a;
    case kind::escalated:
      a.key = "supervision:escalated:" + e.path;
      a.level = alerting::severity::critical;
      a.title = e.path + " crashed too often; its supervisor gives up";
      a.text = "The restart intensity was exceeded: the failure moves up to the parent supervisor.";
      return a;
    case kind::gave_up:
      a.level = alerting::severity::error;
      a.title = e.path + " ended and is not restarted";
      a.text = "Its restart type does not restart it after this exit.";
      return a;
    case kind::rejected:
      a.key = "supervision:rejected:" + e.path;
      a.level = alerting::severity::warning;
      a.title = "messages for " + e.path + " dropped while it restarts";
      return a;
    default:
      return std::nullopt;
  }
}

} // namespace courtside::notify
