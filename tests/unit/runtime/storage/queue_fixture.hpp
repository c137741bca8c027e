#pragma once
// Helpers for the work-queue specs: items to enqueue, and a real output table (the warehouse's
// team_game_summary) written with an upsert by natural key, as a phase would.
#include "runtime/storage/work_queue.hpp"

#include "unit/runtime/storage/scratch.hpp"

#include <catch2/catch.hpp>

namespace courtside::storage::test {

constexpr unix_ms t0 = 1'700'000'000'000;

inline new_work_item item(std::string kind, std::string key, std::string payload = "",
                          int max_attempts = 5, std::optional<unix_ms> not_before = std::nullopt) {
  return new_work_item{std::move(kind), std::move(key), std::move(payload), max_attempts,
                       not_before};
}

inline std::int64_t enqueue_or_fail(database& db, const new_work_item& it, unix_ms now) {
  auto queued = enqueue(db, it, now);
  if (!queued) FAIL(queued.error().describe());
  return queued.value().id;
}

/// An ack in a transaction of its own (the output was written elsewhere or not at all).
inline storage_status ack_alone(database& db, std::int64_t id, std::string_view owner,
                                unix_ms now) {
  auto tx = db.begin("test: ack");
  if (!tx) return tx.error();
  if (auto acked = ack(tx.value(), id, owner, now); !acked) return acked;
  return tx.value().commit();
}

/// The work's output: one team_game_summary row, upserted by (game_id, team).
inline storage_status upsert_output(database& db, std::string_view game_id, std::string_view team,
                                    std::int64_t pts) {
  auto st = db.prepare(
      "INSERT INTO team_game_summary (game_id, team, game_date, opponent, pts, updated_at) "
      "VALUES (?1, ?2, '2025-02-21', 'BOS', ?3, 0) "
      "ON CONFLICT (game_id, team) DO UPDATE SET pts = excluded.pts",
      "test: upsert team_game_summary");
  if (!st) return st.error();
  st.value().bind_text(1, game_id).bind_text(2, team).bind_int64(3, pts);
  return st.value().run();
}

inline std::int64_t output_rows(database& db, std::string_view game_id) {
  auto st = db.prepare("SELECT count(*) FROM team_game_summary WHERE game_id = ?1",
                       "test: count team_game_summary");
  REQUIRE_OK(st);
  st.value().bind_text(1, game_id);
  REQUIRE(st.value().step().value());
  return st.value().column_int64(0);
}

} // namespace courtside::storage::test
