#include "runtime/http/url.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace courtside::http {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string to_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Bytes a URL may carry unescaped (RFC 3986 allows fewer; servers accept these in practice).
bool url_byte_ok(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7f;
}

bool host_byte_ok(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '-' || c == '.' || c == '_';
}

bool parse_port(std::string_view text, std::uint16_t& port) {
  if (text.empty() || text.size() > 5)
    return false;
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value == 0 || value > 65535)
    return false;
  port = static_cast<std::uint16_t>(value);
  return true;
}

url_error parse_authority(std::string_view auth, parsed_url& url) {
  if (auth.find('@') != std::string_view::npos)
    return url_error::has_userinfo;
  std::string_view host = auth;
  std::string_view port;
  if (!auth.empty() && auth.front() == '[') {
    const auto close = auth.find(']');
    if (close == std::string_view::npos)
      return url_error::missing_host;
    host = auth.substr(1, close - 1);
    const auto rest = auth.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':')
        return url_error::bad_port;
      port = rest.substr(1);
      if (port.empty())
        return url_error::bad_port;
    }
    for (char c : host)
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.')
        return url_error::invalid_character;
  } else if (const auto colon = auth.rfind(':'); colon != std::string_view::npos) {
    host = auth.substr(0, colon);
    port = auth.substr(colon + 1);
    if (port.empty())
      return url_error::bad_port;
  }
  if (host.empty())
    return url_error::missing_host;
  url.host = to_lower(host);
  if (auth.front() != '[')
    for (char c : url.host)
      if (!host_byte_ok(c))
        return url_error::invalid_character;
  url.port = url.tls ? 443 : 80;
  if (!port.empty() && !parse_port(port, url.port))
    return url_error::bad_port;
  return url_error::none;
}

bool sensitive_key(std::string_view raw_key) {
  const std::string key = to_lower(percent_decode(raw_key, true));
  static constexpr std::array<std::string_view, 7> exact{
    "sig", "signature", "auth", "authorization", "session", "sessionid", "code"};
  if (std::find(exact.begin(), exact.end(), key) != exact.end())
    return true;
  return ends_with(key, "key") || ends_with(key, "token") || ends_with(key, "secret")
         || key.find("password") != std::string::npos || key.find("passwd") != std::string::npos;
}

std::string redact_query(std::string_view query) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= query.size()) {
    auto amp = query.find('&', pos);
    if (amp == std::string_view::npos)
      amp = query.size();
    const auto pair = query.substr(pos, amp - pos);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && sensitive_key(pair.substr(0, eq)))
      out.append(pair.substr(0, eq)).append("=***");
    else
      out.append(pair);
    if (amp < query.size())
      out.push_back('&');
    pos = amp + 1;
  }
  return out;
}

} // namespace

const char* to_string(url_error e) {
  switch (e) {
    case url_error::none: return "none";
    case url_error::empty: return "empty";
    case url_error::unsupported_scheme: return "unsupported_scheme";
    case url_error::missing_host: return "missing_host";
    case url_error::bad_port: return "bad_port";
    case url_error::invalid_character: return "invalid_character";
    case url_error::has_userinfo: return "has_userinfo";
  }
  return "unknown";
}

std::string parsed_url::authority() const {
  std::string out = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != (tls ? 443 : 80))
    out += ":" + std::to_string(port);
  return out;
}

std::string parsed_url::origin() const {
  const std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return std::string{scheme()} + "://" + h + ":" + std::to_string(port);
}

std::string parsed_url::to_string() const {
  return std::string{scheme()} + "://" + authority() + target;
}

url_parse_result parse_url(std::string_view text) {
  url_parse_result result;
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  if (text.empty())
    return {{}, url_error::empty};
  if (!std::all_of(text.begin(), text.end(), url_byte_ok))
    return {{}, url_error::invalid_character};
  const auto sep = text.find("://");
  if (sep == std::string_view::npos)
    return {{}, url_error::unsupported_scheme};
  const std::string scheme = to_lower(text.substr(0, sep));
  if (scheme != "http" && scheme != "https")
    return {{}, url_error::unsupported_scheme};
  result.url.tls = scheme == "https";
  text.remove_prefix(sep + 3);
  const auto auth_end = text.find_first_of("/?#");
  const auto auth = text.substr(0, auth_end);
  if (auth.empty())
    return {{}, url_error::missing_host};
  if (const auto err = parse_authority(auth, result.url); err != url_error::none)
    return {{}, err};
  auto target = auth_end == std::string_view::npos ? std::string_view{} : text.substr(auth_end);
  target = target.substr(0, target.find('#'));
  result.url.target = (target.empty() || target.front() != '/') ? "/" : "";
  result.url.target.append(target);
  return result;
}

url_parse_result resolve_location(const parsed_url& base, std::string_view location) {
  // "scheme:" before any '/', '?' or '#' makes it absolute (RFC 3986 4.3), http or not.
  const auto colon = location.find(':');
  if (colon != std::string_view::npos && colon > 0 && colon < location.find_first_of("/?#")
      && std::all_of(location.begin(), location.begin() + static_cast<std::ptrdiff_t>(colon),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '+'
                                         || c == '-' || c == '.'; }))
    return parse_url(location);
  if (location.substr(0, 2) == "//")
    return parse_url(std::string{base.scheme()} + ":" + std::string{location});
  const std::string origin = std::string{base.scheme()} + "://" + base.authority();
  if (!location.empty() && location.front() == '/')
    return parse_url(origin + std::string{location});
  const std::string_view base_path =
    std::string_view{base.target}.substr(0, base.target.find('?'));
  if (!location.empty() && location.front() == '?')
    return parse_url(origin + std::string{base_path} + std::string{location});
  const auto dir = base_path.substr(0, base_path.rfind('/') + 1);
  return parse_url(origin + std::string{dir} + std::string{location});
}

std::string redact_url(std::string_view url) {
  std::string out;
  std::string_view rest = url;
  // userinfo password: scheme://user:pass@host
  if (const auto sep = rest.find("://"); sep != std::string_view::npos) {
    out.append(rest.substr(0, sep + 3));
    rest.remove_prefix(sep + 3);
    const auto auth_end = rest.find_first_of("/?#");
    const auto auth = rest.substr(0, auth_end);
    if (const auto at = auth.rfind('@'); at != std::string_view::npos) {
      const auto userinfo = auth.substr(0, at);
      out.append(userinfo.substr(0, userinfo.find(':')));
      out.append(userinfo.find(':') != std::string_view::npos ? ":***@" : "@");
    }
    const auto host = auth.substr(auth.rfind('@') == std::string_view::npos ? 0 : auth.rfind('@') + 1);
    out.append(host);
    rest.remove_prefix(auth.size());
    // Slack webhook URLs carry their secret in the path.
    if (ends_with(to_lower(host), "hooks.slack.com") && rest.substr(0, 10) == "/services/") {
      out.append("/services/***");
      const auto q = rest.find_first_of("?#");
      rest = q == std::string_view::npos ? std::string_view{} : rest.substr(q);
    }
  }
  const auto q = rest.find('?');
  if (q == std::string_view::npos)
    return out.append(rest);
  out.append(rest.substr(0, q + 1));
  rest.remove_prefix(q + 1);
  const auto hash = rest.find('#');
  out.append(redact_query(rest.substr(0, hash)));
  if (hash != std::string_view::npos)
    out.append(rest.substr(hash));
  return out;
}

std::string percent_decode(std::string_view text, bool plus_is_space) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2])));
      i += 2;
    } else {
      out.push_back(plus_is_space && c == '+' ? ' ' : c);
    }
  }
  return out;
}

header_list parse_query(std::string_view query) {
  header_list out;
  std::size_t pos = 0;
  while (pos < query.size()) {
    auto amp = query.find('&', pos);
    if (amp == std::string_view::npos)
      amp = query.size();
    const auto pair = query.substr(pos, amp - pos);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      out.emplace_back(percent_decode(pair.substr(0, eq), true),
                       eq == std::string_view::npos ? std::string{}
                                                    : percent_decode(pair.substr(eq + 1), true));
    }
    pos = amp + 1;
  }
  return out;
}

} // namespace courtside::http
