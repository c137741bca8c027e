// Spec for runtime/retry/classify.hpp: what kind of thing one try's outcome is.
#include "runtime/retry/classify.hpp"

#include <catch2/catch.hpp>

using namespace courtside::retry;
using namespace std::chrono_literals;
using k = attempt_outcome_kind;

namespace {

void check_status(int status, verdict what, retry_reason why) {
  INFO("HTTP " << status);
  const outcome_class c = classify_outcome(attempt_outcome::http(status));
  CHECK(to_string(c.what) == to_string(what));
  CHECK(to_string(c.why) == to_string(why));
}

void check_transport(attempt_outcome_kind kind, verdict what, retry_reason why) {
  INFO(to_string(kind));
  const outcome_class c = classify_outcome(attempt_outcome::failed(kind));
  CHECK(to_string(c.what) == to_string(what));
  CHECK(to_string(c.why) == to_string(why));
}

} // namespace

TEST_CASE("2xx is success, edges included", "[retry][classify]") {
  check_status(199, verdict::permanent, retry_reason::http_unexpected_status);
  check_status(200, verdict::success, retry_reason::ok);
  check_status(203, verdict::success, retry_reason::ok);
  check_status(299, verdict::success, retry_reason::ok);
  check_status(300, verdict::permanent, retry_reason::http_unexpected_status);
}

TEST_CASE("204 is no data yet (The Odds API: no markets yet)", "[retry][classify]") {
  check_status(204, verdict::no_data_yet, retry_reason::no_content);
}

TEST_CASE("a 2xx flagged not final is no data yet", "[retry][classify]") {
  const outcome_class c = classify_outcome(attempt_outcome::http_not_final(200));
  CHECK(c.what == verdict::no_data_yet);
  CHECK(c.why == retry_reason::not_final_yet);
}

TEST_CASE("the not-final flag does not turn a failure into no data yet", "[retry][classify]") {
  CHECK(classify_http_status(503, true).what == verdict::retriable);
  CHECK(classify_http_status(404, true).what == verdict::permanent);
}

TEST_CASE("5xx is retriable, edges included", "[retry][classify]") {
  check_status(499, verdict::permanent, retry_reason::http_client_error);
  check_status(500, verdict::retriable, retry_reason::http_server_error);
  check_status(502, verdict::retriable, retry_reason::http_server_error);
  check_status(503, verdict::retriable, retry_reason::http_server_error);
  check_status(504, verdict::retriable, retry_reason::http_server_error);
  check_status(599, verdict::retriable, retry_reason::http_server_error);
  check_status(600, verdict::permanent, retry_reason::http_unexpected_status);
}

TEST_CASE("429 and 408 are retriable, every other 4xx is permanent", "[retry][classify]") {
  check_status(429, verdict::retriable, retry_reason::http_too_many_requests);
  check_status(408, verdict::retriable, retry_reason::http_request_timeout);
  check_status(400, verdict::permanent, retry_reason::http_client_error);
  check_status(401, verdict::permanent, retry_reason::http_client_error);
  check_status(403, verdict::permanent, retry_reason::http_client_error);
  check_status(404, verdict::permanent, retry_reason::http_client_error);
  check_status(407, verdict::permanent, retry_reason::http_client_error);
  check_status(409, verdict::permanent, retry_reason::http_client_error);
  check_status(428, verdict::permanent, retry_reason::http_client_error);
  check_status(430, verdict::permanent, retry_reason::http_client_error);
}

TEST_CASE("1xx, 3xx and nonsense statuses are permanent", "[retry][classify]") {
  check_status(100, verdict::permanent, retry_reason::http_unexpected_status);
  check_status(301, verdict::permanent, retry_reason::http_unexpected_status);
  check_status(304, verdict::permanent, retry_reason::http_unexpected_status);
  check_status(0, verdict::permanent, retry_reason::http_unexpected_status);
  check_status(-1, verdict::permanent, retry_reason::http_unexpected_status);
  check_status(1000, verdict::permanent, retry_reason::http_unexpected_status);
}

TEST_CASE("connect errors, resets and timeouts are retriable", "[retry][classify]") {
  check_transport(k::connect_refused, verdict::retriable, retry_reason::connect_refused);
  check_transport(k::connect_timeout, verdict::retriable, retry_reason::connect_timeout);
  check_transport(k::dns_failure, verdict::retriable, retry_reason::dns_failure);
  check_transport(k::reset, verdict::retriable, retry_reason::reset);
  check_transport(k::read_timeout, verdict::retriable, retry_reason::read_timeout);
}

TEST_CASE("TLS, protocol and oversize errors are permanent", "[retry][classify]") {
  check_transport(k::tls_error, verdict::permanent, retry_reason::tls_error);
  check_transport(k::protocol_error, verdict::permanent, retry_reason::protocol_error);
  check_transport(k::body_too_large, verdict::permanent, retry_reason::body_too_large);
}

TEST_CASE("cancellation and shutdown are passed on, never retried", "[retry][classify]") {
  check_transport(k::cancelled, verdict::pass_on, retry_reason::cancelled);
  check_transport(k::shutdown, verdict::pass_on, retry_reason::shutdown);
}

TEST_CASE("a decode failure is quarantined, never retried", "[retry][classify]") {
  check_transport(k::decode_failure, verdict::quarantine, retry_reason::decode_failure);
}

TEST_CASE("classify_transport_error given http_response fails safe", "[retry][classify]") {
  const outcome_class c = classify_transport_error(k::http_response);
  CHECK(c.what == verdict::permanent);
  CHECK(c.why == retry_reason::protocol_error);
}

TEST_CASE("Retry-After does not change what kind of outcome it is", "[retry][classify]") {
  CHECK(classify_outcome(attempt_outcome::http(503, 120'000ms)).what == verdict::retriable);
  CHECK(classify_outcome(attempt_outcome::http(404, 120'000ms)).what == verdict::permanent);
}

TEST_CASE("every outcome kind and reason has a name", "[retry][classify]") {
  for (int i = 0; i <= static_cast<int>(k::decode_failure); ++i)
    CHECK(to_string(static_cast<k>(i)) != "unknown");
  for (int i = 0; i <= static_cast<int>(retry_reason::decode_failure); ++i)
    CHECK(to_string(static_cast<retry_reason>(i)) != "unknown");
  for (int i = 0; i <= static_cast<int>(verdict::pass_on); ++i)
    CHECK(to_string(static_cast<verdict>(i)) != "unknown");
}
