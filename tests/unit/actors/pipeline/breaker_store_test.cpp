// Specs for actors/scrapers/breaker_store.hpp: a breaker's transition lands in its
// breaker_state row on the ENGINE clock (simulated in the demo and in chaos runs), not the
// machine's — the dashboard and a restarted engine compare it with that clock. The real
// warehouse actor on virtual time.
#include "actor/virtual_time_fixture.hpp"
#include "actors/scrapers/breaker_store.hpp"
#include "actors/storage/warehouse.hpp"
#include "runtime/supervision/protocol.hpp"

#include "unit/actors/phases/phases_fixture.hpp"

#include <spdlog/spdlog.h>

namespace courtside::phases::test {
namespace {

using namespace std::chrono_literals;

struct breaker_store_fixture : testing::virtual_time_fixture {
  std::filesystem::path dir = fresh_scratch_dir();
  caf::actor root;

  breaker_store_fixture() {
    store::warehouse_settings w;
    w.file = dir / "warehouse.sqlite";
    w.busy_timeout = 0ms;
    w.wall_clock = [] { return t0; };
    supervisor_spec storage_group;
    storage_group.children.push_back(store::warehouse_child(std::move(w)));
    supervisor_spec spec;
    spec.children.push_back(supervisor_child("storage", std::move(storage_group)));
    root = spawn_supervisor(sys, std::move(spec));
    sys.registry().put(root_registry_key, caf::actor_cast<caf::strong_actor_ptr>(root));
    run();
  }
  ~breaker_store_fixture() {
    sys.registry().erase(root_registry_key);
    if (root) self->send_exit(root, caf::exit_reason::user_shutdown);
    run();
  }
  std::string row() {
    auto db = database::open({(dir / "warehouse.sqlite").string(), 0ms, false});
    REQUIRE(db);
    auto st = db.value().prepare("SELECT state || ' ' || opened_at || ' ' || next_probe_at || ' ' || "
                                 "updated_at FROM breaker_state WHERE name = 'source:test'", "test");
    REQUIRE(st);
    auto found = st.value().step();
    REQUIRE(found);
    REQUIRE(found.value());
    return st.value().column_text(0);
  }
};

} // namespace

TEST_CASE_METHOD(breaker_store_fixture, "a transition is stored on the engine clock, its instants "
                 "moved from the actor clock to it",
                 "[breaker][breaker_state]") {
  const unix_ms engine_now = 1'767'225'600'000; // 2026-01-01T00:00:00Z, far from this machine's
  auto log = spdlog::default_logger();
  auto writer = sys.spawn([&](caf::event_based_actor* a) {
    breaker::transition t;
    t.from = breaker::circuit_state::closed;
    t.to = breaker::circuit_state::open;
    t.at = a->clock().now() - 2s;        // opened two seconds ago on the actor clock
    t.open_until = a->clock().now() + 30s;
    t.trip_count = 1;
    scrape::report_transitions(a, *log, "source:test", {t}, [engine_now] { return engine_now; });
  });
  run();
  CHECK(row() == "open " + std::to_string(engine_now - 2'000) + " " + std::to_string(engine_now + 30'000) +
                     " " + std::to_string(engine_now));
  self->send_exit(writer, caf::exit_reason::user_shutdown);
  run();
}

} // namespace courtside::phases::test
