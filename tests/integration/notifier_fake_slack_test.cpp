// tools/fake-slack: Slack's answers and body checks, the failure modes and their count, the
// control endpoints, and the binary (prints its URL, records JSONL, stops on SIGTERM).
#include <catch2/catch.hpp>

#include <future>

#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include "integration/engine_process.hpp"
#include "runtime/http/client.hpp"
#include "tools/fake-slack/fake_slack.hpp"

using namespace courtside;
using namespace std::chrono_literals;
using courtside::testing::eventually;
using courtside::testing::read_text;
using courtside::testing::scratch_dir;
namespace fs = courtside::fake_slack;

extern char** environ;

namespace {

/// A blocking request with a deadline (a future waited on, never a sleep).
std::optional<http::http_result> call(http::http_client& client, http::http_method method, std::string url,
                                      std::string body = "") {
  http::http_request req;
  req.method = method;
  req.url = std::move(url);
  req.body = std::move(body);
  req.headers = {{"Content-Type", "application/json"}};
  req.timeout = 5s;
  auto done = std::make_shared<std::promise<http::http_result>>();
  auto result = done->get_future();
  client.fetch(std::move(req), [done](http::http_result r) { done->set_value(std::move(r)); });
  if (result.wait_for(20s) != std::future_status::ready) return std::nullopt;
  return result.get();
}

struct running_fake {
  fs::fake_slack_server server{{}};
  http::http_client client;
  running_fake() {
    REQUIRE(server.start().ok());
    REQUIRE(client.start().ok());
  }
  ~running_fake() {
    client.stop();
    server.stop();
  }
  std::pair<unsigned, std::string> post(const std::string& path, const std::string& body) {
    auto r = call(client, http::http_method::post, server.base_url() + path, body);
    REQUIRE(r);
    REQUIRE(r->ok());
    return {r->response().status, r->response().body};
  }
};

} // namespace

TEST_CASE("fake Slack answers ok and records valid bodies in order", "[integration][fake_slack]") {
  running_fake f;
  CHECK(f.post("/webhook", R"({"text":"one"})") == std::pair<unsigned, std::string>{200, "ok"});
  CHECK(f.post("/services/T0/B0/x", R"({"blocks":[{"type":"divider"}]})").first == 200);
  CHECK(f.server.received() ==
        std::vector<std::string>{R"({"text":"one"})", R"({"blocks":[{"type":"divider"}]})"});
  auto all = call(f.client, http::http_method::get, f.server.base_url() + "/_fake/received");
  REQUIRE(all);
  CHECK(all->response().body == R"([{"text":"one"},{"blocks":[{"type":"divider"}]}])");
}

TEST_CASE("fake Slack checks bodies like Slack: invalid_payload, no_text, unknown hooks",
          "[integration][fake_slack]") {
  running_fake f;
  CHECK(f.post("/webhook", "text=hello") == std::pair<unsigned, std::string>{400, "invalid_payload"});
  CHECK(f.post("/webhook", R"({"text":""})") == std::pair<unsigned, std::string>{400, "no_text"});
  CHECK(f.post("/webhook", R"({"blocks":[]})") == std::pair<unsigned, std::string>{400, "no_text"});
  CHECK(f.post("/elsewhere", R"({"text":"x"})") == std::pair<unsigned, std::string>{404, "no_service"});
  CHECK(f.server.received().empty());
}

TEST_CASE("fake Slack fails on command, for a count, then answers ok again", "[integration][fake_slack]") {
  running_fake f;
  auto set = f.post("/_fake/mode", R"({"mode":"429","retry_after":7,"count":2})");
  CHECK(set.first == 200);
  auto r = call(f.client, http::http_method::post, f.server.webhook_url(), R"({"text":"a"})");
  REQUIRE(r);
  CHECK(r->response().status == 429);
  CHECK(r->response().body == "rate_limited");
  CHECK(http::find_header(r->response().headers, "Retry-After") == std::string_view{"7"});
  CHECK(f.post("/webhook", R"({"text":"b"})").first == 429);
  CHECK(f.post("/webhook", R"({"text":"c"})").first == 200);
  CHECK(f.server.received() == std::vector<std::string>{R"({"text":"c"})"});
  auto stats = f.server.stats();
  CHECK(stats.requests == 3);
  CHECK(stats.failed == 2);
  CHECK(stats.delivered == 1);

  struct row { const char* mode; unsigned status; const char* body; };
  for (auto m : {row{"500", 500, "rollup_error"}, row{"no_service", 404, "no_service"},
                 row{"invalid_payload", 400, "invalid_payload"},
                 row{"channel_not_found", 404, "channel_not_found"},
                 row{"action_prohibited", 403, "action_prohibited"},
                 row{"channel_is_archived", 410, "channel_is_archived"}}) {
    CAPTURE(m.mode);
    CHECK(f.post("/_fake/mode", std::string{R"({"mode":")"} + m.mode + R"("})").first == 200);
    CHECK(f.post("/webhook", R"({"text":"x"})") == std::pair<unsigned, std::string>{m.status, m.body});
  }
}

TEST_CASE("fake Slack's control endpoint names what is wrong with a mode request", "[integration][fake_slack]") {
  running_fake f;
  CHECK_THAT(f.post("/_fake/mode", R"({"mode":"502"})").second, Catch::Contains("unknown '502'"));
  CHECK_THAT(f.post("/_fake/mode", R"({"mode":"429","retry_after":-1})").second, Catch::Contains("retry_after"));
  CHECK_THAT(f.post("/_fake/mode", R"({"mode":"500","count":0})").second, Catch::Contains("count"));
  CHECK(f.post("/_fake/mode", "nope").first == 400);
  CHECK(f.server.mode().mode == fs::failure_mode::ok);
  CHECK(f.post("/_fake/reset", "").first == 200);
}

TEST_CASE("the fake-slack binary prints its URL, records JSONL and stops on SIGTERM",
          "[integration][fake_slack]") {
  const auto dir = scratch_dir("fake-slack-binary");
  const auto out = dir / "out.txt";
  const auto record = dir / "alerts.jsonl";
  const std::string binary = std::string{COURTSIDE_BINARY_DIR} + "/bin/fake-slack";
  std::vector<std::string> args{binary, "--port", "0", "--record", record.string(), "--mode", "500", "--count", "1"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  REQUIRE(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);

  std::string url;
  CHECK(eventually(10s, [&] {
    const auto text = read_text(out);
    const auto at = text.find("listening on ");
    if (at == std::string::npos) return false;
    url = text.substr(at + 13, text.find(' ', at + 13) - at - 13);
    return true;
  }));
  http::http_client client;
  REQUIRE(client.start().ok());
  auto first = call(client, http::http_method::post, url, R"({"text":"first"})");
  auto second = call(client, http::http_method::post, url, R"({"text":"second",
"channel":"#x"})");
  client.stop();
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->response().status == 500);
  CHECK(second->response().status == 200);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(read_text(record) == "{\"text\":\"second\", \"channel\":\"#x\"}\n"); // one line per body
  CHECK_THAT(read_text(out), Catch::Contains("2 requests, 1 delivered, 1 failed"));
}
