#pragma once
// The one place that turns a Boost error_code into a transport_error (DESIGN rule 7).
// Only the error_code header is pulled in: cheap to include, no Beast.
#include <cstdint>

#include <boost/system/error_code.hpp>

#include "runtime/http/http_types.hpp"

namespace courtside::http {

/// Where in an exchange the error happened: the same code means different things in
/// different phases (a timeout while connecting is connect_timeout, while reading it is
/// read_timeout).
enum class transport_phase : std::uint8_t { resolve, connect, handshake, write, read };

[[nodiscard]] const char* to_string(transport_phase p);

/// Classifies `ec` (non-zero). `stopping` = the client is shutting down, which turns every
/// error into `cancelled` (aborted operations are our own doing, not the network's).
[[nodiscard]] transport_error classify_transport_error(const boost::system::error_code& ec,
                                                       transport_phase phase, bool stopping);

} // namespace courtside::http
