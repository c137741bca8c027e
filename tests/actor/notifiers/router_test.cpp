// The alert router on virtual time: grouping by key, resolve, routing by severity, and
// supervision events turned into alerts.
#include "actor/notifiers/notify_fixture.hpp"
#include "actors/notifiers/raise_alert.hpp"

using namespace courtside;
using namespace courtside::notify;
using namespace courtside::notify::test;
using alerting::severity;

TEST_CASE_METHOD(notify_fixture, "the same key five times: one message now, one with the count after the group interval",
                 "[notify][router]") {
  start();
  for (int i = 0; i < 5; ++i) raise("breaker:nba_cdn");
  CHECK(hooks.posts.size() == 1);
  advance(59'999ms);
  CHECK(hooks.posts.size() == 1);
  advance(1ms);
  REQUIRE(hooks.posts.size() == 2);
  CHECK_THAT(hooks.posts[1].body, Catch::Contains("4 occurrences since the last message"));
  advance(10min);
  CHECK(hooks.posts.size() == 2);
}

TEST_CASE_METHOD(notify_fixture, "a resolve sends a resolved message to the same channels", "[notify][router]") {
  settings.webhooks.push_back(webhook_settings{"errors", errors_url, std::nullopt, 1s,
                                               severity::error, severity::critical});
  start();
  raise("phase4", severity::critical, "phase 4 blocked");
  alerting::alert done;
  done.key = "phase4";
  done.level = severity::info; // the resolve's own level does not matter
  done.resolved = true;
  raise(done);
  advance(2s);
  for (const auto& url : {ops_url, errors_url}) {
    auto posts = hooks.posts_to(url);
    REQUIRE(posts.size() == 2);
    CHECK_THAT(posts[1].body, Catch::Contains("RESOLVED: phase 4 blocked"));
  }
}

TEST_CASE_METHOD(notify_fixture, "routing by severity: warnings to both channels, info to one", "[notify][router]") {
  settings.webhooks[0].max_level = severity::warning; // ops: info..warning
  settings.webhooks.push_back(webhook_settings{"errors", errors_url, std::string{"#errors"}, 1s,
                                               severity::warning, severity::critical});
  start();
  raise("w", severity::warning);
  raise("i", severity::info);
  raise("c", severity::critical);
  advance(3s);
  auto ops = hooks.posts_to(ops_url);
  auto errors = hooks.posts_to(errors_url);
  REQUIRE(ops.size() == 2);
  REQUIRE(errors.size() == 2);
  CHECK_THAT(ops[0].body, Catch::Contains("alert w"));
  CHECK_THAT(ops[1].body, Catch::Contains("alert i"));
  CHECK_THAT(errors[0].body, Catch::Contains("alert w"));
  CHECK_THAT(errors[1].body, Catch::Contains("alert c"));
  CHECK_THAT(errors[0].body, Catch::StartsWith("{\"channel\":\"#errors\""));
}

TEST_CASE_METHOD(notify_fixture, "restarts and escalations from the event bus become alerts", "[notify][router]") {
  start();
  supervision_event crash{supervision_event::kind::restart_scheduled, "ops.heartbeat", "fault_injected", 2, 400, false};
  send_to(router_path, caf::make_message(crash));
  supervision_event shutdown{supervision_event::kind::exited, "ops.heartbeat", "user_shutdown", 0, 0, false};
  send_to(router_path, caf::make_message(shutdown));
  supervision_event escalated{supervision_event::kind::escalated, "ops", "fault_injected", 6, 0, true};
  send_to(router_path, caf::make_message(escalated));
  advance(2s);
  REQUIRE(hooks.posts.size() == 2);
  CHECK_THAT(hooks.posts[0].body, Catch::Contains("ops.heartbeat crashed: restart 2 in 400ms"));
  CHECK_THAT(hooks.posts[0].body, Catch::Contains("WARNING"));
  CHECK_THAT(hooks.posts[1].body, Catch::Contains("CRITICAL: ops crashed too often"));
}

TEST_CASE_METHOD(notify_fixture, "the router subscribes itself to the event bus", "[notify][router]") {
  settings.events = caf::actor{self}; // stands in for the bus
  start();
  REQUIRE_FALSE(self->mailbox().empty()); // receive() below would block forever otherwise
  bool subscribed = false;
  self->receive([&](subscribe_atom, const caf::actor& who) { subscribed = static_cast<bool>(who); });
  CHECK(subscribed);
}

TEST_CASE_METHOD(notify_fixture, "raise_alert reaches the router by path, and says when there is no tree",
                 "[notify][router]") {
  alerting::alert a;
  a.key = "k";
  a.title = "raised from outside";
  CHECK_FALSE(raise_alert(sys, a)); // no root registered yet
  start();
  CHECK(raise_alert(sys, a));
  run();
  REQUIRE(hooks.posts.size() == 1);
  CHECK_THAT(hooks.posts[0].body, Catch::Contains("raised from outside"));
}
