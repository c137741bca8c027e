// fake-slack: a local Slack incoming webhook that records what it receives and fails on
// command, until SIGINT/SIGTERM.
//   fake-slack --port 18081 [--record alerts.jsonl] [--mode 500|429|hang|no_service|...]
//              [--retry-after 2] [--count N]
#include <csignal>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "tools/fake-slack/fake_slack.hpp"

namespace fs = courtside::fake_slack;

int main(int argc, char** argv) {
  CLI::App app{"fake-slack: a Slack incoming webhook on loopback that records and fails on command"};
  fs::fake_slack_options options;
  options.http.port = 18081;
  std::string mode = "ok";
  int count = 0;
  app.add_option("--port", options.http.port, "port to listen on (0: any free port)");
  app.add_option("--bind", options.http.bind_address, "address to listen on");
  app.add_option("--record", options.record_file, "append each accepted body to this JSONL file");
  app.add_option("--mode", mode, "start failing: ok, 500, 429, hang, no_service, invalid_payload, "
                                 "channel_not_found, action_prohibited, channel_is_archived");
  app.add_option("--retry-after", options.initial.retry_after_seconds, "Retry-After seconds on 429 (0: none)")
    ->check(CLI::Range(0, 86'400));
  app.add_option("--count", count, "fail only the first N webhook requests, then answer ok")
    ->check(CLI::Range(1, 1'000'000));
  CLI11_PARSE(app, argc, argv);

  auto parsed = fs::parse_failure_mode(mode);
  if (!parsed) {
    std::cerr << "fake-slack: --mode " << mode << ": unknown mode\n";
    return 2;
  }
  options.initial.mode = *parsed;
  if (count > 0) options.initial.count = count;

  // Block the stop signals before any thread starts, so that only sigwait below sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  fs::fake_slack_server server{options};
  if (auto r = server.start(); !r.ok()) {
    std::cerr << "fake-slack: cannot listen: " << r.detail << '\n';
    return 1;
  }
  std::cout << "fake-slack listening on " << server.webhook_url() << " (mode " << fs::to_string(parsed.value())
            << ")\n  control: POST " << server.base_url() << "/_fake/mode {\"mode\":\"500\"}\n  received: GET "
            << server.base_url() << "/_fake/received\n"
            << std::flush;
  int sig = 0;
  sigwait(&signals, &sig);
  const auto s = server.stats();
  std::cout << "fake-slack: signal " << sig << ", stopping (" << s.requests << " requests, " << s.delivered
            << " delivered, " << s.failed << " failed)\n";
  server.stop();
  return 0;
}
