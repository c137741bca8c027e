#include "tools/upstream-sim/faults.hpp"

#include <array>
#include <cstdlib>

#include "runtime/random.hpp"
#include "runtime/time/duration.hpp"
#include "tools/upstream-sim/league.hpp"

namespace courtside::upstream_sim {
namespace {

/// FNV-1a: a stable hash of the endpoint name, so that endpoints draw independent streams.
std::uint64_t hash(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

std::optional<double> parse_number(std::string_view text) {
  const std::string s{text};
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size())
    return std::nullopt;
  return v;
}

spec_result set_key(fault_spec& spec, std::string_view key, std::string_view value) {
  auto refuse = [&](spec_error e, const char* expected) {
    return spec_result{e, std::string{key} + ": expected " + expected + ", got '" + std::string{value} + "'"};
  };
  auto rate = [&](double& field) {
    const auto v = parse_number(value);
    if (!v || *v < 0 || *v > 1)
      return refuse(spec_error::bad_rate, "a rate between 0 and 1");
    field = *v;
    return spec_result{};
  };
  auto span = [&](milliseconds& field) {
    const auto d = parse_duration(value);
    if (!d)
      return refuse(spec_error::bad_duration, "a duration like 20ms or 2s");
    field = *d;
    return spec_result{};
  };
  auto count = [&](auto& field) {
    const auto v = parse_number(value);
    if (!v || *v < 0 || *v > 1e15 || *v != static_cast<double>(static_cast<std::uint64_t>(*v)))
      return refuse(spec_error::bad_count, "a whole number");
    field = static_cast<std::remove_reference_t<decltype(field)>>(*v);
    return spec_result{};
  };
  if (key == "error-rate") return rate(spec.error_rate);
  if (key == "rate-limit") return rate(spec.rate_limit_rate);
  if (key == "retry-after-share") return rate(spec.retry_after_share);
  if (key == "reset") return rate(spec.reset_rate);
  if (key == "truncate") return rate(spec.truncate_rate);
  if (key == "malformed") return rate(spec.malformed_rate);
  if (key == "slow") return rate(spec.slow_rate);
  if (key == "hang") return rate(spec.hang_rate);
  if (key == "not-final") return rate(spec.not_final_rate);
  if (key == "latency") return span(spec.latency);
  if (key == "jitter") return span(spec.jitter);
  if (key == "hang-for") return span(spec.hang);
  if (key == "slow-bps") return count(spec.slow_bytes_per_second);
  if (key == "fail-first") return count(spec.fail_first);
  if (key == "retry-after") {
    milliseconds ms{0};
    if (auto r = span(ms); !r.ok())
      return r;
    spec.retry_after = std::chrono::duration_cast<std::chrono::seconds>(ms);
    return {};
  }
  return {spec_error::unknown_key, "unknown fault key '" + std::string{key} + "'"};
}

} // namespace

const char* to_string(fault_kind k) {
  switch (k) {
    case fault_kind::none: return "none";
    case fault_kind::error_status: return "error_status";
    case fault_kind::rate_limited: return "rate_limited";
    case fault_kind::reset: return "reset";
    case fault_kind::truncated: return "truncated";
    case fault_kind::malformed: return "malformed";
    case fault_kind::slow_body: return "slow_body";
    case fault_kind::hang: return "hang";
    case fault_kind::not_final: return "not_final";
  }
  return "?";
}

fault_decision decide(const fault_spec& spec, std::uint64_t seed, std::string_view endpoint,
                      std::uint64_t request_number) {
  random_source rng{stream_seed(seed, hash(endpoint), request_number)};
  const double u_latency = rng.uniform01(), u_kind = rng.uniform01(), u_detail = rng.uniform01();
  fault_decision d;
  const auto jitter = static_cast<milliseconds::rep>(u_latency * static_cast<double>(spec.jitter.count()));
  d.delay = spec.latency + milliseconds{jitter};
  if (request_number <= spec.fail_first) {
    d.kind = fault_kind::error_status;
    d.status = 503;
    return d;
  }
  const std::array<std::pair<fault_kind, double>, 8> ladder{{
      {fault_kind::error_status, spec.error_rate}, {fault_kind::rate_limited, spec.rate_limit_rate},
      {fault_kind::reset, spec.reset_rate},        {fault_kind::truncated, spec.truncate_rate},
      {fault_kind::malformed, spec.malformed_rate}, {fault_kind::slow_body, spec.slow_rate},
      {fault_kind::hang, spec.hang_rate},           {fault_kind::not_final, spec.not_final_rate},
  }};
  double edge = 0;
  for (const auto& [kind, rate] : ladder) {
    edge += rate;
    if (u_kind < edge) {
      d.kind = kind;
      break;
    }
  }
  switch (d.kind) {
    case fault_kind::error_status:
      d.status = std::array<unsigned, 3>{500, 502, 503}[static_cast<std::size_t>(u_detail * 3)];
      break;
    case fault_kind::rate_limited:
      d.status = 429;
      if (u_detail < spec.retry_after_share)
        d.retry_after = spec.retry_after;
      break;
    case fault_kind::reset:
    case fault_kind::truncated:
    case fault_kind::malformed:
      d.cut = 0.1 + 0.8 * u_detail;
      break;
    case fault_kind::hang:
      d.delay += spec.hang;
      break;
    default:
      break;
  }
  return d;
}

const fault_spec& fault_plan::spec_for(std::string_view endpoint) const {
  if (auto it = by_route.find(endpoint); it != by_route.end())
    return it->second;
  if (auto it = by_route.find(endpoint.substr(0, endpoint.find('/'))); it != by_route.end())
    return it->second;
  return all;
}

spec_result parse_fault_spec(std::string_view text, fault_spec& spec) {
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (item.empty())
      continue;
    const auto eq = item.find('=');
    if (eq == std::string_view::npos)
      return {spec_error::not_key_value, "expected key=value, got '" + std::string{item} + "'"};
    if (auto r = set_key(spec, item.substr(0, eq), item.substr(eq + 1)); !r.ok())
      return r;
  }
  return validate(spec);
}

spec_result validate(const fault_spec& spec) {
  for (double r : {spec.error_rate, spec.rate_limit_rate, spec.reset_rate, spec.truncate_rate,
                   spec.malformed_rate, spec.slow_rate, spec.hang_rate, spec.not_final_rate,
                   spec.retry_after_share})
    if (!(r >= 0 && r <= 1))
      return {spec_error::bad_rate, "every rate must be between 0 and 1"};
  if (spec.total_rate() > 1.0 + 1e-9)
    return {spec_error::over_one, "the fault rates add up to more than 1"};
  if (spec.slow_bytes_per_second == 0)
    return {spec_error::zero_speed, "slow-bps must be positive"};
  return {};
}

std::string truncate_body(const std::string& body, double share) {
  if (body.size() < 2)
    return {};
  auto keep = static_cast<std::size_t>(static_cast<double>(body.size()) * share);
  keep = std::max<std::size_t>(1, std::min(keep, body.size() - 1));
  return body.substr(0, keep);
}

std::string corrupt_body(std::string body, double share) {
  if (body.empty())
    return "#";
  const auto start = static_cast<std::size_t>(static_cast<double>(body.size()) * share);
  std::optional<std::size_t> first, after;
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',') {
      if (!first) first = i;
      if (i >= start) {
        after = i;
        break;
      }
    }
  }
  const std::size_t at = after ? *after : first ? *first : std::min(start, body.size() - 1);
  body[at] = '#';
  return body;
}

} // namespace courtside::upstream_sim
