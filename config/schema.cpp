#include "config/schema.hpp"

#include <tuple>

namespace courtside::config {

std::string_view to_string(log_level value) {
  switch (value) {
    case log_level::trace: return "trace";
    case log_level::debug: return "debug";
    case log_level::info: return "info";
    case log_level::warn: return "warn";
    case log_level::error: return "error";
  }
  return "info";
}

std::string_view to_string(log_format value) {
  switch (value) {
    case log_format::text: return "text";
    case log_format::json: return "json";
  }
  return "text";
}

std::string_view to_string(source_kind value) {
  switch (value) {
    case source_kind::balldontlie: return "balldontlie";
    case source_kind::nba_cdn: return "nba_cdn";
    case source_kind::stats_nba: return "stats_nba";
    case source_kind::odds_api: return "odds_api";
  }
  return "balldontlie";
}

std::string_view to_string(notifier_kind value) {
  switch (value) {
    case notifier_kind::slack: return "slack";
  }
  return "slack";
}

// Each tie lists every field; a new field must be added here (the render round-trip test
// catches a field that is forgotten in both places only if its value differs from the default).
bool operator==(const engine_section& a, const engine_section& b) {
  return std::tie(a.name, a.data_dir, a.time_zone, a.log_level, a.log_format, a.status_interval,
                  a.clock_start, a.clock_speed) ==
         std::tie(b.name, b.data_dir, b.time_zone, b.log_level, b.log_format, b.status_interval,
                  b.clock_start, b.clock_speed);
}

bool operator==(const supervision_section& a, const supervision_section& b) {
  return std::tie(a.backoff_min, a.backoff_max, a.backoff_multiplier, a.backoff_jitter,
                  a.stable_period, a.max_restarts, a.restart_window, a.shutdown_timeout,
                  a.buffer_capacity, a.seed) ==
         std::tie(b.backoff_min, b.backoff_max, b.backoff_multiplier, b.backoff_jitter,
                  b.stable_period, b.max_restarts, b.restart_window, b.shutdown_timeout,
                  b.buffer_capacity, b.seed);
}

bool operator==(const http_section& a, const http_section& b) {
  return std::tie(a.bind, a.port, a.token) == std::tie(b.bind, b.port, b.token);
}

bool operator==(const source_config& a, const source_config& b) {
  return std::tie(a.name, a.kind, a.base_url, a.api_key, a.requests_per_minute, a.concurrency,
                  a.timeout, a.max_attempts, a.enabled) ==
         std::tie(b.name, b.kind, b.base_url, b.api_key, b.requests_per_minute, b.concurrency,
                  b.timeout, b.max_attempts, b.enabled);
}

bool operator==(const notifier_config& a, const notifier_config& b) {
  return std::tie(a.name, a.kind, a.webhook_url, a.channel, a.min_interval, a.enabled) ==
         std::tie(b.name, b.kind, b.webhook_url, b.channel, b.min_interval, b.enabled);
}

bool operator==(const job_config& a, const job_config& b) {
  return std::tie(a.name, a.schedule, a.timeout, a.overlap, a.missed, a.retries, a.retry_backoff,
                  a.pause_after, a.enabled) ==
         std::tie(b.name, b.schedule, b.timeout, b.overlap, b.missed, b.retries, b.retry_backoff,
                  b.pause_after, b.enabled);
}

std::string first_enabled_source(const engine_config& config, source_kind kind) {
  for (const auto& src : config.sources)
    if (src.enabled && src.kind == kind) return src.name;
  return {};
}

bool operator==(const completeness_tier& a, const completeness_tier& b) {
  return a.after == b.after && a.threshold == b.threshold;
}

bool operator==(const pipeline_section& a, const pipeline_section& b) {
  return a.completeness_threshold == b.completeness_threshold &&
         a.not_final_recheck == b.not_final_recheck && a.completeness_tiers == b.completeness_tiers;
}

bool operator==(const crash_fault& a, const crash_fault& b) {
  return std::tie(a.target, a.every, a.times, a.start_after) ==
         std::tie(b.target, b.every, b.times, b.start_after);
}

bool operator==(const faults_section& a, const faults_section& b) { return a.crash == b.crash; }

bool operator==(const engine_config& a, const engine_config& b) {
  return std::tie(a.engine, a.supervision, a.http, a.sources, a.notifiers, a.jobs, a.pipeline,
                  a.faults) == std::tie(b.engine, b.supervision, b.http, b.sources, b.notifiers,
                                        b.jobs, b.pipeline, b.faults);
}

} // namespace courtside::config
