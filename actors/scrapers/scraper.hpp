#pragma once
// sources.scraper_<name>: fetches scrape work from one upstream.
//
//   scrape request ─► queue ─► concurrency slot? ─► rate token? ─► fetch ─► outcome
//        ▲                          (wait)            (timer)                 │
//        └──────────── retry after delay (timer) ◄── retry_policy.decide ◄───┘
//                                                        │ succeed → decode → answer
//                                                        └ give up / no data / quarantine → answer
//
// Deciding is pure (retry_policy, rate_limiter, concurrency_limiter, retry_budget); this actor
// only carries decisions out. Fetching goes through a `fetch_function` so the engine plugs in
// the real HTTP client and tests an in-process fake; its callback may run on any thread.
#include <functional>
#include <memory>
#include <string>

#include "actors/scrapers/source_adapter.hpp"
#include "runtime/breaker/breaker_config.hpp"
#include "runtime/retry/rate_limiter.hpp"
#include "runtime/retry/retry_budget.hpp"
#include "runtime/retry/retry_policy.hpp"
#include "runtime/supervision/supervisor.hpp"

namespace courtside::scrape {

using fetch_function =
  std::function<void(http::http_request, std::function<void(http::http_result)>)>;

struct scraper_settings {
  std::string source;                 ///< config name, e.g. "balldontlie"
  retry::retry_limits limits;         ///< attempts, overall deadline, backoff
  retry::rate_limit_config rate;      ///< requests per period
  retry::concurrency_config concurrency;
  retry::retry_budget_config budget;
  uint64_t seed = 1;                  ///< jitter
  /// A 2xx body is reused for the same URL within this window, and a request for a URL
  /// already being fetched waits for that fetch (NBA.com's whole-season schedule serves
  /// every date's schedule work from one download). After the window a body still answers
  /// the work it answers for good (source_adapter::settled: a date whose games are all
  /// final), for as long as the scraper runs; other work fetches again, so a live date sees
  /// the schedule change. Every answer from one download shares one raw payload, hashed
  /// once. 0 = every request fetches.
  std::chrono::milliseconds reuse_window{0};
  /// The source's circuit breaker; nullopt = none. Transitions are stored in the warehouse's
  /// breaker_state table, logged and raised as alerts.
  std::optional<breaker::breaker_config> breaker;
  /// Stamps the breaker_state rows: the engine clock (simulated in the demo and chaos runs).
  std::function<std::int64_t()> wall_clock;
};

/// Makes the adapter; called again on every restart (a fresh decoder parser).
using adapter_factory = std::function<std::unique_ptr<source_adapter>()>;

[[nodiscard]] child_spec scraper_child(std::string name, scraper_settings settings,
                                       adapter_factory make_adapter, fetch_function fetch);

} // namespace courtside::scrape
