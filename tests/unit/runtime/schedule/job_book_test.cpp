// Spec for job_book: the scheduler's pure bookkeeping (firings, timeouts, retries, overlap and
// missed-run policies, auto-pause), stepped on made-up instants in New York.
#include "runtime/schedule/job_book.hpp"

#include "schedule_test_support.hpp"

#include <catch2/catch.hpp>

using namespace courtside::schedule;
using namespace courtside::schedule::test;
using std::chrono::milliseconds;

namespace {

constexpr unix_ms second = 1000;
constexpr unix_ms minute = 60 * second;

unix_ms ms(sys_seconds t) { return static_cast<unix_ms>(t.time_since_epoch().count()) * 1000; }

job_spec spec(const char* name, const char* cron) {
  return job_spec{name, cron_schedule::parse(cron).value()};
}

job_book book_of(std::vector<job_spec> specs) { return job_book{std::move(specs), new_york_rule()}; }

// 2025-11-15 12:00:00 EST = 17:00Z.
const unix_ms noon = ms(utc(2025, 11, 15, 17, 0, 0));

} // namespace

TEST_CASE("a job fires at its next cron reading and not before", "[schedule][job_book]") {
  auto book = book_of({spec("planner", "*/5 * * * *")});
  REQUIRE(book.begin(noon + second).started.empty());
  REQUIRE(book.next_wake() == noon + 5 * minute);
  CHECK(book.tick(noon + 5 * minute - 1).started.empty());
  const auto due = book.tick(noon + 5 * minute);
  REQUIRE(due.started.size() == 1);
  CHECK(due.started[0].job == "planner");
  CHECK(due.started[0].scheduled_at == noon + 5 * minute);
  CHECK(due.started[0].attempt == 1);
  CHECK(due.started[0].max_attempts == 3);
  CHECK(due.started[0].deadline == noon + 5 * minute + 600 * second);
}

TEST_CASE("wall-clock cron times are Eastern time", "[schedule][job_book]") {
  auto book = book_of({spec("daily-health-summary", "0 9 * * *")});
  (void)book.begin(noon);
  // 09:00 EST on the 16th = 14:00Z.
  CHECK(book.next_wake() == ms(utc(2025, 11, 16, 14, 0, 0)));
}

TEST_CASE("a late timer runs the latest missed reading once, not a burst", "[schedule][job_book]") {
  auto book = book_of({spec("planner", "* * * * *")});
  (void)book.begin(noon);
  const auto late = book.tick(noon + 10 * minute + 5 * second);
  REQUIRE(late.started.size() == 1);
  CHECK(late.started[0].scheduled_at == noon + 10 * minute);
  CHECK(book.view()[0].next_fire == noon + 11 * minute);
}

TEST_CASE("a run still in flight at its deadline is stopped as timed out", "[schedule][job_book]") {
  auto j = spec("reconciler", "0 * * * *");
  j.timeout = milliseconds{30'000};
  auto book = book_of({j});
  (void)book.begin(noon - second);
  const auto run = book.tick(noon).started.at(0);
  CHECK(book.next_wake() == noon + 30 * second);
  CHECK(book.tick(noon + 30 * second - 1).ended.empty());
  const auto stop = book.tick(noon + 30 * second);
  REQUIRE(stop.ended.size() == 1);
  CHECK(stop.ended[0].run.id == run.id);
  CHECK(stop.ended[0].outcome == run_outcome::timed_out);
  CHECK(stop.ended[0].stop_actor);
  // Its late report changes nothing: the book already ended it.
  const auto late = book.finished(run.id, true, "done", noon + 31 * second);
  CHECK(late.ended.empty());
}

TEST_CASE("a failed firing is retried with doubling backoff, then fails for good", "[schedule][job_book]") {
  auto j = spec("reconciler", "0 * * * *");
  j.retries = 2;
  j.retry_backoff = milliseconds{10'000};
  auto book = book_of({j});
  (void)book.begin(noon - second);
  auto run = book.tick(noon).started.at(0);

  auto failed = book.finished(run.id, false, "db locked", noon + second);
  REQUIRE(failed.ended.at(0).retry_at == noon + 11 * second);
  CHECK_FALSE(failed.ended[0].final_failure);
  CHECK(book.tick(noon + 11 * second - 1).started.empty());
  run = book.tick(noon + 11 * second).started.at(0);
  CHECK(run.attempt == 2);
  CHECK(run.trigger == run_trigger::retry);
  CHECK(run.scheduled_at == noon);

  failed = book.finished(run.id, false, "db locked", noon + 12 * second);
  REQUIRE(failed.ended.at(0).retry_at == noon + 32 * second); // 20 s: doubled
  run = book.tick(noon + 32 * second).started.at(0);
  CHECK(run.attempt == 3);

  failed = book.finished(run.id, false, "db locked", noon + 33 * second);
  CHECK_FALSE(failed.ended.at(0).retry_at);
  CHECK(failed.ended[0].final_failure);
  CHECK(book.view()[0].consecutive_failures == 1);
}

TEST_CASE("overlap forbid skips a firing while a run is in flight", "[schedule][job_book]") {
  auto book = book_of({spec("planner", "* * * * *")});
  (void)book.begin(noon - second);
  const auto first = book.tick(noon).started.at(0);
  const auto next = book.tick(noon + minute);
  CHECK(next.started.empty());
  REQUIRE(next.skipped.size() == 1);
  CHECK(next.skipped[0].reason == "run " + std::to_string(first.id) + " still in flight");
}

TEST_CASE("overlap replace stops the run in flight and starts the new firing", "[schedule][job_book]") {
  auto j = spec("planner", "* * * * *");
  j.overlap = overlap_policy::replace;
  auto book = book_of({j});
  (void)book.begin(noon - second);
  const auto first = book.tick(noon).started.at(0);
  const auto next = book.tick(noon + minute);
  REQUIRE(next.ended.size() == 1);
  CHECK(next.ended[0].run.id == first.id);
  CHECK(next.ended[0].outcome == run_outcome::replaced);
  CHECK(next.ended[0].stop_actor);
  CHECK_FALSE(next.ended[0].final_failure);
  REQUIRE(next.started.size() == 1);
  CHECK(book.view()[0].consecutive_failures == 0);
}

TEST_CASE("overlap allow runs both", "[schedule][job_book]") {
  auto j = spec("planner", "* * * * *");
  j.overlap = overlap_policy::allow;
  auto book = book_of({j});
  (void)book.begin(noon - second);
  (void)book.tick(noon);
  CHECK(book.tick(noon + minute).started.size() == 1);
  CHECK(book.view()[0].running == 2);
}

TEST_CASE("after N consecutive failed firings the job pauses, and a manual success resumes it",
          "[schedule][job_book]") {
  auto j = spec("data-quality-check", "* * * * *");
  j.retries = 0;
  j.pause_after = 2;
  auto book = book_of({j});
  (void)book.begin(noon - second);
  auto run = book.tick(noon).started.at(0);
  CHECK_FALSE(book.finished(run.id, false, "x", noon + second).ended.at(0).paused);
  run = book.tick(noon + minute).started.at(0);
  CHECK(book.finished(run.id, false, "x", noon + minute + second).ended.at(0).paused);
  CHECK(book.view()[0].paused);

  const auto skipped = book.tick(noon + 2 * minute);
  CHECK(skipped.started.empty());
  REQUIRE(skipped.skipped.size() == 1);
  CHECK(skipped.skipped[0].reason == "paused after 2 consecutive failures");

  job_actions manual;
  REQUIRE(book.run_now("data-quality-check", noon + 2 * minute + second, manual) == manual_answer::started);
  const auto ok = book.finished(manual.started.at(0).id, true, "fine", noon + 2 * minute + 2 * second);
  CHECK(ok.ended.at(0).recovered);
  CHECK_FALSE(book.view()[0].paused);
  CHECK(book.tick(noon + 3 * minute).started.size() == 1);
}

TEST_CASE("a paused job stays paused across a restart", "[schedule][job_book]") {
  auto j = spec("data-quality-check", "* * * * *");
  j.pause_after = 3;
  auto book = book_of({j});
  book.restore("data-quality-check", job_history{noon - minute, 3});
  (void)book.begin(noon - second);
  CHECK(book.view()[0].paused);
  CHECK(book.tick(noon).started.empty());
}

TEST_CASE("missed-run policy run_latest makes up only the latest missed firing", "[schedule][job_book]") {
  auto j = spec("overnight-phase4", "0 * * * *");
  j.missed = missed_policy::run_latest;
  auto book = book_of({j});
  book.restore("overnight-phase4", job_history{noon - 5 * 60 * minute, 0}); // down for 5 h
  const auto made_up = book.begin(noon + 10 * minute);
  REQUIRE(made_up.started.size() == 1);
  CHECK(made_up.started[0].scheduled_at == noon);
  CHECK(made_up.started[0].trigger == run_trigger::missed);
}

TEST_CASE("missed-run policy skip, or no earlier run recorded, makes nothing up", "[schedule][job_book]") {
  auto skip = spec("a", "0 * * * *");
  auto latest = spec("b", "0 * * * *");
  latest.missed = missed_policy::run_latest;
  auto book = book_of({skip, latest});
  book.restore("a", job_history{noon - 5 * 60 * minute, 0});
  // "b" has no history: a fresh install.
  CHECK(book.begin(noon + 10 * minute).started.empty());
}

TEST_CASE("missed-run policy just before and just after the missed reading", "[schedule][job_book]") {
  auto j = spec("b", "0 * * * *");
  j.missed = missed_policy::run_latest;
  auto before = book_of({j});
  before.restore("b", job_history{noon - 60 * minute, 0});
  CHECK(before.begin(noon - 1).started.empty());
  auto after = book_of({j});
  after.restore("b", job_history{noon - 60 * minute, 0});
  CHECK(after.begin(noon).started.size() == 1);
}

TEST_CASE("run_now answers unknown job and already running", "[schedule][job_book]") {
  auto book = book_of({spec("planner", "* * * * *")});
  (void)book.begin(noon - second);
  job_actions out;
  CHECK(book.run_now("nope", noon, out) == manual_answer::unknown_job);
  (void)book.tick(noon);
  CHECK(book.run_now("planner", noon + second, out) == manual_answer::already_running);
  CHECK(out.started.empty());
}

TEST_CASE("a disabled job never fires and has no next firing", "[schedule][job_book]") {
  auto j = spec("planner", "* * * * *");
  j.enabled = false;
  auto book = book_of({j});
  (void)book.begin(noon);
  CHECK_FALSE(book.next_wake());
  CHECK(book.tick(noon + 60 * minute).started.empty());
}

TEST_CASE("a newer firing supersedes the pending retry of an older one", "[schedule][job_book]") {
  auto j = spec("planner", "* * * * *");
  j.retry_backoff = milliseconds{120'000};
  auto book = book_of({j});
  (void)book.begin(noon - second);
  const auto run = book.tick(noon).started.at(0);
  (void)book.finished(run.id, false, "x", noon + second);
  const auto next = book.tick(noon + minute);
  REQUIRE(next.started.size() == 1);
  CHECK(next.started[0].trigger == run_trigger::schedule);
  CHECK_FALSE(book.view()[0].retry_at);
}
