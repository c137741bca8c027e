// http_server's listener and lifecycle, and the responder. Connections live in
// server_session.cpp.
#include "runtime/http/server.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include "runtime/http/server_internals.hpp"

namespace courtside::http {

bool responder::state::deliver(server_response r) {
  if (used.exchange(true))
    return false;
  auto s = target.lock();
  if (!s)
    return false;
  server_detail::deliver_to(s, std::move(r));
  return true;
}

responder::state::~state() {
  if (!used)
    deliver(server_response::text(500, "handler dropped the request\n"));
}

bool responder::respond(server_response response) const {
  return state_ && state_->deliver(std::move(response));
}

bool responder::responded() const { return state_ && state_->used; }

namespace server_detail {

void admit(const std::shared_ptr<server_core>& core, tcp::socket socket) {
  std::shared_ptr<session> s;
  {
    std::lock_guard lock(core->mutex);
    if (!core->stopping && core->sessions.size() < core->options.max_connections) {
      s = make_session(core, std::move(socket));
      core->sessions.emplace(s.get(), s);
    }
  }
  if (s) {
    ++core->accepted;
    return start_session(s);
  }
  ++core->rejected;
  // Best effort: a fresh socket's send buffer is empty, so this short write cannot block.
  static constexpr std::string_view busy =
    "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
  error_code ignored;
  socket.non_blocking(true, ignored);
  socket.write_some(net::buffer(busy.data(), busy.size()), ignored);
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

void do_accept(const std::shared_ptr<server_core>& core) {
  core->acceptor->async_accept(
    net::make_strand(core->ioc), [core](error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !core->acceptor->is_open())
        return;
      if (!ec) {
        admit(core, std::move(socket));
        return do_accept(core);
      }
      // Out of descriptors or similar: pause instead of spinning on the same error.
      core->accept_retry->expires_after(milliseconds{50});
      core->accept_retry->async_wait([core](error_code e) {
        if (!e && core->acceptor->is_open())
          do_accept(core);
      });
    });
}

start_result open_acceptor(server_core& core) {
  error_code ec;
  const auto address = net::ip::make_address(core.options.bind_address, ec);
  if (ec)
    return {start_error::bind_failed, "bind address '" + core.options.bind_address + "': "
                                        + ec.message()};
  const tcp::endpoint endpoint{address, core.options.port};
  core.acceptor.emplace(net::make_strand(core.ioc));
  core.accept_retry.emplace(core.acceptor->get_executor());
  if (core.acceptor->open(endpoint.protocol(), ec)
      || core.acceptor->set_option(net::socket_base::reuse_address(true), ec)
      || core.acceptor->bind(endpoint, ec)
      || core.acceptor->listen(net::socket_base::max_listen_connections, ec)) {
    core.acceptor.reset();
    return {start_error::bind_failed, core.options.bind_address + ":"
                                        + std::to_string(core.options.port) + ": " + ec.message()};
  }
  core.port = core.acceptor->local_endpoint(ec).port();
  return {};
}

} // namespace server_detail

using server_detail::server_core;

struct http_server::core : server_core {};

http_server::http_server(http_server_options options, handler h)
  : core_(std::make_shared<core>()) {
  if (options.threads == 0)
    options.threads = 1;
  core_->options = std::move(options);
  core_->handler = std::move(h);
}

http_server::~http_server() { stop(); }

start_result http_server::start() {
  std::shared_ptr<server_core> c = core_;
  {
    std::lock_guard lock(c->mutex);
    if (c->running)
      return {start_error::already_started, "http_server already running"};
  }
  c->ioc.restart();
  if (auto r = server_detail::open_acceptor(*c); !r.ok())
    return r;
  {
    std::lock_guard lock(c->mutex);
    c->running = true;
    c->stopping = false;
  }
  c->work.emplace(c->ioc.get_executor());
  server_detail::do_accept(c);
  for (std::size_t i = 0; i < c->options.threads; ++i)
    c->threads.emplace_back([c] {
      for (;;) {
        try {
          c->ioc.run();
          return;
        } catch (...) {
          // Handlers are wrapped; nothing should get here, and one bad request must not
          // take a serving thread away.
        }
      }
    });
  return {};
}

void http_server::stop() {
  std::shared_ptr<server_core> c = core_;
  std::vector<std::shared_ptr<server_detail::session>> open;
  {
    std::lock_guard lock(c->mutex);
    if (!c->running)
      return;
    c->running = false;
    c->stopping = true;  // admit() turns away whatever the acceptor still completes
    for (const auto& [ptr, s] : c->sessions)
      open.push_back(s);
  }
  boost::asio::post(c->acceptor->get_executor(), [c] {
    server_detail::error_code ignored;
    c->acceptor->close(ignored);
    c->accept_retry->cancel();
  });
  for (const auto& s : open)
    server_detail::close_session(s);
  open.clear();
  c->work.reset();  // only now may the threads run out of work
  for (auto& t : c->threads)
    t.join();
  c->threads.clear();
  std::lock_guard lock(c->mutex);
  c->sessions.clear();  // sessions parked waiting for a handler answer
  c->acceptor.reset();
  c->accept_retry.reset();
  c->port = 0;
}

std::uint16_t http_server::port() const { return core_->port; }

http_server_stats http_server::stats() const {
  std::lock_guard lock(core_->mutex);
  return {core_->accepted.load(), core_->rejected.load(), core_->requests.load(),
          core_->bad_requests.load(), core_->sessions.size()};
}

} // namespace courtside::http
