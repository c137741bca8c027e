// http_client against the real http_server over 127.0.0.1 (ephemeral ports).
#include "runtime/http/client.hpp"

#include <zlib.h>

#include <atomic>

#include <catch2/catch.hpp>

#include "loopback.hpp"
#include "runtime/http/server.hpp"

using namespace courtside::http;
using namespace courtside::http::test;

namespace {

std::string zlib_wrapped(const std::string& data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  compress(reinterpret_cast<Bytef*>(out.data()), &size,
           reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()));
  out.resize(size);
  return out;
}

server_response redirect(unsigned status, std::string location) {
  server_response r;
  r.status = status;
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

/// The routes the client tests talk to.
void route(const server_request& req, responder r, parking_lot& lot) {
  const auto& p = req.path;
  if (p == "/hello")
    r.respond(server_response::text(200, "hello " + req.method));
  else if (p == "/echo")
    r.respond(server_response::text(200, req.body));
  else if (p == "/bytes") {
    auto res = server_response::text(200, std::string(std::stoul(std::string{
                                                        req.query_param("n").value_or("0")}),
                                                      'b'));
    res.gzip = req.query_param("gzip").has_value();
    r.respond(std::move(res));
  } else if (p == "/deflate") {
    auto res = server_response::text(200, zlib_wrapped("deflated payload"));
    res.headers.emplace_back("Content-Encoding", "deflate");
    r.respond(std::move(res));
  } else if (p.rfind("/r/", 0) == 0) {
    const int n = std::stoi(p.substr(3));
    r.respond(n == 0 ? server_response::text(200, "landed")
                     : redirect(302, "/r/" + std::to_string(n - 1)));
  } else if (p == "/see-other")
    r.respond(redirect(303, "landing"));
  else if (p == "/landing")
    r.respond(server_response::text(200, req.method + ":" + req.body));
  else if (p == "/park")
    lot.park(std::move(r));
  else
    r.respond(server_response::text(404, "no route\n"));
}

struct loopback {
  parking_lot lot;
  std::atomic<int> handled{0};
  http_server server;
  http_client client;

  explicit loopback(http_client_options copts = {})
    : server({}, [this](const server_request& req, responder r) {
        ++handled;
        route(req, std::move(r), lot);
      }),
      client(std::move(copts)) {
    REQUIRE(server.start().ok());
    REQUIRE(client.start().ok());
  }

  [[nodiscard]] std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(server.port()) + path;
  }

  [[nodiscard]] http_result fetch(http_request req) {
    auto r = fetch_and_wait(client, std::move(req));
    REQUIRE(r.has_value());
    return std::move(*r);
  }
  [[nodiscard]] http_result fetch(const std::string& path) { return fetch(get(url(path))); }
};

} // namespace

TEST_CASE("GET and POST round-trip over loopback", "[http][client]") {
  loopback lb;
  auto r = lb.fetch("/hello");
  REQUIRE(r.ok());
  CHECK(r.response().status == 200);
  CHECK(r.response().body == "hello GET");
  CHECK(r.response().final_url == lb.url("/hello"));
  CHECK(find_header(r.response().headers, "content-type") == "text/plain; charset=utf-8");

  http_request post = get(lb.url("/echo"));
  post.method = http_method::post;
  post.body = R"({"game_id":"0022300001"})";
  post.headers.emplace_back("Content-Type", "application/json");
  r = lb.fetch(post);
  REQUIRE(r.ok());
  CHECK(r.response().body == post.body);
}

TEST_CASE("404 is a response, not a transport error", "[http][client]") {
  loopback lb;
  const auto r = lb.fetch("/nowhere");
  REQUIRE(r.ok());
  CHECK(r.response().status == 404);
}

TEST_CASE("sequential fetches reuse one keep-alive connection", "[http][client][pool]") {
  loopback lb;
  for (int i = 0; i < 3; ++i)
    REQUIRE(lb.fetch("/hello").ok());
  CHECK(lb.server.stats().connections_accepted == 1);
  CHECK(lb.client.stats().connections_opened == 1);
  CHECK(lb.client.stats().connections_reused == 2);
}

TEST_CASE("max_idle_per_origin=0 pools nothing: every fetch connects anew", "[http][client][pool]") {
  http_client_options options;
  options.max_idle_per_origin = 0;
  loopback lb{options};
  for (int i = 0; i < 3; ++i)
    REQUIRE(lb.fetch("/hello").ok());
  CHECK(lb.server.stats().connections_accepted == 3);
  CHECK(lb.client.stats().connections_reused == 0);
}

TEST_CASE("a pooled connection the server closed is retried once on a fresh one",
          "[http][client][pool]") {
  http_client client;
  REQUIRE(client.start().ok());
  auto handler = [](const server_request&, responder r) { r.respond(server_response::text(200, "ok")); };
  http_server first({}, handler);
  REQUIRE(first.start().ok());
  const auto port = first.port();
  const auto url = "http://127.0.0.1:" + std::to_string(port) + "/";
  REQUIRE(fetch_and_wait(client, get(url))->ok());
  first.stop();  // closes the connection now idle in the client's pool

  http_server_options same_port;
  same_port.port = port;
  http_server second(same_port, handler);
  REQUIRE(second.start().ok());
  const auto r = fetch_and_wait(client, get(url));
  REQUIRE(r.has_value());
  REQUIRE(r->ok());
  CHECK(r->response().body == "ok");
  CHECK(client.stats().stale_retries == 1);
  CHECK(client.stats().connections_opened == 2);
}

TEST_CASE("gzip and deflate bodies arrive decoded", "[http][client][coding]") {
  loopback lb;
  auto r = lb.fetch("/bytes?n=5000&gzip=1");
  REQUIRE(r.ok());
  CHECK(find_header(r.response().headers, "Content-Encoding") == "gzip");
  CHECK(r.response().body == std::string(5000, 'b'));

  r = lb.fetch("/deflate");
  REQUIRE(r.ok());
  CHECK(r.response().body == "deflated payload");
}

TEST_CASE("body limit: exactly max_body_bytes arrives, one byte more is body_too_large",
          "[http][client][limits]") {
  loopback lb;
  auto req = get(lb.url("/bytes?n=1000"));
  req.max_body_bytes = 1000;
  REQUIRE(lb.fetch(req).ok());
  req.url = lb.url("/bytes?n=1001");
  auto r = lb.fetch(req);
  REQUIRE_FALSE(r.ok());
  CHECK(r.failure().error == transport_error::body_too_large);

  // The decoded size counts too: 1001 bytes gzip to far less than 1000 on the wire.
  req.url = lb.url("/bytes?n=1000&gzip=1");
  REQUIRE(lb.fetch(req).ok());
  req.url = lb.url("/bytes?n=1001&gzip=1");
  r = lb.fetch(req);
  REQUIRE_FALSE(r.ok());
  CHECK(r.failure().error == transport_error::body_too_large);
}

TEST_CASE("max_redirects=3: three redirects are followed, a fourth is too_many_redirects",
          "[http][client][redirect]") {
  loopback lb;
  auto r = lb.fetch("/r/3");
  REQUIRE(r.ok());
  CHECK(r.response().body == "landed");
  CHECK(r.response().final_url == lb.url("/r/0"));

  r = lb.fetch("/r/4");
  REQUIRE_FALSE(r.ok());
  CHECK(r.failure().error == transport_error::too_many_redirects);
  CHECK(action_for(r.failure().error) == transport_action::fail);
}

TEST_CASE("303 after a POST lands as a GET without the body", "[http][client][redirect]") {
  loopback lb;
  auto req = get(lb.url("/see-other"));
  req.method = http_method::post;
  req.body = "form=1";
  const auto r = lb.fetch(req);
  REQUIRE(r.ok());
  CHECK(r.response().body == "GET:");
  CHECK(r.response().final_url == lb.url("/landing"));
}

TEST_CASE("per-try timeout: an unanswered request is read_timeout, an answered one is not",
          "[http][client][timeout]") {
  loopback lb;
  auto req = get(lb.url("/park"));
  req.timeout = std::chrono::milliseconds{500};
  const auto r = lb.fetch(req);
  REQUIRE_FALSE(r.ok());
  CHECK(r.failure().error == transport_error::read_timeout);
  CHECK(r.failure().elapsed >= std::chrono::milliseconds{500});
  CHECK(action_for(r.failure().error) == transport_action::retry);
  REQUIRE(lb.lot.wait_for(1));
  lb.lot.release_all(server_response::text(200, "too late"));  // to a closed connection

  req.url = lb.url("/hello");
  CHECK(lb.fetch(req).ok());
}

TEST_CASE("a port nobody listens on is connect_refused", "[http][client]") {
  http_client client;
  REQUIRE(client.start().ok());
  const auto port = unused_port();
  const auto r = fetch_and_wait(client, get("http://127.0.0.1:" + std::to_string(port) + "/"));
  REQUIRE(r.has_value());
  REQUIRE_FALSE(r->ok());
  CHECK(r->failure().error == transport_error::connect_refused);
}

TEST_CASE("an unparsable URL comes back through the callback as bad_url", "[http][client]") {
  http_client client;
  REQUIRE(client.start().ok());
  auto r = fetch_and_wait(client, get("ftp://example.com/?token=secret"));
  REQUIRE(r.has_value());
  REQUIRE_FALSE(r->ok());
  CHECK(r->failure().error == transport_error::bad_url);
  CHECK(r->failure().detail.find("secret") == std::string::npos);
}

TEST_CASE("stop() calls every pending callback exactly once with cancelled",
          "[http][client][stop]") {
  loopback lb;
  std::atomic<int> calls{0};
  std::atomic<int> cancelled{0};
  for (int i = 0; i < 3; ++i)
    lb.client.fetch(get(lb.url("/park")), [&](http_result r) {
      ++calls;
      if (!r.ok() && r.failure().error == transport_error::cancelled)
        ++cancelled;
    });
  REQUIRE(lb.lot.wait_for(3));  // all three are in flight, waiting for an answer
  lb.client.stop();
  CHECK(calls == 3);
  CHECK(cancelled == 3);

  // A stopped client answers inline, on the caller's thread.
  bool inline_answer = false;
  lb.client.fetch(get(lb.url("/hello")), [&](http_result r) {
    inline_answer = !r.ok() && r.failure().error == transport_error::cancelled;
  });
  CHECK(inline_answer);
  CHECK(calls == 3);
  lb.lot.release_all(server_response::text(200, "late"));
}

TEST_CASE("start() twice is already_started, a stopped client starts again", "[http][client]") {
  loopback lb;
  CHECK(lb.client.start().error == start_error::already_started);
  lb.client.stop();
  REQUIRE(lb.client.start().ok());
  CHECK(lb.fetch("/hello").ok());
}

TEST_CASE("two io threads each side: 40 concurrent fetches all complete, once each",
          "[http][client][threads]") {
  http_server_options sopts;
  sopts.threads = 2;
  http_server server(sopts, [](const server_request& req, responder r) {
    r.respond(server_response::text(200, std::string{req.query_param("i").value_or("?")}));
  });
  REQUIRE(server.start().ok());
  http_client_options copts;
  copts.io_threads = 2;
  http_client client{copts};
  REQUIRE(client.start().ok());

  constexpr int n = 40;
  std::atomic<int> ok{0};
  std::atomic<int> calls{0};
  std::promise<void> all_done;
  auto finished = all_done.get_future();
  for (int i = 0; i < n; ++i) {
    const auto url = "http://127.0.0.1:" + std::to_string(server.port()) + "/?i=" + std::to_string(i);
    client.fetch(get(url), [&, i](http_result r) {
      if (r.ok() && r.response().body == std::to_string(i))
        ++ok;
      if (++calls == n)
        all_done.set_value();
    });
  }
  REQUIRE(ready(finished));
  CHECK(ok == n);
  client.stop();
  CHECK(calls == n);
  CHECK(server.stats().requests == n);
}
