#pragma once
// The virtual world: the engine's whole supervision tree (less the control server) on CAF's
// test coordinator, where time is virtual and only moves when nothing else can happen, with
// in-process fakes of the upstream APIs (the simulator's router and fault decisions) and of
// Slack. A backfill runs in it under a chaos plan, or under none for the reference run.
// Deterministic: the same config, range and plan give the same run, request for request.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/schema.hpp"
#include "runtime/app/chaos/plan.hpp"
#include "runtime/supervision/protocol.hpp"
#include "tools/upstream-sim/league.hpp"

namespace courtside::chaos {

struct world_options {
  config::engine_config config;      ///< data_dir must be a fresh folder
  std::string first_date, last_date; ///< the backfill
  const upstream_sim::league* league = nullptr;
  std::optional<chaos_plan> plan;    ///< nullopt: the fault-free reference run
  milliseconds limit{3'600'000};     ///< virtual time after which the run is abandoned
  milliseconds drain{120'000};       ///< after settling, the longest wait for pending alerts
};

/// One request the fake upstream answered.
struct upstream_request {
  milliseconds at{0};          ///< sent
  milliseconds answered_at{0}; ///< the answer (or failure) reached the client
  std::string url;      ///< redacted
  std::string fault;    ///< fault_kind name ("none", "rate_limited", ...)
  unsigned status = 0;  ///< 0 = transport failure
  std::optional<milliseconds> retry_after;
};

/// One POST the fake Slack answered (or left without answer).
struct slack_post {
  milliseconds at{0};          ///< sent
  milliseconds answered_at{0}; ///< the answer (or the client's timeout)
  std::string body;
  unsigned status = 0; ///< 0 = no answer (the client timed out)
  std::optional<milliseconds> retry_after;
};

struct timed_event {
  milliseconds at{0};
  supervision_event event;
};

struct world_result {
  bool settled = false;          ///< the backfill's ledger rows all settled
  bool stopped_cleanly = false;  ///< the root ended with user_shutdown
  bool escalated = false;        ///< the root gave up (restart intensity exceeded)
  milliseconds settled_at{0};    ///< virtual time
  milliseconds ended_at{0};
  std::vector<upstream_request> requests;
  std::vector<slack_post> posts;
  std::vector<timed_event> events;
  std::uint64_t commits_failed = 0; ///< injected SQLITE_BUSY answers
  std::vector<std::string> started_paths; ///< every actor path the tree started
};

[[nodiscard]] world_result run_world(const world_options& options);

/// The engine clock's start for a backfill ending on `last_date`: noon UTC the day after.
[[nodiscard]] std::string clock_start_after(const std::string& last_date);

} // namespace courtside::chaos
