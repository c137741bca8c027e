// Classification of a Slack webhook answer: delivered, retry (2/4/8 s, Retry-After a floor),
// outage after the retries, dead letter for Slack's permanent errors, pass on at shutdown.
#include <catch2/catch.hpp>

#include "runtime/alerting/delivery.hpp"

using namespace courtside;
using namespace courtside::alerting;
using namespace std::chrono_literals;
using retry::attempt_outcome;
using retry::attempt_outcome_kind;

namespace {

delivery_decision answer(int status, std::string_view body, int failures = 1,
                         std::optional<milliseconds> retry_after = std::nullopt) {
  return decide_delivery(attempt_outcome::http(status, retry_after), body, failures, delivery_policy{});
}

delivery_decision transport(attempt_outcome_kind kind, int failures = 1) {
  return decide_delivery(attempt_outcome::failed(kind), "", failures, delivery_policy{});
}

} // namespace

TEST_CASE("200 ok is delivered", "[alerting][delivery]") {
  auto d = answer(200, "ok");
  CHECK(d.verdict == delivery_verdict::delivered);
  CHECK(d.reason == delivery_reason::ok);
  CHECK(d.delay == 0ms);
}

TEST_CASE("the default retry schedule is 2 s, 4 s, 8 s, then an outage probe at 30 s", "[alerting][delivery]") {
  CHECK(answer(500, "rollup_error", 1).delay == 2s);
  CHECK(answer(500, "rollup_error", 2).delay == 4s);
  CHECK(answer(500, "rollup_error", 3).delay == 8s);
  CHECK(answer(500, "rollup_error", 3).verdict == delivery_verdict::retry);
  auto fourth = answer(500, "rollup_error", 4);
  CHECK(fourth.verdict == delivery_verdict::outage);
  CHECK(fourth.delay == 30s);
  CHECK(fourth.reason == delivery_reason::server_error);
  CHECK(fourth.detail == "rollup_error");
}

TEST_CASE("outage probes double up to their cap", "[alerting][delivery]") {
  CHECK(answer(503, "", 5).delay == 60s);
  CHECK(answer(503, "", 6).delay == 120s);
  CHECK(answer(503, "", 7).delay == 240s);
  CHECK(answer(503, "", 8).delay == 300s);
  CHECK(answer(503, "", 50).delay == 300s);
}

TEST_CASE("429 with Retry-After: 30 waits 30 s, not the 2 s backoff", "[alerting][delivery]") {
  auto d = answer(429, "rate_limited", 1, 30s);
  CHECK(d.verdict == delivery_verdict::retry);
  CHECK(d.reason == delivery_reason::rate_limited);
  CHECK(d.delay == 30s);
}

TEST_CASE("Retry-After shorter than the backoff never makes a try earlier", "[alerting][delivery]") {
  CHECK(answer(429, "", 2, 1s).delay == 4s);
  CHECK(answer(429, "", 2, 3999ms).delay == 4s);
  CHECK(answer(429, "", 2, 4001ms).delay == 4001ms);
  CHECK(answer(429, "", 2).delay == 4s); // no header: the backoff
}

TEST_CASE("Retry-After also floors an outage probe", "[alerting][delivery]") {
  auto d = answer(429, "", 4, 600s);
  CHECK(d.verdict == delivery_verdict::outage);
  CHECK(d.delay == 600s);
}

TEST_CASE("408 and every 5xx are retried", "[alerting][delivery]") {
  CHECK(answer(408, "").reason == delivery_reason::request_timeout);
  for (int status : {500, 502, 503, 504, 599}) {
    CAPTURE(status);
    CHECK(answer(status, "").verdict == delivery_verdict::retry);
  }
}

TEST_CASE("network failures are retried, with the transport error as detail", "[alerting][delivery]") {
  for (auto kind : {attempt_outcome_kind::connect_refused, attempt_outcome_kind::connect_timeout,
                    attempt_outcome_kind::dns_failure, attempt_outcome_kind::reset,
                    attempt_outcome_kind::read_timeout}) {
    auto d = transport(kind);
    CAPTURE(d.detail);
    CHECK(d.verdict == delivery_verdict::retry);
    CHECK(d.reason == delivery_reason::network);
    CHECK(d.delay == 2s);
    CHECK(d.detail == retry::to_string(kind));
  }
}

TEST_CASE("Slack's permanent errors are dead-lettered with their reason", "[alerting][delivery]") {
  struct row { int status; const char* body; delivery_reason reason; };
  for (auto r : {row{400, "invalid_payload", delivery_reason::invalid_payload},
                 row{400, "no_text", delivery_reason::no_text},
                 row{400, "user_not_found", delivery_reason::user_not_found},
                 row{400, "something_else", delivery_reason::client_error},
                 row{403, "action_prohibited", delivery_reason::action_prohibited},
                 row{404, "no_service", delivery_reason::no_service},
                 row{404, "channel_not_found", delivery_reason::channel_not_found},
                 row{404, "<html>Not Found</html>", delivery_reason::client_error},
                 row{410, "channel_is_archived", delivery_reason::channel_is_archived},
                 row{401, "", delivery_reason::client_error},
                 row{302, "", delivery_reason::unexpected_status}}) {
    CAPTURE(r.status, r.body);
    auto d = answer(r.status, r.body);
    CHECK(d.verdict == delivery_verdict::dead_letter);
    CHECK(d.reason == r.reason);
    CHECK(d.delay == 0ms);
  }
}

TEST_CASE("the body is trimmed and bounded in the detail", "[alerting][delivery]") {
  CHECK(answer(404, "  no_service\n").reason == delivery_reason::no_service);
  auto d = answer(400, std::string(500, 'x'));
  CHECK(d.detail.size() == 120);
  CHECK(answer(400, "a\x01" "b").detail == "a b");
}

TEST_CASE("TLS and protocol failures are permanent, cancel and shutdown pass on", "[alerting][delivery]") {
  for (auto kind : {attempt_outcome_kind::tls_error, attempt_outcome_kind::protocol_error,
                    attempt_outcome_kind::bad_url, attempt_outcome_kind::body_too_large,
                    attempt_outcome_kind::too_many_redirects}) {
    auto d = transport(kind);
    CHECK(d.verdict == delivery_verdict::dead_letter);
    CHECK(d.reason == delivery_reason::transport_permanent);
  }
  for (auto kind : {attempt_outcome_kind::cancelled, attempt_outcome_kind::shutdown}) {
    auto d = transport(kind, 99);
    CHECK(d.verdict == delivery_verdict::pass_on);
    CHECK(d.reason == delivery_reason::shutdown);
  }
}

TEST_CASE("max_retries = 0 goes to outage on the first transient failure", "[alerting][delivery]") {
  delivery_policy p;
  p.max_retries = 0;
  p.outage_probe_min = 10s;
  auto d = decide_delivery(attempt_outcome::http(500), "", 1, p);
  CHECK(d.verdict == delivery_verdict::outage);
  CHECK(d.delay == 10s);
}

TEST_CASE("every delivery reason and verdict has a name", "[alerting][delivery]") {
  for (int r = 0; r <= static_cast<int>(delivery_reason::shutdown); ++r)
    CHECK(std::string{to_string(static_cast<delivery_reason>(r))} != "?");
  for (int v = 0; v <= static_cast<int>(delivery_verdict::pass_on); ++v)
    CHECK(std::string{to_string(static_cast<delivery_verdict>(v))} != "?");
}
