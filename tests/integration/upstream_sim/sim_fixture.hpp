#pragma once
// Test support: an upstream_server on an ephemeral loopback port, a client, blocking GETs
// that give up at a deadline (a future waited on, never a sleep), and JSON parsing.
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include <simdjson.h>

#include "runtime/http/client.hpp"
#include "tools/upstream-sim/server.hpp"

namespace courtside::upstream_sim::test {

using namespace std::chrono_literals;

/// Only reached when something is broken: then the test fails instead of hanging.
inline constexpr auto deadline = std::chrono::seconds{20};

/// A league and server shared by the tests that need no special options (building a league
/// costs ~0.1 s, more under ASan).
inline simulator_options default_options() {
  simulator_options o;
  o.league.seed = 1;
  o.league.today = civil_date{2025, 11, 15};
  return o;
}

class running_sim {
public:
  explicit running_sim(simulator_options options = default_options())
    : server_(std::make_unique<upstream_server>(std::move(options))) {
    started_ = server_->start().ok() && client_.start().ok();
  }
  ~running_sim() {
    client_.stop();
    server_->stop();
  }

  [[nodiscard]] bool started() const { return started_; }
  [[nodiscard]] upstream_server& server() { return *server_; }
  [[nodiscard]] std::string url(const std::string& path) const { return server_->base_url() + path; }

  /// GET path; nullopt when the callback did not come within the deadline.
  [[nodiscard]] std::optional<http::http_result> get(const std::string& path, http::header_list headers = {},
                                                     std::chrono::milliseconds timeout = 10s) {
    http::http_request req;
    req.url = url(path);
    req.headers = std::move(headers);
    req.timeout = timeout;
    auto done = std::make_shared<std::promise<http::http_result>>();
    auto result = done->get_future();
    client_.fetch(std::move(req), [done](http::http_result r) { done->set_value(std::move(r)); });
    if (result.wait_for(deadline) != std::future_status::ready)
      return std::nullopt;
    return result.get();
  }

  /// GET that must produce a response; returns it (status 0 when there was none).
  [[nodiscard]] http::http_response response(const std::string& path, http::header_list headers = {}) {
    auto r = get(path, std::move(headers));
    if (!r || !r->ok())
      return {};
    return r->response();
  }

private:
  std::unique_ptr<upstream_server> server_;
  http::http_client client_;
  bool started_ = false;
};

/// Parses JSON with simdjson's DOM; the parser must outlive the element.
struct parsed_json {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::error_code error = simdjson::UNINITIALIZED;

  explicit parsed_json(const std::string& text) { error = parser.parse(text).get(root); }
  [[nodiscard]] bool ok() const { return error == simdjson::SUCCESS; }
};

/// The array at `e`, by value. A range-for over `x.get_array().value()` would iterate a
/// reference into a temporary that is gone before the loop body runs.
[[nodiscard]] inline simdjson::dom::array array_of(simdjson::simdjson_result<simdjson::dom::element> e) {
  return e.get_array().value();
}

[[nodiscard]] inline bool valid_json(const std::string& text) { return parsed_json{text}.ok(); }

} // namespace courtside::upstream_sim::test
