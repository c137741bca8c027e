// Specs for the health scoring (actors/monitors/health_score.hpp): pure, no warehouse.
#include "actors/monitors/health_score.hpp"

#include <catch2/catch.hpp>

namespace courtside::monitors {
namespace {

using storage::output_state;

const health_settings defaults{};
constexpr storage::unix_ms now = 1'736'942'400'000;

health_facts all_in(output_state state) {
  health_facts f;
  f.date = "2025-01-14";
  for (const char* phase : {"raw", "analytics", "precompute", "predictions", "publish"})
    f.phases.push_back({phase, {{state, std::nullopt}}, 0});
  return f;
}

phase_facts& phase(health_facts& f, const std::string& name) {
  for (auto& p : f.phases)
    if (p.phase == name) return p;
  FAIL("no phase " << name);
  return f.phases.front();
}

int score_of(const health_report& r, const std::string& name) {
  for (const auto& p : r.phases)
    if (p.phase == name) return p.score;
  return -1;
}

} // namespace

TEST_CASE("ledger states score 100, 70, 30 and 0", "[monitors][health]") {
  const auto score = [](output_state s) { return ledger_state_score({s, std::nullopt}, now, defaults); };
  CHECK(score(output_state::complete) == 100);
  CHECK(score(output_state::empty_ok) == 100);
  CHECK(score(output_state::degraded) == 70);
  CHECK(score(output_state::blocked) == 30);
  CHECK(score(output_state::failed) == 0);
  CHECK(score(output_state::expected) == 60);
  CHECK(score(output_state::running) == 60);
}

TEST_CASE("pending work scores 100 until its deadline and 30 from it on", "[monitors][health]") {
  for (const auto state : {output_state::expected, output_state::running}) {
    CHECK(ledger_state_score({state, now + 1}, now, defaults) == 100);
    CHECK(ledger_state_score({state, now}, now, defaults) == 30);
  }
}

TEST_CASE("a settled date scores 100 overall", "[monitors][health]") {
  auto f = all_in(output_state::complete);
  f.final_games = 8;
  f.final_with_box_scores = 8;
  const auto r = score_health(f, now, defaults);
  CHECK(r.overall == 100);
  CHECK(r.phases.size() == 5);
  CHECK(describe_scores(r) ==
        "raw 100 · analytics 100 · precompute 100 · predictions 100 · publish 100");
}

TEST_CASE("one failed phase caps the overall at 50 although the mean is 80", "[monitors][health]") {
  auto f = all_in(output_state::complete);
  phase(f, "publish").rows.front().state = output_state::failed;
  const auto r = score_health(f, now, defaults);
  CHECK(score_of(r, "publish") == 0);
  CHECK(r.overall == 50);
  CHECK(r.phases.back().why == "FAILED");
}

TEST_CASE("one degraded phase costs 6 points overall", "[monitors][health]") {
  auto f = all_in(output_state::complete);
  phase(f, "predictions").rows.front().state = output_state::degraded;
  CHECK(score_health(f, now, defaults).overall == 94);
}

TEST_CASE("each dead-lettered item of a phase costs it 20 points, down to 0", "[monitors][health]") {
  auto f = all_in(output_state::complete);
  phase(f, "analytics").dead_items = 1;
  phase(f, "precompute").dead_items = 6;
  const auto r = score_health(f, now, defaults);
  CHECK(score_of(r, "analytics") == 80);
  CHECK(score_of(r, "precompute") == 0);
  CHECK(r.phases[1].why == "1 dead item(s)");
}

TEST_CASE("raw scores the share of final games with box scores", "[monitors][health]") {
  auto f = all_in(output_state::complete);
  f.final_games = 3;
  f.final_with_box_scores = 2;
  const auto r = score_health(f, now, defaults);
  CHECK(score_of(r, "raw") == 66);
  CHECK(r.phases.front().why == "2/3 box scores");
  f.final_games = 0;
  f.final_with_box_scores = 0;
  CHECK(score_of(score_health(f, now, defaults), "raw") == 100);
}

TEST_CASE("a phase never planned scores 0 and the worst of several rows counts",
          "[monitors][health]") {
  auto f = all_in(output_state::complete);
  phase(f, "raw").rows.clear();
  phase(f, "analytics").rows.push_back({output_state::blocked, std::nullopt});
  const auto r = score_health(f, now, defaults);
  CHECK(score_of(r, "raw") == 0);
  CHECK(r.phases.front().why == "not planned");
  CHECK(score_of(r, "analytics") == 30);
}

TEST_CASE("an unprocessed date without deadlines reads 60: a warning", "[monitors][health]") {
  const auto r = score_health(all_in(output_state::expected), now, defaults);
  CHECK(r.overall == 60);
  CHECK(health_severity(r.overall, defaults) == alerting::severity::warning);
}

TEST_CASE("the check warns below 80 and errs below 50", "[monitors][health]") {
  CHECK_FALSE(health_severity(100, defaults));
  CHECK_FALSE(health_severity(80, defaults));
  CHECK(health_severity(79, defaults) == alerting::severity::warning);
  CHECK(health_severity(50, defaults) == alerting::severity::warning);
  CHECK(health_severity(49, defaults) == alerting::severity::error);
  CHECK(health_severity(0, defaults) == alerting::severity::error);
}

} // namespace courtside::monitors
