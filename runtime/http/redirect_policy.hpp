#pragma once
// Whether and how to follow a redirect: decided here, carried out by the client (DESIGN rule 2).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/http/http_types.hpp"
#include "runtime/http/url.hpp"

namespace courtside::http {

enum class hop_outcome : std::uint8_t {
  done,                // not a redirect (or one without Location): hand the response over
  follow,              // fetch `url` next
  too_many_redirects,  // following would exceed max_redirects
  bad_location,        // Location did not resolve to an http(s) URL
};

struct next_hop {
  hop_outcome outcome = hop_outcome::done;
  parsed_url url;
  http_method method = http_method::get;
  bool drop_body = false;         // 303, and 301/302 after POST, turn into a bodiless GET
  bool drop_credentials = false;  // origin changed: Authorization/Cookie (and Host) must not follow
  std::string detail;
};

/// `redirects_so_far` counts redirects already followed for this fetch.
[[nodiscard]] next_hop plan_redirect(const parsed_url& current, http_method method,
                                     unsigned status, std::optional<std::string_view> location,
                                     unsigned redirects_so_far, unsigned max_redirects);

} // namespace courtside::http
