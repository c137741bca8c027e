// The notifier against fake Slack over loopback: an outage of 500s, then recovery; an engine
// restart in the middle; a hung request. Every alert arrives exactly once, in order, and the
// webhook URL never reaches a log line.
#include "integration/notifier_fixture.hpp"

#include <sstream>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "runtime/logging/log.hpp"

using namespace courtside;
using namespace courtside::notify;
using namespace courtside::notify::test;
using courtside::testing::eventually;
using courtside::testing::scratch_dir;
namespace fs = courtside::fake_slack;

namespace {

std::vector<std::string> numbered(const std::string& prefix, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(prefix + " " + std::to_string(i));
  return out;
}

} // namespace

TEST_CASE("fake Slack down with 500s for a while, then up: every alert arrives once, in order",
          "[integration][notify]") {
  auto log_text = std::make_shared<std::ostringstream>();
  init_logging(log_options{spdlog::level::debug, log_output_format::text, {},
                           std::make_shared<spdlog::sinks::ostream_sink_mt>(*log_text)});
  fs::fake_slack_server slack{{}};
  REQUIRE(slack.start().ok());
  slack.set_mode({fs::failure_mode::server_error, 0, std::nullopt});
  const auto database = (scratch_dir("notifier-outage") / "warehouse.db").string();
  const std::string secret_path = "/services/T0001/B0001/Xy7SeCrEt";
  {
    notify_engine engine{fast_settings(database, slack.base_url() + secret_path)};
    REQUIRE(engine.started());
    for (const auto& title : numbered("alert", 10)) engine.raise(title, title);
    // Down long enough to run out of retries (0, 50, 150, 350 ms) and probe a few times.
    CHECK(eventually(10s, [&] { return slack.stats().requests >= 7; }));
    CHECK(slack.received().empty());
    CHECK(outbox_counts(database).pending == 10);
    slack.set_mode({});
    CHECK(eventually(20s, [&] { return outbox_counts(database).sent == 10; }));
    engine.stop();
  }
  CHECK(received_titles(slack) == numbered("alert", 10));
  CHECK(slack.stats().delivered == 10);
  CHECK(outbox_counts(database).pending == 0);
  const auto logs = log_text->str();
  // Back to stderr before log_text goes (a null sink would keep the current one).
  init_logging(log_options{spdlog::level::info, log_output_format::text, {},
                           std::make_shared<spdlog::sinks::stderr_sink_mt>()});
  CHECK_THAT(logs, Catch::Contains("webhook unreachable after 4 tries"));
  CHECK_THAT(logs, Catch::Contains("webhook answers again"));
  CHECK(logs.find("SeCrEt") == std::string::npos);
  CHECK(logs.find(slack.base_url()) == std::string::npos);
  for (const auto& body : slack.received()) CHECK(body.find("SeCrEt") == std::string::npos);
}

TEST_CASE("across an engine restart during an outage nothing is lost or duplicated",
          "[integration][notify]") {
  fs::fake_slack_server slack{{}};
  REQUIRE(slack.start().ok());
  slack.set_mode({fs::failure_mode::server_error, 0, std::nullopt});
  const auto database = (scratch_dir("notifier-restart") / "warehouse.db").string();
  const auto url = slack.base_url() + "/services/T1/B1/restart";
  {
    notify_engine first{fast_settings(database, url)};
    for (const auto& title : numbered("before", 5)) first.raise(title, title);
    CHECK(eventually(10s, [&] {
      return outbox_counts(database).pending == 5 && slack.stats().requests >= 2;
    }));
    first.stop();
  }
  CHECK(slack.received().empty());
  slack.set_mode({});
  {
    notify_engine second{fast_settings(database, url)};
    for (const auto& title : numbered("after", 3)) second.raise(title, title);
    CHECK(eventually(20s, [&] { return outbox_counts(database).sent == 8; }));
    second.stop();
  }
  auto expected = numbered("before", 5);
  for (const auto& t : numbered("after", 3)) expected.push_back(t);
  CHECK(received_titles(slack) == expected);
  CHECK(slack.stats().delivered == 8);
}

TEST_CASE("a request fake Slack leaves hanging times out and is retried", "[integration][notify]") {
  fs::fake_slack_server slack{{}};
  REQUIRE(slack.start().ok());
  slack.set_mode({fs::failure_mode::hang, 0, 1});
  const auto database = (scratch_dir("notifier-hang") / "warehouse.db").string();
  auto settings = fast_settings(database, slack.webhook_url());
  settings.request_timeout = 2s; // long enough that the second, answered try never times out under load
  {
    notify_engine engine{settings};
    engine.raise("hung", "hung");
    CHECK(eventually(10s, [&] { return outbox_counts(database).sent == 1; }));
    engine.stop();
  }
  CHECK(slack.stats().requests == 2);
  CHECK(received_titles(slack) == std::vector<std::string>{"hung"});
}

TEST_CASE("a permanent 404 no_service is dead-lettered, the next alert still arrives",
          "[integration][notify]") {
  fs::fake_slack_server slack{{}};
  REQUIRE(slack.start().ok());
  slack.set_mode({fs::failure_mode::no_service, 0, 1});
  const auto database = (scratch_dir("notifier-dead") / "warehouse.db").string();
  {
    notify_engine engine{fast_settings(database, slack.webhook_url())};
    engine.raise("refused", "refused");
    engine.raise("kept", "kept");
    CHECK(eventually(10s, [&] { return outbox_counts(database).sent == 1; }));
    engine.stop();
  }
  CHECK(outbox_counts(database).dropped == 1);
  CHECK(slack.stats().requests == 2);
  CHECK(received_titles(slack) == std::vector<std::string>{"kept"});
}
