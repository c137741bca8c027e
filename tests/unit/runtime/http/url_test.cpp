#include "runtime/http/url.hpp"

#include <catch2/catch.hpp>

using namespace courtside::http;

TEST_CASE("parse_url splits scheme, host, port and target", "[http][url]") {
  const auto r = parse_url("https://Stats.NBA.com/stats/boxscore?GameID=0022300001#frag");
  REQUIRE(r.ok());
  CHECK(r.url.tls);
  CHECK(r.url.host == "stats.nba.com");
  CHECK(r.url.port == 443);
  CHECK(r.url.target == "/stats/boxscore?GameID=0022300001");
  CHECK(r.url.authority() == "stats.nba.com");
  CHECK(r.url.origin() == "https://stats.nba.com:443");
}

TEST_CASE("parse_url: explicit ports, IPv6 literals and missing paths", "[http][url]") {
  auto r = parse_url("http://127.0.0.1:8080");
  REQUIRE(r.ok());
  CHECK(r.url.port == 8080);
  CHECK(r.url.target == "/");
  CHECK(r.url.authority() == "127.0.0.1:8080");

  r = parse_url("http://[::1]:9000?x=1");
  REQUIRE(r.ok());
  CHECK(r.url.host == "::1");
  CHECK(r.url.target == "/?x=1");
  CHECK(r.url.authority() == "[::1]:9000");
}

TEST_CASE("parse_url: port 65535 parses, 65536 and 0 do not", "[http][url]") {
  CHECK(parse_url("http://h:65535/").ok());
  CHECK(parse_url("http://h:65536/").error == url_error::bad_port);
  CHECK(parse_url("http://h:0/").error == url_error::bad_port);
  CHECK(parse_url("http://h:/").error == url_error::bad_port);
  CHECK(parse_url("http://h:8x/").error == url_error::bad_port);
}

TEST_CASE("parse_url rejects what the client cannot fetch", "[http][url]") {
  CHECK(parse_url("").error == url_error::empty);
  CHECK(parse_url("   ").error == url_error::empty);
  CHECK(parse_url("ftp://h/").error == url_error::unsupported_scheme);
  CHECK(parse_url("stats.nba.com/x").error == url_error::unsupported_scheme);
  CHECK(parse_url("http:///x").error == url_error::missing_host);
  CHECK(parse_url("http://a b/").error == url_error::invalid_character);
  CHECK(parse_url("http://h/a b").error == url_error::invalid_character);
  CHECK(parse_url("http://h/\x01").error == url_error::invalid_character);
  CHECK(parse_url("http://user:pw@h/").error == url_error::has_userinfo);
}

TEST_CASE("resolve_location handles every Location form", "[http][url]") {
  const auto base = parse_url("http://h:81/a/b/c?q=1").url;
  CHECK(resolve_location(base, "https://x.org/y").url.to_string() == "https://x.org/y");
  CHECK(resolve_location(base, "//x.org/y").url.to_string() == "http://x.org/y");
  CHECK(resolve_location(base, "/root").url.to_string() == "http://h:81/root");
  CHECK(resolve_location(base, "?p=2").url.to_string() == "http://h:81/a/b/c?p=2");
  CHECK(resolve_location(base, "d").url.to_string() == "http://h:81/a/b/d");
  CHECK(resolve_location(base, "mailto:x@y").error != url_error::none);
}

TEST_CASE("redact_url masks credential-like query values and nothing else", "[http][url]") {
  CHECK(redact_url("https://api.x/v1/games?apiKey=abc123&date=2024-01-05")
        == "https://api.x/v1/games?apiKey=***&date=2024-01-05");
  CHECK(redact_url("https://api.x/p?api_key=s&token=t&access_token=u&key=k&season=2024")
        == "https://api.x/p?api_key=***&token=***&access_token=***&key=***&season=2024");
  CHECK(redact_url("http://h/p?Password=x&sig=y#top") == "http://h/p?Password=***&sig=***#top");
  CHECK(redact_url("http://h/p?date=2024&team=LAL") == "http://h/p?date=2024&team=LAL");
  CHECK(redact_url("http://h/p?flag&token") == "http://h/p?flag&token");
}

TEST_CASE("redact_url masks userinfo passwords and Slack webhook paths", "[http][url]") {
  CHECK(redact_url("https://bob:hunter2@h/x") == "https://bob:***@h/x");
  CHECK(redact_url("https://hooks.slack.com/services/T000/B000/XXXXSECRET")
        == "https://hooks.slack.com/services/***");
  CHECK(redact_url("not a url?token=abc") == "not a url?token=***");
}

TEST_CASE("parse_query decodes in order and keeps duplicates", "[http][url]") {
  const auto q = parse_query("a=1&b=two+words&c=%41%zz&flag&a=2&");
  REQUIRE(q.size() == 5);
  CHECK(q[0] == std::pair<std::string, std::string>{"a", "1"});
  CHECK(q[1].second == "two words");
  CHECK(q[2].second == "A%zz");
  CHECK(q[3] == std::pair<std::string, std::string>{"flag", ""});
  CHECK(q[4].second == "2");
  CHECK(percent_decode("a+b%2Fc", false) == "a+b/c");
}
