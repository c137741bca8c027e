#include "runtime/metrics/engine_metrics.hpp"

namespace courtside::metrics {

std::vector<double> phase_duration_buckets() {
  return {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800};
}

engine_metrics engine_metrics_in(registry& r) {
  return engine_metrics{
    r.counter("courtside_http_requests_total",
              "Upstream HTTP requests by source and status (HTTP code or transport error).",
              {"source", "status"}),
    r.counter("courtside_retries_total", "Upstream requests retried, by source.", {"source"}),
    r.counter("courtside_decode_errors_total", "Upstream payloads that failed to decode.",
              {"source"}),
    r.counter("courtside_actor_restarts_total",
              "Restarts of each supervised actor, by path in the supervision tree.", {"actor"}),
    r.counter("courtside_dead_letters_total", "Work items dead-lettered, by queue kind.",
              {"kind"}),
    r.counter("courtside_alerts_total", "Alerts by delivery result (sent, failed, dropped).",
              {"result"}),
    r.counter("courtside_job_runs_total",
              "Scheduled job runs by job and result (ok, failed, skipped, timeout).",
              {"job", "result"}),
    r.counter("courtside_control_requests_total",
              "Requests to the control plane by endpoint and HTTP status.",
              {"endpoint", "status"}),
    r.histogram("courtside_phase_duration_seconds", "Duration of one pipeline phase run.",
                {"phase"}, phase_duration_buckets()),
    r.gauge("courtside_breaker_state",
            "Circuit breaker state as persisted: 0 closed, 1 half-open, 2 open.", {"name"}),
    r.gauge("courtside_queue_depth", "Work items not done, by queue kind and state.",
            {"kind", "state"}),
    r.gauge("courtside_queue_oldest_item_age_seconds",
            "Age of the oldest ready or leased work item, by queue kind.", {"kind"}),
    r.gauge("courtside_ledger_rows", "Expected-output ledger rows by state.", {"state"}),
    r.gauge("courtside_alert_outbox_rows", "Alert outbox rows by state (pending = queued).",
            {"state"}),
    r.gauge("courtside_supervised_actors", "Actors in the supervision tree by state.",
            {"state"}),
  };
}

engine_metrics& engine() {
  static engine_metrics instance = engine_metrics_in(global());
  return instance;
}

} // namespace courtside::metrics
