// Spec for runtime/storage/job_runs.hpp: one row per firing, the history a restarted scheduler
// restores (last firing, trailing failures), interrupted runs.
#include "runtime/storage/job_runs.hpp"

#include "unit/runtime/storage/scratch.hpp"

#include <catch2/catch.hpp>

using namespace courtside::storage;
using namespace courtside::storage::test;

namespace {
constexpr unix_ms t0 = 1'700'000'000'000;
constexpr unix_ms minute = 60'000;

void run(database& db, const char* job, unix_ms at, const char* outcome) {
  REQUIRE_OK(record_run_started(db, job, at, at, 1, "schedule"));
  REQUIRE_OK(record_run_ended(db, job, at, outcome, at + 1000, outcome));
}
} // namespace

TEST_CASE("a firing is one row: a retry updates it and the last outcome stands", "[storage][job_runs]") {
  database db = fresh_warehouse();
  REQUIRE_OK(record_run_started(db, "reconciler", t0, t0, 1, "schedule"));
  REQUIRE_OK(record_run_ended(db, "reconciler", t0, "failed", t0 + 10, "db locked"));
  REQUIRE_OK(record_run_started(db, "reconciler", t0, t0 + 30'000, 2, "retry"));
  REQUIRE_OK(record_run_ended(db, "reconciler", t0, "ok", t0 + 31'000, "3 re-runs"));
  auto rows = recent_job_runs(db, "reconciler", 10);
  REQUIRE_OK(rows);
  REQUIRE(rows.value().size() == 1);
  CHECK(rows.value()[0].outcome == "ok");
  CHECK(rows.value()[0].started_at == t0 + 30'000);
  CHECK(rows.value()[0].finished_at == t0 + 31'000);
  CHECK(rows.value()[0].detail == "3 re-runs");
}

TEST_CASE("the history counts trailing failures up to the last success", "[storage][job_runs]") {
  database db = fresh_warehouse();
  run(db, "a", t0, "failed");
  run(db, "a", t0 + minute, "ok");
  run(db, "a", t0 + 2 * minute, "failed");
  REQUIRE_OK(record_run_skipped(db, "a", t0 + 3 * minute, "run 3 still in flight", t0 + 3 * minute));
  run(db, "a", t0 + 4 * minute, "timed_out");
  run(db, "b", t0, "ok");
  auto summaries = job_run_summaries(db);
  REQUIRE_OK(summaries);
  CHECK(summaries.value()["a"].consecutive_failures == 2);
  CHECK(summaries.value()["a"].last_fire == t0 + 4 * minute);
  CHECK(summaries.value()["b"].consecutive_failures == 0);
}

TEST_CASE("a skipped firing never overwrites a run of the same firing", "[storage][job_runs]") {
  database db = fresh_warehouse();
  run(db, "a", t0, "ok");
  REQUIRE_OK(record_run_skipped(db, "a", t0, "paused", t0 + 5));
  CHECK(recent_job_runs(db, "a", 5).value().at(0).outcome == "ok");
}

TEST_CASE("runs left running by a stopped engine are closed as interrupted", "[storage][job_runs]") {
  database db = fresh_warehouse();
  REQUIRE_OK(record_run_started(db, "a", t0, t0, 1, "schedule"));
  run(db, "b", t0, "ok");
  auto closed = close_interrupted_runs(db, t0 + minute);
  REQUIRE_OK(closed);
  CHECK(closed.value() == 1);
  auto rows = recent_job_runs(db, "", 10);
  REQUIRE_OK(rows);
  REQUIRE(rows.value().size() == 2);
  for (const auto& r : rows.value())
    CHECK(r.outcome == (r.job == "a" ? "interrupted" : "ok"));
  CHECK(job_run_summaries(db).value()["a"].consecutive_failures == 0);
}
