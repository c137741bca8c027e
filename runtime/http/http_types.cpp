#include "runtime/http/http_types.hpp"

namespace courtside::http {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

} // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i]))
      return false;
  return true;
}

std::optional<std::string_view> find_header(const header_list& headers, std::string_view name) {
  for (const auto& [key, value] : headers)
    if (iequals(key, name))
      return std::string_view{value};
  return std::nullopt;
}

const char* to_string(http_method m) {
  switch (m) {
    case http_method::get: return "GET";
    case http_method::head: return "HEAD";
    case http_method::post: return "POST";
    case http_method::put: return "PUT";
    case http_method::patch: return "PATCH";
    case http_method::delete_: return "DELETE";
    case http_method::options: return "OPTIONS";
  }
  return "GET";
}

const char* to_string(transport_error e) {
  switch (e) {
    case transport_error::dns_failure: return "dns_failure";
    case transport_error::connect_refused: return "connect_refused";
    case transport_error::connect_timeout: return "connect_timeout";
    case transport_error::reset: return "reset";
    case transport_error::read_timeout: return "read_timeout";
    case transport_error::tls_error: return "tls_error";
    case transport_error::protocol_error: return "protocol_error";
    case transport_error::body_too_large: return "body_too_large";
    case transport_error::too_many_redirects: return "too_many_redirects";
    case transport_error::cancelled: return "cancelled";
    case transport_error::bad_url: return "bad_url";
  }
  return "unknown";
}

transport_action action_for(transport_error e) {
  switch (e) {
    // DNS hiccups, refused connects (a restarting upstream) and resets/timeouts are the
    // everyday transient failures of public APIs: worth a backoff and another try.
    case transport_error::dns_failure:
    case transport_error::connect_refused:
    case transport_error::connect_timeout:
    case transport_error::reset:
    case transport_error::read_timeout:
      return transport_action::retry;
    // Same request, same answer: retrying only burns the upstream's rate limit.
    case transport_error::tls_error:
    case transport_error::protocol_error:
    case transport_error::body_too_large:
    case transport_error::too_many_redirects:
    case transport_error::bad_url:
      return transport_action::fail;
    // Shutdown: whoever asked is going away too.
    case transport_error::cancelled:
      return transport_action::pass_on;
  }
  return transport_action::fail;
}

} // namespace courtside::http
