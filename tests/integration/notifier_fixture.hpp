#pragma once
// The notify group in a real actor system with the real HTTP client, against fake Slack
// (in-process server) over loopback; conditions are polled against a deadline.
#include <catch2/catch.hpp>

#include <memory>
#include <optional>
#include <string>

#include <caf/all.hpp>

#include "actors/notifiers/notify.hpp"
#include "actors/notifiers/notify_protocol.hpp"
#include "integration/engine_process.hpp"
#include "runtime/http/client.hpp"
#include "runtime/storage/alert_outbox.hpp"
#include "runtime/supervision/protocol.hpp"
#include "tools/fake-slack/fake_slack.hpp"

namespace courtside::notify::test {

using namespace std::chrono_literals;

/// Fast but real timings: the same policy shape as production, scaled down.
inline notify_settings fast_settings(const std::string& database, const std::string& url) {
  notify_settings s;
  s.database_path = database;
  s.delivery.max_retries = 3;
  s.delivery.backoff = retry::backoff_config{50ms, 200ms, 2.0};
  s.delivery.outage_probe_min = 100ms;
  s.delivery.outage_probe_max = 200ms;
  s.request_timeout = 2s;
  s.idle_poll = 500ms;
  s.webhooks.push_back(webhook_settings{"ops", url, std::string{"#ops"}, 10ms});
  return s;
}

struct engine_config : caf::actor_system_config {
  engine_config() {
    set("scheduler.policy", caf::atom("sharing"));
    set("scheduler.max-threads", static_cast<size_t>(2));
  }
};

/// One "engine": an actor system whose root holds the notify group.
class notify_engine {
public:
  explicit notify_engine(notify_settings settings) : sys_(cfg_) {
    started_ = client_->start().ok();
    auto client = client_;
    post_function post = [client](http::http_request req, std::function<void(http::http_result)> done) {
      client->fetch(std::move(req), std::move(done));
    };
    supervisor_spec spec;
    spec.children.push_back(notify_child(supervisor_spec{}, std::move(settings), std::move(post)));
    root_ = spawn_supervisor(sys_, std::move(spec));
    sys_.registry().put(root_registry_key, caf::actor_cast<caf::strong_actor_ptr>(root_));
  }
  ~notify_engine() { stop(); }
  notify_engine(const notify_engine&) = delete;
  notify_engine& operator=(const notify_engine&) = delete;

  [[nodiscard]] bool started() const { return started_; }

  void raise(const std::string& key, const std::string& title) {
    alerting::alert a;
    a.key = key;
    a.level = alerting::severity::error;
    a.title = title;
    caf::anon_send(root_, route_atom::value, router_path, caf::make_message(alert_atom::value, a));
  }

  /// Stops the tree like the engine does on SIGTERM, and waits for it.
  void stop() {
    if (!root_) return;
    sys_.registry().erase(root_registry_key);
    caf::scoped_actor self{sys_};
    self->monitor(root_);
    self->send_exit(root_, caf::exit_reason::user_shutdown);
    self->receive([](caf::down_msg&) {});
    root_ = nullptr;
    client_->stop();
  }

private:
  engine_config cfg_;
  caf::actor_system sys_;
  std::shared_ptr<http::http_client> client_ = std::make_shared<http::http_client>();
  caf::actor root_;
  bool started_ = false;
};

/// Counts in the outbox, read through a connection of the test's own.
inline storage::outbox_counts outbox_counts(const std::string& database) {
  auto db = storage::database::open({database, 1000ms, true});
  if (!db) return {};
  auto c = storage::count_alerts(db.value(), "ops");
  return c ? c.value() : storage::outbox_counts{};
}

/// The fallback "text" of each received body, in arrival order.
inline std::vector<std::string> received_titles(const fake_slack::fake_slack_server& slack) {
  std::vector<std::string> out;
  for (const auto& body : slack.received()) {
    const auto at = body.find("\"text\":\"[ERROR] ");
    if (at == std::string::npos) continue;
    const auto from = at + 16;
    out.push_back(body.substr(from, body.find('"', from) - from));
  }
  return out;
}

} // namespace courtside::notify::test
