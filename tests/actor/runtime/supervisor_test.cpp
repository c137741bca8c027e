// Supervisor behaviour on virtual time: backoff schedule, reset, intensity, strategies,
// restart types, routing and buffering across restarts, shutdown order.
#include <catch2/catch.hpp>

#include "actor/runtime/supervisor_test_kit.hpp"

using namespace courtside;
using namespace courtside::testing;
using namespace std::chrono_literals;
using kind = supervision_event::kind;

namespace {

struct supervisor_fixture : virtual_time_fixture {
  std::shared_ptr<tree_log> log = std::make_shared<tree_log>();
  caf::actor sink = sys.spawn(event_sink, log);

  caf::actor start(supervisor_spec spec) {
    auto sup = spawn_supervisor(sys, std::move(spec));
    run();
    return sup;
  }
  caf::expected<int> ping(const caf::actor& sup, const std::string& path) {
    return ask<int>(sup, route_atom::value, path, caf::make_message(ping_atom::value));
  }
  void crash(const caf::actor& sup, const std::string& path) {
    self->send(sup, crash_atom::value, path);
    run();
  }
  void stop(const caf::actor& sup) {
    self->send_exit(sup, caf::exit_reason::user_shutdown);
    run();
  }
  ~supervisor_fixture() { self->send_exit(sink, caf::exit_reason::user_shutdown); run(); }
};

} // namespace

TEST_CASE_METHOD(supervisor_fixture, "a crashed child restarts exactly after 100, 200, 400 ms",
                 "[supervisor]") {
  auto spec = exact_spec(sink);
  spec.children.push_back(worker_child(log, "a"));
  auto sup = start(spec);
  REQUIRE(ping(sup, "a") == 1);
  int expected_incarnation = 1;
  for (auto delay : {100ms, 200ms, 400ms}) {
    crash(sup, "a");
    advance(delay - 1ms);
    CHECK(log->incarnations["a"] == expected_incarnation); // just before: still down
    advance(1ms);
    CHECK(log->incarnations["a"] == ++expected_incarnation); // just after: back
  }
  CHECK(ping(sup, "a") == 4);
  auto scheduled = events_of(*log, kind::restart_scheduled);
  REQUIRE(scheduled.size() == 3);
  CHECK(scheduled[0].next_delay_ms == 100);
  CHECK(scheduled[2].next_delay_ms == 400);
  CHECK(scheduled[2].restart_count == 3);
  CHECK(scheduled[2].path == "root.a");
  stop(sup);
}

TEST_CASE_METHOD(supervisor_fixture, "the backoff is capped at its maximum", "[supervisor]") {
  auto spec = exact_spec(sink);
  spec.intensity = restart_intensity{100, milliseconds{10'000}};
  spec.children.push_back(worker_child(log, "a"));
  auto sup = start(spec);
  for (int i = 0; i < 6; ++i) {
    crash(sup, "a");
    advance(1000ms);
  }
  auto scheduled = events_of(*log, kind::restart_scheduled);
  REQUIRE(scheduled.size() == 6);
  CHECK(scheduled[3].next_delay_ms == 800);
  CHECK(scheduled[4].next_delay_ms == 1000);
  CHECK(scheduled[5].next_delay_ms == 1000);
  stop(sup);
}

TEST_CASE_METHOD(supervisor_fixture, "jittered delays stay within +/- jitter and follow the seed",
                 "[supervisor]") {
  auto spec = exact_spec(sink);
  spec.backoff.jitter = 0.2;
  spec.backoff.max = milliseconds{100'000};
  spec.intensity = restart_intensity{100, milliseconds{1000}};
  spec.seed = 42;
  spec.children.push_back(worker_child(log, "a"));
  auto sup = start(spec);
  random_source rng{42};
  restart_backoff reference{spec.backoff};
  for (uint32_t n = 0; n < 8; ++n) {
    crash(sup, "a");
    advance(milliseconds{100'000});
    auto scheduled = events_of(*log, kind::restart_scheduled);
    REQUIRE(scheduled.size() == n + 1);
    auto d = scheduled.back().next_delay_ms;
    double base = 100.0 * std::pow(2.0, n);
    CHECK(d >= std::floor(base * 0.8));
    CHECK(d <= std::ceil(base * 1.2));
    CHECK(d == reference.delay(n, rng).count());
  }
  stop(sup);
}

TEST_CASE_METHOD(supervisor_fixture, "the backoff resets once the child was up for the stable period",
                 "[supervisor]") {
  auto spec = exact_spec(sink);
  spec.children.push_back(worker_child(log, "a"));
  auto sup = start(spec);
  crash(sup, "a");
  advance(100ms);
  crash(sup, "a"); // up for 0 s: second consecutive restart
  advance(200ms);
  advance(4999ms); // up 4.999 s: not yet stable
  crash(sup, "a");
  advance(400ms);
  advance(5000ms); // up 5 s: stable
  crash(sup, "a");
  auto scheduled = events_of(*log, kind::restart_scheduled);
  REQUIRE(scheduled.size() == 4);
  CHECK(scheduled[2].next_delay_ms == 400);
  CHECK(scheduled[3].next_delay_ms == 100);
  CHECK(scheduled[3].restart_count == 1);
  stop(sup);
}

TEST_CASE_METHOD(supervisor_fixture, "more than N restarts in the window escalates to the parent",
                 "[supervisor]") {
  auto inner = exact_spec(caf::actor{});
  inner.intensity = restart_intensity{2, milliseconds{10'000}};
  inner.children.push_back(worker_child(log, "a"));
  inner.children.push_back(worker_child(log, "b"));
  auto outer = exact_spec(sink);
  outer.children.push_back(supervisor_child("inner", inner));
  auto sup = start(outer);
  REQUIRE(ping(sup, "inner.a") == 1);
  crash(sup, "inner.a");
  advance(100ms);
  crash(sup, "inner.a");
  advance(200ms);
  CHECK(log->incarnations["a"] == 3);
  log->stops.clear();
  crash(sup, "inner.a"); // third restart within 10 s: intensity 2 exceeded
  CHECK(events_of(*log, kind::escalated).size() == 1);
  // The inner supervisor stopped its children, last first, then failed upwards.
  CHECK(log->stops == std::vector<std::string>{"a", "b"});
  auto exited = events_of(*log, kind::exited);
  REQUIRE(!exited.empty());
  CHECK(exited.back().path == "root.inner");
  CHECK(exited.back().reason == "intensity_exceeded");
  // The parent decides: it restarts the inner supervisor, which starts fresh children.
  advance(100ms);
  CHECK(ping(sup, "inner.a") == 4);
  CHECK(ping(sup, "inner.b") == 2);
  stop(sup);
}

TEST_CASE_METHOD(supervisor_fixture, "strategies choose which siblings restart", "[supervisor]") {
  auto strategy = GENERATE(restart_strategy::one_for_one, restart_strategy::rest_for_one,
                           restart_strategy::one_for_all);
  auto spec = exact_spec(sink);
  spec.strategy = strategy;
  for (auto name : {"a", "b", "c"}) spec.children.push_back(worker_child(log, name));
  auto sup = start(spec);
  crash(sup, "b");
  advance(100ms);
  std::map<std::string, int> expected;
  switch (strategy) {
    case restart_strategy::one_for_one: expected = {{"a", 1}, {"b", 2}, {"c", 1}}; break;
    case restart_strategy::rest_for_one: expected = {{"a", 1}, {"b", 2}, {"c", 2}}; break;
    case restart_strategy::one_for_all: expected = {{"a", 2}, {"b", 2}, {"c", 2}}; break;
  }
  CHECK(log->incarnations == expected);
  for (auto& [name, n] : expected) CHECK(ping(sup, name) == n);
  stop(sup);
}

TEST_CASE_METHOD(supervisor_fixture, "rest_for_one restarts in start order", "[supervisor]") {
  auto spec = exact_spec(sink);
  spec.strategy = restart_strategy::rest_for_one;
  for (auto name : {"a", "b", "c"}) spec.children.push_back(worker_child(log, name));
  auto sup = start(spec);
  log->events.clear();
  crash(sup, "a");
  advance(100ms);
  std::vector<std::string> started;
  for (auto& e : events_of(*log, kind::started)) started.push_back(e.path);
  CHECK(started == std::vector<std::string>{"root.a", "root.b", "root.c"});
  stop(sup);
}

TEST_CASE_METHOD(supervisor_fixture, "restart types decide whether an exit is restarted",
                 "[supervisor]") {
  auto spec = exact_spec(sink);
  spec.children.push_back(worker_child(log, "perm", restart_type::permanent));
  spec.children.push_back(worker_child(log, "trans", restart_type::transient));
  spec.children.push_back(worker_child(log, "temp", restart_type::temporary));
  auto sup = start(spec);
  SECTION("a normal exit restarts only the permanent child") {
    for (auto name : {"perm", "trans", "temp"})
      self->send(sup, route_atom::value, name, caf::make_message(finish_atom::value));
    run();
    advance(100ms);
    CHECK(log->incarnations == std::map<std::string, int>{{"perm", 2}, {"trans", 1}, {"temp", 1}});
    CHECK(events_of(*log, kind::gave_up).size() == 2);
    auto answer = ping(sup, "trans");
    REQUIRE(!answer);
    CHECK(answer.error() == make_error(supervision_errc::child_stopped));
  }
  SECTION("a crash restarts permanent and transient children, not temporary ones") {
    for (auto name : {"perm", "trans", "temp"}) crash(sup, name);
    advance(100ms);
    CHECK(log->incarnations == std::map<std::string, int>{{"perm", 2}, {"trans", 2}, {"temp", 1}});
  }
  stop(sup);
}

TEST_CASE_METHOD(supervisor_fixture, "an exception in a child is a crash that restarts it",
                 "[supervisor]") {
  auto spec = exact_spec(sink);
  spec.children.push_back(worker_child(log, "a", restart_type::transient));
  auto sup = start(spec);
  auto answer = ask<int>(sup, route_atom::value, "a", caf::make_message(throw_atom::value));
  REQUIRE(!answer); // the requester learns the request failed
  auto exited = events_of(*log, kind::exited);
  REQUIRE(exited.size() == 1);
  CHECK(exited[0].reason != "normal");
  advance(100ms);
  CHECK(ping(sup, "a") == 2);
  stop(sup);
}

TEST_CASE_METHOD(supervisor_fixture, "messages sent while a child restarts are delivered after",
                 "[supervisor]") {
  auto spec = exact_spec(sink);
  spec.buffer_capacity = 2;
  spec.children.push_back(worker_child(log, "a"));
  auto sup = start(spec);
  crash(sup, "a");
  auto first = self->request(sup, caf::infinite, route_atom::value, "a",
                             caf::make_message(ping_atom::value));
  auto second = self->request(sup, caf::infinite, route_atom::value, "a",
                              caf::make_message(ping_atom::value));
  auto third = ping(sup, "a"); // buffer holds two: the third is refused at once
  REQUIRE(!third);
  CHECK(third.error() == make_error(supervision_errc::buffer_full));
  advance(100ms);
  int answers = 0;
  first.receive([&](int n) { answers += n; }, [](caf::error&) { FAIL("first refused"); });
  second.receive([&](int n) { answers += n; }, [](caf::error&) { FAIL("second refused"); });
  CHECK(answers == 4); // both answered by incarnation 2
  stop(sup);
}

TEST_CASE_METHOD(supervisor_fixture, "unknown paths are answered with no_such_child",
                 "[supervisor]") {
  auto spec = exact_spec(sink);
  spec.children.push_back(worker_child(log, "a"));
  auto sup = start(spec);
  for (auto path : {"b", "a.b", ""}) {
    auto answer = ping(sup, path);
    REQUIRE(!answer);
    CHECK(answer.error() == make_error(supervision_errc::no_such_child));
  }
  stop(sup);
}

TEST_CASE_METHOD(supervisor_fixture, "shutdown stops children in reverse start order, nested too",
                 "[supervisor]") {
  auto inner = exact_spec(caf::actor{});
  inner.children.push_back(worker_child(log, "x"));
  inner.children.push_back(worker_child(log, "y"));
  auto spec = exact_spec(sink);
  spec.children.push_back(worker_child(log, "a"));
  spec.children.push_back(supervisor_child("inner", inner));
  spec.children.push_back(worker_child(log, "c"));
  auto sup = start(spec);
  crash(sup, "a"); // a pending backoff timer must not hold shutdown up
  self->monitor(sup);
  stop(sup);
  CHECK(log->stops == std::vector<std::string>{"a", "c", "y", "x"});
  bool down = false;
  self->receive([&](caf::down_msg& dm) {
    down = true;
    CHECK(dm.reason == caf::exit_reason::user_shutdown);
  });
  CHECK(down);
  CHECK(!sched.has_job()); // nothing left to run
}

TEST_CASE_METHOD(supervisor_fixture, "a child that ignores shutdown is killed after its timeout",
                 "[supervisor]") {
  auto spec = exact_spec(sink);
  child_spec stubborn;
  stubborn.name = "stubborn";
  stubborn.shutdown_timeout = milliseconds{500};
  stubborn.start = [log = log](const child_context& ctx) {
    return ctx.parent->spawn([log](caf::event_based_actor* s) -> caf::behavior {
      s->set_exit_handler([](caf::exit_msg&) {}); // traps and ignores exit messages
      s->attach_functor([log](const caf::error&) { log->stops.push_back("stubborn"); });
      return {[](ping_atom) { return 0; }};
    });
  };
  spec.children.push_back(stubborn);
  auto sup = start(spec);
  stop(sup);
  CHECK(log->stops.empty());
  advance(499ms);
  CHECK(log->stops.empty());
  advance(1ms);
  CHECK(log->stops == std::vector<std::string>{"stubborn"});
}
