#pragma once
// pipeline.<kind>: leases items of one queue kind and carries each through its handler.
//
//   tick ─► lease up to (max_in_flight - in flight) items   (a warehouse job)
//     each item ─► [scrape_for? ─► ask the scraper by path, with a timeout]
//                ─► commit job on the warehouse: handler writes + ack in ONE transaction,
//                   or rollback and defer / nack with backoff / dead-letter
//                ─► [publish: the commit wrote the outputs but left the files to the worker
//                   (phases::defer_exports) and no ack: they are written and fsynced on this
//                   worker's thread, off the writer, then a short ack job acks the item (or
//                   nacks it, or makes it ready again if its inputs changed meanwhile)]
//     item settled ─► tick again (the queue drains as fast as the upstream answers)
//   idle ─► tick every poll_interval
//   processor breaker open ─► no leasing; each tick asks the handler's upstream_ready probe,
//                             which closes it early; half-open ─► one item at a time
//
// Nothing is acknowledged before its output is committed (and its files are durable). A worker that crashes mid-item
// leaves its leases to expire; the lease sweeper hands them out again (its owner name carries
// an incarnation number, so a restarted worker never acks a lease it no longer holds).
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "actors/pipeline/work_handler.hpp"
#include "runtime/breaker/breaker_config.hpp"
#include "runtime/supervision/supervisor.hpp"

namespace courtside::pipeline {

struct queue_worker_settings {
  std::string kind;                            ///< the queue kind this worker drains
  int max_in_flight = 4;                       ///< items worked on at once
  std::chrono::milliseconds lease_duration{120'000}; ///< > the longest scrape with its retries
  std::chrono::milliseconds poll_interval{1'000};    ///< idle re-check
  std::chrono::milliseconds scrape_timeout{120'000}; ///< waiting for the scraper's answer
  std::chrono::milliseconds retry_backoff{2'000};    ///< nack delay: backoff · 2^attempts ...
  std::chrono::milliseconds retry_backoff_max{300'000}; ///< ... capped here
  std::chrono::milliseconds report_interval{5'000};   ///< progress line period while busy
  std::function<unix_ms()> wall_clock;         ///< stamps leases and rows
  /// A processor breaker (see processor_breaker.hpp): while open the worker leases nothing.
  std::optional<breaker::breaker_config> breaker;
  std::uint64_t seed = 1;                      ///< the breaker's jitter
};

/// The nack delay after `attempts` failed tries: base · 2^attempts, capped.
[[nodiscard]] std::chrono::milliseconds retry_delay(const queue_worker_settings& s, int attempts);

[[nodiscard]] child_spec queue_worker_child(std::string name, queue_worker_settings settings,
                                            std::shared_ptr<const work_handler> handler);

} // namespace courtside::pipeline
