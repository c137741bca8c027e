// libFuzzer target: the control plane's request path on raw bytes from the socket. The
// server's parse step lives inside its session (runtime/http/server_session.cpp) and is not
// separable, so this target drives Beast's request_parser the way the session does (header
// first, its exact size checked; then the body; the control plane's limits; pipelined
// requests one after another), turns each request into a server_request as the session
// does, and hands it to the pure control-plane code: route_request, authorize and the
// backfill parameter helpers (parse_query, valid_date, last_dates).
//
// Invariants: Beast parses the same bytes to the same request whether they arrive at once or
// in small reads; no accepted header exceeds the limit; routing and authorisation decide
// consistently (see check_request below).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "actors/control/control_routes.hpp"
#include "actors/control/status_report.hpp"
#include "runtime/http/content_coding.hpp"
#include "runtime/http/server.hpp"
#include "runtime/http/url.hpp"
#include "tools/fuzz/fuzz_check.hpp"

namespace {

namespace bhttp = boost::beast::http;
namespace control = courtside::control;
namespace http = courtside::http;
using error_code = boost::system::error_code;
using request = bhttp::request<bhttp::string_body>;

// control_settings::default_server_options(): the limits the control plane listens with.
constexpr std::size_t max_header_bytes = 8u << 10;
constexpr std::size_t max_body_bytes = 64u << 10;
constexpr std::string_view configured_token = "s3cret-Token_0123456789";
constexpr int max_requests_per_input = 8;

struct parse_outcome {
  std::optional<request> message; // set when a whole request was read without error
  std::size_t consumed = 0;       // bytes of the input this request used
};

// Feeds `wire` in reads of at most `read_size` bytes, as the session's socket reads would.
parse_outcome read_request(std::string_view wire, std::size_t read_size) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(max_header_bytes));
  parser.body_limit(max_body_bytes);
  std::size_t used = 0;
  std::size_t available = std::min(read_size, wire.size());
  bool header_checked = false;
  error_code ec;
  while (!parser.is_done()) {
    const std::size_t n = parser.put(boost::asio::buffer(wire.data() + used, available - used), ec);
    used += n;
    if (!ec && n == 0)
      ec = bhttp::error::need_more;  // no progress without more bytes
    if (ec && ec != bhttp::error::need_more)
      return {std::nullopt, used};
    if (parser.is_header_done() && !header_checked) {
      header_checked = true;  // the session's on_header: Beast's own check is per read
      if (used > max_header_bytes)
        return {std::nullopt, used};
    }
    if (parser.is_done())
      break;
    if (ec == bhttp::error::need_more || used == available) {
      if (available == wire.size()) {  // the peer closed: a complete request or none
        ec = {};
        parser.put_eof(ec);
        if (ec)
          return {std::nullopt, used};
        break;
      }
      available = std::min(available + read_size, wire.size());
      ec = {};
    }
  }
  return {parser.release(), used};
}

// The session's dispatch_to_handler, minus the socket.
http::server_request to_server_request(const request& msg) {
  http::server_request req;
  req.method = std::string{msg.method_string()};
  req.target = std::string{msg.target()};
  const auto q = req.target.find('?');
  req.path = http::percent_decode(std::string_view{req.target}.substr(0, q), false);
  if (q != std::string::npos)
    req.query = http::parse_query(std::string_view{req.target}.substr(q + 1));
  for (const auto& field : msg)
    req.headers.emplace_back(std::string{field.name_string()}, std::string{field.value()});
  req.body = msg.body();
  req.peer = "127.0.0.1:1";
  return req;
}

bool same_request(const request& a, const request& b) {
  if (a.method_string() != b.method_string() || a.target() != b.target()
      || a.version() != b.version() || a.body() != b.body())
    return false;
  auto i = a.begin();
  auto j = b.begin();
  for (; i != a.end() && j != b.end(); ++i, ++j)
    if (i->name_string() != j->name_string() || i->value() != j->value())
      return false;
  return i == a.end() && j == b.end();
}

void check_route(const http::server_request& req) {
  const control::route r = control::route_request(req.method, req.path);
  const bool get = req.method == "GET" || req.method == "HEAD";
  FUZZ_CHECK(std::strcmp(control::to_string(r.what), "unknown") != 0);
  FUZZ_CHECK((r.what == control::endpoint::method_not_allowed) == !r.allow.empty());
  switch (r.what) {
    case control::endpoint::date:
      FUZZ_CHECK(get && !r.param.empty() && r.param.find('/') == std::string::npos);
      if (control::valid_date(r.param)) {
        const auto dates = control::last_dates(r.param, 366);
        FUZZ_CHECK(dates.size() == 366 && dates.front() == r.param);
      }
      break;
    case control::endpoint::run_job:
      FUZZ_CHECK(req.method == "POST" && r.param.find('/') == std::string::npos);
      if (control::valid_job_name(r.param))
        FUZZ_CHECK(!r.param.empty() && r.param.size() <= 64);
      break;
    case control::endpoint::backfill:
      FUZZ_CHECK(req.method == "POST" && r.param.empty());
      break;
    case control::endpoint::method_not_allowed:
    case control::endpoint::not_found:
      FUZZ_CHECK(r.param.empty());
      break;
    default:
      FUZZ_CHECK(get && r.param.empty());
  }
}

// authorize: off without a token, "missing" without a header, and a bearer header carrying
// exactly the configured token is the only way in.
void check_authorization(const http::server_request& req) {
  const auto header = req.header("Authorization");
  FUZZ_CHECK(control::authorize(header, "") == control::auth_decision::disabled);
  const auto decision = control::authorize(header, configured_token);
  if (!header)
    FUZZ_CHECK(decision == control::auth_decision::missing);
  if (decision == control::auth_decision::allowed)
    FUZZ_CHECK(header->find(configured_token) != std::string_view::npos);
  if (header && header->size() > 7) {  // whatever token it presents, that token is accepted
    std::string_view presented = header->substr(7);
    while (!presented.empty() && presented.front() == ' ') presented.remove_prefix(1);
    while (!presented.empty() && presented.back() == ' ') presented.remove_suffix(1);
    const auto self = control::authorize(header, presented);
    FUZZ_CHECK(presented.empty() || self == control::auth_decision::allowed
               || self == control::auth_decision::missing);
  }
  FUZZ_CHECK(control::constant_time_equal(req.path, req.target) == (req.path == req.target));
}

// The steps of control_server.cpp's parse_backfill, which is private to it: query and form
// body parameters, both dates checked, the 366-day window.
void check_backfill_parameters(const http::server_request& req) {
  http::header_list params = req.query;
  if (!req.body.empty()) {
    auto form = http::parse_query(req.body);
    params.insert(params.end(), form.begin(), form.end());
  }
  for (const auto& [key, value] : params) {
    if (key != "from" && key != "to")
      continue;
    if (!control::valid_date(value))
      continue;
    const auto window = control::last_dates(value, 366);
    FUZZ_CHECK(window.size() == 366 && window.front() == value && window.back() < value);
  }
}

void check_request(const request& msg) {
  const http::server_request req = to_server_request(msg);
  FUZZ_CHECK(req.path.size() <= req.target.size());
  FUZZ_CHECK(req.body.size() <= max_body_bytes);
  (void)http::accepts_gzip(req.header("Accept-Encoding").value_or(""));
  check_route(req);
  check_authorization(req);
  check_backfill_parameters(req);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view wire{reinterpret_cast<const char*>(data), size};
  for (int n = 0; n < max_requests_per_input && !wire.empty(); ++n) {
    const parse_outcome whole = read_request(wire, wire.size());
    const parse_outcome pieces = read_request(wire, 7);
    if (whole.message && pieces.message)
      FUZZ_CHECK(whole.consumed == pieces.consumed && same_request(*whole.message, *pieces.message));
    if (!whole.message)
      return 0;  // the session answers 400/413/431, or the peer went away
    check_request(*whole.message);
    if (!whole.message->keep_alive() || whole.consumed == 0)
      return 0;  // the session closes after answering
    wire.remove_prefix(whole.consumed);
  }
  return 0;
}
