#pragma once
// What a chaos run must not break, checked after it against the warehouse it left, what the
// fake upstream and fake Slack saw, the supervision events, and a fault-free reference run:
//   box scores     every final game's box score stored exactly once per player
//   ledger         every row as settled as in the fault-free run, or FAILED with an alert at Slack
//   exports        one file per export row, its bytes the recorded hash, no stray files
//   tables         equal to the fault-free run's (when every ledger row ended as it did there)
//   alerts         each delivered once (a second copy only if the notifier died mid-POST),
//                  or still in the outbox only while Slack is down
//   flood control  never two POSTs to the webhook less than its interval apart
//   Retry-After    no retry (upstream, per URL; Slack) before the Retry-After it was sent
//   supervision    no escalation: restarts stayed within every supervisor's intensity
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "runtime/app/chaos/plan.hpp"
#include "runtime/app/chaos/virtual_world.hpp"

namespace courtside::chaos {

struct violation {
  std::string invariant;
  std::string detail;
};

struct chaos_report {
  std::uint64_t seed = 0;
  std::string range;                       ///< "D1..D2"
  std::vector<std::string> plan;           ///< chaos_plan::describe()
  std::map<std::string, std::uint64_t> injected; ///< faults that happened, by kind
  std::vector<std::string> checked;        ///< invariant names, in order
  std::vector<std::string> not_checked;    ///< with the reason
  std::vector<violation> violations;
  bool settled = false;
  milliseconds settled_at{0};              ///< virtual
  std::string replay;                      ///< the command that replays this seed
  [[nodiscard]] bool passed() const { return violations.empty(); }
};

struct check_input {
  std::filesystem::path data_dir;                 ///< the chaos run's
  std::map<std::string, std::string> reference;   ///< table hashes of the fault-free run
  std::map<std::string, std::string> reference_ledger; ///< "date phase/output" -> its state there
  std::string first_date, last_date;
  const upstream_sim::league* league = nullptr;
  const world_result* run = nullptr;
  const chaos_plan* plan = nullptr;
  milliseconds min_interval{1'000};               ///< the webhook's flood control
  std::string primary_source = "nba_cdn";
};

[[nodiscard]] chaos_report check_invariants(const check_input& in);

/// Columns the table comparison leaves out: raw_hash says which body a row was decoded from.
/// A body damaged only where the decoder never reads (simdjson On-Demand validates what it
/// reads) decodes to the same values under another hash; the values are what must be equal.
[[nodiscard]] const std::set<std::string>& provenance_columns();

/// "date phase/output" -> state, for the rows of a range.
[[nodiscard]] std::map<std::string, std::string> ledger_states(const std::filesystem::path& data_dir,
                                                               const std::string& first_date,
                                                               const std::string& last_date);

[[nodiscard]] std::string render_text(const chaos_report& r);
[[nodiscard]] std::string render_json(const std::vector<chaos_report>& reports);

} // namespace courtside::chaos
