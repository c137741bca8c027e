#pragma once
// The engine's metric catalogue: every family courtside exposes, declared once with its name,
// help, labels and (for histograms) buckets, so two components never register the same name
// differently. Names follow Prometheus conventions: a `courtside_` prefix, base units
// (seconds), `_total` on counters only.
//
//   metrics::engine().http_requests.with({"nba_cdn", "200"}).inc();
//   metrics::engine().phase_duration.with({"analytics"}).observe(seconds);
//
// Who records what: scrapers (http_requests, retries, decode_errors), the work queue owner
// (dead_letters), notifiers (alerts), the scheduler (job_runs), queue workers (phase_duration,
// per queue kind: one commit job each). The
// control plane sets the scrape-time families (marked "scrape time") from the warehouse and
// the supervision tree just before rendering.
#include "runtime/metrics/registry.hpp"

namespace courtside::metrics {

struct engine_metrics {
  counter_family& http_requests;     ///< courtside_http_requests_total{source,status}; status
                                     ///< is the HTTP code or a transport error name
  counter_family& retries;           ///< courtside_retries_total{source}
  counter_family& decode_errors;     ///< courtside_decode_errors_total{source}
  counter_family& actor_restarts;    ///< courtside_actor_restarts_total{actor} (scrape time)
  counter_family& dead_letters;      ///< courtside_dead_letters_total{kind}
  counter_family& alerts;            ///< courtside_alerts_total{result}: sent, failed, dropped
  counter_family& job_runs;          ///< courtside_job_runs_total{job,result}: ok, failed,
                                     ///< skipped, timeout
  counter_family& control_requests;  ///< courtside_control_requests_total{endpoint,status}
  histogram_family& phase_duration;  ///< courtside_phase_duration_seconds{phase}: phase = the
                                     ///< queue kind ("box_score", "analytics", "publish")
  gauge_family& breaker_state;       ///< courtside_breaker_state{name}: 0 closed, 1 half-open,
                                     ///< 2 open (scrape time)
  gauge_family& queue_depth;         ///< courtside_queue_depth{kind,state} (scrape time)
  gauge_family& queue_oldest_age;    ///< courtside_queue_oldest_item_age_seconds{kind} (scrape)
  gauge_family& ledger_rows;         ///< courtside_ledger_rows{state} (scrape time)
  gauge_family& alert_outbox;        ///< courtside_alert_outbox_rows{state} (scrape time)
  gauge_family& supervised_actors;   ///< courtside_supervised_actors{state} (scrape time)
};

/// Phase durations: 50 ms to 30 min.
[[nodiscard]] std::vector<double> phase_duration_buckets();

/// The catalogue registered in `r` (idempotent: the same families every call).
[[nodiscard]] engine_metrics engine_metrics_in(registry& r);

/// The catalogue in the process-wide registry.
[[nodiscard]] engine_metrics& engine();

} // namespace courtside::metrics
