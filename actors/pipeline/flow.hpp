#pragma once
// The pipeline's flow of one game date as queue kinds and their handlers (DESIGN.md "Flow of
// one game date"). Each commit writes its output, moves the date's ledger row and enqueues the
// next step in ONE transaction, so the chain survives any crash: what was committed has its
// successor queued, what was not will be redelivered.
//
//   schedule:D ─► box_score:<game> per final game ─► (all final games stored) ─┐
//             ├─► secondary_box_scores:D (reconciliation source)                │
//             ├─► odds_events:D ─► event_odds:<event>                           │
//             └─► analytics:D at once when D has games still to play (pregame)  │
//   analytics:D ◄───────────────────────────────────────────────────────────────┘
//     ─► precompute:D ─► predictions:D ─► publish:D
//
// Gates are values: a phase whose inputs are not ready defers its item (no attempt spent) and
// the ledger row says why (BLOCKED with the gate's reason when a threshold failed; the reason
// alone while it waits for an earlier date, since phase N of date D reads every date before D).
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "actors/pipeline/work_handler.hpp"
#include "runtime/storage/ledger.hpp"

namespace courtside::pipeline {

/// Queue kinds, one per step.
inline constexpr std::string_view schedule_kind = "schedule";
inline constexpr std::string_view box_score_kind = "box_score";
inline constexpr std::string_view secondary_kind = "secondary_box_scores";
inline constexpr std::string_view odds_events_kind = "odds_events";
inline constexpr std::string_view event_odds_kind = "event_odds";

/// The date-level phases in order, as ledger phase names and queue kinds.
inline constexpr std::string_view raw_phase = "raw";
inline constexpr std::string_view phase_kinds[] = {"analytics", "precompute", "predictions",
                                                   "publish"};

struct flow_settings {
  std::string primary_source;     ///< config name of the NBA.com CDN source ("nba_cdn")
  std::string secondary_source;   ///< balldontlie source for reconciliation; empty = none
  std::string odds_source;        ///< The Odds API source; empty = no prop lines
  double completeness_threshold = 0.95; ///< share of final games with box scores for phase 4
  /// The gate's tiered timeout: once phase 4 of a date has waited `after` (since its item was
  /// queued), `threshold` is enough and the output is DEGRADED. Longer waits, lower bars.
  struct completeness_tier {
    std::chrono::milliseconds after;
    double threshold;
  };
  std::vector<completeness_tier> completeness_tiers;
  int max_attempts = 5;           ///< tries per item before dead-letter
  std::chrono::milliseconds not_final_recheck{600'000}; ///< a live game is asked again after
  std::chrono::milliseconds gate_recheck{60'000};       ///< a closed gate is re-evaluated after
  std::chrono::milliseconds wait_recheck{2'000};        ///< waiting for an earlier date
  std::filesystem::path exports_dir;                     ///< phase 6 writes here
};

/// The handler of each queue kind above, keyed by kind.
struct flow_handler {
  std::string kind;
  std::shared_ptr<const work_handler> handler;
  bool fetches = false; ///< asks an upstream (worth many in flight) or only the warehouse
};
[[nodiscard]] std::vector<flow_handler> make_flow_handlers(const flow_settings& settings);

/// Scraper path of a source: "sources.scraper_<name>".
[[nodiscard]] std::string scraper_path(std::string_view source);

/// Plans `date`: an EXPECTED ledger row per phase (raw + phase_kinds) and the date's schedule
/// item. Planning a date twice changes nothing. Joins the caller's transaction if any.
[[nodiscard]] storage::storage_status plan_date(storage::database& db, const std::string& date,
                                                int max_attempts, unix_ms now);

/// The ledger output name of each phase (the grid's cell): "box_scores", "summaries", ...
[[nodiscard]] std::string_view ledger_output(std::string_view phase);

} // namespace courtside::pipeline
