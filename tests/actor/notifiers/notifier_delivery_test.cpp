// A Slack notifier on virtual time: the retry schedule (2, 4, 8 s), Retry-After, permanent
// errors, flood control, the outage hold and its single alert, and a restart mid-retry.
#include "actor/notifiers/notify_fixture.hpp"

using namespace courtside;
using namespace courtside::notify;
using namespace courtside::notify::test;
using alerting::severity;

TEST_CASE_METHOD(notify_fixture, "three 500s then 200: tries at 0, 2, 6 and 14 s", "[notify]") {
  hooks.scripts[ops_url] = {slack_answer(500, "rollup_error"), slack_answer(500, "rollup_error"),
                            slack_answer(500, "rollup_error")};
  start();
  raise("phase3");
  CHECK(hooks.posts.size() == 1);
  advance(1999ms);
  CHECK(hooks.posts.size() == 1);
  advance(1ms);
  CHECK(hooks.posts.size() == 2);
  advance(3999ms);
  CHECK(hooks.posts.size() == 2);
  advance(1ms);
  CHECK(hooks.posts.size() == 3);
  advance(7999ms);
  CHECK(hooks.posts.size() == 3);
  advance(1ms);
  REQUIRE(hooks.posts.size() == 4);
  CHECK(since_start(hooks.posts[3].at) == 14s);
  CHECK(counts("ops").sent == 1);
  CHECK(counts("ops").pending == 0);
  CHECK(hooks.posts[0].body == hooks.posts[3].body); // the same bytes each time
}

TEST_CASE_METHOD(notify_fixture, "429 with Retry-After: 30 waits 30 s, not the 2 s backoff", "[notify]") {
  hooks.scripts[ops_url] = {slack_answer(429, "rate_limited", {{"Retry-After", "30"}})};
  start();
  raise("k");
  advance(29'999ms);
  CHECK(hooks.posts.size() == 1);
  advance(1ms);
  CHECK(hooks.posts.size() == 2);
  CHECK(counts("ops").sent == 1);
}

TEST_CASE_METHOD(notify_fixture, "404 no_service is dead-lettered after one try and the next message goes",
                 "[notify]") {
  hooks.scripts[ops_url] = {slack_answer(404, "no_service")};
  start();
  raise("first");
  raise("second");
  CHECK(hooks.posts.size() == 1);
  advance(999ms); // flood control still holds the second
  CHECK(hooks.posts.size() == 1);
  advance(1ms);
  CHECK(hooks.posts.size() == 2);
  advance(60s);
  CHECK(hooks.posts.size() == 2); // never retried
  auto c = counts("ops");
  CHECK(c.dropped == 1);
  CHECK(c.sent == 1);
  auto db = storage::database::open({settings.database_path, 0ms, true});
  auto dead = storage::dead_alerts(db.value(), "ops", 5).value();
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].title == "alert first");
  CHECK(dead[0].last_error == "no_service: no_service");
}

TEST_CASE_METHOD(notify_fixture, "flood control: three messages at once go out at 0, 1 and 2 s", "[notify]") {
  start();
  raise("a");
  raise("b");
  raise("c");
  advance(3s);
  REQUIRE(hooks.posts.size() == 3);
  CHECK(since_start(hooks.posts[0].at) == 0s);
  CHECK(since_start(hooks.posts[1].at) == 1s);
  CHECK(since_start(hooks.posts[2].at) == 2s);
  CHECK_THAT(hooks.posts[0].body, Catch::Contains("alert a"));
  CHECK_THAT(hooks.posts[2].body, Catch::Contains("alert c"));
}

TEST_CASE_METHOD(notify_fixture, "a long outage holds later messages in order and is alerted once elsewhere",
                 "[notify]") {
  settings.webhooks.push_back(webhook_settings{"errors", errors_url, std::nullopt, 1s});
  for (int i = 0; i < 5; ++i) hooks.scripts[ops_url].push_back(slack_answer(503, "rollup_error"));
  start();
  raise("a");
  raise("b");
  raise("c");
  advance(14s); // tries at 0, 2, 6, 14: the 4th failure ends the retries
  CHECK(hooks.posts_to(ops_url).size() == 4);
  // errors got a, b, c (they route there too) and exactly one "not answering" alert.
  auto to_errors = hooks.posts_to(errors_url);
  int down_alerts = 0;
  for (const auto& p : to_errors)
    if (p.body.find("Slack webhook 'ops' is not answering") != std::string::npos) ++down_alerts;
  CHECK(down_alerts == 1);
  advance(29'999ms);
  CHECK(hooks.posts_to(ops_url).size() == 4);
  advance(1ms); // the first probe, at 14 + 30 s, fails again (5th 503)
  CHECK(hooks.posts_to(ops_url).size() == 5);
  advance(60s); // the next probe, 60 s later, finds Slack answering again
  advance(2s);
  auto to_ops = hooks.posts_to(ops_url);
  REQUIRE(to_ops.size() == 8);
  CHECK_THAT(to_ops[5].body, Catch::Contains("alert a"));
  CHECK_THAT(to_ops[6].body, Catch::Contains("alert b"));
  CHECK_THAT(to_ops[7].body, Catch::Contains("alert c"));
  CHECK(counts("ops").sent == 3);
  CHECK(counts("ops").pending == 0);
  // ...and the outage is resolved on the other channel, once.
  advance(2s);
  int resolved = 0;
  for (const auto& p : hooks.posts_to(errors_url))
    if (p.body.find("RESOLVED: Slack webhook 'ops' answers again") != std::string::npos) ++resolved;
  CHECK(resolved == 1);
  for (const auto& p : hooks.posts)
    CHECK(p.body.find("s3cr3tTOKEN") == std::string::npos); // never in a message either
}

TEST_CASE_METHOD(notify_fixture, "a notifier restarted mid-retry resumes the same row, once", "[notify]") {
  hooks.scripts[ops_url] = {slack_answer(500, "rollup_error")};
  start();
  raise("k");
  CHECK(hooks.posts.size() == 1);
  auto hit = ask<bool>(root, crash_atom::value, std::string{"notify.slack_ops"});
  REQUIRE(hit);
  CHECK(*hit);
  advance(2s); // the supervisor's restart backoff, then the new incarnation's first try
  advance(2s);
  CHECK(hooks.posts.size() == 2);
  CHECK(counts("ops").sent == 1);
  advance(60s);
  CHECK(hooks.posts.size() == 2);
}

TEST_CASE_METHOD(notify_fixture, "a new engine on the same outbox file delivers what the old one left",
                 "[notify]") {
  hooks.scripts[ops_url] = {slack_answer(500)};
  start();
  raise("a");
  raise("b");
  CHECK(hooks.posts.size() == 1);
  stop(); // the engine goes down with a and b pending
  CHECK(counts("ops").pending == 2);
  start(); // same file, new tree: a at once, b after the flood interval
  advance(2s);
  auto posts = hooks.posts;
  REQUIRE(posts.size() == 3);
  CHECK_THAT(posts[1].body, Catch::Contains("alert a"));
  CHECK_THAT(posts[2].body, Catch::Contains("alert b"));
  CHECK(counts("ops").sent == 2);
  CHECK(counts("ops").pending == 0);
}
