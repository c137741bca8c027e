#pragma once
// http_server: a small asynchronous HTTP/1.1 server on Boost.Beast (Beast stays in server.cpp),
// general enough for the control plane (/healthz, /metrics, dashboard), the upstream
// simulator and the fake Slack webhook.
//
// Per connection:  read request -> [malformed: 400 | headers too big: 431 | body too big: 413,
//   then close | no complete request within read_timeout: close] -> [Expect: 100-continue:
//   send 100] -> handler(request, responder) -> ... the
//   handler (or anyone it hands the responder to, on any thread, any time later) responds
//   once -> write -> keep-alive ? read next request : close.
// The handler runs on an io thread and must not block; a slow answer is fine, a blocked
// thread is not. A responder dropped without an answer sends 500; a handler that throws
// sends 500. Nothing a client sends can crash the server.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/http/http_types.hpp"

namespace courtside::http {

struct server_request {
  std::string method;   // as sent: "GET", "POST", ... (unknown methods pass through)
  std::string target;   // raw request-target, e.g. "/api/status?date=2024-01-05"
  std::string path;     // percent-decoded path, without the query
  header_list query;    // decoded query parameters, in order, duplicates kept
  header_list headers;
  std::string body;
  std::string peer;     // "127.0.0.1:53412"

  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const {
    return find_header(headers, name);
  }
  [[nodiscard]] std::optional<std::string_view> query_param(std::string_view name) const {
    for (const auto& [key, value] : query)
      if (key == name)
        return std::string_view{value};
    return std::nullopt;
  }
};

struct server_response {
  unsigned status = 200;  // 100..999; anything else is answered as 500
  header_list headers;    // Content-Length/Transfer-Encoding/Connection are the server's job
  std::string body;       // ignored for HEAD (Content-Length still describes it), 204, 304
  bool gzip = false;      // gzip the body if the client's Accept-Encoding allows it
  bool close = false;     // close the connection after this response

  [[nodiscard]] static server_response text(unsigned status, std::string body,
                                            std::string content_type = "text/plain; charset=utf-8") {
    server_response r;
    r.status = status;
    r.headers.emplace_back("Content-Type", std::move(content_type));
    r.body = std::move(body);
    return r;
  }
};

/// The way to answer one request, exactly once. Copyable; copies share the answer. Safe to
/// use from any thread, also after the connection (or the server) is gone: then it is a no-op.
class responder {
public:
  /// True for the first answer while its connection is still open; false otherwise.
  bool respond(server_response response) const;
  [[nodiscard]] bool responded() const;

  struct state;  // defined in server.cpp

private:
  friend struct responder_access;
  explicit responder(std::shared_ptr<state> s) : state_(std::move(s)) {}
  std::shared_ptr<state> state_;
};

struct http_server_options {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 0;                    // 0 = ephemeral; see http_server::port()
  std::size_t threads = 1;
  std::size_t max_header_bytes = 16u << 10;  // request line + headers; beyond: 431
  std::size_t max_body_bytes = 1u << 20;     // beyond: 413
  milliseconds read_timeout{30'000};         // one whole request, and keep-alive idle time
  milliseconds write_timeout{30'000};
  std::size_t max_connections = 256;         // beyond: 503 and close
  std::string server_name = "courtside";
};

/// Counters for /metrics (monotonic since construction, except `active_connections`).
struct http_server_stats {
  std::uint64_t connections_accepted = 0;
  std::uint64_t connections_rejected = 0;  // over max_connections
  std::uint64_t requests = 0;              // handed to the handler
  std::uint64_t bad_requests = 0;          // answered 400/413/431 without the handler
  std::uint64_t active_connections = 0;
};

class http_server {
public:
  using handler = std::function<void(const server_request&, responder)>;

  http_server(http_server_options options, handler h);
  ~http_server();  // stop()
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  /// Binds, listens and starts the io threads. A stopped server may be started again.
  [[nodiscard]] start_result start();
  /// Closes the listener and every connection, and joins the io threads. Responders still
  /// held elsewhere become no-ops. Must not be called from the handler.
  void stop();
  /// The bound port (the ephemeral one when options.port was 0); 0 when not started.
  [[nodiscard]] std::uint16_t port() const;
  [[nodiscard]] http_server_stats stats() const;

private:
  struct core;
  std::shared_ptr<core> core_;
};

} // namespace courtside::http
