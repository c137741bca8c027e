#pragma once
// http_client: asynchronous HTTP/1.1 + HTTPS client on Boost.Beast (Beast stays in client.cpp).
//
// Threading: the client owns `io_threads` lanes, each an io_context run by one thread. A fetch
// is handed to one lane (round robin) and lives there until its callback; each lane keeps its
// own keep-alive pool, so no connection is ever touched by two threads. Callbacks run on the
// lane's thread: keep them short (the actor layer just anon_sends the result).
//
// One fetch: resolve -> connect -> (TLS handshake, SNI, host-name check) -> write -> read
// -> [redirect: next hop, pooled connection if the origin matches] -> decode body -> callback.
// A pooled connection that turns out dead (write fails, or it closes before the first
// response byte) is retried once on a fresh connection; that is invisible to the caller.
//
// stop() cancels everything: every fetch not yet completed gets its callback exactly once with
// transport_error::cancelled. fetch() on a client that is not running calls the callback
// inline (on the caller's thread) with `cancelled`.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "runtime/http/http_types.hpp"

namespace courtside::http {

struct http_client_options {
  std::size_t io_threads = 1;
  std::size_t max_idle_per_origin = 4;   // idle keep-alive connections kept per origin per lane
  bool use_system_ca_store = true;       // OpenSSL default verify paths
  std::string ca_file;                   // extra PEM CA bundle (e.g. a test or corporate CA)
  std::string user_agent = "courtside/0.1";
  std::size_t max_header_bytes = 64u << 10;  // response header block limit
};

/// Counters for /metrics (monotonic since construction).
struct http_client_stats {
  std::uint64_t fetches = 0;             // fetch() calls
  std::uint64_t connections_opened = 0;  // TCP connects that succeeded
  std::uint64_t connections_reused = 0;  // hops served by a pooled connection
  std::uint64_t stale_retries = 0;       // pooled connections found dead and replaced
};

class http_client {
public:
  using callback = std::function<void(http_result)>;

  explicit http_client(http_client_options options = {});
  ~http_client();  // stop()
  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  /// Loads the CA store and starts the io threads. A stopped client may be started again.
  [[nodiscard]] start_result start();

  /// Cancels all fetches (each callback gets `cancelled` exactly once), closes pooled
  /// connections and joins the io threads. Must not be called from a callback.
  void stop();

  /// Starts one request; `on_done` is called exactly once.
  void fetch(http_request request, callback on_done);

  [[nodiscard]] http_client_stats stats() const;

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace courtside::http
