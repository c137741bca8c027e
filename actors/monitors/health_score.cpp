#include "actors/monitors/health_score.hpp"

#include <algorithm>
#include <limits>

#include "runtime/storage/tables.hpp"

namespace courtside::monitors {
namespace {

using storage::output_state;

// Lowers `into` to `score` and records why, when `score` is lower.
void lower(phase_score& into, int score, const std::string& why) {
  if (score >= into.score) return;
  into.score = score;
  into.why = why;
}

phase_score score_phase(const phase_facts& p, const health_facts& facts, storage::unix_ms now,
                        const health_settings& s) {
  phase_score out{p.phase, 100, {}};
  if (p.rows.empty()) lower(out, 0, "not planned");
  for (const auto& row : p.rows)
    lower(out, ledger_state_score(row, now, s), storage::to_string(row.state));
  if (p.dead_items > 0) {
    const std::int64_t penalty = p.dead_items * s.dead_item_penalty;
    lower(out, static_cast<int>(std::max<std::int64_t>(0, 100 - penalty)),
          std::to_string(p.dead_items) + " dead item(s)");
  }
  if (p.phase == storage::to_string(storage::pipeline_phase::raw) && facts.final_games > 0) {
    const auto share = static_cast<int>(facts.final_with_box_scores * 100 / facts.final_games);
    lower(out, share,
          std::to_string(facts.final_with_box_scores) + "/" + std::to_string(facts.final_games) +
            " box scores");
  }
  return out;
}

} // namespace

int ledger_state_score(const ledger_fact& row, storage::unix_ms now, const health_settings& s) {
  switch (row.state) {
    case output_state::complete:
    case output_state::empty_ok: return 100;
    case output_state::degraded: return s.degraded_score;
    case output_state::blocked: return s.blocked_score;
    case output_state::failed: return 0;
    case output_state::expected:
    case output_state::running:
      if (!row.expected_by) return s.no_deadline_score;
      return now < *row.expected_by ? 100 : s.late_score;
  }
  return 0;
}

health_report score_health(const health_facts& facts, storage::unix_ms now,
                           const health_settings& s) {
  health_report out{facts.date, {}, 100};
  if (facts.phases.empty()) return out;
  int sum = 0;
  int weakest = std::numeric_limits<int>::max();
  for (const auto& p : facts.phases) {
    out.phases.push_back(score_phase(p, facts, now, s));
    sum += out.phases.back().score;
    weakest = std::min(weakest, out.phases.back().score);
  }
  const int mean = sum / static_cast<int>(out.phases.size());
  out.overall = std::min(mean, weakest + s.weakest_phase_margin);
  return out;
}

std::optional<alerting::severity> health_severity(int overall, const health_settings& s) {
  if (overall < s.error_below) return alerting::severity::error;
  if (overall < s.warn_below) return alerting::severity::warning;
  return std::nullopt;
}

std::string describe_scores(const health_report& report) {
  std::string text;
  for (const auto& p : report.phases) {
    text += (text.empty() ? "" : " · ") + p.phase + " " + std::to_string(p.score);
    if (!p.why.empty()) text += " (" + p.why + ")";
  }
  return text;
}

} // namespace courtside::monitors
