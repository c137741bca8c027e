#include "runtime/http/transport_classify.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

namespace courtside::http {

namespace {

namespace asio_error = boost::asio::error;
namespace beast_http = boost::beast::http;

bool is_connect_phase(transport_phase phase) {
  return phase == transport_phase::resolve || phase == transport_phase::connect
         || phase == transport_phase::handshake;
}

bool is_dns_error(const boost::system::error_code& ec) {
  return ec.category() == asio_error::get_netdb_category()
         || ec.category() == asio_error::get_addrinfo_category();
}

bool is_tls_error(const boost::system::error_code& ec) {
  return ec.category() == asio_error::get_ssl_category()
         || ec.category() == boost::asio::ssl::error::get_stream_category();
}

} // namespace

const char* to_string(transport_phase p) {
  switch (p) {
    case transport_phase::resolve: return "resolve";
    case transport_phase::connect: return "connect";
    case transport_phase::handshake: return "tls handshake";
    case transport_phase::write: return "write";
    case transport_phase::read: return "read";
  }
  return "?";
}

transport_error classify_transport_error(const boost::system::error_code& ec,
                                         transport_phase phase, bool stopping) {
  if (stopping || ec == asio_error::operation_aborted)
    return transport_error::cancelled;
  if (ec == boost::beast::error::timeout || ec == asio_error::timed_out)
    return is_connect_phase(phase) ? transport_error::connect_timeout
                                   : transport_error::read_timeout;
  if (phase == transport_phase::resolve || is_dns_error(ec))
    return transport_error::dns_failure;
  if (ec == beast_http::error::body_limit)
    return transport_error::body_too_large;
  // The peer hung up before (or in the middle of) a response: the stale keep-alive case.
  if (ec == beast_http::error::end_of_stream || ec == beast_http::error::partial_message)
    return transport_error::reset;
  if (ec.category() == beast_http::make_error_code(beast_http::error::bad_version).category())
    return transport_error::protocol_error;
  // A TLS stream cut without close_notify after the handshake is a plain disconnect.
  if (ec == boost::asio::ssl::error::stream_truncated && phase != transport_phase::handshake)
    return transport_error::reset;
  if (is_tls_error(ec))
    return transport_error::tls_error;
  if (ec == asio_error::connection_refused)
    return transport_error::connect_refused;
  // Unreachable network/host, no route...: the connection never came up.
  if (phase == transport_phase::connect)
    return transport_error::connect_refused;
  // reset, broken pipe, eof, aborted: the network dropped an established connection.
  return transport_error::reset;
}

} // namespace courtside::http
