// The real `courtside` process: a child crashing on a plan is restarted with growing delays
// while the process keeps running, and SIGTERM stops it cleanly.
#include <catch2/catch.hpp>

#include <regex>

#include "integration/engine_process.hpp"
#include "runtime/time/duration.hpp"

using namespace courtside;
using namespace courtside::testing;
using namespace std::chrono_literals;

namespace {

std::vector<int64_t> restart_delays(const std::string& log) {
  std::vector<int64_t> out;
  static const std::regex line{R"re("msg":"ops\.heartbeat restart (\d+) in (\w+)")re"};
  auto it = std::sregex_iterator(log.begin(), log.end(), line);
  for (; it != std::sregex_iterator(); ++it) out.push_back(parse_duration((*it)[2].str())->count());
  return out;
}

const char* crash_config = R"(
[engine]
name = "crash-drill"
data_dir = "var/crash-drill"
log_format = "json"
status_interval = "200ms"

[supervision]
backoff_min = "100ms"
backoff_max = "10s"
backoff_multiplier = 2.0
backoff_jitter = 0.0
max_restarts = 10
restart_window = "60s"
shutdown_timeout = "2s"

[[faults.crash]]
target = "ops.heartbeat"
every = "300ms"
times = 4
)";

} // namespace

TEST_CASE("a crashing child is restarted with growing delays, SIGTERM stops the process cleanly",
          "[integration][supervision]") {
  auto dir = scratch_dir("crash-drill");
  std::ofstream{dir / "crash.toml"} << crash_config;
  engine_process engine{{"run", "--config", (dir / "crash.toml").string()}, dir / "out.log"};
  REQUIRE(engine.started());
  bool four_restarts = eventually(20s, [&] { return restart_delays(engine.output()).size() >= 4; });
  INFO(engine.output());
  REQUIRE(four_restarts);
  auto delays = restart_delays(engine.output());
  CHECK(delays == std::vector<int64_t>{100, 200, 400, 800});
  // The heartbeat came back after the last crash and the process is alive.
  CHECK(eventually(10s, [&] {
    return engine.output().find("ops.heartbeat restarted (restart 4)") != std::string::npos;
  }));
  CHECK(engine.running());
  engine.signal(SIGTERM);
  auto code = engine.wait_exit(15s);
  REQUIRE(code.has_value());
  CHECK(*code == 0);
  CHECK(engine.output().find("crash-drill stopped cleanly") != std::string::npos);
}

TEST_CASE("a broken config is rejected with file:line:col", "[integration][config]") {
  auto dir = scratch_dir("broken-config");
  std::ofstream{dir / "broken.toml"} << "[engine]\nname = \"x\"\nstatus_intervall = \"5s\"\n";
  engine_process check{{"check-config", (dir / "broken.toml").string()}, dir / "out.log"};
  auto code = check.wait_exit(10s);
  REQUIRE(code.has_value());
  CHECK(*code == 1);
  auto out = check.output();
  INFO(out);
  CHECK(out.find("broken.toml:3:1") != std::string::npos);
  CHECK(out.find("status_intervall") != std::string::npos);
}

TEST_CASE("a webhook URL given in config never appears in output", "[integration][secrets]") {
  auto dir = scratch_dir("secrets");
  const std::string webhook = "https://hooks.slack.test/services/T000/B000/s3cr3tXYZ";
  setenv("COURTSIDE_TEST_WEBHOOK", webhook.c_str(), 1);
  std::ofstream{dir / "secret.toml"} << R"(
[engine]
status_interval = "100ms"
log_level = "debug"
[notifiers.ops]
kind = "slack"
webhook_url = "${COURTSIDE_TEST_WEBHOOK}"
[[faults.crash]]
target = "ops.heartbeat"
every = "150ms"
times = 1
)";
  engine_process check{{"check-config", (dir / "secret.toml").string()}, dir / "check.log"};
  REQUIRE(check.wait_exit(10s) == 0);
  CHECK(check.output().find("<redacted>") != std::string::npos);
  engine_process run{{"run", "--config", (dir / "secret.toml").string()}, dir / "run.log"};
  CHECK(eventually(10s, [&] { return run.output().find("restarted") != std::string::npos; }));
  run.signal(SIGINT);
  CHECK(run.wait_exit(15s) == 0);
  for (const auto& out : {check.output(), run.output()}) {
    CHECK(out.find("s3cr3tXYZ") == std::string::npos);
    CHECK(out.find("hooks.slack.test") == std::string::npos);
  }
  unsetenv("COURTSIDE_TEST_WEBHOOK");
}
