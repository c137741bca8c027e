#include "runtime/http/redirect_policy.hpp"

#include <catch2/catch.hpp>

using namespace courtside::http;

namespace {
const parsed_url here = parse_url("http://h/a/start").url;
}

TEST_CASE("a 3xx without Location, and a 200, are handed over as they are", "[http][redirect]") {
  CHECK(plan_redirect(here, http_method::get, 200, "/x", 0, 3).outcome == hop_outcome::done);
  CHECK(plan_redirect(here, http_method::get, 302, std::nullopt, 0, 3).outcome == hop_outcome::done);
  CHECK(plan_redirect(here, http_method::get, 304, "/x", 0, 3).outcome == hop_outcome::done);
}

TEST_CASE("max_redirects=3: the third redirect is followed, the fourth is not", "[http][redirect]") {
  CHECK(plan_redirect(here, http_method::get, 302, "/x", 2, 3).outcome == hop_outcome::follow);
  CHECK(plan_redirect(here, http_method::get, 302, "/x", 3, 3).outcome
        == hop_outcome::too_many_redirects);
  CHECK(plan_redirect(here, http_method::get, 302, "/x", 0, 0).outcome
        == hop_outcome::too_many_redirects);
}

TEST_CASE("303 turns into GET, 307/308 keep method and body", "[http][redirect]") {
  auto hop = plan_redirect(here, http_method::post, 303, "next", 0, 3);
  CHECK(hop.method == http_method::get);
  CHECK(hop.drop_body);
  CHECK(hop.url.to_string() == "http://h/a/next");
  hop = plan_redirect(here, http_method::post, 302, "/n", 0, 3);
  CHECK(hop.method == http_method::get);
  hop = plan_redirect(here, http_method::put, 307, "/n", 0, 3);
  CHECK(hop.method == http_method::put);
  CHECK_FALSE(hop.drop_body);
  CHECK(plan_redirect(here, http_method::head, 303, "/n", 0, 3).method == http_method::head);
}

TEST_CASE("credentials are dropped when the origin changes, kept when it does not",
          "[http][redirect]") {
  CHECK_FALSE(plan_redirect(here, http_method::get, 301, "/same", 0, 3).drop_credentials);
  CHECK(plan_redirect(here, http_method::get, 301, "https://h/", 0, 3).drop_credentials);
  CHECK(plan_redirect(here, http_method::get, 301, "http://h:81/", 0, 3).drop_credentials);
}

TEST_CASE("an unusable Location is bad_location", "[http][redirect]") {
  const auto hop = plan_redirect(here, http_method::get, 302, "ftp://x/?token=s", 0, 3);
  CHECK(hop.outcome == hop_outcome::bad_location);
  CHECK(hop.detail.find("token=***") != std::string::npos);
}
