#pragma once
// The control server for tests: a real actor system, event bus and supervisor with the
// control child on 127.0.0.1 (ephemeral port), over a real SQLite warehouse seeded with a few
// days of ledger, breakers (one open), jobs, alerts and queue items. Also a blocking HTTP
// helper and a raw socket for bytes no client would send. Shared by the integration and the
// browser tests.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <caf/all.hpp>

#include "actors/control/control_server.hpp"
#include "integration/engine_process.hpp"
#include "runtime/http/client.hpp"
#include "runtime/metrics/registry.hpp"
#include "runtime/storage/database.hpp"
#include "runtime/storage/ledger.hpp"
#include "runtime/storage/migrations.hpp"
#include "runtime/supervision/event_bus.hpp"
#include "runtime/supervision/protocol.hpp"
#include "runtime/supervision/supervisor.hpp"

namespace courtside::testing {

using namespace std::chrono_literals;

/// 2025-02-21T18:00:00Z: "today" for every control test.
inline constexpr storage::unix_ms control_test_now = 1'740'160'800'000;
inline constexpr char control_test_token[] = "s3cret-t0ken-for-tests";

inline void exec_sql(storage::database& db, const std::string& sql) {
  auto s = db.exec(sql, "control test seed");
  if (!s) throw std::runtime_error(s.error().describe());
}

/// A migrated warehouse with a few days of history (and one open breaker).
inline std::filesystem::path seed_warehouse(const std::filesystem::path& dir) {
  const auto path = dir / "warehouse.db";
  auto db = storage::database::open({path.string(), std::chrono::milliseconds{2000}, false});
  if (!db) throw std::runtime_error(db.error().describe());
  if (auto m = storage::migrate(db.value(), control_test_now); !m)
    throw std::runtime_error(m.error().describe());
  using storage::output_state;
  auto row = [&](const char* date, const char* phase, const char* output, output_state s,
                 const char* reason = "") {
    storage::ledger_row r{{date, phase, output}, s, reason, 1, std::nullopt, control_test_now};
    if (auto u = storage::upsert_ledger_row(db.value(), r, control_test_now); !u)
      throw std::runtime_error(u.error().describe());
  };
  row("2025-02-19", "phase2", "boxscores", output_state::complete);
  row("2025-02-19", "phase3", "player_game_summary", output_state::complete);
  row("2025-02-19", "phase4", "feature_store", output_state::complete);
  row("2025-02-20", "phase2", "boxscores", output_state::complete);
  row("2025-02-20", "phase3", "player_game_summary", output_state::failed, "out of attempts");
  row("2025-02-20", "phase3", "team_game_summary", output_state::complete);
  row("2025-02-20", "phase4", "feature_store", output_state::blocked, "completeness 0.62 < 0.95");
  row("2025-02-21", "phase2", "boxscores", output_state::running);
  row("2025-02-21", "phase3", "player_game_summary", output_state::expected);
  auto& d = db.value();
  exec_sql(d, "INSERT INTO breaker_state (name, state, failures, opened_at, next_probe_at, reason, "
              "updated_at) VALUES ('source:nba_cdn', 'open', 5, 1740160700000, 1740160900000, "
              "'5 consecutive failures: connect_refused', 1740160700000), "
              "('source:balldontlie', 'closed', 0, NULL, NULL, '', 1740160000000)");
  exec_sql(d, "INSERT INTO job_runs (job, scheduled_at, started_at, finished_at, outcome, detail, "
              "updated_at) VALUES ('daily_scrape', 1740124800000, 1740124800000, 1740124860000, "
              "'ok', '', 1740124860000), ('daily_scrape', 1740038400000, 1740038400000, "
              "1740038460000, 'failed', 'timeout', 1740038460000)");
  exec_sql(d, "INSERT INTO alert_outbox (dedupe_key, severity, title, body, state, attempts, "
              "next_attempt_at, created_at, updated_at) VALUES "
              "('ledger:2025-02-20:phase3', 'critical', 'phase3 failed for 2025-02-20', '', "
              "'sent', 1, 0, 1740150000000, 1740150000000), "
              "('breaker:source:nba_cdn', 'warning', 'breaker source:nba_cdn opened', '', "
              "'pending', 0, 0, 1740160700000, 1740160700000)");
  exec_sql(d, "INSERT INTO work_queue (kind, item_key, state, attempts, max_attempts, not_before, "
              "created_at, updated_at) VALUES "
              "('boxscore', '20250221_LAL_BOS', 'ready', 0, 5, 0, 1740160740000, 1740160740000), "
              "('boxscore', '20250220_NYK_MIA', 'dead', 5, 5, 0, 1740070000000, 1740070000000), "
              "('phase3', '2025-02-21', 'leased', 1, 5, 0, 1740160500000, 1740160500000)");
  exec_sql(d, "INSERT INTO schedule_games (game_id, source, game_date, season, home_team, "
              "away_team, status, updated_at) VALUES ('20250220_NYK_MIA', 'nba_cdn', "
              "'2025-02-20', 2024, 'MIA', 'NYK', 'final', 0), ('20250220_LAL_BOS', 'nba_cdn', "
              "'2025-02-20', 2024, 'BOS', 'LAL', 'final', 0)");
  return path;
}

inline http::http_method method_of(const std::string& m) {
  using http::http_method;
  if (m == "POST") return http_method::post;
  if (m == "HEAD") return http_method::head;
  if (m == "PUT") return http_method::put;
  if (m == "DELETE") return http_method::delete_;
  return http_method::get;
}

/// Answers of the mutating callbacks, as the tests script them.
struct action_log {
  std::mutex mutex;
  std::vector<std::string> jobs;
  std::vector<control::backfill_request> backfills;
  bool never_answer = false;
};

struct control_fixture {
  std::filesystem::path dir;
  std::filesystem::path warehouse;
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  caf::actor bus;
  caf::actor root;
  std::atomic<std::uint16_t> port{0};
  metrics::registry registry;
  std::shared_ptr<action_log> actions = std::make_shared<action_log>();
  http::http_client client;

  /// `tweak` may change the settings before the server starts.
  explicit control_fixture(const std::string& name,
                           std::function<void(control::control_settings&)> tweak = {}) {
    dir = scratch_dir(name);
    warehouse = seed_warehouse(dir);
    sys = std::make_unique<caf::actor_system>(cfg);
    bus = spawn_event_bus(*sys);
    control::control_settings s;
    s.server.port = 0;
    s.token = control_test_token;
    s.warehouse_path = warehouse.string();
    s.events = bus;
    s.engine_name = "courtside-test";
    s.ledger_days = 5;
    s.registry = &registry;
    s.wall_clock = [] { return control_test_now; };
    s.readiness = control::standard_readiness_checks(warehouse.string(), "");
    s.schedules = [](storage::unix_ms now) {
      return std::vector<control::job_schedule>{{"daily_scrape", "0 6 * * *", now + 3'600'000, true},
                                                {"health_summary", "0 9 * * *", now + 7'200'000, true}};
    };
    auto log = actions;
    s.run_job = [log](const std::string& job, control::action_done done) {
      std::lock_guard lock(log->mutex);
      log->jobs.push_back(job);
      if (log->never_answer) return;
      if (job == "nope") return done({404, "no job named nope"});
      done({202, "job " + job + " started"});
    };
    s.backfill = [log](const control::backfill_request& b, control::action_done done) {
      std::lock_guard lock(log->mutex);
      log->backfills.push_back(b);
      done({202, "backfill " + b.first_date + ".." + b.last_date + " queued"});
    };
    s.on_listening = [this](std::uint16_t p) { port = p; };
    if (tweak) tweak(s);
    supervisor_spec spec;
    spec.events = bus;
    spec.children.push_back(control::control_child(std::move(s)));
    child_spec idle;
    idle.name = "scraper_balldontlie"; // not the path the tests inject events for
    idle.start = [](const child_context& ctx) {
      return ctx.parent->spawn([]() -> caf::behavior { return {[](int) {}}; });
    };
    supervisor_spec sources;
    sources.children.push_back(idle);
    spec.children.push_back(supervisor_child("sources", std::move(sources)));
    root = spawn_supervisor(*sys, std::move(spec));
    if (!client.start().ok()) throw std::runtime_error("http client did not start");
    if (!eventually(10s, [&] { return port.load() != 0; }))
      throw std::runtime_error("control server did not start listening");
    // The idle scraper "restarted" twice, as the bus would have heard it.
    inject({supervision_event::kind::started, "sources.scraper_nba_cdn", "", 2, 0, false});
  }

  ~control_fixture() {
    client.stop();
    caf::anon_send_exit(root, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(bus, caf::exit_reason::user_shutdown);
    sys.reset(); // waits for every actor, the control server's threads included
  }

  void inject(supervision_event e) { caf::anon_send(bus, std::move(e)); }

  [[nodiscard]] std::string base() const { return "http://127.0.0.1:" + std::to_string(port.load()); }

  /// One request; the test fails (throws) if no answer comes within 10 s.
  http::http_response call(const std::string& method, const std::string& path,
                           http::header_list headers = {}, std::string body = {}) {
    http::http_request req;
    req.method = method_of(method);
    req.url = base() + path;
    req.headers = std::move(headers);
    req.body = std::move(body);
    req.timeout = 10s;
    auto promise = std::make_shared<std::promise<http::http_result>>();
    auto future = promise->get_future();
    client.fetch(req, [promise](http::http_result r) { promise->set_value(std::move(r)); });
    if (future.wait_for(15s) != std::future_status::ready)
      throw std::runtime_error(method + " " + path + ": no answer");
    auto r = future.get();
    if (!r.ok()) throw std::runtime_error(method + " " + path + ": transport failure");
    return r.response();
  }
  http::http_response get(const std::string& path) { return call("GET", path); }
};

/// Sends raw bytes, half-closes, and reads until the server closes (or 10 s pass).
inline std::string raw_exchange(std::uint16_t port, const std::string& bytes) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {};
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string out;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    (void)!::write(fd, bytes.data(), bytes.size());
    ::shutdown(fd, SHUT_WR);
    char buf[4096];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

} // namespace courtside::testing
