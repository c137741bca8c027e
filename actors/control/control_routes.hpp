#pragma once
// Which endpoint a request names, and whether it may call it. Pure: the control actor only
// carries out the decision.
//
//   GET  /                      dashboard page
//   GET  /healthz               alive
//   GET  /readyz                ready (or 503 with reasons)
//   GET  /metrics               Prometheus text
//   GET  /api/status            the whole picture (JSON)
//   GET  /api/dates/{date}      one date (JSON)
//   POST /api/jobs/{name}/run   run a job now            (bearer token)
//   POST /api/backfill          re-run a range of dates  (bearer token)
//
// HEAD is accepted wherever GET is. A known path with another method is 405 (with Allow);
// anything else is 404.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace courtside::control {

enum class endpoint : std::uint8_t {
  dashboard,
  healthz,
  readyz,
  metrics,
  status,
  date,
  run_job,
  backfill,
  not_found,          ///< no such path
  method_not_allowed, ///< the path exists, the method does not
};

/// "dashboard", "healthz", ... (the `endpoint` label of courtside_control_requests_total).
[[nodiscard]] const char* to_string(endpoint e) noexcept;

struct route {
  endpoint what = endpoint::not_found;
  std::string param;  ///< the date of /api/dates/{date}, the job of /api/jobs/{name}/run
  std::string allow;  ///< for method_not_allowed: the Allow header ("GET, HEAD" or "POST")
};

/// `path` is the percent-decoded path without the query.
[[nodiscard]] route route_request(std::string_view method, std::string_view path);

/// Whether a mutating endpoint may run. A decision with its reason, never a bool.
enum class auth_decision : std::uint8_t {
  allowed,
  disabled,      ///< no token configured: mutating endpoints are off (403)
  missing,       ///< no "Authorization: Bearer ..." header (401)
  wrong_token,   ///< a token that is not ours (401)
};

/// Checks an Authorization header value against the configured token in constant time (no
/// early exit on the first differing byte or on a length mismatch).
[[nodiscard]] auth_decision authorize(std::optional<std::string_view> authorization,
                                      std::string_view token);

/// Equality whose running time depends only on the lengths, not on where the bytes differ.
[[nodiscard]] bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

/// "YYYY-MM-DD" naming a real calendar date.
[[nodiscard]] bool valid_date(std::string_view date);

/// A job name as config allows it: [a-z0-9_-]{1,64}.
[[nodiscard]] bool valid_job_name(std::string_view name);

} // namespace courtside::control
