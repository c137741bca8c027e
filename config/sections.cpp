#include "config/sections.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "config/suggest.hpp"
#include "config/value_checks.hpp"
#include "runtime/time/duration.hpp"

namespace courtside::config {
namespace {

constexpr std::int64_t int_max = std::numeric_limits<int>::max();
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr double unbounded = std::numeric_limits<double>::infinity();
constexpr auto positive = duration_floor::positive;
constexpr auto zero_ok = duration_floor::zero_allowed;

void read_engine(table_reader& in, engine_section& out) {
  in.read_text(out.name, "name", presence::optional, check_not_empty);
  in.read_text(out.data_dir, "data_dir", presence::optional, check_not_empty);
  in.read_text(out.time_zone, "time_zone", presence::optional, check_time_zone);
  in.read_enum(out.log_level, "log_level", all_log_levels);
  in.read_enum(out.log_format, "log_format", all_log_formats);
  in.read_duration(out.status_interval, "status_interval", positive);
  in.read_text(out.clock_start, "clock_start", presence::optional, check_utc_instant);
  in.read_number(out.clock_speed, "clock_speed", 0.001, 1e6);
}

void read_supervision(table_reader& in, supervision_section& out) {
  bool min_read = in.read_duration(out.backoff_min, "backoff_min", positive);
  bool max_read = in.read_duration(out.backoff_max, "backoff_max", positive);
  in.read_number(out.backoff_multiplier, "backoff_multiplier", 1.0, unbounded);
  in.read_number(out.backoff_jitter, "backoff_jitter", 0.0, 1.0);
  in.read_duration(out.stable_period, "stable_period", positive);
  in.read_integer(out.max_restarts, "max_restarts", 0, int_max);
  in.read_duration(out.restart_window, "restart_window", positive);
  in.read_duration(out.shutdown_timeout, "shutdown_timeout", positive);
  in.read_integer(out.buffer_capacity, "buffer_capacity", 0, int_max);
  in.read_integer(out.seed, "seed", 0, int64_max);
  if ((min_read || max_read) && out.backoff_min > out.backoff_max) {
    const char* key = min_read ? "backoff_min" : "backoff_max";
    in.context().report(config_error_kind::out_of_range, in.position_of(key), in.key_path(key),
                        "backoff_min (" + format_duration(out.backoff_min) +
                            ") must not exceed backoff_max (" + format_duration(out.backoff_max) +
                            ")");
  }
}

void read_http(table_reader& in, http_section& out) {
  in.read_text(out.bind, "bind", presence::optional, check_not_empty);
  in.read_integer(out.port, "port", 0, 65535);
  in.read_secret(out.token, "token");
}

source_config read_source(const std::string& name, table_reader& in) {
  source_config out;
  out.name = name;
  in.read_enum(out.kind, "kind", all_source_kinds, presence::required);
  in.read_text(out.base_url, "base_url", presence::required, check_http_url);
  in.read_secret(out.api_key, "api_key");
  in.read_integer(out.requests_per_minute, "requests_per_minute", 1, int_max);
  in.read_integer(out.concurrency, "concurrency", 1, 256);
  in.read_duration(out.timeout, "timeout", positive);
  in.read_integer(out.max_attempts, "max_attempts", 1, int_max);
  in.read_bool(out.enabled, "enabled");
  return out;
}

notifier_config read_notifier(const std::string& name, table_reader& in) {
  notifier_config out;
  out.name = name;
  in.read_enum(out.kind, "kind", all_notifier_kinds, presence::required);
  in.read_secret(out.webhook_url, "webhook_url", presence::required, check_http_url);
  in.read_text(out.channel, "channel", check_not_empty);
  in.read_duration(out.min_interval, "min_interval", zero_ok);
  in.read_bool(out.enabled, "enabled");
  return out;
}

// A name outside the catalogue is refused where it is written, with the nearest known name.
void check_job_name(const std::string& name, table_reader& in) {
  std::vector<std::string> known(std::begin(known_job_names), std::end(known_job_names));
  if (std::find(known.begin(), known.end(), name) != known.end()) return;
  std::string message = "is not a job courtside knows";
  if (auto near = closest_match(name, known)) message += "; did you mean \"" + *near + "\"?";
  else message += " (see actors/scheduler/README.md for the job set)";
  in.context().report(config_error_kind::invalid_value, in.position_of(""), in.path(), message);
}

job_config read_job(const std::string& name, table_reader& in) {
  job_config out;
  out.name = name;
  check_job_name(name, in);
  in.read_text(out.schedule, "schedule", presence::required, check_cron);
  in.read_duration(out.timeout, "timeout", positive);
  in.read_enum(out.overlap, "overlap", all_overlap_policies);
  in.read_enum(out.missed, "missed", all_missed_policies);
  in.read_integer(out.retries, "retries", 0, 10);
  in.read_duration(out.retry_backoff, "retry_backoff", positive);
  in.read_integer(out.pause_after, "pause_after", 0, 1000);
  in.read_bool(out.enabled, "enabled");
  return out;
}

crash_fault read_crash(table_reader& in) {
  crash_fault out;
  in.read_text(out.target, "target", presence::required, check_actor_path);
  in.read_duration(out.every, "every", positive, presence::required);
  in.read_integer(out.times, "times", 0, int_max);
  in.read_duration(out.start_after, "start_after", zero_ok);
  return out;
}

completeness_tier read_tier(table_reader& in) {
  completeness_tier out;
  in.read_duration(out.after, "after", positive, presence::required);
  in.read_number(out.threshold, "threshold", 0.0, 1.0, presence::required);
  return out;
}

void read_pipeline(table_reader& in, pipeline_section& out) {
  in.read_number(out.completeness_threshold, "completeness_threshold", 0.0, 1.0);
  in.read_duration(out.not_final_recheck, "not_final_recheck", positive);
  bool listed = false;
  in.each_array_table("completeness_tiers", [&](table_reader& entry) {
    if (!listed) out.completeness_tiers.clear(); // a list in the file replaces the default
    listed = true;
    const completeness_tier tier = read_tier(entry);
    // Each tier waits longer and asks less than the one before (the first: than the threshold).
    const bool first = out.completeness_tiers.empty();
    const double bar = first ? out.completeness_threshold : out.completeness_tiers.back().threshold;
    if (!first && tier.after.count() > 0 && tier.after <= out.completeness_tiers.back().after) // 0: not read
      in.context().report(config_error_kind::out_of_range, entry.position_of("after"), entry.key_path("after"),
                          "must be longer than the tier before (" +
                              format_duration(out.completeness_tiers.back().after) + ")");
    if (tier.threshold >= bar)
      in.context().report(config_error_kind::out_of_range, entry.position_of("threshold"),
                          entry.key_path("threshold"),
                          std::string{"must be below "} +
                              (first ? "completeness_threshold" : "the tier before's threshold"));
    out.completeness_tiers.push_back(tier);
    entry.finish();
  });
}

// Runs `read` on the sub-table `key` when present, then reports its unknown keys.
template <class Read>
void section(table_reader& root, const char* key, Read read) {
  if (auto table = root.sub_table(key)) {
    read(*table);
    table->finish();
  }
}

// [<key>.<name>] tables, each read by `read(name, reader)` and appended to `out`.
template <class Entry, class Read>
void named_tables(table_reader& root, const char* key, const char* what, std::vector<Entry>& out,
                  Read read) {
  section(root, key, [&](table_reader& map) {
    map.each_named_table(what, [&](const std::string& name, table_reader& entry) {
      out.push_back(read(name, entry));
      entry.finish();
    });
  });
}

} // namespace

engine_config read_engine_config(const doc_node& root, read_context& context) {
  engine_config out;
  table_reader top{context, root, ""};
  section(top, "engine", [&](table_reader& in) { read_engine(in, out.engine); });
  section(top, "supervision", [&](table_reader& in) { read_supervision(in, out.supervision); });
  section(top, "http", [&](table_reader& in) { read_http(in, out.http); });
  named_tables(top, "sources", "source", out.sources, read_source);
  named_tables(top, "notifiers", "notifier", out.notifiers, read_notifier);
  named_tables(top, "jobs", "job", out.jobs, read_job);
  section(top, "pipeline", [&](table_reader& in) { read_pipeline(in, out.pipeline); });
  section(top, "faults", [&](table_reader& in) {
    in.each_array_table("crash", [&](table_reader& entry) {
      out.faults.crash.push_back(read_crash(entry));
      entry.finish();
    });
  });
  top.finish();
  return out;
}

} // namespace courtside::config
