// The kill -9 season harness (issue 7, "Kill -9 recovery"): a clean backfill of a simulated
// range records the warehouse's content hashes and the export files; then, from an empty data
// folder, the real engine is started again and again and SIGKILLed at seeded-random points
// (early in start-up, mid-scrape, during the date phases, after a random real delay), and
// finally run to completion. The warehouse must then equal the clean run's, table by table and
// file by file, with no FAILED ledger row and no dead work item; a kill that loses work (a dead
// item, a FAILED row) fails the test at once, naming it.
//
// The upstream simulator runs in process: league seed 5, every game final, 2 ms on every
// answer (so kills land with requests in flight), no faults. Sources: nba_cdn, balldontlie and
// odds_api (a backfill of final dates asks nothing of the last).
//
// Environment (the defaults are the CI run; tools/bench/kill-season sets them for the long
// run over the whole simulated season):
//   COURTSIDE_KILL_SEED   seed of the kill plan (default 20251021)
//   COURTSIDE_KILL_FROM   first date, or "season-start" (default 2025-10-21)
//   COURTSIDE_KILL_TO     last date, or "season-end" (default 2025-10-28)
//   COURTSIDE_KILLS       kills to make before the final run (default 20)
// The seed replays the kill plan (which kind of kill point, how much progress, which delay);
// where a kill lands still depends on the machine's timing, so a replay is close, not exact.
#include <catch2/catch.hpp>

#include <chrono>
#include <cinttypes>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "actors/phases/stats_math.hpp"
#include "actors/phases/table_hash.hpp"
#include "engine_process.hpp"
#include "pipeline_fixture.hpp"
#include "runtime/storage/database.hpp"
#include "runtime/storage/sha256.hpp"
#include "tools/upstream-sim/server.hpp"

using namespace std::chrono_literals;
using courtside::testing::engine_process;
using courtside::testing::scratch_dir;
namespace sim = courtside::upstream_sim;
namespace storage = courtside::storage;
using steady = std::chrono::steady_clock;

namespace {

// No comma (Catch's test spec would split the name there) and no quote (the replay line quotes it).
constexpr const char* test_name = "kill -9 at random points of a season backfill and a restart after each: "
                                  "the warehouse equals the clean run";

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string{value} : fallback;
}

struct harness_settings {
  std::uint64_t seed = 20251021;
  std::string first = "2025-10-21";
  std::string last = "2025-10-28";
  int kills = 20;
};

harness_settings settings_from_environment() {
  harness_settings s;
  s.seed = std::strtoull(env_or("COURTSIDE_KILL_SEED", std::to_string(s.seed)).c_str(), nullptr, 10);
  s.first = env_or("COURTSIDE_KILL_FROM", s.first);
  s.last = env_or("COURTSIDE_KILL_TO", s.last);
  s.kills = std::atoi(env_or("COURTSIDE_KILLS", std::to_string(s.kills)).c_str());
  return s;
}

/// The command line that reruns this test with the same plan.
std::string replay_command(const harness_settings& s) {
  std::ostringstream out;
  out << "COURTSIDE_KILL_SEED=" << s.seed << " COURTSIDE_KILL_FROM=" << s.first
      << " COURTSIDE_KILL_TO=" << s.last << " COURTSIDE_KILLS=" << s.kills << " "
      << COURTSIDE_BINARY_DIR << "/tests/integration_tests '" << test_name << "'";
  return out.str();
}

std::string date_text(const sim::civil_date& d) {
  char buf[48]; // room for any int, so -O3 sees no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

/// splitmix64: a tiny generator whose sequence is the same on every standard library (the
/// <random> distributions are not), so a seed names the same plan everywhere.
class plan_rng {
public:
  explicit plan_rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform enough in [lo, hi] for a test plan (the modulo bias is < 2^-40 here).
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }

private:
  std::uint64_t state_;
};

// ---- what the warehouse says -------------------------------------------------------------

/// Progress of a backfill as the warehouse shows it to a reader (committed state only).
struct progress {
  bool readable = false;           ///< the warehouse exists and has its tables
  std::int64_t done_items = 0;     ///< work items acked
  std::int64_t box_scores = 0;     ///< of which box_score items
  std::int64_t settled_rows = 0;   ///< ledger rows COMPLETE, EMPTY_OK, DEGRADED or FAILED
  std::int64_t phase_rows = 0;     ///< of which rows of phases 3-6 (not raw)
  std::int64_t ledger_rows = 0;    ///< ledger rows planned
  std::int64_t pending_items = 0;  ///< ready or leased
  [[nodiscard]] std::int64_t total() const { return done_items + settled_rows; }
  /// Everything planned is settled and the queue is drained: what `backfill` waits for.
  [[nodiscard]] bool finished(std::int64_t expected_rows) const {
    return readable && ledger_rows == expected_rows && settled_rows == ledger_rows && pending_items == 0;
  }
};

progress read_progress(const std::filesystem::path& warehouse) {
  progress p;
  std::error_code ec;
  if (!std::filesystem::exists(warehouse, ec)) return p;
  auto db = storage::database::open({warehouse.string(), 2000ms, true});
  if (!db) return p;
  auto st = db.value().prepare(
      "SELECT (SELECT count(*) FROM work_queue WHERE state = 'done'),"
      " (SELECT count(*) FROM work_queue WHERE state = 'done' AND kind = 'box_score'),"
      " (SELECT count(*) FROM expected_outputs WHERE state IN ('COMPLETE', 'EMPTY_OK', 'DEGRADED', 'FAILED')),"
      " (SELECT count(*) FROM expected_outputs WHERE phase <> 'raw'"
      "   AND state IN ('COMPLETE', 'EMPTY_OK', 'DEGRADED', 'FAILED')),"
      " (SELECT count(*) FROM expected_outputs),"
      " (SELECT count(*) FROM work_queue WHERE state IN ('ready', 'leased'))",
      "kill_season: progress");
  if (!st) return p; // tables not created yet (the engine is migrating)
  auto row = st.value().step();
  if (!row || !row.value()) return p;
  auto& s = st.value();
  p = {true, s.column_int64(0), s.column_int64(1), s.column_int64(2), s.column_int64(3),
       s.column_int64(4), s.column_int64(5)};
  return p;
}

std::int64_t count_of(const std::filesystem::path& warehouse, const std::string& sql) {
  auto db = storage::database::open({warehouse.string(), 5000ms, true});
  REQUIRE(db);
  auto count = db.value().query_int64(sql, "kill_season");
  REQUIRE(count);
  return count.value();
}

/// table -> content hash for every pipeline table, plus "file:<path>" -> SHA-256 of every file
/// under exports/: the exports table records each file's hash as written, the tree shows what
/// is on disk now (a torn or missing file, a stray temporary file left by a kill).
std::map<std::string, std::string> content(const std::filesystem::path& data) {
  std::map<std::string, std::string> out;
  {
    auto db = storage::database::open({(data / "warehouse.sqlite").string(), 5000ms, true});
    REQUIRE(db);
    auto hashes = courtside::phases::pipeline_content_hashes(db.value());
    REQUIRE(hashes);
    out = std::move(hashes).value();
  }
  const auto exports = data / "exports";
  std::error_code ec;
  if (std::filesystem::exists(exports, ec)) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(exports)) {
      if (!entry.is_regular_file()) continue;
      const auto relative = std::filesystem::relative(entry.path(), exports).generic_string();
      out["file:" + relative] = storage::sha256_hex(courtside::testing::read_text(entry.path()));
    }
  }
  return out;
}

// ---- the kill plan ------------------------------------------------------------------------

enum class kill_point : std::uint8_t {
  startup, ///< a random delay from the spawn: config, opening and migrating, planning
  scrape,  ///< after N more box scores were committed, plus a delay of up to 20 ms
  phase,   ///< after N more ledger rows of phases 3-6 settled, plus a delay of up to 20 ms
  timer,   ///< a random real delay, whatever the engine is doing then
};

const char* name_of(kill_point k) {
  switch (k) {
    case kill_point::startup: return "startup";
    case kill_point::scrape: return "scrape";
    case kill_point::phase: return "phase";
    case kill_point::timer: return "timer";
  }
  return "?";
}

struct kill_plan {
  kill_point point = kill_point::timer;
  std::int64_t steps = 0;            ///< progress to wait for (scrape, phase)
  std::chrono::microseconds delay{}; ///< startup, timer: from the spawn; scrape, phase: after the progress
  std::chrono::microseconds jitter{}; ///< after the budget cap was reached instead
};

kill_plan draw_plan(plan_rng& rng) {
  kill_plan plan;
  const auto roll = rng.between(0, 99);
  if (roll < 20) {
    // Up to the warehouse's opening and the planning of the range (~0.1-0.3 s in ASan Debug).
    plan.point = kill_point::startup;
    plan.delay = std::chrono::microseconds{rng.between(0, 400'000)};
  } else if (roll < 45) {
    plan.point = kill_point::scrape;
    plan.steps = rng.between(1, 12);
    plan.delay = std::chrono::microseconds{rng.between(0, 20'000)};
  } else if (roll < 75) {
    plan.point = kill_point::phase;
    plan.steps = rng.between(1, 3);
    plan.delay = std::chrono::microseconds{rng.between(0, 20'000)};
  } else {
    plan.point = kill_point::timer;
    plan.delay = std::chrono::microseconds{rng.between(200'000, 4'000'000)};
  }
  plan.jitter = std::chrono::microseconds{rng.between(0, 20'000)};
  return plan;
}

struct kill_record {
  kill_plan plan;
  std::string fired_by;   ///< "progress", "delay", "budget" (the cap below was reached first)
  progress before, at;    ///< when the run started, when it was killed
  std::chrono::microseconds waited{}; ///< the deliberate delay: from the spawn, or after the progress
  std::chrono::milliseconds lived{};
  std::string stage;      ///< how far the killed engine's log got
};

/// How far an engine got, from its log: before the warehouse was open, while it planned the
/// range (open, no progress line yet), or running the pipeline.
std::string stage_of(const std::string& log) {
  if (log.find("warehouse open") == std::string::npos) return "start";
  if (log.find("[ops.backfill] backfill ") == std::string::npos) return "planning";
  return "running";
}

/// "kind key (state): last_error" of every dead work item and FAILED ledger row: empty when
/// the run lost nothing.
std::string lost_work(const std::filesystem::path& warehouse) {
  std::string out;
  std::error_code ec;
  if (!std::filesystem::exists(warehouse, ec)) return out;
  auto db = storage::database::open({warehouse.string(), 5000ms, true});
  REQUIRE(db);
  for (const char* sql : {"SELECT kind || ' ' || item_key || ' (dead after ' || attempts || ' tries): ' || last_error "
                          "FROM work_queue WHERE state = 'dead' ORDER BY id",
                          "SELECT game_date || ' ' || phase || ' (FAILED): ' || reason FROM expected_outputs "
                          "WHERE state = 'FAILED' ORDER BY game_date, phase"}) {
    auto st = db.value().prepare(sql, "kill_season: lost work");
    if (!st) continue; // no tables yet
    for (;;) {
      auto row = st.value().step();
      REQUIRE(row);
      if (!row.value()) break;
      out += "  " + st.value().column_text(0) + "\n";
    }
  }
  return out;
}

/// Polls every 10 ms until `done` holds, the process ends, or `deadline`; true when `done` held.
template <class Done>
bool poll_until(engine_process& run, steady::time_point deadline, Done done) {
  while (steady::now() < deadline) {
    if (done()) return true;
    if (!run.running()) return false;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

enum class wait_outcome : std::uint8_t { fire, ended, stalled };

/// Waits for `plan`'s kill point in `run` (spawned at `spawned`), never past `cap` progress.
/// fire: kill now (`fired_by` says why); ended: the process exited first; stalled: no progress
/// before `deadline` although the process still runs (the engine did not resume).
wait_outcome wait_for_kill_point(engine_process& run, const kill_plan& plan, kill_record& record,
                                 const progress& clean, std::int64_t cap,
                                 const std::filesystem::path& warehouse, steady::time_point spawned,
                                 steady::time_point deadline) {
  auto over_budget = [&] { return read_progress(warehouse).total() >= cap; };
  if (plan.point == kill_point::startup || plan.point == kill_point::timer) {
    const bool capped = poll_until(run, spawned + plan.delay, over_budget);
    record.fired_by = capped ? "budget" : "delay";
    record.waited = capped ? plan.jitter : plan.delay;
    if (capped) std::this_thread::sleep_for(plan.jitter); // the deliberate random kill delay
    return run.running() ? wait_outcome::fire : wait_outcome::ended;
  }
  const bool scrape = plan.point == kill_point::scrape;
  const auto& before = record.before;
  const bool reached = poll_until(run, deadline, [&] {
    const auto now = read_progress(warehouse);
    if (now.total() >= cap) return true;
    // Once every box score is in, a scrape kill point waits for the phases instead.
    if (scrape && now.box_scores >= clean.box_scores) return now.phase_rows > before.phase_rows;
    return scrape ? now.box_scores >= before.box_scores + plan.steps
                  : now.phase_rows >= before.phase_rows + plan.steps;
  });
  if (!run.running()) return wait_outcome::ended;
  if (!reached) return wait_outcome::stalled;
  const bool capped = over_budget();
  record.fired_by = capped ? "budget" : "progress";
  record.waited = capped ? plan.jitter : plan.delay;
  std::this_thread::sleep_for(record.waited); // the deliberate random kill delay
  return run.running() ? wait_outcome::fire : wait_outcome::ended;
}

} // namespace

TEST_CASE(test_name, "[integration][pipeline][recovery][kill]") {
  const auto settings = settings_from_environment();
  const auto replay = replay_command(settings);
  INFO("kill -9 harness seed " << settings.seed << "; replay with:\n  " << replay);
  std::cout << "kill-season: seed " << settings.seed << ", replay: " << replay << std::endl;
  REQUIRE(settings.kills >= 0);

  sim::simulator_options o;
  o.league.seed = 5;
  o.league.today = sim::civil_date{2026, 6, 30}; // every game of the season is final
  o.faults.all.latency = 2ms; // time for kills to land while requests are in flight
  sim::upstream_server upstream{o};
  REQUIRE(upstream.start().ok());
  std::string first = settings.first, last = settings.last;
  if (first == "season-start") first = date_text(upstream.league_data().games().front().date);
  if (last == "season-end") last = date_text(upstream.league_data().games().back().date);
  const auto span = courtside::phases::days_between(first, last);
  INFO("range " << first << ".." << last);
  REQUIRE(span.has_value());
  const auto days = *span + 1;
  REQUIRE(days >= 1);
  const std::int64_t ledger_rows = days * 5; // raw + phases 3-6 per date
  // Generous: ASan Debug on a shared 2-core machine, 1 s of work per date at most in Release.
  const auto run_deadline = std::chrono::milliseconds{120'000 + days * 8'000};

  auto dir = scratch_dir("kill-season");
  const std::string odds = "[sources.odds_api]\nkind = \"odds_api\"\nbase_url = \"" + upstream.base_url() +
                           "/odds_api\"\napi_key = \"kill\"\nrequests_per_minute = 60000\nconcurrency = 8\n"
                           "timeout = \"5s\"\nmax_attempts = 4\n";
  const auto config = courtside::testing::write_pipeline_config(dir, "kill", upstream.base_url(), "5s", 4, odds);
  const std::vector<std::string> args{"backfill", "--from", first, "--to", last, "-c", config};
  const auto data = dir / "data";
  const auto warehouse = data / "warehouse.sqlite";

  // 1. The clean run: what every interrupted run must end equal to.
  const auto clean_started = steady::now();
  {
    engine_process clean(args, dir / "clean.log");
    REQUIRE(clean.started());
    const auto code = clean.wait_exit(run_deadline);
    INFO(clean.output());
    REQUIRE(code == 0);
  }
  const auto clean_wall = std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - clean_started);
  const auto expected = content(data);
  const auto clean_progress = read_progress(warehouse);
  REQUIRE(clean_progress.finished(ledger_rows));
  REQUIRE(expected.size() >= 10);
  std::cout << "kill-season: clean run " << first << ".." << last << " in " << clean_wall.count()
            << " ms, progress " << clean_progress.total() << " (" << clean_progress.done_items
            << " items, " << clean_progress.settled_rows << " ledger rows), " << expected.size()
            << " tables and files hashed" << std::endl;
  // Kept beside the killed runs' data for a diff when they differ.
  std::filesystem::rename(data, dir / "clean-data");

  // 2. Start, kill, start, kill ... The kills are spread over the first 4/5 of the progress:
  // kill i comes at the latest when i/N of that span is done, so the work outlasts every
  // planned kill whatever the machine's speed (a kill lands between polls, 10 ms, plus a
  // jitter), and the phases, which lag behind the scraping, get their share.
  const std::int64_t kill_span = clean_progress.total() * 4 / 5;
  plan_rng rng{settings.seed};
  std::vector<kill_record> kills;
  int runs = 0, late_kills = 0;
  bool finished_early = false;
  const auto killing_started = steady::now();
  while (static_cast<int>(kills.size()) < settings.kills) {
    const auto plan = draw_plan(rng);
    kill_record record;
    record.plan = plan;
    record.before = read_progress(warehouse);
    const auto due = kill_span * static_cast<std::int64_t>(kills.size() + 1) / std::max(settings.kills, 1);
    const auto cap = std::max(record.before.total() + 1, due);
    engine_process run(args, dir / ("killed-" + std::to_string(runs) + ".log"));
    ++runs;
    REQUIRE(run.started());
    const auto spawned = steady::now();
    const auto outcome = wait_for_kill_point(run, plan, record, clean_progress, cap, warehouse, spawned,
                                             spawned + run_deadline);
    if (outcome == wait_outcome::ended) {
      // It ended before the kill: only a finished backfill may do that.
      const auto code = run.wait_exit(10s);
      INFO("run " << runs << " ended by itself before kill " << kills.size() + 1 << ":\n" << run.output());
      REQUIRE(code == 0);
      finished_early = true;
      break;
    }
    if (outcome == wait_outcome::stalled)
      FAIL("run " << runs << " made no progress in " << run_deadline.count() << " ms: the engine did not resume\n"
                  << run.output());
    record.at = read_progress(warehouse);
    run.signal(SIGKILL);
    record.lived = std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - spawned);
    const auto code = run.wait_exit(10s);
    const auto log = run.output();
    INFO("run " << runs << ":\n" << log);
    REQUIRE_FALSE(run.running());
    REQUIRE_FALSE(code.has_value()); // ended without an exit code: it died of the signal
    record.stage = stage_of(log);
    // Work lost to a kill never comes back by itself: say so at the kill that lost it.
    const auto lost = lost_work(warehouse);
    if (!lost.empty()) FAIL("after kill " << kills.size() + 1 << " work is lost for good:\n" << lost);
    // A kill after the range was settled interrupts only the shutdown: it does not count.
    if (read_progress(warehouse).finished(ledger_rows)) {
      ++late_kills;
      finished_early = true;
      break;
    }
    kills.push_back(record);
  }
  const auto killing_wall = std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - killing_started);

  // 3. The final run, to the end.
  const auto final_started = steady::now();
  engine_process resumed(args, dir / "resumed.log");
  REQUIRE(resumed.started());
  // To its end, as long as it makes progress: a run stuck for a minute will not finish.
  auto last_total = read_progress(warehouse).total();
  auto last_change = steady::now();
  while (resumed.running() && steady::now() - last_change < 60s && steady::now() - final_started < run_deadline) {
    std::this_thread::sleep_for(100ms);
    const auto total = read_progress(warehouse).total();
    if (total != last_total) last_total = total, last_change = steady::now();
  }
  const auto code = resumed.wait_exit(10s);
  const auto final_wall = std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - final_started);

  std::cout << "kill-season: " << kills.size() << " kills in " << runs << " runs over "
            << killing_wall.count() << " ms (" << late_kills << " after the range was settled), final run "
            << final_wall.count() << " ms; clean progress total " << clean_progress.total() << "\n"
            << "  #   point    steps delay_us  fired_by  lived_ms stage     progress before -> at kill"
               " (items, box scores, ledger rows, phase rows)\n";
  for (std::size_t i = 0; i < kills.size(); ++i) {
    const auto& k = kills[i];
    char line[256];
    std::snprintf(line, sizeof line,
                  "  %-3zu %-8s %5" PRId64 " %8lld  %-8s %9lld %-9s %6" PRId64 " -> %6" PRId64 " (%" PRId64
                  ", %" PRId64 ", %" PRId64 ", %" PRId64 ")\n",
                  i + 1, name_of(k.plan.point), k.plan.steps,
                  static_cast<long long>(k.waited.count()),
                  k.fired_by.c_str(), static_cast<long long>(k.lived.count()), k.stage.c_str(), k.before.total(), k.at.total(),
                  k.at.done_items, k.at.box_scores, k.at.settled_rows, k.at.phase_rows);
    std::cout << line;
  }
  std::cout << std::flush;

  INFO("final run:\n" << resumed.output());
  REQUIRE(code == 0);
  CHECK(lost_work(warehouse).empty());
  CHECK_FALSE(finished_early); // the range must outlast the planned kills
  CHECK(static_cast<int>(kills.size()) == settings.kills);
  CHECK(count_of(warehouse, "SELECT count(*) FROM expected_outputs WHERE state = 'FAILED'") == 0);
  CHECK(count_of(warehouse, "SELECT count(*) FROM expected_outputs") == ledger_rows);
  CHECK(count_of(warehouse, "SELECT count(*) FROM work_queue WHERE state = 'dead'") == 0);
  CHECK(count_of(warehouse, "SELECT count(*) FROM work_queue WHERE state IN ('ready', 'leased')") == 0);
  const auto actual = content(data);
  int differing = 0;
  for (const auto& [name, hash] : expected) {
    const auto found = actual.find(name);
    const auto now = found == actual.end() ? std::string{"(missing)"} : found->second;
    if (now != hash) ++differing;
    INFO(name << " differs from the clean run's (kept in " << (dir / "clean-data").string() << ")");
    CHECK(now == hash);
  }
  for (const auto& [name, hash] : actual) {
    INFO(name << " exists only after the killed runs");
    CHECK(expected.count(name) == 1);
  }
  std::cout << "kill-season: result " << (differing == 0 && actual.size() == expected.size() ? "identical" : "DIFFERENT")
            << " (" << expected.size() << " tables and files compared)" << std::endl;
  upstream.stop();
}
