#include "actors/scrapers/breaker_store.hpp"

#include <chrono>

#include <caf/all.hpp>
#include <spdlog/spdlog.h>

#include "actors/notifiers/raise_alert.hpp"
#include "actors/storage/warehouse_client.hpp"

namespace courtside::scrape {
namespace {

storage::unix_ms wall_now(const wall_clock_fn& wall_clock) {
  if (wall_clock) return wall_clock();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
           std::chrono::system_clock::now().time_since_epoch())
    .count();
}

} // namespace

void persist_breaker(caf::event_based_actor* self, const std::string& name,
                     const breaker::transition& t, const std::string& reason,
                     const wall_clock_fn& wall_clock) {
  // Breaker instants are on the actor clock; the table holds the engine clock's milliseconds.
  const auto now = wall_now(wall_clock);
  const auto to_wall = [&](time_point at) {
    return now + std::chrono::duration_cast<std::chrono::milliseconds>(at - self->clock().now()).count();
  };
  const bool open = t.to == breaker::circuit_state::open;
  const std::string state{breaker::to_string(t.to)};
  const auto opened_at = to_wall(t.at);
  const auto probe_at = open ? to_wall(t.open_until) : 0;
  const int trips = t.trip_count;
  auto job = store::make_job("breaker " + name, [=](storage::database& db) -> storage::storage_status {
    auto st = db.prepare(
      "INSERT INTO breaker_state (name, state, failures, opened_at, next_probe_at, reason, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (name) DO UPDATE SET state = excluded.state, "
      "failures = excluded.failures, opened_at = COALESCE(excluded.opened_at, opened_at), "
      "next_probe_at = excluded.next_probe_at, reason = excluded.reason, updated_at = excluded.updated_at",
      "breaker_state: upsert");
    if (!st) return st.error();
    st.value().bind_text(1, name).bind_text(2, state).bind_int64(3, trips).bind_text(6, reason).bind_int64(7, now);
    if (open) st.value().bind_int64(4, opened_at).bind_int64(5, probe_at);
    else st.value().bind_null(4).bind_null(5);
    return st.value().run();
  });
  store::ask_warehouse(self, std::move(job), std::chrono::seconds{30}, [](const storage::storage_status&) {});
}

void report_transitions(caf::event_based_actor* self, spdlog::logger& log, const std::string& name,
                        const std::vector<breaker::transition>& transitions,
                        const wall_clock_fn& wall_clock) {
  for (const auto& t : transitions) {
    const auto text = describe(name, t);
    if (t.to == breaker::circuit_state::open) log.warn("breaker {}", text);
    else log.info("breaker {}", text);
    persist_breaker(self, name, t, text, wall_clock);
    alerting::alert a;
    a.key = "breaker:" + name;
    a.level = t.to == breaker::circuit_state::open ? alerting::severity::warning
                                                    : alerting::severity::info;
    a.title = "breaker " + name + " " + std::string{breaker::to_string(t.to)};
    a.text = text;
    a.resolved = t.to == breaker::circuit_state::closed;
    (void)notify::raise_alert(self, std::move(a));
  }
}

std::string describe(const std::string& name, const breaker::transition& t) {
  std::string text = name + " " + std::string{breaker::to_string(t.from)} + " -> " +
                     std::string{breaker::to_string(t.to)} + " (" +
                     std::string{breaker::to_string(t.reason)};
  if (t.failure) text += ", " + std::string{breaker::to_string(*t.failure)};
  return text + ")";
}

} // namespace courtside::scrape
