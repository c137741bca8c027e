// Randomized: many seeded crash sequences against a one_for_one supervisor, each decision
// checked against a small reference model of the restart rules written independently of
// restart_tracker.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <deque>

#include "actor/runtime/supervisor_test_kit.hpp"

using namespace courtside;
using namespace courtside::testing;
using kind = supervision_event::kind;

namespace {

struct model_child {
  restart_type type;
  bool up = true;
  int64_t restart_at = 0;
  int64_t last_start = 0;
  int consecutive = 0;
};

struct model {
  supervisor_spec spec;
  std::vector<model_child> children;
  std::deque<int64_t> restarts;

  // Returns the expected event kind and, for restarts, the delay.
  std::pair<kind, int64_t> on_exit(size_t i, bool crashed, int64_t now) {
    auto& c = children[i];
    c.up = false;
    if (c.type == restart_type::temporary || (c.type == restart_type::transient && !crashed))
      return {kind::gave_up, 0};
    if (now - c.last_start >= spec.stable_period.count()) c.consecutive = 0;
    while (!restarts.empty() && now - restarts.front() >= spec.intensity.window.count())
      restarts.pop_front();
    if (restarts.size() >= spec.intensity.max_restarts) return {kind::escalated, 0};
    restarts.push_back(now);
    double d = spec.backoff.min.count() * std::pow(spec.backoff.multiplier, c.consecutive);
    auto delay = static_cast<int64_t>(std::llround(std::min(d, double(spec.backoff.max.count()))));
    ++c.consecutive;
    c.restart_at = now + delay;
    return {kind::restart_scheduled, delay};
  }

  // The earliest pending restart after `now`, if any.
  std::optional<int64_t> next_due() const {
    std::optional<int64_t> due;
    for (auto& c : children)
      if (!c.up && c.restart_at > 0 && (!due || c.restart_at < *due)) due = c.restart_at;
    return due;
  }

  void restart_due(int64_t now) {
    for (auto& c : children)
      if (!c.up && c.restart_at > 0 && c.restart_at <= now) {
        c.up = true;
        c.restart_at = 0;
        c.last_start = now;
      }
  }
};

} // namespace

TEST_CASE("seeded crash sequences follow the reference restart model", "[supervisor][model]") {
  for (uint64_t seed = 1; seed <= 150; ++seed) {
    CAPTURE(seed);
    virtual_time_fixture fx;
    auto log = std::make_shared<tree_log>();
    auto sink = fx.sys.spawn(event_sink, log);
    random_source rng{seed};
    model m;
    m.spec = exact_spec(sink);
    m.spec.backoff.min = milliseconds{10 + int64_t(rng.below(190))};
    m.spec.backoff.multiplier = 1.0 + rng.below(3);
    m.spec.backoff.max = milliseconds{1000 + int64_t(rng.below(4000))};
    m.spec.intensity = restart_intensity{uint32_t(1 + rng.below(6)),
                                         milliseconds{1000 + int64_t(rng.below(4000))}};
    m.spec.stable_period = milliseconds{500 + int64_t(rng.below(2500))};
    size_t n = 1 + rng.below(4);
    for (size_t i = 0; i < n; ++i) {
      auto type = static_cast<restart_type>(rng.below(3));
      m.children.push_back(model_child{type});
      m.spec.children.push_back(worker_child(log, "c" + std::to_string(i), type));
    }
    auto sup = spawn_supervisor(fx.sys, m.spec);
    fx.run();
    int64_t now = 0;
    bool escalated = false;
    for (int step = 0; step < 60 && !escalated; ++step) {
      // Move time forward, stopping exactly at each restart the model expects.
      int64_t target = now + int64_t(rng.below(800));
      for (auto due = m.next_due(); due && *due <= target; due = m.next_due()) {
        fx.advance(milliseconds{*due - now});
        now = *due;
        m.restart_due(now);
      }
      fx.advance(milliseconds{target - now});
      now = target;
      size_t i = rng.below(n);
      if (!m.children[i].up) continue;
      bool crashed = rng.below(4) != 0;
      auto path = "c" + std::to_string(i);
      if (crashed)
        fx.self->send(sup, crash_atom::value, path);
      else
        fx.self->send(sup, route_atom::value, path, caf::make_message(finish_atom::value));
      fx.run();
      auto [want, delay] = m.on_exit(i, crashed, now);
      auto decision = std::find_if(log->events.rbegin(), log->events.rend(), [](auto& e) {
        return e.what == kind::restart_scheduled || e.what == kind::gave_up ||
               e.what == kind::escalated;
      });
      REQUIRE(decision != log->events.rend());
      auto& got = *decision;
      CHECK(got.what == want);
      if (want == kind::restart_scheduled) {
        CHECK(got.path == "root." + path);
        CHECK(got.next_delay_ms == delay);
      }
      escalated = want == kind::escalated;
    }
    fx.self->send_exit(sup, caf::exit_reason::user_shutdown);
    fx.self->send_exit(sink, caf::exit_reason::user_shutdown);
    fx.run();
  }
}
