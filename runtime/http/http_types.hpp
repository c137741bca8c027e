#pragma once
// Plain value types of the HTTP layer: what a caller asks for (http_request) and what it gets
// back (http_result = a response or a classified transport failure). No Boost, no CAF: the
// actor layer copies these into messages as they are.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace courtside::http {

using header_list = std::vector<std::pair<std::string, std::string>>;
using milliseconds = std::chrono::milliseconds;

/// First value of header `name` (case-insensitive), or nullopt.
[[nodiscard]] std::optional<std::string_view> find_header(const header_list& headers,
                                                          std::string_view name);

/// ASCII case-insensitive equality, as HTTP header names and URL schemes compare.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);

enum class http_method : std::uint8_t { get, head, post, put, patch, delete_, options };

[[nodiscard]] const char* to_string(http_method m);

struct http_request {
  http_method method = http_method::get;
  std::string url;              // http://host[:port]/path?query or https://...
  header_list headers;          // sent as given; Host, User-Agent, Accept-Encoding added if absent
  std::string body;             // Content-Length is set from it (when non-empty or not GET/HEAD)
  milliseconds timeout{10'000};         // per try: request write + whole response read
  milliseconds connect_timeout{5'000};  // resolve + TCP connect + TLS handshake
  std::size_t max_body_bytes = 32u << 20;  // limit on both the wire body and the decoded body
  unsigned max_redirects = 3;              // 3 means the 3rd redirect is followed, the 4th fails
};

struct http_response {
  unsigned status = 0;
  header_list headers;          // as received (Content-Encoding kept, although body is decoded)
  std::string body;             // decoded: gzip/deflate already undone
  std::string final_url;        // after redirects; log it through redact_url()
  milliseconds elapsed{0};      // fetch() call to completion, all hops included
};

/// Why a fetch produced no response. `action_for` says what a caller should do about each.
enum class transport_error : std::uint8_t {
  dns_failure,         // name did not resolve (or resolution timed out)
  connect_refused,     // TCP connect rejected or the host was unreachable
  connect_timeout,     // connect or TLS handshake did not finish within connect_timeout
  reset,               // peer closed or reset the connection before a full response
  read_timeout,        // request written but no full response within the per-try timeout
  tls_error,           // handshake failed: certificate, host name, protocol mismatch
  protocol_error,      // response was not valid HTTP, or its body coding was invalid/unknown
  body_too_large,      // wire or decoded body exceeded max_body_bytes
  too_many_redirects,  // more than max_redirects redirects
  cancelled,           // the client stopped (or the request was aborted) first
  bad_url,             // url did not parse, or a redirect Location was unusable
};

[[nodiscard]] const char* to_string(transport_error e);

/// What the caller should do with a failure (DESIGN rule 7): transient network trouble is
/// retried, deterministic failures are not, cancellation is passed on and never retried.
enum class transport_action : std::uint8_t { retry, fail, pass_on };

[[nodiscard]] transport_action action_for(transport_error e);

struct transport_failure {
  transport_error error = transport_error::cancelled;
  std::string detail;           // human text for logs (no secrets: urls in it are redacted)
  milliseconds elapsed{0};
};

/// Either a response (any status, including 4xx/5xx) or a transport failure.
class http_result {
public:
  http_result(http_response r) : value_(std::move(r)) {}
  http_result(transport_failure f) : value_(std::move(f)) {}

  [[nodiscard]] bool ok() const { return std::holds_alternative<http_response>(value_); }
  [[nodiscard]] const http_response& response() const { return std::get<http_response>(value_); }
  [[nodiscard]] http_response& response() { return std::get<http_response>(value_); }
  [[nodiscard]] const transport_failure& failure() const {
    return std::get<transport_failure>(value_);
  }

private:
  std::variant<http_response, transport_failure> value_;
};

/// Outcome of starting a client or server.
enum class start_error : std::uint8_t {
  none,
  already_started,   // start() called twice without stop()
  tls_setup_failed,  // CA store or CA file could not be loaded
  bind_failed,       // address did not parse, or bind/listen failed (port in use...)
};

struct start_result {
  start_error error = start_error::none;
  std::string detail;
  [[nodiscard]] bool ok() const { return error == start_error::none; }
};

} // namespace courtside::http
