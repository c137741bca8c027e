#pragma once
// Helpers for the reconciler, phase-trigger and self-heal specs: a small synthetic league
// (four teams of three players, two final games a day) whose raw rows are stored directly,
// a ledger planned for its dates, and a driver that runs the flow's phase handlers
// (actors/pipeline) on the queue as the queue workers would — lease, commit + ack in one
// transaction, defer, nack, dead-letter — on a virtual clock, with no actors and no sleeps.
#include "actors/phases/raw_store.hpp"
#include "actors/pipeline/flow.hpp"
#include "actors/scheduler/job_context.hpp"
#include "runtime/storage/ledger.hpp"
#include "runtime/storage/work_queue.hpp"
#include "unit/actors/phases/phases_fixture.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace courtside::phases::test {

/// "2025-01-01" + i days (i < 28).
inline std::string league_date(int i) {
  const int day = i + 1;
  return "2025-01-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
}

/// The job context of a day of the league: today = league_date(i).
inline jobs::job_context league_day(int i, unix_ms now) {
  jobs::job_context ctx;
  ctx.now = now;
  ctx.today = league_date(i);
  ctx.yesterday = league_date(i - 1);
  ctx.tomorrow = league_date(i + 1);
  return ctx;
}

/// Schedule, box scores and one prop line per team for day i, straight into the raw tables.
inline void store_league_day(database& db, int i) {
  static const char* teams[] = {"BOS", "LAL", "MIA", "NYK"};
  const std::string d = league_date(i);
  const std::vector<Game> games = i % 2 == 0
    ? std::vector<Game>{make_game(d, "BOS", "LAL"), make_game(d, "MIA", "NYK")}
    : std::vector<Game>{make_game(d, "LAL", "MIA"), make_game(d, "NYK", "BOS")};
  REQUIRE_OK(store_games(db, games, "nba_cdn", "", t0));
  for (const Game& g : games) {
    std::vector<line_spec> lines;
    std::vector<PropLine> props;
    for (const std::string& side : {g.away_tricode, g.home_tricode}) {
      int team = 0;
      while (side != teams[team]) ++team;
      for (int p = 0; p < 3; ++p) {
        const int pts = 8 + 6 * p + (i * 7 + team * 3 + p * 5) % 9;
        const int ftm = 2 + pts % 2, fgm = (pts - ftm) / 2, fg3m = (pts - ftm) % 2;
        const std::string name = std::string("Player ") + char('A' + p) + " " + side;
        lines.push_back(line_spec{name, side, 1500 + 300 * p + 30 * ((i + p) % 5), pts, fgm,
                                  pts / 2 + 3, fg3m, fg3m + 2, ftm, 4, 1, 5, 3, 2});
      }
      props.push_back(make_prop(g, "Player A " + side, "fanduel", 12.5));
    }
    REQUIRE_OK(store_box_score(db, make_box(g, lines), "nba_cdn", "", t0));
    REQUIRE_OK(store_props(db, props, g.date, "odds_api", "", t0));
  }
}

inline storage::ledger_key ledger_key(const std::string& date, std::string_view phase) {
  return {date, std::string{phase}, std::string{pipeline::ledger_output(phase)}};
}

inline storage::ledger_row ledger_row_of(database& db, const std::string& date, std::string_view phase) {
  return value_of(storage::get_ledger_row(db, ledger_key(date, phase)));
}

inline storage::output_state state_of(database& db, const std::string& date, std::string_view phase) {
  return ledger_row_of(db, date, phase).state;
}

/// Sets a ledger row's state and reason (as a handler or an operator would have).
inline void set_ledger(database& db, const std::string& date, std::string_view phase,
                       storage::output_state state, const std::string& reason, unix_ms now) {
  auto row = ledger_row_of(db, date, phase);
  row.state = state;
  row.reason = reason;
  REQUIRE_OK(storage::upsert_ledger_row(db, row, now));
}

/// Ready or leased items of kind:key.
inline std::int64_t pending_items(database& db, const std::string& kind, const std::string& key) {
  return count_of(db, "SELECT count(*) FROM work_queue WHERE state IN ('ready', 'leased') AND kind = '" +
                        kind + "' AND item_key = '" + key + "'");
}

/// Runs the phase handlers (analytics .. publish) over the queue until no phase item is left,
/// advancing a virtual clock to each deferred item's not_before. Fetching kinds are left alone.
class flow_driver {
public:
  flow_driver(const std::filesystem::path& exports_dir, unix_ms start) : now_(start) {
    pipeline::flow_settings s;
    s.primary_source = "nba_cdn";
    s.exports_dir = exports_dir;
    for (auto& h : pipeline::make_flow_handlers(s))
      if (!h.fetches) handlers_[h.kind] = h.handler;
  }

  [[nodiscard]] unix_ms now() const { return now_; }

  /// Items committed (acked, deferred, retried or dead-lettered) before the queue drained.
  int drain(database& db, int max_steps = 2000) {
    for (int step = 0; step < max_steps; ++step) {
      auto next = db.prepare("SELECT kind, max(not_before, ?1) FROM work_queue WHERE state = 'ready' AND kind IN "
                             "('analytics', 'precompute', 'predictions', 'publish') "
                             "ORDER BY not_before, id LIMIT 1", "driver");
      if (!next) FAIL(next.error().describe());
      next.value().bind_int64(1, now_);
      if (!value_of(next.value().step())) return step;
      const std::string kind = next.value().column_text(0);
      now_ = next.value().column_int64(1);
      next.value().reset();
      auto items = value_of(storage::lease(db, kind, "driver", now_, std::chrono::minutes(1), 1));
      REQUIRE(items.size() == 1);
      commit(db, *handlers_.at(kind), items.front());
    }
    FAIL("the queue did not drain in " << max_steps << " steps");
    return max_steps;
  }

private:
  void commit(database& db, const pipeline::work_handler& handler, const storage::work_item& item) {
    using kind = pipeline::commit_decision::kind;
    pipeline::commit_decision decision;
    {
      auto tx = value_of(db.begin("driver commit"));
      // A storage error rolls back and counts as a failed try, as in the queue worker.
      auto decided = handler.commit(db, item, nullptr, now_);
      decision = decided ? decided.value() : pipeline::commit_decision::retry(decided.error().describe());
      if (decided && decision.what == kind::ack) {
        REQUIRE_OK(storage::ack(tx, item.id, "driver", now_));
        REQUIRE_OK(tx.commit());
        return;
      }
      if (decided && decision.what == kind::defer) {
        REQUIRE_OK(storage::defer(db, item.id, "driver", now_, decision.until, decision.reason));
        REQUIRE_OK(tx.commit());
        return;
      }
    } // retry and dead roll the handler's writes back
    if (decision.what == kind::dead) {
      REQUIRE_OK(storage::dead_letter_now(db, item.id, "driver", now_, decision.reason));
    } else if (value_of(storage::nack(db, item.id, "driver", now_, decision.reason,
                                      std::chrono::seconds(1))) != storage::nack_outcome::dead_lettered) {
      return;
    }
    REQUIRE_OK(handler.on_dead(db, item, decision.reason, now_));
  }

  std::map<std::string, std::shared_ptr<const pipeline::work_handler>> handlers_;
  unix_ms now_;
};

/// A league of `days` dates whose flow has run: raw rows stored, every phase planned, raw
/// COMPLETE, analytics queued for each date and the queue drained.
inline void run_league(database& db, flow_driver& driver, int days) {
  for (int i = 0; i < days; ++i) {
    store_league_day(db, i);
    const std::string d = league_date(i);
    for (auto phase : {std::string_view{pipeline::raw_phase}, pipeline::phase_kinds[0],
                       pipeline::phase_kinds[1], pipeline::phase_kinds[2], pipeline::phase_kinds[3]})
      REQUIRE_OK(storage::ensure_expected(db, ledger_key(d, phase), std::nullopt, t0));
    set_ledger(db, d, pipeline::raw_phase, storage::output_state::complete, "2 box scores", t0);
    REQUIRE_OK(storage::enqueue(db, {"analytics", d, "", 5, std::nullopt}, t0));
  }
  driver.drain(db);
}

} // namespace courtside::phases::test
