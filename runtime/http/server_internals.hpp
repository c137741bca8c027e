#pragma once
// Private to the server: shared by server.cpp (listener, lifecycle, responder) and
// server_session.cpp (the Beast HTTP connection, the one heavy TU). Nothing else includes it.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "runtime/http/server.hpp"

namespace courtside::http {

namespace server_detail {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

class session;  // server_session.cpp

struct server_core {
  // The io_context is declared first so it is destroyed last, after every socket.
  net::io_context ioc;
  http_server_options options;
  http_server::handler handler;
  // Held while running: a connection parked in the handler has no pending I/O, and without
  // this the io threads could run out of work and exit before stop() has closed it.
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  std::optional<tcp::acceptor> acceptor;
  std::optional<net::steady_timer> accept_retry;
  std::vector<std::thread> threads;
  std::mutex mutex;  // guards sessions, running, stopping
  std::unordered_map<session*, std::shared_ptr<session>> sessions;
  bool running = false;
  bool stopping = false;
  std::atomic<std::uint16_t> port{0};
  std::atomic<std::uint64_t> accepted{0}, rejected{0}, requests{0}, bad_requests{0};

  void forget(session* s) {
    std::lock_guard lock(mutex);
    sessions.erase(s);
  }
};

/// A session for an accepted socket (not started yet).
[[nodiscard]] std::shared_ptr<session> make_session(std::shared_ptr<server_core> core,
                                                    tcp::socket socket);
/// Starts reading requests. Any thread.
void start_session(const std::shared_ptr<session>& s);
/// Closes the connection (stop()). Any thread.
void close_session(const std::shared_ptr<session>& s);
/// Queues the answer to the request the session is waiting on. Any thread.
void deliver_to(const std::shared_ptr<session>& s, server_response response);

} // namespace server_detail

/// Shared by the copies of one responder: the answer is taken at most once.
struct responder::state {
  std::weak_ptr<server_detail::session> target;
  std::atomic<bool> used{false};

  bool deliver(server_response r);
  ~state();  // unanswered: 500
};

struct responder_access {
  static responder make(std::shared_ptr<responder::state> s) { return responder{std::move(s)}; }
};

} // namespace courtside::http
