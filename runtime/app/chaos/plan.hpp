#pragma once
// A chaos plan: every fault of one chaos run, drawn from a seed. Pure: the same seed and bounds
// give the same plan on any machine, so a failing seed replays exactly.
//
//   upstream  per-API fault specs for the simulator (5xx, 429 with and without Retry-After,
//             resets, truncated and malformed bodies, hangs past the client's timeout,
//             latency spikes, "not final yet" box scores that later become final)
//   crashes   named actors (workers, scrapers, the writer, supervisors) killed at moments
//   slack     windows in which the webhook answers 500, 429 (+ Retry-After) or nothing
//   commits   a share of the warehouse writer's jobs failed as SQLITE_BUSY, for a while
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "tools/upstream-sim/faults.hpp"

namespace courtside::chaos {

using milliseconds = std::chrono::milliseconds;

struct crash_event {
  std::string target; ///< actor path in the tree, e.g. "pipeline.summaries" or "storage"
  milliseconds at{0}; ///< after the engine started
};

enum class slack_trouble : std::uint8_t { server_error, rate_limited, no_answer };
[[nodiscard]] const char* to_string(slack_trouble t);

struct slack_outage {
  milliseconds from{0};
  milliseconds until{0};
  slack_trouble trouble = slack_trouble::server_error;
  int retry_after_seconds = 0; ///< rate_limited: the Retry-After sent (0 = none)
};

struct commit_faults {
  double rate = 0;        ///< share of the writer's jobs answered SQLITE_BUSY
  milliseconds until{0};  ///< only before this moment
};

struct chaos_plan {
  std::uint64_t seed = 0;
  upstream_sim::fault_plan upstream;
  std::vector<crash_event> crashes; ///< by time
  std::vector<slack_outage> slack;  ///< by time, not overlapping
  commit_faults commits;

  /// One line per fault, for the report.
  [[nodiscard]] std::vector<std::string> describe() const;
};

struct plan_bounds {
  milliseconds horizon{90'000};     ///< faults happen in [0, horizon) of the run
  std::vector<std::string> targets; ///< actor paths that may be crashed
  int max_crashes = 6;
  /// At most this many crashes among one supervisor's children (or of it) in the whole plan, so a
  /// plan stays within the restart intensity it is checked against.
  int max_crashes_per_supervisor = 2;
  milliseconds request_timeout{2'000}; ///< a hang lasts longer than this
};

[[nodiscard]] chaos_plan draw_plan(std::uint64_t seed, const plan_bounds& bounds);

} // namespace courtside::chaos
