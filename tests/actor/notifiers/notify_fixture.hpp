#pragma once
// The notify group on virtual time against scripted webhooks: a real outbox file per test,
// a root supervisor registered like the engine's, and POSTs answered from a script.
#include <catch2/catch.hpp>

#include <deque>
#include <filesystem>
#include <map>

#include "actor/virtual_time_fixture.hpp"
#include "actors/notifiers/notify.hpp"
#include "actors/notifiers/notify_protocol.hpp"
#include "runtime/storage/alert_outbox.hpp"
#include "runtime/supervision/protocol.hpp"

namespace courtside::notify::test {

using namespace std::chrono_literals;

inline http::http_result slack_answer(unsigned status, std::string body = "ok", http::header_list headers = {}) {
  http::http_response r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return http::http_result{std::move(r)};
}

/// One POST as the webhook saw it.
struct post_record {
  std::string url;
  std::string body;
  time_point at;
};

/// Webhooks by URL: each answers from its own script, 200 "ok" once the script is empty.
struct scripted_webhooks {
  std::map<std::string, std::deque<http::http_result>> scripts;
  std::vector<post_record> posts;
  std::function<time_point()> now;

  post_function post() {
    return [this](http::http_request req, std::function<void(http::http_result)> done) {
      REQUIRE(req.method == http::http_method::post);
      posts.push_back({req.url, req.body, now()});
      auto& script = scripts[req.url];
      if (script.empty()) return done(slack_answer(200));
      auto next = std::move(script.front());
      script.pop_front();
      done(std::move(next));
    };
  }
  [[nodiscard]] std::vector<post_record> posts_to(const std::string& url) const {
    std::vector<post_record> out;
    for (const auto& p : posts)
      if (p.url == url) out.push_back(p);
    return out;
  }
};

inline std::filesystem::path actor_scratch_file() {
  std::string name = "notify-";
  for (const char ch : Catch::getResultCapture().getCurrentTestName())
    name += ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) ? ch : '_';
  if (name.size() > 100) name = name.substr(0, 80) + std::to_string(std::hash<std::string>{}(name));
  const auto dir = std::filesystem::path{COURTSIDE_BINARY_DIR} / "test-scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir / "warehouse.db";
}

inline const std::string ops_url = "https://hooks.slack.test/services/T000/B000/s3cr3tTOKEN";
inline const std::string errors_url = "https://hooks.slack.test/services/T000/B111/0therTOKEN";

struct notify_fixture : testing::virtual_time_fixture {
  scripted_webhooks hooks;
  notify_settings settings;
  caf::actor root;
  time_point started = sched.clock().now();
  static constexpr storage::unix_ms wall0 = 1'763'200'000'000; // 2025-11-15

  notify_fixture() {
    hooks.now = [this] { return sched.clock().now(); };
    settings.database_path = actor_scratch_file().string();
    settings.busy_timeout = 0ms;
    settings.grouping = {60s, 600s};
    settings.idle_poll = 3600s;
    settings.wall = [this] {
      return wall0 + std::chrono::duration_cast<milliseconds>(sched.clock().now() - started).count();
    };
    settings.webhooks.push_back(webhook_settings{"ops", ops_url, std::nullopt, 1s});
  }
  ~notify_fixture() {
    sys.registry().erase(root_registry_key);
    if (root) self->send_exit(root, caf::exit_reason::user_shutdown);
    run();
  }
  void start() {
    supervisor_spec spec;
    spec.children.push_back(notify_child(supervisor_spec{}, settings, hooks.post()));
    root = spawn_supervisor(sys, std::move(spec));
    sys.registry().put(root_registry_key, caf::actor_cast<caf::strong_actor_ptr>(root));
    run();
  }
  /// Ends the whole tree, as an engine stop does (the outbox file stays).
  void stop() {
    sys.registry().erase(root_registry_key);
    self->send_exit(root, caf::exit_reason::user_shutdown);
    run();
    root = nullptr;
  }
  /// Moves the clock by `d` one due timer at a time, so that timers armed while time moves
  /// fire at their own instants (one big advance_time would fire them all at the end).
  void advance(milliseconds d) {
    auto& clock = sched.clock();
    const auto target = clock.now() + d;
    while (!clock.schedule().empty() && clock.schedule().begin()->first <= target) {
      const auto next = clock.schedule().begin()->first;
      sched.advance_time(next > clock.now() ? next - clock.now() : caf::timespan{0});
      sched.run();
    }
    if (target > clock.now()) sched.advance_time(target - clock.now());
    sched.run();
  }
  void send_to(const std::string& path, caf::message m) {
    self->send(root, route_atom::value, path, std::move(m));
    run();
  }
  void raise(alerting::alert a) { send_to(router_path, caf::make_message(alert_atom::value, std::move(a))); }
  void raise(std::string key, alerting::severity level = alerting::severity::error, std::string title = "") {
    alerting::alert a;
    a.key = key;
    a.level = level;
    a.title = title.empty() ? "alert " + key : title;
    raise(std::move(a));
  }
  [[nodiscard]] milliseconds since_start(time_point t) const {
    return std::chrono::duration_cast<milliseconds>(t - started);
  }
  [[nodiscard]] storage::outbox_counts counts(const std::string& webhook) {
    auto db = storage::database::open({settings.database_path, 0ms, true});
    REQUIRE(db);
    auto c = storage::count_alerts(db.value(), webhook);
    REQUIRE(c);
    return c.value();
  }
};

} // namespace courtside::notify::test
