#include "runtime/http/transport_classify.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

#include <catch2/catch.hpp>

using namespace courtside::http;
namespace asio_error = boost::asio::error;
namespace bhttp = boost::beast::http;
using boost::system::error_code;

namespace {
transport_error classify(error_code ec, transport_phase phase) {
  return classify_transport_error(ec, phase, false);
}
} // namespace

TEST_CASE("timeouts: connect side is connect_timeout, exchange side is read_timeout",
          "[http][classify]") {
  const error_code timeout = boost::beast::error::timeout;
  CHECK(classify(timeout, transport_phase::connect) == transport_error::connect_timeout);
  CHECK(classify(timeout, transport_phase::handshake) == transport_error::connect_timeout);
  CHECK(classify(timeout, transport_phase::write) == transport_error::read_timeout);
  CHECK(classify(timeout, transport_phase::read) == transport_error::read_timeout);
}

TEST_CASE("resets and early closes are retryable resets", "[http][classify]") {
  for (error_code ec : {error_code{asio_error::connection_reset}, error_code{asio_error::broken_pipe},
                        error_code{asio_error::eof}, error_code{bhttp::error::end_of_stream},
                        error_code{bhttp::error::partial_message},
                        error_code{boost::asio::ssl::error::stream_truncated}}) {
    CHECK(classify(ec, transport_phase::read) == transport_error::reset);
    CHECK(action_for(classify(ec, transport_phase::read)) == transport_action::retry);
  }
}

TEST_CASE("connect, DNS, TLS and protocol errors", "[http][classify]") {
  CHECK(classify(asio_error::connection_refused, transport_phase::connect)
        == transport_error::connect_refused);
  CHECK(classify(asio_error::network_unreachable, transport_phase::connect)
        == transport_error::connect_refused);
  CHECK(classify(asio_error::host_not_found, transport_phase::resolve)
        == transport_error::dns_failure);
  CHECK(classify(boost::asio::ssl::error::stream_truncated, transport_phase::handshake)
        == transport_error::tls_error);
  const error_code ssl_failure{0x0A000086 /* certificate verify failed */,
                               asio_error::get_ssl_category()};
  CHECK(classify(ssl_failure, transport_phase::handshake) == transport_error::tls_error);
  CHECK(classify(bhttp::error::bad_version, transport_phase::read)
        == transport_error::protocol_error);
  CHECK(classify(bhttp::error::header_limit, transport_phase::read)
        == transport_error::protocol_error);
  CHECK(classify(bhttp::error::body_limit, transport_phase::read)
        == transport_error::body_too_large);
  CHECK(action_for(transport_error::tls_error) == transport_action::fail);
  CHECK(action_for(transport_error::protocol_error) == transport_action::fail);
}

TEST_CASE("anything during stop, and aborted operations, are cancelled: pass on, never retry",
          "[http][classify]") {
  CHECK(classify_transport_error(asio_error::connection_reset, transport_phase::read, true)
        == transport_error::cancelled);
  CHECK(classify(asio_error::operation_aborted, transport_phase::connect)
        == transport_error::cancelled);
  CHECK(action_for(transport_error::cancelled) == transport_action::pass_on);
}
