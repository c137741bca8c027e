// Spec for runtime/http/http_outcome.hpp: the HTTP client's result as retry-policy input, and
// agreement between the HTTP layer's own transport rules and the retry rules.
#include "runtime/http/http_outcome.hpp"

#include <catch2/catch.hpp>

using namespace courtside;
using namespace courtside::retry;
using namespace std::chrono_literals;

namespace {

const wall_time_point now_wall = wall_time_point{std::chrono::seconds{1'445'412'480}};

http::http_result response(unsigned status, http::header_list headers = {}) {
  http::http_response r;
  r.status = status;
  r.headers = std::move(headers);
  return http::http_result{std::move(r)};
}

http::http_result failure(http::transport_error error) {
  http::transport_failure f;
  f.error = error;
  return http::http_result{std::move(f)};
}

} // namespace

TEST_CASE("http::action_for and the retry rules agree on every transport error",
          "[retry][http_outcome]") {
  for (int i = 0; i <= static_cast<int>(http::transport_error::bad_url); ++i) {
    const auto error = static_cast<http::transport_error>(i);
    INFO(http::to_string(error));
    const attempt_outcome_kind kind = outcome_kind_for(error);
    CHECK(to_string(kind) == std::string_view{http::to_string(error)});
    const verdict v = classify_transport_error(kind).what;
    switch (http::action_for(error)) {
      case http::transport_action::retry: CHECK(v == verdict::retriable); break;
      case http::transport_action::fail: CHECK(v == verdict::permanent); break;
      case http::transport_action::pass_on: CHECK(v == verdict::pass_on); break;
    }
  }
}

TEST_CASE("a transport failure becomes the same-named outcome", "[retry][http_outcome]") {
  const attempt_outcome o = outcome_from(failure(http::transport_error::reset), now_wall);
  CHECK(o.kind == attempt_outcome_kind::reset);
  CHECK_FALSE(o.retry_after.has_value());
}

TEST_CASE("a 503 response carries its Retry-After, whatever the header's case",
          "[retry][http_outcome]") {
  const attempt_outcome o = outcome_from(response(503, {{"retry-after", "120"}}), now_wall);
  CHECK(o.kind == attempt_outcome_kind::http_response);
  CHECK(o.status == 503);
  CHECK(o.retry_after == 120'000ms);
}

TEST_CASE("a Retry-After date is measured from the wall clock passed in",
          "[retry][http_outcome]") {
  const attempt_outcome o = outcome_from(
    response(429, {{"Retry-After", "Wed, 21 Oct 2015 07:30:00 GMT"}}), now_wall);
  CHECK(o.retry_after == 120'000ms);
}

TEST_CASE("a garbage Retry-After is dropped, the status kept", "[retry][http_outcome]") {
  const attempt_outcome o = outcome_from(response(503, {{"Retry-After", "soon"}}), now_wall);
  CHECK(o.status == 503);
  CHECK_FALSE(o.retry_after.has_value());
}

TEST_CASE("a plain 200 is a plain http outcome", "[retry][http_outcome]") {
  const attempt_outcome o = outcome_from(response(200), now_wall);
  CHECK(o.status == 200);
  CHECK_FALSE(o.not_final_yet);
  CHECK(classify_outcome(o).what == verdict::success);
}

TEST_CASE("an absurd status does not wrap into a valid one", "[retry][http_outcome]") {
  const attempt_outcome o = outcome_from(response(4'294'967'295u), now_wall);
  CHECK(classify_outcome(o).what == verdict::permanent);
}
