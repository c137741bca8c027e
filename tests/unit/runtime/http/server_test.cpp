// http_server over 127.0.0.1: what well-behaved clients get, and what malformed bytes get.
#include "runtime/http/server.hpp"

#include <atomic>
#include <mutex>
#include <stdexcept>

#include <catch2/catch.hpp>

#include "loopback.hpp"
#include "runtime/http/client.hpp"

using namespace courtside::http;
using namespace courtside::http::test;

namespace {

struct served {
  std::atomic<int> handled{0};
  std::mutex mutex;
  server_request last;  // copy of the last request the handler saw
  parking_lot lot;
  http_server server;

  explicit served(http_server_options options = {})
    : server(std::move(options), [this](const server_request& req, responder r) {
        ++handled;
        {
          std::lock_guard lock(mutex);
          last = req;
        }
        if (req.path == "/park")
          return lot.park(std::move(r));
        if (req.path == "/drop")
          return;  // the responder dies unanswered
        if (req.path == "/throw")
          throw std::runtime_error("boom");
        auto res = server_response::text(200, "hello from " + req.path);
        res.gzip = req.path == "/gzip";
        r.respond(std::move(res));
      }) {
    REQUIRE(server.start().ok());
  }

  [[nodiscard]] std::string url(const std::string& target) const {
    return "http://127.0.0.1:" + std::to_string(server.port()) + target;
  }
  [[nodiscard]] std::string raw(std::string_view bytes) const {
    return raw_exchange(server.port(), bytes);
  }
};

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

/// A GET whose request line + headers + blank line is exactly `total` bytes long.
std::string request_of_size(std::size_t total) {
  const std::string head = "GET / HTTP/1.1\r\nHost: x\r\nX-Pad: ";
  const std::string tail = "\r\n\r\n";
  return head + std::string(total - head.size() - tail.size(), 'p') + tail;
}

} // namespace

TEST_CASE("port 0 binds an ephemeral port, a taken port is bind_failed", "[http][server]") {
  served s;
  CHECK(s.server.port() != 0);
  http_server_options taken;
  taken.port = s.server.port();
  http_server second(taken, [](const server_request&, responder) {});
  const auto r = second.start();
  CHECK(r.error == start_error::bind_failed);
  http_server_options bad_address;
  bad_address.bind_address = "not-an-address";
  http_server third(bad_address, [](const server_request&, responder) {});
  CHECK(third.start().error == start_error::bind_failed);
}

TEST_CASE("the handler sees method, decoded path, query, headers, body and peer",
          "[http][server]") {
  served s;
  http_client client;
  REQUIRE(client.start().ok());
  auto req = get(s.url("/a%20b/c?date=2024-01-05&team=LA+Lakers&flag"));
  req.method = http_method::put;
  req.body = "payload";
  req.headers.emplace_back("X-Trace", "t-1");
  REQUIRE(fetch_and_wait(client, req)->ok());
  std::lock_guard lock(s.mutex);
  CHECK(s.last.method == "PUT");
  CHECK(s.last.target == "/a%20b/c?date=2024-01-05&team=LA+Lakers&flag");
  CHECK(s.last.path == "/a b/c");
  CHECK(s.last.query_param("date") == "2024-01-05");
  CHECK(s.last.query_param("team") == "LA Lakers");
  CHECK(s.last.query_param("flag") == "");
  CHECK_FALSE(s.last.query_param("missing"));
  CHECK(s.last.header("x-trace") == "t-1");
  CHECK(s.last.body == "payload");
  CHECK(starts_with(s.last.peer, "127.0.0.1:"));
}

TEST_CASE("malformed request bytes get 400 and never reach the handler", "[http][server]") {
  served s;
  CHECK(starts_with(s.raw("GARBAGE\r\n\r\n"), "HTTP/1.1 400"));
  CHECK(starts_with(s.raw("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"),
                    "HTTP/1.1 400"));
  CHECK(starts_with(s.raw(std::string("\x00\x01\xff\xfe\r\n\r\n", 8)), "HTTP/1.1 400"));
  CHECK(starts_with(s.raw("GET / HTTP/1.1\r\nBad Header\r\n\r\n"), "HTTP/1.1 400"));
  CHECK(s.handled == 0);
  CHECK(s.server.stats().bad_requests == 4);
  // ... and the server is still serving.
  CHECK(starts_with(s.raw("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), "HTTP/1.1 200"));
}

TEST_CASE("header limit: a header block of exactly max_header_bytes is served, one byte more is 431",
          "[http][server][limits]") {
  http_server_options options;
  options.max_header_bytes = 512;
  served s{options};
  CHECK(starts_with(s.raw(request_of_size(512)), "HTTP/1.1 200"));
  CHECK(starts_with(s.raw(request_of_size(513)), "HTTP/1.1 431"));
  CHECK(s.handled == 1);
}

TEST_CASE("body limit: exactly max_body_bytes is accepted, one byte more is 413",
          "[http][server][limits]") {
  http_server_options options;
  options.max_body_bytes = 100;
  served s{options};
  http_client client;
  REQUIRE(client.start().ok());
  auto req = get(s.url("/upload"));
  req.method = http_method::post;
  req.body = std::string(100, 'u');
  CHECK(fetch_and_wait(client, req)->response().status == 200);
  req.body = std::string(101, 'u');
  const auto r = fetch_and_wait(client, req);
  REQUIRE(r.has_value());
  REQUIRE(r->ok());
  CHECK(r->response().status == 413);
  CHECK(s.handled == 1);
}

TEST_CASE("read_timeout: a request stalled mid-way and an idle connection are closed unserved",
          "[http][server][timeout]") {
  http_server_options options;
  options.read_timeout = std::chrono::milliseconds{500};
  served s{options};
  raw_connection stalled{s.server.port()};
  stalled.send("GET / HTTP/1.1\r\nHost: x\r\n");  // no blank line: never complete
  CHECK(stalled.read_to_close().empty());
  raw_connection idle{s.server.port()};
  CHECK(idle.read_to_close().empty());
  CHECK(s.handled == 0);
  // A complete request within the timeout is served.
  CHECK(starts_with(s.raw("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), "HTTP/1.1 200"));
}

TEST_CASE("Expect: 100-continue gets a 100 before the body is read", "[http][server]") {
  served s;
  raw_connection c{s.server.port()};
  c.send("POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
  CHECK(starts_with(c.read_until("\r\n\r\n"), "HTTP/1.1 100 Continue"));
  c.send("data");
  CHECK(c.read_until("hello from /up").find("HTTP/1.1 200") != std::string::npos);
  std::lock_guard lock(s.mutex);
  CHECK(s.last.body == "data");
}

TEST_CASE("the handler may answer later, from another thread", "[http][server]") {
  served s;
  http_client client;
  REQUIRE(client.start().ok());
  std::promise<http_result> done;
  auto result = done.get_future();
  client.fetch(get(s.url("/park")), [&](http_result r) { done.set_value(std::move(r)); });
  REQUIRE(s.lot.wait_for(1));
  s.lot.release_all(server_response::text(202, "accepted later"));
  REQUIRE(ready(result));
  const auto r = result.get();
  REQUIRE(r.ok());
  CHECK(r.response().status == 202);
  CHECK(r.response().body == "accepted later");
}

TEST_CASE("respond() is true once, then false", "[http][server]") {
  std::promise<responder> captured;
  auto fut = captured.get_future();
  http_server server({}, [&](const server_request&, responder r) { captured.set_value(r); });
  REQUIRE(server.start().ok());
  raw_connection c{server.port()};
  c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  REQUIRE(ready(fut));
  auto r = fut.get();
  CHECK_FALSE(r.responded());
  CHECK(r.respond(server_response::text(200, "first")));
  CHECK(r.responded());
  CHECK_FALSE(r.respond(server_response::text(200, "second")));
  const auto reply = c.read_until("first");
  CHECK(reply.find("first") != std::string::npos);
  CHECK(reply.find("second") == std::string::npos);
}

TEST_CASE("a dropped responder and a throwing handler both answer 500", "[http][server]") {
  served s;
  CHECK(starts_with(s.raw("GET /drop HTTP/1.1\r\nHost: x\r\n\r\n"), "HTTP/1.1 500"));
  CHECK(starts_with(s.raw("GET /throw HTTP/1.1\r\nHost: x\r\n\r\n"), "HTTP/1.1 500"));
  CHECK(starts_with(s.raw("GET /fine HTTP/1.1\r\nHost: x\r\n\r\n"), "HTTP/1.1 200"));
}

TEST_CASE("HEAD gets the GET's Content-Length and no body", "[http][server]") {
  served s;
  http_client client;
  REQUIRE(client.start().ok());
  auto req = get(s.url("/x"));
  req.method = http_method::head;
  const auto r = fetch_and_wait(client, req);
  REQUIRE(r->ok());
  CHECK(r->response().body.empty());
  CHECK(find_header(r->response().headers, "Content-Length")
        == std::to_string(std::string{"hello from /x"}.size()));
  // The connection stays usable after a bodiless answer.
  CHECK(fetch_and_wait(client, get(s.url("/y")))->response().body == "hello from /y");
}

TEST_CASE("gzip is applied only when the client accepts it", "[http][server][coding]") {
  served s;
  const auto gz = s.raw("GET /gzip HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n");
  CHECK(gz.find("Content-Encoding: gzip") != std::string::npos);
  const auto plain = s.raw("GET /gzip HTTP/1.1\r\nHost: x\r\nAccept-Encoding: identity\r\n\r\n");
  CHECK(plain.find("Content-Encoding") == std::string::npos);
  CHECK(plain.find("hello from /gzip") != std::string::npos);
}

TEST_CASE("max_connections=1: a second concurrent connection gets 503", "[http][server][limits]") {
  http_server_options options;
  options.max_connections = 1;
  served s{options};
  raw_connection first{s.server.port()};
  first.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
  REQUIRE(first.read_until("hello from /a").find("200") != std::string::npos);  // admitted
  CHECK(starts_with(raw_exchange(s.server.port(), "GET /b HTTP/1.1\r\nHost: x\r\n\r\n"),
                    "HTTP/1.1 503"));
  CHECK(s.server.stats().connections_rejected == 1);
  CHECK(s.server.stats().active_connections == 1);
}

TEST_CASE("stop() closes connections parked in the handler, late answers are no-ops",
          "[http][server][stop]") {
  served s;
  raw_connection c{s.server.port()};
  c.send("GET /park HTTP/1.1\r\nHost: x\r\n\r\n");
  REQUIRE(s.lot.wait_for(1));
  s.server.stop();
  CHECK(c.read_to_close().empty());
  s.lot.release_all(server_response::text(200, "after stop"));
  CHECK(s.server.port() == 0);
}
