// The client's HTTP state machine: the one client TU that instantiates Beast's HTTP parser
// and serializer (~1 GB of RAM and ~14 s to compile: keep it single).
#include <algorithm>
#include <initializer_list>
#include <string_view>

#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "runtime/http/client_internals.hpp"
#include "runtime/http/content_coding.hpp"
#include "runtime/http/redirect_policy.hpp"
#include "runtime/http/transport_classify.hpp"
#include "runtime/http/url.hpp"

namespace courtside::http::client_detail {

namespace {

namespace bhttp = boost::beast::http;
using steady = std::chrono::steady_clock;

milliseconds since(steady::time_point t) {
  return std::chrono::duration_cast<milliseconds>(steady::now() - t);
}

bool has_crlf(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

} // namespace

/// One fetch, from start() to its callback, on one lane. Every step checks `stopping` before
/// starting new I/O, so a stop() never races a fresh connect.
class exchange : public std::enable_shared_from_this<exchange> {
public:
  exchange(client_state& state, lane& home, http_request request, http_client::callback cb)
    : state_(state), lane_(home), request_(std::move(request)), on_done_(std::move(cb)) {}

  void start() {
    lane_.pending.emplace(this, shared_from_this());
    if (state_.stopping)
      return finish_failure(transport_error::cancelled, "client stopping");
    auto parsed = parse_url(request_.url);
    if (!parsed.ok())
      return finish_failure(transport_error::bad_url, std::string{to_string(parsed.error)}
                                                        + " in " + redact_url(request_.url));
    for (const auto& [name, value] : request_.headers)
      if (name.empty() || has_crlf(name) || has_crlf(value))
        return finish_failure(transport_error::protocol_error, "request header with CR/LF");
    url_ = std::move(parsed.url);
    method_ = request_.method;
    begin_hop();
  }

  /// stop(): abort whatever is in flight; its handler then finishes with `cancelled`.
  void cancel() {
    if (resolver_)
      resolver_->cancel();
    if (resolve_timer_)
      resolve_timer_->cancel();
    if (conn_)
      conn_->close();
  }

  void finish_failure(transport_error e, std::string detail) {
    finish(transport_failure{e, std::move(detail), since(started_)});
  }

private:
  void begin_hop() {
    if (state_.stopping)
      return finish_failure(transport_error::cancelled, "client stopping");
    stale_retried_ = false;
    build_wire_request();
    auto& idle = lane_.idle[url_.origin()];
    if (idle.empty())
      return open_fresh();
    conn_ = std::move(idle.back());
    idle.pop_back();
    reused_ = true;
    ++state_.reused;
    send();
  }

  void build_wire_request() {
    wire_ = {};
    wire_.version(11);
    wire_.method_string(to_string(method_));
    wire_.target(url_.target);
    for (const auto& [name, value] : request_.headers)
      wire_.insert(name, value);
    if (wire_.find(bhttp::field::host) == wire_.end())
      wire_.set(bhttp::field::host, url_.authority());
    if (wire_.find(bhttp::field::user_agent) == wire_.end())
      wire_.set(bhttp::field::user_agent, state_.options.user_agent);
    if (wire_.find(bhttp::field::accept_encoding) == wire_.end())
      wire_.set(bhttp::field::accept_encoding, "gzip, deflate");
    wire_.body() = request_.body;
    wire_.keep_alive(true);
    wire_.prepare_payload();
  }

  void open_fresh() {
    if (state_.stopping)
      return finish_failure(transport_error::cancelled, "client stopping");
    reused_ = false;
    conn_ = std::make_unique<connection>();
    if (url_.tls)
      conn_->tls.emplace(lane_.ioc, *state_.tls);
    else
      conn_->plain.emplace(lane_.ioc);
    resolver_.emplace(lane_.ioc);
    resolve_timer_.emplace(lane_.ioc);
    resolve_timed_out_ = false;
    resolve_timer_->expires_after(request_.connect_timeout);
    resolve_timer_->async_wait([self = shared_from_this()](error_code ec) {
      if (!ec) {
        self->resolve_timed_out_ = true;
        self->resolver_->cancel();
      }
    });
    resolver_->async_resolve(url_.host, std::to_string(url_.port),
                             beast::bind_front_handler(&exchange::on_resolve, shared_from_this()));
  }

  void on_resolve(error_code ec, const tcp::resolver::results_type& results) {
    resolve_timer_->cancel();
    if (ec && resolve_timed_out_ && !state_.stopping)
      return finish_failure(transport_error::dns_failure, "resolve: timed out for " + url_.host);
    if (ec)
      return fail(ec, transport_phase::resolve);
    conn_->lowest().expires_after(request_.connect_timeout);
    conn_->lowest().async_connect(results, [self = shared_from_this()](error_code e,
                                                                       const tcp::endpoint&) {
      self->on_connect(e);
    });
  }

  void on_connect(error_code ec) {
    if (ec)
      return fail(ec, transport_phase::connect);
    ++state_.opened;
    if (!conn_->tls)
      return send();
    error_code not_an_address;
    net::ip::make_address(url_.host, not_an_address);
    // SNI carries names only (RFC 6066); IP literals are checked against the cert's IP SANs.
    if (not_an_address && !SSL_set_tlsext_host_name(conn_->tls->native_handle(), url_.host.c_str()))
      return finish_failure(transport_error::tls_error, "cannot set SNI for " + url_.host);
    conn_->tls->set_verify_mode(ssl::verify_peer);
    conn_->tls->set_verify_callback(ssl::host_name_verification(url_.host));
    // The expiry armed for connect keeps running: connect_timeout covers the handshake too.
    conn_->tls->async_handshake(ssl::stream_base::client,
                                beast::bind_front_handler(&exchange::on_handshake,
                                                          shared_from_this()));
  }

  void on_handshake(error_code ec) {
    if (ec)
      return fail(ec, transport_phase::handshake);
    send();
  }

  void send() {
    if (state_.stopping)
      return finish_failure(transport_error::cancelled, "client stopping");
    conn_->lowest().expires_after(request_.timeout);
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(state_.options.max_header_bytes));
    parser_->body_limit(request_.max_body_bytes);
    if (method_ == http_method::head)
      parser_->skip(true);
    with_stream([this](auto& stream) {
      bhttp::async_write(stream, wire_,
                         beast::bind_front_handler(&exchange::on_write, shared_from_this()));
    });
  }

  void on_write(error_code ec, std::size_t) {
    if (ec)
      return retry_or_fail(ec, transport_phase::write);
    with_stream([this](auto& stream) {
      bhttp::async_read(stream, conn_->buffer, *parser_,
                        beast::bind_front_handler(&exchange::on_read, shared_from_this()));
    });
  }

  /// A pooled connection the server already closed fails on write or before the first byte
  /// of the response: that is staleness, not a failure of the request, so retry once.
  void retry_or_fail(error_code ec, transport_phase phase) {
    const auto kind = classify_transport_error(ec, phase, state_.stopping);
    if (reused_ && !stale_retried_ && kind == transport_error::reset && !parser_->got_some()) {
      stale_retried_ = true;
      ++state_.stale;
      conn_->close();
      conn_.reset();
      return open_fresh();
    }
    fail(ec, phase);
  }

  void on_read(error_code ec, std::size_t) {
    if (ec)
      return retry_or_fail(ec, transport_phase::read);
    const bool reusable = parser_->get().keep_alive() && !parser_->need_eof();
    auto response = parser_->release();
    release_connection(reusable);
    header_list headers;
    for (const auto& field : response)
      headers.emplace_back(std::string{field.name_string()}, std::string{field.value()});
    const auto hop = plan_redirect(url_, method_, response.result_int(),
                                   find_header(headers, "Location"), redirects_,
                                   request_.max_redirects);
    switch (hop.outcome) {
      case hop_outcome::too_many_redirects:
        return finish_failure(transport_error::too_many_redirects, hop.detail);
      case hop_outcome::bad_location:
        return finish_failure(transport_error::bad_url, hop.detail);
      case hop_outcome::follow:
        return follow(hop);
      case hop_outcome::done:
        break;
    }
    deliver(response.result_int(), std::move(headers), std::move(response.body()));
  }

  void follow(const next_hop& hop) {
    ++redirects_;
    url_ = hop.url;
    method_ = hop.method;
    if (hop.drop_body) {
      request_.body.clear();
      drop_headers({"Content-Type", "Content-Length"});
    }
    if (hop.drop_credentials)
      drop_headers({"Authorization", "Cookie", "Proxy-Authorization", "Host"});
    begin_hop();
  }

  void drop_headers(std::initializer_list<std::string_view> names) {
    auto& h = request_.headers;
    for (auto name : names)
      h.erase(std::remove_if(h.begin(), h.end(), [&](const auto& kv) { return iequals(kv.first, name); }),
              h.end());
  }

  void release_connection(bool reusable) {
    auto& idle = lane_.idle[url_.origin()];
    if (reusable && !state_.stopping && idle.size() < state_.options.max_idle_per_origin) {
      conn_->lowest().expires_never();
      idle.push_back(std::move(conn_));
    } else {
      conn_->close();
      conn_.reset();
    }
  }

  void deliver(unsigned status, header_list headers, std::string wire_body) {
    const auto coding = find_header(headers, "Content-Encoding").value_or("");
    auto decoded = decode_content(coding, wire_body, request_.max_body_bytes);
    if (decoded.error == coding_error::too_large)
      return finish_failure(transport_error::body_too_large, decoded.detail);
    if (!decoded.ok())
      return finish_failure(transport_error::protocol_error,
                            std::string{"body coding: "} + to_string(decoded.error) + ": "
                              + decoded.detail);
    finish(http_response{status, std::move(headers), std::move(decoded.body), url_.to_string(),
                         since(started_)});
  }

  void fail(error_code ec, transport_phase phase) {
    const auto kind = classify_transport_error(ec, phase, state_.stopping);
    finish_failure(kind, std::string{to_string(phase)} + ": " + ec.message() + " ("
                           + redact_url(url_.to_string()) + ")");
  }

  void finish(http_result result) {
    if (done_)
      return;
    done_ = true;
    if (resolve_timer_)
      resolve_timer_->cancel();
    if (conn_) {
      conn_->close();
      conn_.reset();
    }
    auto keep_alive = shared_from_this();  // erasing from `pending` may drop the last owner
    lane_.pending.erase(this);
    auto cb = std::move(on_done_);
    try {
      cb(std::move(result));
    } catch (...) {
      // A throwing callback must not take the io thread (and every other fetch) down.
    }
  }

  template <class F>
  void with_stream(F&& f) {
    if (conn_->tls)
      f(*conn_->tls);
    else
      f(*conn_->plain);
  }

  client_state& state_;
  lane& lane_;
  http_request request_;
  http_client::callback on_done_;
  steady::time_point started_ = steady::now();
  parsed_url url_;
  http_method method_ = http_method::get;
  unsigned redirects_ = 0;
  std::unique_ptr<connection> conn_;
  bool reused_ = false;
  bool stale_retried_ = false;
  bool resolve_timed_out_ = false;
  bool done_ = false;
  std::optional<tcp::resolver> resolver_;
  std::optional<net::steady_timer> resolve_timer_;
  bhttp::request<bhttp::string_body> wire_;
  std::optional<bhttp::response_parser<bhttp::string_body>> parser_;
};

void launch(client_state& state, lane& home, http_request request, http_client::callback on_done) {
  auto ex = std::make_shared<exchange>(state, home, std::move(request), std::move(on_done));
  net::post(home.ioc, [ex] { ex->start(); });
}

void cancel_lane(lane& l) {
  for (auto& [origin, conns] : l.idle)
    for (auto& c : conns)
      c->close();
  l.idle.clear();
  const auto pending = l.pending;  // cancel() may not erase, but be safe against it
  for (const auto& [ptr, ex] : pending)
    ex->cancel();
}

void abandon_lane(lane& l) {
  const auto leftovers = l.pending;
  for (const auto& [ptr, ex] : leftovers)
    ex->finish_failure(transport_error::cancelled, "client stopped");
}

} // namespace courtside::http::client_detail
