// One server connection: the only server TU that instantiates Beast's HTTP parser and
// serializer (~1 GB of RAM and ~14 s to compile: keep it single). Structure follows Beast's
// advanced_server example: one strand per connection.
#include <algorithm>
#include <array>
#include <string_view>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "runtime/http/content_coding.hpp"
#include "runtime/http/server_internals.hpp"
#include "runtime/http/url.hpp"

namespace courtside::http::server_detail {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

std::string peer_of(const tcp::socket& socket) {
  error_code ec;
  const auto ep = socket.remote_endpoint(ec);
  if (ec)
    return "unknown";
  const auto addr = ep.address().to_string();
  return (ep.address().is_v6() ? "[" + addr + "]" : addr) + ":" + std::to_string(ep.port());
}

bool header_owned_by_server(std::string_view name) {
  return iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding")
         || iequals(name, "Connection");
}

bool has_crlf(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

} // namespace

class session : public std::enable_shared_from_this<session> {
public:
  session(std::shared_ptr<server_core> core, tcp::socket&& socket)
    : core_(std::move(core)), stream_(std::move(socket)), peer_(peer_of(stream_.socket())) {}

  void start() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&session::do_read, shared_from_this()));
  }

  /// From any thread (stop()).
  void close() {
    net::post(stream_.get_executor(), beast::bind_front_handler(&session::do_close,
                                                                shared_from_this()));
  }

  void post_deliver(server_response r) {
    net::post(stream_.get_executor(),
              [weak = weak_from_this(), r = std::move(r)]() mutable {
                if (auto self = weak.lock())
                  self->deliver(std::move(r));
              });
  }

private:
  // Header first, then body: the header's exact size is only known between the two (Beast's
  // own header_limit is checked per chunk and lets up to about twice the limit through).
  void do_read() {
    if (closed_)
      return;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(core_->options.max_header_bytes));
    parser_->body_limit(core_->options.max_body_bytes);
    stream_.expires_after(core_->options.read_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&session::on_header, shared_from_this()));
  }

  void on_header(error_code ec, std::size_t header_bytes) {
    if (!ec && header_bytes > core_->options.max_header_bytes)
      ec = bhttp::error::header_limit;
    if (ec || parser_->is_done())
      return on_read(ec, 0);
    const auto expect = parser_->get()[bhttp::field::expect];
    if (iequals(std::string_view{expect.data(), expect.size()}, "100-continue"))
      return send_continue();
    read_body();
  }

  void read_body() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&session::on_read, shared_from_this()));
  }

  /// curl and others wait for this before sending a large body.
  void send_continue() {
    static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
    net::async_write(stream_, net::buffer(go_on.data(), go_on.size()),
                     [self = shared_from_this()](error_code ec, std::size_t) {
                       if (ec)
                         return self->do_close();
                       self->read_body();
                     });
  }

  void on_read(error_code ec, std::size_t) {
    if (ec == bhttp::error::header_limit)
      return send_error(431, "request header fields too large");
    if (ec == bhttp::error::body_limit)
      return send_error(413, "request body too large");
    const bool disconnect = ec == bhttp::error::end_of_stream
                            || ec == bhttp::error::partial_message;
    if (ec && !disconnect && ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category())
      return send_error(400, "malformed request: " + ec.message());
    // Otherwise the peer went away, the read timed out (tcp_stream has closed the socket
    // then, so there is no way to send a 408), or we are stopping.
    if (ec)
      return do_close();
    dispatch_to_handler();
  }

  void dispatch_to_handler();

  void deliver(server_response r) {
    if (closed_ || !awaiting_answer_)
      return;
    awaiting_answer_ = false;
    try {
      build_response(std::move(r));
    } catch (const std::exception&) {
      // Beast rejects e.g. a body on a 204; answer rather than leave the client hanging.
      res_ = {};
      res_.version(11);
      res_.result(bhttp::status::internal_server_error);
      res_.keep_alive(false);
      res_.prepare_payload();
    }
    write_response(&session::on_write);
  }

  void build_response(server_response r) {
    res_ = {};
    res_.version(11);
    if (r.status < 100 || r.status > 999)
      r = server_response::text(500, "handler answered an invalid status\n");
    res_.result(r.status);
    for (const auto& [name, value] : r.headers)
      if (!name.empty() && !has_crlf(name) && !has_crlf(value) && !header_owned_by_server(name))
        res_.insert(name, value);
    if (res_.find(bhttp::field::server) == res_.end())
      res_.set(bhttp::field::server, core_->options.server_name);
    const bool bodiless = r.status < 200 || r.status == 204 || r.status == 304;
    if (bodiless)
      r.body.clear();
    if (r.gzip && accepts_gzip_ && !r.body.empty()) {
      r.body = gzip_compress(r.body);
      res_.set(bhttp::field::content_encoding, "gzip");
      res_.set(bhttp::field::vary, "Accept-Encoding");
    }
    res_.body() = std::move(r.body);
    res_.keep_alive(keep_alive_ && !r.close);
    res_.prepare_payload();
    if (head_)
      res_.body().clear();  // Content-Length stays: it describes the GET answer
  }

  void send_error(unsigned status, std::string reason) {
    ++core_->bad_requests;
    res_ = {};
    res_.version(11);
    res_.result(status);
    res_.set(bhttp::field::server, core_->options.server_name);
    res_.set(bhttp::field::content_type, "text/plain; charset=utf-8");
    res_.body() = std::move(reason) + "\n";
    res_.keep_alive(false);
    res_.prepare_payload();
    write_response(&session::on_error_written);
  }

  void write_response(void (session::*next)(error_code, std::size_t)) {
    stream_.expires_after(core_->options.write_timeout);
    bhttp::async_write(stream_, res_, beast::bind_front_handler(next, shared_from_this()));
  }

  void on_write(error_code ec, std::size_t) {
    if (ec || !res_.keep_alive())
      return do_close();
    do_read();
  }

  /// After an error answer the client may still be sending (an oversized header, say).
  /// Closing with unread input would reset the connection and could destroy the answer in
  /// flight, so stop sending, swallow what arrives for a while, then close.
  void on_error_written(error_code ec, std::size_t) {
    if (ec)
      return do_close();
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::min(core_->options.read_timeout, milliseconds{2000}));
    drain(error_code{}, 0);
  }

  void drain(error_code ec, std::size_t n) {
    drained_ += n;
    if (ec || drained_ > (1u << 20))
      return do_close();
    stream_.async_read_some(net::buffer(scratch_),
                            beast::bind_front_handler(&session::drain, shared_from_this()));
  }

  void do_close() {
    if (closed_)
      return;
    closed_ = true;
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
    core_->forget(this);  // the caller's handler still holds a reference to us
  }

  std::shared_ptr<server_core> core_;  // first member: outlives the socket below
  beast::tcp_stream stream_;
  std::string peer_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> res_;
  std::array<char, 4096> scratch_{};
  std::size_t drained_ = 0;
  bool keep_alive_ = false;
  bool head_ = false;
  bool accepts_gzip_ = false;
  bool awaiting_answer_ = false;
  bool closed_ = false;
};

void session::dispatch_to_handler() {
  auto& msg = parser_->get();
  server_request req;
  req.method = std::string{msg.method_string()};
  req.target = std::string{msg.target()};
  const auto q = req.target.find('?');
  req.path = percent_decode(std::string_view{req.target}.substr(0, q), false);
  if (q != std::string::npos)
    req.query = parse_query(std::string_view{req.target}.substr(q + 1));
  for (const auto& field : msg)
    req.headers.emplace_back(std::string{field.name_string()}, std::string{field.value()});
  req.body = std::move(msg.body());
  req.peer = peer_;
  keep_alive_ = msg.keep_alive();
  head_ = msg.method() == bhttp::verb::head;
  accepts_gzip_ = accepts_gzip(req.header("Accept-Encoding").value_or(""));
  awaiting_answer_ = true;
  stream_.expires_never();  // the handler decides how long an answer takes
  ++core_->requests;
  auto st = std::make_shared<responder::state>();
  st->target = weak_from_this();
  try {
    core_->handler(req, responder_access::make(st));
  } catch (const std::exception& e) {
    st->deliver(server_response::text(500, std::string{"handler failed: "} + e.what() + "\n"));
  } catch (...) {
    st->deliver(server_response::text(500, "handler failed\n"));
  }
}

std::shared_ptr<session> make_session(std::shared_ptr<server_core> core, tcp::socket socket) {
  return std::make_shared<session>(std::move(core), std::move(socket));
}

void start_session(const std::shared_ptr<session>& s) { s->start(); }

void close_session(const std::shared_ptr<session>& s) { s->close(); }

void deliver_to(const std::shared_ptr<session>& s, server_response response) {
  s->post_deliver(std::move(response));
}

} // namespace courtside::http::server_detail
