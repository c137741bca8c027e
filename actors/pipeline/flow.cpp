#include "actors/pipeline/flow.hpp"

#include "actors/pipeline/flow_ledger.hpp"
#include "actors/pipeline/flow_phases.hpp"
#include "actors/pipeline/flow_raw.hpp"

namespace courtside::pipeline {

std::string scraper_path(std::string_view source) {
  return "sources.scraper_" + std::string{source};
}

std::string_view ledger_output(std::string_view phase) {
  if (phase == raw_phase) return "box_scores";
  if (phase == phase_kinds[0]) return "summaries";
  if (phase == phase_kinds[1]) return "features";
  if (phase == phase_kinds[2]) return "predictions";
  if (phase == phase_kinds[3]) return "exports";
  return phase;
}

std::vector<flow_handler> make_flow_handlers(const flow_settings& s) {
  using namespace detail;
  std::vector<flow_handler> out;
  out.push_back({std::string{schedule_kind}, std::make_shared<schedule_handler>(s), true});
  out.push_back({std::string{box_score_kind}, std::make_shared<box_score_handler>(s), true});
  if (!s.secondary_source.empty())
    out.push_back({std::string{secondary_kind}, std::make_shared<secondary_handler>(s), true});
  if (!s.odds_source.empty()) {
    out.push_back({std::string{odds_events_kind}, std::make_shared<odds_events_handler>(s), true});
    out.push_back({std::string{event_odds_kind}, std::make_shared<event_odds_handler>(s), true});
  }
  for (std::size_t i = 0; i < std::size(phase_kinds); ++i)
    out.push_back({std::string{phase_kinds[i]}, std::make_shared<phase_handler>(s, i), false});
  return out;
}

storage::storage_status plan_date(storage::database& db, const std::string& date,
                                  int max_attempts, unix_ms now) {
  auto tx = db.begin("pipeline.plan_date");
  if (!tx) return tx.error();
  std::vector<std::string_view> phases{raw_phase};
  phases.insert(phases.end(), std::begin(phase_kinds), std::end(phase_kinds));
  bool fresh = false;
  for (auto phase : phases) {
    auto added = storage::ensure_expected(db, detail::ledger_key_of(date, phase), std::nullopt, now);
    if (!added) return added.error();
    fresh = fresh || added.value();
  }
  // A date planned before keeps its progress; only a new date gets its first item.
  if (fresh)
    if (auto q = detail::enqueue_step(db, schedule_kind, date, {}, max_attempts, now); !q) return q;
  return tx.value().commit();
}

} // namespace courtside::pipeline
