#pragma once
// upstream_server: the simulator as a running HTTP server. Per request:
//   match the endpoint -> count it -> decide the fault (faults.hpp, pure) -> build the answer
//   (recorded file, or the router over the synthetic league) -> break it as decided ->
//   answer now, or later from the delay queue (latency, slow body, hang).
// Admin endpoints, never faulted: GET /_sim/health ("ok") and GET /_sim/stats (JSON:
// requests and injected faults per endpoint).
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "runtime/http/server.hpp"
#include "tools/upstream-sim/delay_queue.hpp"
#include "tools/upstream-sim/faults.hpp"
#include "tools/upstream-sim/league.hpp"
#include "tools/upstream-sim/recorded_files.hpp"
#include "tools/upstream-sim/router.hpp"

namespace courtside::upstream_sim {

struct simulator_options {
  league_options league;
  router_options routes;
  fault_plan faults;
  std::optional<std::uint64_t> fault_seed;  // default: the league's seed
  std::string serve_dir;                    // recorded files; empty: none
  http::http_server_options http{"127.0.0.1", 0, 2};
};

inline constexpr std::size_t fault_kind_count = static_cast<std::size_t>(fault_kind::not_final) + 1;

struct endpoint_counts {
  std::uint64_t requests = 0;
  std::array<std::uint64_t, fault_kind_count> faults{};  // by fault_kind
};

class upstream_server {
public:
  explicit upstream_server(simulator_options options);  // builds the league (~0.1 s)
  ~upstream_server();
  upstream_server(const upstream_server&) = delete;
  upstream_server& operator=(const upstream_server&) = delete;

  [[nodiscard]] http::start_result start();
  /// Stops serving; answers still waiting in the delay queue are dropped.
  void stop();
  [[nodiscard]] std::uint16_t port() const { return server_.port(); }
  /// "http://127.0.0.1:18080".
  [[nodiscard]] std::string base_url() const;

  [[nodiscard]] const league& league_data() const { return league_; }
  [[nodiscard]] endpoint_counts counts(endpoint e) const;
  [[nodiscard]] std::string stats_json() const;

private:
  struct counters {
    std::atomic<std::uint64_t> requests{0};
    std::array<std::atomic<std::uint64_t>, fault_kind_count> faults{};
  };

  void handle(const http::server_request& req, http::responder r);
  [[nodiscard]] http::server_response answer(const http::server_request& req, endpoint e,
                                             const fault_decision& d, std::chrono::milliseconds since_start) const;
  [[nodiscard]] http::server_response admin(const http::server_request& req) const;

  simulator_options options_;
  std::uint64_t fault_seed_;
  league league_;
  router router_;
  std::optional<recorded_files> files_;
  std::array<counters, endpoint_count> counters_;
  std::chrono::steady_clock::time_point started_;
  delay_queue delays_;
  http::http_server server_;  // last: stopped (and its threads joined) first
};

/// A decided fault applied to a built answer (truncation, corruption, the broken "reset").
[[nodiscard]] http::server_response apply_fault(http::server_response r, const fault_decision& d);

} // namespace courtside::upstream_sim
