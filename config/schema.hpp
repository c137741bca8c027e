#pragma once
// The typed configuration of one courtside process. The loader (config/loader.hpp) fills an
// engine_config once from TOML and validates it; from then on the engine passes it around as
// `const engine_config&` (or shared_ptr<const engine_config>) and never changes it.
//
// Every default stands beside its field: an empty TOML file yields exactly these values.
// Durations are std::chrono::milliseconds, written in TOML as strings like "250ms", "10s", "1m30s".
// Named tables ([sources.<name>], [notifiers.<name>], [jobs.<name>]) become a std::vector of
// structs with a `name` field, in the order they appear in the file, so logs and the tree
// follow the operator's order rather than the alphabet.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/schedule/job_book.hpp"

namespace courtside::config {

using milliseconds = std::chrono::milliseconds;

enum class log_level { trace, debug, info, warn, error };
enum class log_format { text, json };

/// Which upstream API a source speaks; picks the scraper and decoder.
enum class source_kind {
  balldontlie, ///< api.balldontlie.io v1: games, box scores, players (API key).
  nba_cdn,     ///< cdn.nba.com static JSON: scoreboard, box scores (no key).
  stats_nba,   ///< stats.nba.com: advanced stats (no key, strict rate limits).
  odds_api,    ///< the-odds-api.com v4: player-prop lines (API key, monthly quota).
};

/// How a notifier delivers alerts.
enum class notifier_kind {
  slack, ///< Slack incoming webhook.
};

inline constexpr log_level all_log_levels[] = {log_level::trace, log_level::debug, log_level::info,
                                               log_level::warn, log_level::error};
inline constexpr log_format all_log_formats[] = {log_format::text, log_format::json};
inline constexpr source_kind all_source_kinds[] = {source_kind::balldontlie, source_kind::nba_cdn,
                                                   source_kind::stats_nba, source_kind::odds_api};
inline constexpr notifier_kind all_notifier_kinds[] = {notifier_kind::slack};
inline constexpr schedule::overlap_policy all_overlap_policies[] = {
  schedule::overlap_policy::forbid, schedule::overlap_policy::replace, schedule::overlap_policy::allow};
inline constexpr schedule::missed_policy all_missed_policies[] = {schedule::missed_policy::skip,
                                                                  schedule::missed_policy::run_latest};

/// The spelling used in TOML (and in logs) for each enum value.
[[nodiscard]] std::string_view to_string(log_level value);
[[nodiscard]] std::string_view to_string(log_format value);
[[nodiscard]] std::string_view to_string(source_kind value);
[[nodiscard]] std::string_view to_string(notifier_kind value);

/// A credential (API key, webhook URL, token). Deliberately neither streamable nor formattable,
/// so handing one to a logger is a compile error; reveal() it only where it is sent upstream.
/// The log redactor learns every value through secret_values() (config/loader.hpp).
class secret {
public:
  secret() = default;
  explicit secret(std::string value) : value_(std::move(value)) {}

  [[nodiscard]] const std::string& reveal() const { return value_; }
  [[nodiscard]] bool empty() const { return value_.empty(); }

  friend bool operator==(const secret& a, const secret& b) { return a.value_ == b.value_; }
  friend bool operator!=(const secret& a, const secret& b) { return !(a == b); }

private:
  std::string value_;
};

/// [engine]: identity and process-wide behaviour.
struct engine_section {
  std::string name = "courtside";         ///< Shown in logs, /api/status and alerts.
  std::string data_dir = "var/courtside"; ///< Warehouse, queue and exports live here.
  /// "UTC" or an IANA Area/Location; game dates and cron schedules are in this zone.
  std::string time_zone = "America/New_York";
  // Qualified so the field may share the enum's name (and the TOML key's).
  config::log_level log_level = config::log_level::info;
  config::log_format log_format = config::log_format::text;
  milliseconds status_interval{30'000}; ///< How often the engine logs its tree status.
  /// "" = real time; "YYYY-MM-DDTHH:MM:SSZ" = a simulated calendar starting at that instant
  /// (demo and chaos runs: the engine's "today" is the simulator's season day).
  std::string clock_start;
  double clock_speed = 1.0; ///< Simulated ms per real ms (with clock_start).
};

/// [supervision]: restart policy shared by every supervisor in the tree.
struct supervision_section {
  milliseconds backoff_min{100};        ///< First restart delay.
  milliseconds backoff_max{30'000};     ///< Restart delays never exceed this.
  double backoff_multiplier = 2.0;      ///< Growth per consecutive restart (>= 1).
  double backoff_jitter = 0.2;          ///< +/- fraction of randomness on each delay (0..1).
  milliseconds stable_period{60'000};   ///< Up this long after a restart: backoff resets.
  int max_restarts = 5;                 ///< More restarts than this within restart_window...
  milliseconds restart_window{60'000};  ///< ...escalate to the parent supervisor.
  milliseconds shutdown_timeout{5'000}; ///< Children get this long to stop before a kill.
  std::size_t buffer_capacity = 64;     ///< Messages held for a child while it restarts (0 = none).
  std::uint64_t seed = 1;               ///< Seeds jitter and fault plans; same seed, same run.
};

/// [http]: the control server (/healthz, /readyz, /metrics, /api/*).
struct http_section {
  std::string bind = "127.0.0.1"; ///< Address to listen on.
  std::uint16_t port = 8080;      ///< 0 picks a free port (tests).
  secret token;                   ///< Bearer token for mutating endpoints; empty = disabled.
};

/// [sources.<name>]: one upstream API and how hard courtside may press it.
struct source_config {
  std::string name;                            ///< The table name, [a-z0-9_-]+; names its actors.
  source_kind kind = source_kind::balldontlie; ///< Required in TOML.
  std::string base_url;                        ///< Required, http:// or https://.
  secret api_key;                              ///< Empty = the upstream needs none.
  int requests_per_minute = 60;                ///< Rate limit (> 0).
  int concurrency = 4;                         ///< Requests in flight at once (1..256).
  milliseconds timeout{10'000};                ///< Per request.
  int max_attempts = 4;                        ///< Tries per request, the first included (>= 1).
  bool enabled = true;                         ///< false = configured but not started.
};

/// [notifiers.<name>]: where alerts go.
struct notifier_config {
  std::string name;                          ///< The table name, [a-z0-9_-]+.
  notifier_kind kind = notifier_kind::slack; ///< Required in TOML.
  secret webhook_url;                        ///< Required, http(s)://; it grants posting.
  std::optional<std::string> channel;        ///< Overrides the webhook's default channel.
  milliseconds min_interval{1'000};          ///< At most one post per interval; the rest batch.
  bool enabled = true;
};

/// The jobs courtside ships, by [jobs.<name>] name (actors/scheduler/job_catalogue.cpp says
/// what each runs; a unit test keeps the two lists equal).
inline constexpr std::string_view known_job_names[] = {
  "planner", "same-day-phase3", "same-day-phase3-tomorrow", "overnight-phase4",
  "overnight-predictions", "morning-predictions", "self-heal-predictions", "reconciler",
  "box-score-completeness", "stale-running-cleanup", "phase4-failure-alert", "data-quality-check",
  "daily-health-check", "daily-health-summary", "shadow-performance-report"};

/// [jobs.<name>]: a scheduled job; the name says which job (see actors/scheduler).
struct job_config {
  std::string name;              ///< The table name, [a-z0-9_-]+: which job of the catalogue.
  std::string schedule;          ///< Required cron: 5 fields, or 6 with seconds first.
  milliseconds timeout{600'000}; ///< A run taking longer is stopped (its actor killed).
  /// A firing while a run is in flight: forbid (skip it), replace (stop the old run), allow.
  schedule::overlap_policy overlap = schedule::overlap_policy::forbid;
  /// After downtime: skip missed firings, or run_latest (the latest one, once, at start-up).
  schedule::missed_policy missed = schedule::missed_policy::skip;
  int retries = 2;                     ///< Extra attempts of a failed firing (0..10).
  milliseconds retry_backoff{30'000};  ///< Before the first retry; doubles after each.
  int pause_after = 5;                 ///< Consecutive failed firings that pause it; 0 = never.
  bool enabled = true;
};

/// [[pipeline.completeness_tiers]]: the phase-4 gate's tiered timeout. Once phase 4 of a date
/// has waited `after` for its box scores, a share of `threshold` is enough (output DEGRADED).
struct completeness_tier {
  milliseconds after{0}; ///< Required, > 0: how long phase 4 of the date has waited.
  double threshold = 0;  ///< Required, 0..1: the share of final games with box scores then enough.
};

/// [pipeline]: rules between phases.
struct pipeline_section {
  double completeness_threshold = 0.95; ///< Share of a date's games stored before phase 4 (0..1).
  milliseconds not_final_recheck{600'000}; ///< A game not final yet is asked again after this.
  /// Longer waits, lower bars; `after` increasing, thresholds decreasing and below
  /// completeness_threshold. Default: 80 % after 1 h, 60 % after 2 h (4 of 5, then 3 of 5).
  std::vector<completeness_tier> completeness_tiers{{milliseconds{3'600'000}, 0.8},
                                                    {milliseconds{7'200'000}, 0.6}};
};

/// [[faults.crash]]: crash an actor on purpose (demo and tests of self-healing).
struct crash_fault {
  std::string target;          ///< Required actor path, e.g. "ops.heartbeat".
  milliseconds every{0};       ///< Required, > 0: time between crashes.
  int times = 0;               ///< How many crashes; 0 = unlimited.
  milliseconds start_after{0}; ///< Quiet period after start-up.
};

/// [faults]: fault injection; empty in production.
struct faults_section {
  std::vector<crash_fault> crash; ///< In file order.
};

/// The whole configuration of one process.
struct engine_config {
  engine_section engine;
  supervision_section supervision;
  http_section http;
  std::vector<source_config> sources;     ///< In file order.
  std::vector<notifier_config> notifiers; ///< In file order.
  std::vector<job_config> jobs;           ///< In file order.
  pipeline_section pipeline;
  faults_section faults;
};

/// The name of the first enabled source of `kind` in file order, or "" when there is none.
[[nodiscard]] std::string first_enabled_source(const engine_config& config, source_kind kind);

// Field-by-field equality (e.g. "did a reload change anything?").
bool operator==(const engine_section& a, const engine_section& b);
bool operator==(const supervision_section& a, const supervision_section& b);
bool operator==(const http_section& a, const http_section& b);
bool operator==(const source_config& a, const source_config& b);
bool operator==(const notifier_config& a, const notifier_config& b);
bool operator==(const job_config& a, const job_config& b);
bool operator==(const completeness_tier& a, const completeness_tier& b);
bool operator==(const pipeline_section& a, const pipeline_section& b);
bool operator==(const crash_fault& a, const crash_fault& b);
bool operator==(const faults_section& a, const faults_section& b);
bool operator==(const engine_config& a, const engine_config& b);

} // namespace courtside::config
