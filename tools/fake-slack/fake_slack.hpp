#pragma once
// fake_slack_server: a local stand-in for Slack incoming webhooks, for tests, the demo and
// chaos runs. It takes POSTs at /webhook and /services/..., checks the body the way Slack
// does (JSON object with a non-empty "text", "blocks" or "attachments", else 400 no_text;
// not JSON: 400 invalid_payload), records each accepted body in arrival order and answers
// 200 "ok" — unless told to fail:
//
//   mode               answer (status, body)                    like Slack when...
//   ok                 200 ok
//   500                500 rollup_error                          Slack itself is broken
//   429                429 rate_limited + Retry-After: N         posting too fast
//   hang               no answer at all (until stop)             a black-holed connection
//   no_service         404 no_service                            the webhook was revoked
//   invalid_payload    400 invalid_payload                       the body is not understood
//   channel_not_found  404 channel_not_found                     a bad channel override
//   action_prohibited  403 action_prohibited                     the workspace forbids it
//   channel_is_archived 410 channel_is_archived                  the channel is archived
//
// A mode may be limited to the next `count` webhook requests, then it falls back to ok.
// Control endpoints (never failed): POST /_fake/mode {"mode":"429","retry_after":2,"count":3},
// GET /_fake/received (the accepted bodies as one JSON array), GET /_fake/stats,
// POST /_fake/reset (forget received bodies and counters, mode ok).
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/http/server.hpp"

namespace courtside::fake_slack {

enum class failure_mode : std::uint8_t {
  ok,
  server_error,        ///< "500"
  rate_limited,        ///< "429"
  hang,
  no_service,
  invalid_payload,
  channel_not_found,
  action_prohibited,
  channel_is_archived,
};

/// The names used on the command line and in /_fake/mode: "ok", "500", "429", "hang", ...
[[nodiscard]] const char* to_string(failure_mode m) noexcept;
[[nodiscard]] std::optional<failure_mode> parse_failure_mode(std::string_view name);

struct mode_setting {
  failure_mode mode = failure_mode::ok;
  int retry_after_seconds = 1;  ///< 429 only; 0 = send no Retry-After header
  std::optional<int> count;     ///< fail only the next N webhook requests, then ok
};

/// Parses a /_fake/mode body; the error names the bad field.
struct mode_parse_result {
  std::optional<mode_setting> value;
  std::string error;
};
[[nodiscard]] mode_parse_result parse_mode_request(std::string_view json_body);

/// Slack's check of a webhook body: "" when acceptable, else "invalid_payload" or "no_text".
[[nodiscard]] std::string check_webhook_body(std::string_view body);

struct fake_slack_options {
  http::http_server_options http{"127.0.0.1", 0, 1};
  std::string record_file; ///< append each accepted body as one JSON line; empty: none
  mode_setting initial;
};

struct fake_slack_stats {
  std::uint64_t requests = 0;  ///< webhook POSTs, answered or not
  std::uint64_t delivered = 0; ///< answered 200 ok (and recorded)
  std::uint64_t failed = 0;    ///< answered with an error or left hanging
};

class fake_slack_server {
public:
  explicit fake_slack_server(fake_slack_options options);
  ~fake_slack_server();
  fake_slack_server(const fake_slack_server&) = delete;
  fake_slack_server& operator=(const fake_slack_server&) = delete;

  [[nodiscard]] http::start_result start();
  void stop();  ///< hanging requests are dropped with their connections
  [[nodiscard]] std::uint16_t port() const { return server_.port(); }
  [[nodiscard]] std::string base_url() const;     ///< "http://127.0.0.1:18081"
  [[nodiscard]] std::string webhook_url() const;  ///< base_url() + "/webhook"

  void set_mode(const mode_setting& m);
  [[nodiscard]] mode_setting mode() const;
  [[nodiscard]] std::vector<std::string> received() const;
  [[nodiscard]] fake_slack_stats stats() const;
  void reset();

private:
  void handle(const http::server_request& req, http::responder r);
  [[nodiscard]] http::server_response control(const http::server_request& req);
  [[nodiscard]] std::optional<http::server_response> webhook(const http::server_request& req,
                                                             const http::responder& r);

  fake_slack_options options_;
  mutable std::mutex mutex_;
  mode_setting mode_;
  std::vector<std::string> received_;
  std::vector<http::responder> hanging_;
  fake_slack_stats stats_;
  http::http_server server_;  // last: stopped (and its threads joined) first
};

} // namespace courtside::fake_slack
