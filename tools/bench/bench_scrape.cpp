// bench-scrape: latency-bound scraping (see README.md). Starts the upstream simulator in
// process (every game final, fixed latency on every answer), then fetches the NBA.com CDN box
// score of every game of the season, `concurrency` requests in flight at any time:
//   http_client   runtime/http's client; each callback starts the next request and hands the
//                 body to a decoding thread (as the engine's scrapers do); done = all decoded
//   curl          curl --parallel --parallel-max N --compressed over the same URL list
// CPU: this process (simulator + client + decoding) for http_client; simulator + curl for
// curl. Each is run `runs` times, alternating; prints every run, the median and the ideal
// games * latency / concurrency.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "messages/decode/nbacom.hpp"
#include "runtime/http/client.hpp"
#include "tools/upstream-sim/server.hpp"

namespace {
using namespace courtside;
using clock_type = std::chrono::steady_clock;

struct options {
  std::size_t concurrency = 16;
  int latency_ms = 20;
  int runs = 3;
  std::size_t io_threads = 1;
  std::size_t max_idle = 16;
  std::size_t server_threads = 2;
  bool curl = true;
  bool identity = false;  // ask for uncompressed bodies (the simulator gzips when allowed)
};

// User + system CPU seconds of this process (all threads: simulator, client, decoding) or of
// its waited-for children (curl).
double cpu_seconds(int who) {
  rusage u{};
  getrusage(who, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct run_result {
  double seconds = 0;
  double cpu = 0;          // CPU seconds used meanwhile (see cpu_seconds)
  std::size_t ok = 0;      // 200 and decoded (client) / 200 (curl)
  std::size_t failed = 0;
  std::string note;
};

// Fetches every URL with `concurrency` in flight; decodes each body on this thread.
run_result run_client(const options& o, const std::vector<std::string>& urls) {
  http::http_client_options client_options;
  client_options.io_threads = o.io_threads;
  client_options.max_idle_per_origin = o.max_idle;
  http::http_client client(client_options);
  if (auto started = client.start(); !started.ok())
    return {0, 0, 0, urls.size(), "client did not start: " + started.detail};
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<http::http_result> done;
  std::size_t next = 0;

  std::function<void()> launch_next;
  launch_next = [&] {
    std::size_t index = 0;
    {
      std::lock_guard lock(mutex);
      if (next == urls.size())
        return;
      index = next++;
    }
    http::http_request request;
    request.url = urls[index];
    if (o.identity)
      request.headers.emplace_back("Accept-Encoding", "identity");
    client.fetch(std::move(request), [&](http::http_result result) {
      launch_next();  // keep `concurrency` in flight: the next request goes out first
      std::lock_guard lock(mutex);
      done.push_back(std::move(result));
      ready.notify_one();
    });
  };

  decode::nbacom_decoder decoder;
  run_result r;
  const double cpu_start = cpu_seconds(RUSAGE_SELF);
  const auto start = clock_type::now();
  for (std::size_t i = 0; i < o.concurrency; ++i)
    launch_next();
  for (std::size_t handled = 0; handled < urls.size(); ++handled) {
    std::unique_lock lock(mutex);
    ready.wait(lock, [&] { return !done.empty(); });
    http::http_result result = std::move(done.front());
    done.pop_front();
    lock.unlock();
    if (result.ok() && result.response().status == 200 && decoder.boxscore(result.response().body).ok())
      ++r.ok;
    else
      ++r.failed;
  }
  r.seconds = std::chrono::duration<double>(clock_type::now() - start).count();
  r.cpu = cpu_seconds(RUSAGE_SELF) - cpu_start;
  const auto stats = client.stats();
  r.note = std::to_string(stats.connections_opened) + " connections opened, " +
           std::to_string(stats.connections_reused) + " reuses";
  client.stop();
  return r;
}

// curl over the same URLs: a config file with one url/output pair per box score.
run_result run_curl(const options& o, const std::vector<std::string>& urls, std::string& command) {
  char dir_template[] = "/tmp/bench-scrape.XXXXXX";
  const char* dir = mkdtemp(dir_template);
  if (dir == nullptr)
    return {0, 0, 0, urls.size(), "mkdtemp failed"};
  const std::string config = std::string(dir) + "/urls.curl", codes = std::string(dir) + "/codes.txt";
  {
    std::ofstream out(config);
    for (const std::string& url : urls)
      out << "url = \"" << url << "\"\noutput = \"/dev/null\"\n";
  }
  command = std::string("curl -s --no-progress-meter") + (o.identity ? "" : " --compressed") + " --parallel --parallel-max " + std::to_string(o.concurrency) +
            " -w '%{http_code}\\n' -K " + config + " > " + codes;
  const double self_start = cpu_seconds(RUSAGE_SELF), child_start = cpu_seconds(RUSAGE_CHILDREN);
  const auto start = clock_type::now();
  const int status = std::system(command.c_str());
  run_result r;
  r.seconds = std::chrono::duration<double>(clock_type::now() - start).count();
  r.cpu = cpu_seconds(RUSAGE_SELF) - self_start + cpu_seconds(RUSAGE_CHILDREN) - child_start;
  std::ifstream in(codes);
  for (std::string line; std::getline(in, line);)
    (line == "200" ? r.ok : r.failed) += 1;
  if (status != 0)
    r.note = "curl exit status " + std::to_string(status);
  std::remove(config.c_str());
  std::remove(codes.c_str());
  rmdir(dir);
  return r;
}

double median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  return xs.empty() ? 0 : xs.size() % 2 ? xs[xs.size() / 2] : (xs[xs.size() / 2 - 1] + xs[xs.size() / 2]) / 2;
}

} // namespace

int main(int argc, char** argv) {
  options o;
  CLI::App app{"bench-scrape: every CDN box score of a simulated season over loopback"};
  app.add_option("--concurrency", o.concurrency, "requests in flight");
  app.add_option("--latency-ms", o.latency_ms, "latency the simulator adds to every answer");
  app.add_option("--runs", o.runs, "runs of each client (the median is reported)");
  app.add_option("--io-threads", o.io_threads, "http_client io threads");
  app.add_option("--max-idle", o.max_idle, "http_client idle keep-alive connections per origin");
  app.add_option("--server-threads", o.server_threads, "simulator HTTP threads");
  app.add_flag("!--no-curl", o.curl, "skip the curl comparison");
  app.add_flag("--identity", o.identity, "uncompressed bodies (Accept-Encoding: identity; curl without --compressed)");
  CLI11_PARSE(app, argc, argv);

  upstream_sim::simulator_options sim;
  sim.league.today = upstream_sim::civil_date{2026, 6, 30};  // after the season: all 1230 final
  sim.faults.all.latency = std::chrono::milliseconds(o.latency_ms);
  sim.http.threads = o.server_threads;
  upstream_sim::upstream_server server(sim);
  if (auto started = server.start(); !started.ok()) {
    std::fprintf(stderr, "bench-scrape: simulator did not start: %s\n", started.detail.c_str());
    return 1;
  }
  std::vector<std::string> urls;
  for (const auto& g : server.league_data().games())
    urls.push_back(server.base_url() + "/nba_cdn/static/json/liveData/boxscore/boxscore_" + g.nba_id + ".json");

  const double ideal = static_cast<double>(urls.size()) * o.latency_ms / 1000.0 / static_cast<double>(o.concurrency);
  std::printf("%zu box scores, latency %d ms, concurrency %zu: ideal %.3f s (target <= %.3f s)\n", urls.size(),
              o.latency_ms, o.concurrency, ideal, ideal * 1.15);
  std::vector<double> client_times, curl_times;
  std::string curl_command;
  for (int run = 1; run <= o.runs; ++run) {
    const run_result c = run_client(o, urls);
    client_times.push_back(c.seconds);
    std::printf("run %d http_client: %.3f s (%.2fx ideal), CPU %.2f s, %zu decoded, %zu failed; %s\n", run,
                c.seconds, c.seconds / ideal, c.cpu, c.ok, c.failed, c.note.c_str());
    if (o.curl) {
      const run_result k = run_curl(o, urls, curl_command);
      curl_times.push_back(k.seconds);
      std::printf("run %d curl:        %.3f s (%.2fx ideal), CPU %.2f s, %zu ok, %zu failed %s\n", run, k.seconds,
                  k.seconds / ideal, k.cpu, k.ok, k.failed, k.note.c_str());
    }
    std::fflush(stdout);
  }
  const double m = median(client_times);
  std::printf("median http_client: %.3f s = %.2fx ideal (%s)\n", m, m / ideal, m <= ideal * 1.15 ? "met" : "missed");
  if (o.curl) {
    const double k = median(curl_times);
    std::printf("median curl:        %.3f s = %.2fx ideal\n", k, k / ideal);
    std::printf("curl command: %s\n", curl_command.c_str());
  }
  server.stop();
  return 0;
}
