#pragma once
// URLs as the HTTP client needs them: parse absolute http(s) URLs, resolve a redirect's
// Location against the current URL, and mask secrets before a URL reaches a log line.
// Pure string code, no I/O.
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/http/http_types.hpp"

namespace courtside::http {

struct parsed_url {
  bool tls = false;      // https
  std::string host;      // lower-case as given; IPv6 without brackets
  std::uint16_t port = 0;
  std::string target;    // path and query, always starting with '/'; fragment dropped

  [[nodiscard]] const char* scheme() const { return tls ? "https" : "http"; }
  /// Host header value: host, bracketed if IPv6, ":port" only when not the scheme default.
  [[nodiscard]] std::string authority() const;
  /// "scheme://host:port": connections are pooled and shared per origin.
  [[nodiscard]] std::string origin() const;
  [[nodiscard]] std::string to_string() const;
};

enum class url_error : std::uint8_t {
  none,
  empty,               // nothing but spaces
  unsupported_scheme,  // not http:// or https:// (or no scheme at all)
  missing_host,        // "http:///x", "http://:80/"
  bad_port,            // not a number in 1..65535
  invalid_character,   // space, control or non-ASCII byte: callers must percent-encode
  has_userinfo,        // user:pass@host: credentials belong in headers, not URLs
};

[[nodiscard]] const char* to_string(url_error e);

struct url_parse_result {
  parsed_url url;
  url_error error = url_error::none;
  [[nodiscard]] bool ok() const { return error == url_error::none; }
};

[[nodiscard]] url_parse_result parse_url(std::string_view text);

/// A redirect target: absolute ("https://x/y"), scheme-relative ("//x/y"), absolute path
/// ("/y"), query-only ("?q") or relative to the base path's directory ("y"). Dot segments
/// are not normalised (servers resolve them).
[[nodiscard]] url_parse_result resolve_location(const parsed_url& base, std::string_view location);

/// The URL with secrets masked as "***": values of query keys that look like credentials
/// (key, apiKey, api_key, token, access_token, secret, password, sig, signature, auth...),
/// a userinfo password, and the secret path of Slack webhook URLs. Works on any string,
/// parsable or not, so callers can log through it unconditionally.
[[nodiscard]] std::string redact_url(std::string_view url);

/// %XX decoding; malformed escapes are kept verbatim. `plus_is_space` for query strings.
[[nodiscard]] std::string percent_decode(std::string_view text, bool plus_is_space);

/// "a=1&b=x%20y&flag" -> {{"a","1"},{"b","x y"},{"flag",""}}, in order, duplicates kept.
[[nodiscard]] header_list parse_query(std::string_view query);

} // namespace courtside::http
