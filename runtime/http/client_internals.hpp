#pragma once
// Private to the client: shared by client.cpp (lifecycle) and client_exchange.cpp (the Beast
// HTTP state machine, the one heavy TU). Nothing else includes this header.
#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "runtime/http/client.hpp"

namespace courtside::http::client_detail {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

/// What every exchange reads; owned by http_client::impl.
struct client_state {
  http_client_options options;
  std::unique_ptr<ssl::context> tls;
  std::atomic<bool> stopping{false};
  std::atomic<std::uint64_t> fetches{0}, opened{0}, reused{0}, stale{0};
};

/// One TCP (or TLS over TCP) connection to an origin, with the read buffer that belongs to it.
struct connection {
  std::optional<beast::tcp_stream> plain;  // exactly one of plain / tls is engaged
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;

  beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
  void close() {
    error_code ignored;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest().close();
  }
};

class exchange;  // client_exchange.cpp

/// One io thread with everything only it touches. Member order matters: the io_context is
/// destroyed last, after every socket that uses it.
struct lane {
  net::io_context ioc{1};
  net::executor_work_guard<net::io_context::executor_type> work{ioc.get_executor()};
  std::thread thread;
  std::unordered_map<std::string, std::deque<std::unique_ptr<connection>>> idle;
  std::unordered_map<exchange*, std::shared_ptr<exchange>> pending;
};

/// Hands one fetch to `home`; callable from any thread while the lane runs.
void launch(client_state& state, lane& home, http_request request, http_client::callback on_done);

/// On the lane's thread: close idle connections and abort every fetch in flight (each then
/// completes with `cancelled`).
void cancel_lane(lane& l);

/// After the lane's thread has been joined: fail whatever is still pending with `cancelled`.
void abandon_lane(lane& l);

} // namespace courtside::http::client_detail
