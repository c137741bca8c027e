// Specs for the phase-4 gate's tiered timeout (flow.hpp completeness_tiers): the gate is a
// value stored in the ledger, re-evaluated on the item's own recheck timer, and each tier
// reached lowers the bar; an output made below the full bar is DEGRADED and says which tier.
// The flow's precompute handler on a real warehouse, committed as the queue worker would.
#include "actors/phases/raw_store.hpp"
#include "actors/pipeline/flow.hpp"
#include "runtime/storage/ledger.hpp"
#include "runtime/storage/work_queue.hpp"
#include "unit/actors/phases/phases_fixture.hpp"

namespace courtside::phases::test {
namespace {

using namespace std::chrono_literals;
using storage::output_state;

constexpr unix_ms minute = 60'000;
const std::string date = "2025-01-10";

struct gate_fixture {
  std::filesystem::path dir = fresh_scratch_dir();
  database db = fresh_warehouse(dir);
  std::shared_ptr<const pipeline::work_handler> precompute;

  gate_fixture() {
    pipeline::flow_settings s;
    s.primary_source = "nba_cdn";
    s.exports_dir = dir / "exports";
    s.completeness_threshold = 0.95;
    s.completeness_tiers = {{60min, 0.8}, {120min, 0.5}};
    for (auto& h : pipeline::make_flow_handlers(s))
      if (h.kind == "precompute") precompute = h.handler;
    // Two final games, one box score: 50 % — below every bar but the last tier's.
    const Game a = make_game(date, "BOS", "LAL"), b = make_game(date, "MIA", "NYK");
    REQUIRE_OK(store_games(db, {a, b}, "nba_cdn", "", t0));
    REQUIRE_OK(store_box_score(db, make_box(a, {line_spec{"Player A BOS", "BOS", 1800, 20, 8, 15, 1, 3, 3, 4, 1, 5, 3, 2},
                                                line_spec{"Player A LAL", "LAL", 1800, 18, 7, 14, 1, 3, 3, 4, 1, 5, 3, 2}}),
                               "nba_cdn", "", t0));
    for (auto phase : {std::string_view{pipeline::raw_phase}, pipeline::phase_kinds[0], pipeline::phase_kinds[1]})
      REQUIRE_OK(storage::ensure_expected(db, key(phase), std::nullopt, t0));
    // Analytics made the date (the pregame pass) while box scores are still coming in.
    set(pipeline::raw_phase, output_state::running);
    set(pipeline::phase_kinds[0], output_state::complete);
    REQUIRE_OK(storage::enqueue(db, {"precompute", date, "", 5, std::nullopt}, t0));
  }

  static storage::ledger_key key(std::string_view phase) {
    return {date, std::string{phase}, std::string{pipeline::ledger_output(phase)}};
  }
  void set(std::string_view phase, output_state state) {
    auto row = value_of(storage::get_ledger_row(db, key(phase)));
    row.state = state;
    REQUIRE_OK(storage::upsert_ledger_row(db, row, t0));
  }
  storage::ledger_row precompute_row() { return value_of(storage::get_ledger_row(db, key("precompute"))); }

  // One commit of the precompute item at `now`, as the worker does it: ack or defer.
  pipeline::commit_decision commit_at(unix_ms now) {
    auto items = value_of(storage::lease(db, "precompute", "w", now, 1min, 1));
    REQUIRE(items.size() == 1);
    auto tx = value_of(db.begin("test commit"));
    auto decision = value_of(precompute->commit(db, items.front(), nullptr, now));
    if (decision.what == pipeline::commit_decision::kind::ack) REQUIRE_OK(storage::ack(tx, items.front().id, "w", now));
    else REQUIRE_OK(storage::defer(db, items.front().id, "w", now, now, decision.reason));
    REQUIRE_OK(tx.commit());
    return decision;
  }
};

} // namespace

TEST_CASE_METHOD(gate_fixture, "the phase-4 gate blocks below its bar and says when a lower one will do",
                 "[pipeline][gate]") {
  const auto first = commit_at(t0 + 30 * minute);
  CHECK(first.what == pipeline::commit_decision::kind::defer);
  CHECK(precompute_row().state == output_state::blocked);
  CHECK(precompute_row().reason ==
        "completeness 1/2 final games below threshold 95 %; 80 % will do after 1h");

  // The first tier is reached, but 50 % is below its 80 %.
  commit_at(t0 + 61 * minute);
  CHECK(precompute_row().state == output_state::blocked);
  CHECK(precompute_row().reason ==
        "completeness 1/2 final games below threshold 80 %; 50 % will do after 2h");
}

TEST_CASE_METHOD(gate_fixture, "a tier reached opens the gate, and the output says it is degraded and why",
                 "[pipeline][gate]") {
  const auto decision = commit_at(t0 + 120 * minute);
  CHECK(decision.what == pipeline::commit_decision::kind::ack);
  const auto row = precompute_row();
  CHECK(row.state == output_state::degraded);
  CHECK_THAT(row.reason, Catch::Contains("completeness 1/2 final games below threshold 95 %, accepted "
                                         "after waiting 2h (tier 50 %)"));
}

TEST_CASE_METHOD(gate_fixture, "with every box score in, the gate opens at once and the output is complete",
                 "[pipeline][gate]") {
  const Game b = make_game(date, "MIA", "NYK");
  REQUIRE_OK(store_box_score(db, make_box(b, {line_spec{"Player A MIA", "MIA", 1800, 20, 8, 15, 1, 3, 3, 4, 1, 5, 3, 2},
                                              line_spec{"Player A NYK", "NYK", 1800, 18, 7, 14, 1, 3, 3, 4, 1, 5, 3, 2}}),
                             "nba_cdn", "", t0));
  CHECK(commit_at(t0 + minute).what == pipeline::commit_decision::kind::ack);
  CHECK(precompute_row().reason.find("accepted after waiting") == std::string::npos);
}

} // namespace courtside::phases::test
