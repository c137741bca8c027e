// upstream-sim: serves the synthetic league in the four real API formats until SIGINT/SIGTERM.
//   upstream-sim --port 18080 --seed 1 --today 2025-11-15 [--latency 20ms] [--error-rate 0.1]
//                [--route nba_cdn/boxscore:truncate=0.05] [--not-final 0022500201=30s]
//                [--serve-dir DIR]
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "runtime/time/duration.hpp"
#include "tools/upstream-sim/server.hpp"

namespace us = courtside::upstream_sim;

namespace {

struct cli_faults {
  // Each flag is kept as text and fed through parse_fault_spec: one parser, one validator.
  std::vector<std::pair<std::string, std::string>> given;
  std::string spec;                // --faults k=v,...
  std::vector<std::string> routes; // --route endpoint:k=v,...
};

void add_fault_flags(CLI::App& app, cli_faults& f) {
  static const std::vector<std::pair<std::string, std::string>> flags{
      {"error-rate", "share of answers that are 500/502/503"},
      {"rate-limit", "share of answers that are 429"},
      {"retry-after", "Retry-After on 429s, e.g. 2s"},
      {"retry-after-share", "share of 429s that carry Retry-After (default 1)"},
      {"reset", "share of connections broken mid-answer"},
      {"truncate", "share of bodies cut short"},
      {"malformed", "share of bodies with a corrupted JSON byte"},
      {"slow", "share of slow bodies"},
      {"slow-bps", "bytes per second of a slow body (default 16384)"},
      {"hang", "share of requests left unanswered for --hang-for"},
      {"hang-for", "how long a hang lasts (default 30s)"},
      {"not-final-rate", "share of box-score answers that report a final game live"},
      {"latency", "delay before every answer, e.g. 20ms"},
      {"jitter", "extra uniform delay 0..jitter"},
      {"fail-first", "answer the first N requests of each endpoint 503"}};
  f.given.reserve(flags.size());  // CLI11 keeps references to the strings: no reallocation
  for (const auto& [name, help] : flags) {
    f.given.emplace_back(name == "not-final-rate" ? "not-final" : name, "");
    app.add_option("--" + name, f.given.back().second, help);
  }
  app.add_option("--faults", f.spec, "all faults at once: error-rate=0.1,latency=20ms,...");
  app.add_option("--route", f.routes,
                 "faults for one endpoint or API: nba_cdn/boxscore:truncate=0.1 or odds_api:rate-limit=0.2");
}

std::string build_plan(const cli_faults& f, us::fault_plan& plan) {
  std::string flat = f.spec;
  for (const auto& [key, value] : f.given)
    if (!value.empty())
      flat += (flat.empty() ? "" : ",") + key + "=" + value;
  if (auto r = us::parse_fault_spec(flat, plan.all); !r.ok())
    return r.detail;
  for (const auto& r : f.routes) {
    const auto colon = r.find(':');
    if (colon == std::string::npos)
      return "--route " + r + ": expected ENDPOINT:key=value,...";
    auto& spec = plan.by_route[r.substr(0, colon)];
    if (auto result = us::parse_fault_spec(r.substr(colon + 1), spec); !result.ok())
      return "--route " + r + ": " + result.detail;
  }
  return {};
}

std::string read_not_final(const std::vector<std::string>& rules, us::router_options& routes) {
  for (const auto& rule : rules) {
    const auto eq = rule.find('=');
    const auto until = eq == std::string::npos ? std::nullopt : courtside::parse_duration(rule.substr(eq + 1));
    if (!until)
      return "--not-final " + rule + ": expected GAME=DURATION, e.g. 0022500201=30s";
    routes.not_final.push_back({rule.substr(0, eq), *until});
  }
  return {};
}

int wait_for_signal(const sigset_t& signals) {
  int sig = 0;
  sigwait(&signals, &sig);
  return sig;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"upstream-sim: balldontlie, NBA.com CDN, stats.nba.com and The Odds API, simulated"};
  us::simulator_options options;
  options.http.port = 18080;
  std::string today = "2025-11-15", season_start = "2025-10-21";
  std::vector<std::string> not_final;
  cli_faults faults;
  app.add_option("--port", options.http.port, "port to listen on (0: any free port)");
  app.add_option("--bind", options.http.bind_address, "address to listen on");
  app.add_option("--threads", options.http.threads, "io threads");
  app.add_option("--seed", options.league.seed, "league and fault seed");
  app.add_option("--today", today, "games up to this date are final, later ones scheduled");
  app.add_option("--season-start", season_start, "opening night");
  app.add_option("--bdl-key", options.routes.bdl_key, "require this balldontlie Authorization key");
  app.add_option("--odds-key", options.routes.odds_key, "require this Odds API apiKey");
  app.add_option("--props-horizon", options.routes.props_horizon_days, "days ahead with prop markets");
  app.add_option("--not-final", not_final, "GAME=DURATION: the game stays live this long after start");
  app.add_option("--serve-dir", options.serve_dir, "serve recorded files from this folder first")
    ->check(CLI::ExistingDirectory);
  add_fault_flags(app, faults);
  CLI11_PARSE(app, argc, argv);

  const auto today_date = us::parse_iso_date(today);
  const auto start_date = us::parse_iso_date(season_start);
  if (!today_date || !start_date) {
    std::cerr << "upstream-sim: --today and --season-start take YYYY-MM-DD\n";
    return 2;
  }
  options.league.today = *today_date;
  options.league.season_start = *start_date;
  for (const auto& e : {build_plan(faults, options.faults), read_not_final(not_final, options.routes)})
    if (!e.empty()) {
      std::cerr << "upstream-sim: " << e << '\n';
      return 2;
    }

  // Block the stop signals before any thread starts, so that only sigwait below sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  us::upstream_server server{options};
  if (auto r = server.start(); !r.ok()) {
    std::cerr << "upstream-sim: cannot listen: " << r.detail << '\n';
    return 1;
  }
  std::cout << "upstream-sim listening on " << server.base_url() << " (seed " << options.league.seed
            << ", today " << today << ", " << server.league_data().games().size() << " games)\n"
            << "  " << server.base_url() << "/balldontlie/v1/games?dates[]=" << today << '\n'
            << "  " << server.base_url() << "/nba_cdn/static/json/liveData/scoreboard/todaysScoreboard_00.json\n"
            << "  " << server.base_url() << "/stats_nba/stats/boxscoretraditionalv2?GameID=0022500001\n"
            << "  " << server.base_url() << "/odds_api/v4/sports/basketball_nba/events\n"
            << "  " << server.base_url() << "/_sim/stats\n"
            << std::flush;
  const int sig = wait_for_signal(signals);
  std::cout << "upstream-sim: signal " << sig << ", stopping\n" << server.stats_json() << '\n';
  server.stop();
  return 0;
}
