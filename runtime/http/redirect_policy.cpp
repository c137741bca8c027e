#include "runtime/http/redirect_policy.hpp"

namespace courtside::http {

next_hop plan_redirect(const parsed_url& current, http_method method, unsigned status,
                       std::optional<std::string_view> location, unsigned redirects_so_far,
                       unsigned max_redirects) {
  next_hop hop;
  const bool redirect = status == 301 || status == 302 || status == 303 || status == 307
                        || status == 308;
  if (!redirect || !location)
    return hop;
  if (redirects_so_far >= max_redirects) {
    hop.outcome = hop_outcome::too_many_redirects;
    hop.detail = "redirect " + std::to_string(redirects_so_far + 1) + " exceeds max_redirects="
                 + std::to_string(max_redirects);
    return hop;
  }
  auto resolved = resolve_location(current, *location);
  if (!resolved.ok()) {
    hop.outcome = hop_outcome::bad_location;
    hop.detail = std::string{"redirect Location: "} + to_string(resolved.error) + " in "
                 + redact_url(*location);
    return hop;
  }
  hop.outcome = hop_outcome::follow;
  hop.url = std::move(resolved.url);
  hop.method = method;
  // 307/308 replay the request as is; 303 always means GET; 301/302 after POST become GET
  // in every client that matters, and servers rely on it.
  const bool to_get = (status == 303 && method != http_method::head)
                      || ((status == 301 || status == 302) && method == http_method::post);
  if (to_get) {
    hop.method = http_method::get;
    hop.drop_body = true;
  }
  hop.drop_credentials = hop.url.origin() != current.origin();
  return hop;
}

} // namespace courtside::http
