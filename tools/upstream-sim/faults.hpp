#pragma once
// Fault injection, decided before a request is answered and carried out by the server.
// decide() is pure: the same (seed, endpoint, request number) always gives the same
// decision, so a run with a fixed seed and a fixed request order injects exactly the same
// faults, and a test can count the expected ones by calling decide() itself.
//
// One uniform draw picks at most one fault by cumulative rate in this order:
//   error (500/502/503) | 429 | reset | truncated | malformed | slow body | hang | not final
// (the rates must add up to at most 1). Latency (fixed + uniform jitter) applies to every
// answer, faulty or not. `fail_first` answers the first N requests of an endpoint 503
// regardless of the rates, for "retries until it works" tests.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace courtside::upstream_sim {

using milliseconds = std::chrono::milliseconds;

enum class fault_kind : std::uint8_t {
  none,          // answer normally
  error_status,  // 500, 502 or 503 with a gateway-style HTML body
  rate_limited,  // 429, with Retry-After when the decision says so
  reset,         // the connection is closed with a broken body: the client sees a transport
                 // failure (see README: the HTTP server has no true RST yet)
  truncated,     // 200 with the body cut short: valid HTTP, invalid JSON
  malformed,     // 200 with one structural JSON byte replaced: invalid JSON, full length
  slow_body,     // the answer takes body size / slow_bytes_per_second longer
  hang,          // no answer for `hang` (a client with a shorter timeout gives up)
  not_final,     // a final game is reported live ("not final yet")
};

[[nodiscard]] const char* to_string(fault_kind k);

struct fault_spec {
  double error_rate = 0;
  double rate_limit_rate = 0;
  double retry_after_share = 1.0;        // of the 429s, the share that carry Retry-After
  std::chrono::seconds retry_after{1};
  double reset_rate = 0;
  double truncate_rate = 0;
  double malformed_rate = 0;
  double slow_rate = 0;
  std::size_t slow_bytes_per_second = 16 * 1024;
  double hang_rate = 0;
  milliseconds hang{30'000};
  double not_final_rate = 0;
  milliseconds latency{0};               // every answer waits latency + U[0, jitter)
  milliseconds jitter{0};
  std::uint32_t fail_first = 0;          // requests 1..N of the endpoint answer 503

  [[nodiscard]] double total_rate() const {
    return error_rate + rate_limit_rate + reset_rate + truncate_rate + malformed_rate + slow_rate
           + hang_rate + not_final_rate;
  }
  [[nodiscard]] bool inert() const {
    return total_rate() == 0 && latency.count() == 0 && jitter.count() == 0 && fail_first == 0;
  }
};

struct fault_decision {
  fault_kind kind = fault_kind::none;
  unsigned status = 0;                              // error_status: 500/502/503; 429
  std::optional<std::chrono::seconds> retry_after;  // rate_limited only
  milliseconds delay{0};                            // before the answer is sent
  double cut = 0;  // reset/truncated: share of the body kept; malformed: where to break it
};

/// `request_number` counts the endpoint's requests from 1.
[[nodiscard]] fault_decision decide(const fault_spec& spec, std::uint64_t seed, std::string_view endpoint,
                                    std::uint64_t request_number);

/// Fault specs per endpoint ("nba_cdn/boxscore"), per API ("nba_cdn") and for the rest.
struct fault_plan {
  fault_spec all;
  std::map<std::string, fault_spec, std::less<>> by_route;

  /// The most specific spec: the endpoint's, else its API's, else `all`.
  [[nodiscard]] const fault_spec& spec_for(std::string_view endpoint) const;
};

/// Why a fault spec was refused.
enum class spec_error : std::uint8_t {
  none,
  not_key_value,  // an item without '=' ("error-rate")
  unknown_key,    // a key the simulator does not know
  bad_rate,       // a rate that is not a number in [0, 1]
  bad_duration,   // not a duration such as 20ms or 2s
  bad_count,      // not a whole number
  over_one,       // the fault rates add up to more than 1
  zero_speed,     // slow-bps of 0
};

struct spec_result {
  spec_error error = spec_error::none;
  std::string detail;  // names the key and the value, for the command line
  [[nodiscard]] bool ok() const { return error == spec_error::none; }
};

/// Parses "error-rate=0.1,latency=20ms,rate-limit=0.05,retry-after=2s" into `spec` (keys
/// not mentioned keep their value), then validates the result. Keys: error-rate,
/// rate-limit, retry-after, retry-after-share, reset, truncate, malformed, slow, slow-bps,
/// hang, hang-for, not-final, latency, jitter, fail-first.
[[nodiscard]] spec_result parse_fault_spec(std::string_view text, fault_spec& spec);

/// Rates in [0, 1] adding up to at most 1, a positive slow-bps.
[[nodiscard]] spec_result validate(const fault_spec& spec);

/// The body cut to `share` of its bytes (at least one byte is dropped, at least one kept).
[[nodiscard]] std::string truncate_body(const std::string& body, double share);

/// The body with its first structural JSON byte (outside strings) at or after `share` of
/// its length replaced by '#', so that no JSON parser can accept it.
[[nodiscard]] std::string corrupt_body(std::string body, double share);

} // namespace courtside::upstream_sim
