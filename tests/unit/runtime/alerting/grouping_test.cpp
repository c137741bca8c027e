// alert_grouper on a virtual clock: the first occurrence goes at once, repeats within the
// group interval become one message with a count, quiet keys are forgotten after the repeat
// interval, resolves close a key. Every threshold has a just-before / just-after pair.
#include <catch2/catch.hpp>

#include "runtime/alerting/grouping.hpp"

using namespace courtside;
using namespace courtside::alerting;
using namespace std::chrono_literals;

namespace {

const time_point t0{std::chrono::hours{1000}};

alert raised(std::string key, std::string text = "") {
  alert a;
  a.key = std::move(key);
  a.level = severity::error;
  a.title = "phase 3 failed";
  a.text = std::move(text);
  return a;
}

alert resolve(std::string key) {
  alert a;
  a.key = std::move(key);
  a.level = severity::info;
  a.resolved = true;
  return a;
}

alert_grouper make() { return alert_grouper{grouping_config{60s, 600s}}; }

} // namespace

TEST_CASE("the first occurrence of a key is sent at once", "[alerting][grouping]") {
  auto g = make();
  auto m = g.offer(raised("k"), t0);
  REQUIRE(m);
  CHECK(m->kind == message_kind::first);
  CHECK(m->count == 1);
  CHECK(g.open_keys() == 1);
  CHECK(g.next_due() == t0 + 600s); // nothing held: only the forget deadline
}

TEST_CASE("repeats within the group interval are held and flushed as one message with the count",
          "[alerting][grouping]") {
  auto g = make();
  (void) g.offer(raised("k"), t0);
  CHECK_FALSE(g.offer(raised("k", "2nd"), t0 + 10s));
  CHECK_FALSE(g.offer(raised("k", "3rd"), t0 + 20s));
  CHECK_FALSE(g.offer(raised("k", "4th"), t0 + 59'999ms));
  CHECK(g.held("k") == 3);
  CHECK(g.next_due() == t0 + 60s);
  CHECK(g.tick(t0 + 59'999ms).empty());
  auto out = g.tick(t0 + 60s);
  REQUIRE(out.size() == 1);
  CHECK(out[0].kind == message_kind::grouped);
  CHECK(out[0].count == 3);
  CHECK(out[0].content.text == "4th"); // the latest occurrence speaks
  CHECK(g.held("k") == 0);
  CHECK(g.tick(t0 + 120s).empty()); // nothing new, nothing sent
}

TEST_CASE("an occurrence exactly one group interval after the last message is sent at once",
          "[alerting][grouping]") {
  auto g = make();
  (void) g.offer(raised("k"), t0);
  CHECK_FALSE(g.offer(raised("k"), t0 + 59'999ms));
  auto m = g.offer(raised("k"), t0 + 60s);
  REQUIRE(m);
  CHECK(m->kind == message_kind::grouped);
  CHECK(m->count == 2); // the held one and this one
  CHECK_FALSE(g.offer(raised("k"), t0 + 60s + 59'999ms)); // the window restarted at 60 s
}

TEST_CASE("a key quiet for the repeat interval is forgotten, its next occurrence is new",
          "[alerting][grouping]") {
  auto g = make();
  (void) g.offer(raised("k"), t0);
  CHECK(g.tick(t0 + 599'999ms).empty());
  CHECK(g.open_keys() == 1);
  CHECK(g.tick(t0 + 600s).empty());
  CHECK(g.open_keys() == 0);
  auto again = g.offer(raised("k"), t0 + 601s);
  REQUIRE(again);
  CHECK(again->kind == message_kind::first);
}

TEST_CASE("without a tick, an occurrence after the quiet interval is still new", "[alerting][grouping]") {
  auto g = make();
  (void) g.offer(raised("k"), t0);
  auto just_before = make();
  (void) just_before.offer(raised("k"), t0);
  auto before = just_before.offer(raised("k"), t0 + 599'999ms);
  REQUIRE(before);
  CHECK(before->kind == message_kind::grouped);
  auto after = g.offer(raised("k"), t0 + 600s);
  REQUIRE(after);
  CHECK(after->kind == message_kind::first);
}

TEST_CASE("a resolve sends a resolved message with the unreported count and closes the key",
          "[alerting][grouping]") {
  auto g = make();
  (void) g.offer(raised("k"), t0);
  (void) g.offer(raised("k"), t0 + 1s);
  (void) g.offer(raised("k"), t0 + 2s);
  auto m = g.offer(resolve("k"), t0 + 3s);
  REQUIRE(m);
  CHECK(m->kind == message_kind::resolved);
  CHECK(m->count == 2);
  CHECK(m->content.title == "phase 3 failed"); // borrowed from the open alert
  CHECK(m->content.level == severity::error);  // goes where the alert went
  CHECK(g.open_keys() == 0);
  CHECK_FALSE(g.next_due());
}

TEST_CASE("resolving an unknown key sends nothing", "[alerting][grouping]") {
  auto g = make();
  CHECK_FALSE(g.offer(resolve("never-raised"), t0));
}

TEST_CASE("keys are grouped independently", "[alerting][grouping]") {
  auto g = make();
  CHECK(g.offer(raised("a"), t0));
  CHECK(g.offer(raised("b"), t0 + 1s));
  CHECK_FALSE(g.offer(raised("a"), t0 + 2s));
  CHECK(g.next_due() == t0 + 60s);
  auto out = g.tick(t0 + 60s);
  REQUIRE(out.size() == 1);
  CHECK(out[0].content.key == "a");
}
