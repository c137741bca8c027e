// Specs for the phase processors' breaker: what trips it, and the "upstream data is
// available" probe that closes it early (phase_handler::upstream_ready on a real warehouse).
#include "actors/pipeline/flow.hpp"
#include "actors/pipeline/processor_breaker.hpp"
#include "runtime/storage/ledger.hpp"
#include "runtime/storage/work_queue.hpp"

#include "unit/actors/phases/phases_fixture.hpp"

namespace courtside::phases::test {
namespace {

using namespace std::chrono_literals;

std::shared_ptr<const pipeline::work_handler> handler_of(const std::string& kind) {
  pipeline::flow_settings s;
  s.primary_source = "nba_cdn";
  for (auto& h : pipeline::make_flow_handlers(s))
    if (h.kind == kind) return h.handler;
  FAIL("no handler for " << kind);
  return nullptr;
}

void set_ledger(database& db, const std::string& date, const char* phase, storage::output_state s) {
  storage::ledger_row row;
  row.key = {date, phase, std::string{pipeline::ledger_output(phase)}};
  row.state = s;
  REQUIRE_OK(storage::upsert_ledger_row(db, row, t0));
}

} // namespace

TEST_CASE("five failed commits in a row open a processor breaker, acks and deferrals do not",
          "[pipeline][processor_breaker]") {
  pipeline::processor_breaker b{"precompute", pipeline::processor_breaker_config(), 7};
  CHECK(b.name() == "phase:precompute");
  const courtside::time_point start{};
  for (int i = 0; i < 20; ++i) b.record(start, start + std::chrono::seconds{i}, false);
  CHECK(b.state() == breaker::circuit_state::closed);
  for (int i = 0; i < 4; ++i) b.record(start, start + 30s, true);
  CHECK(b.state() == breaker::circuit_state::closed); // just before: 4 in a row
  b.record(start, start + 31s, true);
  CHECK(b.state() == breaker::circuit_state::open); // just after: the 5th
  CHECK_FALSE(b.allow(start + 32s).allowed());
  CHECK(b.close_early(start + 33s) == breaker::close_early_result::closed);
  CHECK(b.allow(start + 34s).allowed());
}

TEST_CASE("a slow commit is not a failure of a processor", "[pipeline][processor_breaker]") {
  pipeline::processor_breaker b{"analytics", pipeline::processor_breaker_config(), 7};
  const courtside::time_point start{};
  for (int i = 0; i < 20; ++i) b.record(start, start + 10min, false);
  CHECK(b.state() == breaker::circuit_state::closed);
}

TEST_CASE("upstream data is available once a waiting item's input phase is usable",
          "[pipeline][processor_breaker]") {
  database db = fresh_warehouse(fresh_scratch_dir());
  const auto precompute = handler_of("precompute");
  CHECK_FALSE(value_of(precompute->upstream_ready(db))); // nothing waits
  storage::new_work_item item;
  item.kind = "precompute";
  item.key = "2025-11-14";
  item.max_attempts = 5;
  REQUIRE_OK(storage::enqueue(db, item, t0));
  set_ledger(db, "2025-11-14", "analytics", storage::output_state::running);
  CHECK_FALSE(value_of(precompute->upstream_ready(db))); // its input is not there yet
  set_ledger(db, "2025-11-14", "analytics", storage::output_state::degraded);
  CHECK(value_of(precompute->upstream_ready(db)));
  // Analytics reads the raw phase.
  const auto analytics = handler_of("analytics");
  CHECK_FALSE(value_of(analytics->upstream_ready(db)));
}

} // namespace courtside::phases::test
