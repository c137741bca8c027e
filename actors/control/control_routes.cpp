#include "actors/control/control_routes.hpp"

#include "runtime/schedule/civil_time.hpp"

namespace courtside::control {
namespace {

bool is_get(std::string_view m) { return m == "GET" || m == "HEAD"; }

route get_only(std::string_view method, endpoint e, std::string param = {}) {
  if (is_get(method)) return {e, std::move(param), {}};
  return {endpoint::method_not_allowed, {}, "GET, HEAD"};
}

route post_only(std::string_view method, endpoint e, std::string param = {}) {
  if (method == "POST") return {e, std::move(param), {}};
  return {endpoint::method_not_allowed, {}, "POST"};
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

} // namespace

const char* to_string(endpoint e) noexcept {
  switch (e) {
    case endpoint::dashboard: return "dashboard";
    case endpoint::healthz: return "healthz";
    case endpoint::readyz: return "readyz";
    case endpoint::metrics: return "metrics";
    case endpoint::status: return "status";
    case endpoint::date: return "date";
    case endpoint::run_job: return "run_job";
    case endpoint::backfill: return "backfill";
    case endpoint::not_found: return "not_found";
    case endpoint::method_not_allowed: return "method_not_allowed";
  }
  return "unknown";
}

route route_request(std::string_view method, std::string_view path) {
  if (path == "/" || path == "/index.html") return get_only(method, endpoint::dashboard);
  if (path == "/healthz") return get_only(method, endpoint::healthz);
  if (path == "/readyz") return get_only(method, endpoint::readyz);
  if (path == "/metrics") return get_only(method, endpoint::metrics);
  if (path == "/api/status") return get_only(method, endpoint::status);
  if (path == "/api/backfill") return post_only(method, endpoint::backfill);
  constexpr std::string_view dates = "/api/dates/";
  if (starts_with(path, dates)) {
    auto date = path.substr(dates.size());
    if (!date.empty() && date.find('/') == std::string_view::npos)
      return get_only(method, endpoint::date, std::string(date));
    return {};
  }
  constexpr std::string_view jobs = "/api/jobs/";
  constexpr std::string_view run = "/run";
  if (starts_with(path, jobs) && path.size() > jobs.size() + run.size()
      && path.substr(path.size() - run.size()) == run) {
    auto name = path.substr(jobs.size(), path.size() - jobs.size() - run.size());
    if (name.find('/') == std::string_view::npos)
      return post_only(method, endpoint::run_job, std::string(name));
  }
  return {};
}

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
  // Walk the longer length every time; a length difference poisons the result instead of
  // returning early. volatile keeps the compiler from turning the loop back into memcmp.
  const size_t n = a.size() > b.size() ? a.size() : b.size();
  volatile unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff = diff | static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

auth_decision authorize(std::optional<std::string_view> authorization, std::string_view token) {
  if (token.empty()) return auth_decision::disabled;
  if (!authorization) return auth_decision::missing;
  auto value = *authorization;
  constexpr std::string_view scheme = "Bearer ";
  // The scheme is case-insensitive (RFC 7235); the token is not.
  if (value.size() < scheme.size()) return auth_decision::missing;
  for (size_t i = 0; i < scheme.size(); ++i) {
    const char c = value[i];
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    const char want = (scheme[i] >= 'A' && scheme[i] <= 'Z')
                        ? static_cast<char>(scheme[i] - 'A' + 'a') : scheme[i];
    if (lower != want) return auth_decision::missing;
  }
  auto presented = value.substr(scheme.size());
  while (!presented.empty() && presented.front() == ' ') presented.remove_prefix(1);
  while (!presented.empty() && presented.back() == ' ') presented.remove_suffix(1);
  return constant_time_equal(presented, token) ? auth_decision::allowed
                                               : auth_decision::wrong_token;
}

bool valid_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  auto num = [&](size_t at, size_t len) {
    int v = 0;
    for (size_t i = at; i < at + len; ++i) v = v * 10 + (d[i] - '0');
    return v;
  };
  const int y = num(0, 4), m = num(5, 2), day = num(8, 2);
  return m >= 1 && m <= 12 && day >= 1 && day <= schedule::days_in_month(y, m);
}

bool valid_job_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

} // namespace courtside::control
