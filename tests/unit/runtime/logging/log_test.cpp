#include <catch2/catch.hpp>

#include <sstream>

#include <spdlog/sinks/ostream_sink.h>

#include "runtime/logging/log.hpp"
#include "runtime/logging/secret_redactor.hpp"

using namespace courtside;

TEST_CASE("the redactor masks every occurrence, longest secret first", "[logging]") {
  secret_redactor r;
  r.add("abcd1234");
  r.add("https://hooks.example/T0/abcd1234");
  r.add("xy"); // too short to mask safely: ignored
  CHECK(r.redact("post https://hooks.example/T0/abcd1234 failed; key abcd1234 abcd1234") ==
        "post <redacted> failed; key <redacted> <redacted>");
  CHECK(r.redact("xy stays") == "xy stays");
}

TEST_CASE("log lines carry the actor name and never a registered secret", "[logging]") {
  std::ostringstream out;
  const std::string webhook = "https://hooks.slack.test/services/T1/B2/zzSECRETzz";
  for (auto format : {log_output_format::text, log_output_format::json}) {
    out.str("");
    log_options opts;
    opts.format = format;
    opts.secrets = {webhook};
    opts.sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
    init_logging(opts);
    actor_log("notify.slack")->warn("POST {} answered 500 \"oops\"", webhook);
    auto line = out.str();
    INFO(line);
    CHECK(line.find("zzSECRETzz") == std::string::npos);
    CHECK(line.find("<redacted>") != std::string::npos);
    CHECK(line.find("notify.slack") != std::string::npos);
    if (format == log_output_format::json) {
      CHECK(line.rfind("{\"ts\":\"", 0) == 0);
      CHECK(line.find("\"level\":\"warn\",\"actor\":\"notify.slack\"") != std::string::npos);
      CHECK(line.find("answered 500 \\\"oops\\\"") != std::string::npos);
    } else {
      CHECK(line.find(" WARN  [notify.slack] POST <redacted> answered 500") != std::string::npos);
    }
  }
  init_logging(log_options{});
}

TEST_CASE("json_escape escapes quotes, backslashes and control characters", "[logging]") {
  CHECK(json_escape("a\"b\\c\nd\x01") == "a\\\"b\\\\c\\nd\\u0001");
}
