#pragma once
// What a queue worker does with one leased work item, split into the part that talks to an
// upstream (optional) and the part that writes the warehouse (always, in one transaction
// together with the ack). Handlers are stateless and const: the worker calls scrape_for() on
// its own thread and commit() runs as a job on the warehouse actor.
#include <optional>
#include <string>

#include "actors/scrapers/scrape_protocol.hpp"
#include "runtime/storage/work_queue.hpp"

namespace courtside::pipeline {

using storage::unix_ms;

/// A scrape to run before committing: which scraper (tree path) and what to ask it.
struct scrape_call {
  std::string scraper_path; ///< "sources.scraper_nba_cdn"
  scrape::scrape_work work;
};

/// What became of an item. `ack` and `defer` keep the transaction's writes (a deferring
/// handler may record why, e.g. a BLOCKED ledger row); `retry` and `dead` roll them back and
/// update the queue row alone.
struct commit_decision {
  enum class kind : std::uint8_t {
    ack,   ///< output written: mark done in the same transaction
    defer, ///< cannot run yet (not final, gate closed): ready again at `until`, no attempt spent
    retry, ///< a failed try: nack with backoff (dead after max attempts)
    dead,  ///< malformed or permanently refused: dead-letter now, no retry
  };
  kind what = kind::ack;
  std::string reason; ///< why: logged, kept as the item's last_error
  unix_ms until = 0;  ///< for defer

  static commit_decision ack() { return {kind::ack, {}, 0}; }
  static commit_decision defer(std::string why, unix_ms at) { return {kind::defer, std::move(why), at}; }
  static commit_decision retry(std::string why) { return {kind::retry, std::move(why), 0}; }
  static commit_decision dead(std::string why) { return {kind::dead, std::move(why), 0}; }
};

[[nodiscard]] const char* to_string(commit_decision::kind k) noexcept;

class work_handler {
public:
  virtual ~work_handler() = default;

  /// The scrape this item needs first; nullopt for work done entirely in the warehouse.
  [[nodiscard]] virtual std::optional<scrape_call> scrape_for(const storage::work_item& item) const = 0;

  /// Writes the item's output inside an open transaction and decides its fate. `scraped` is
  /// the scraper's answer when scrape_for() asked for one (never null then). A storage error
  /// rolls everything back and counts as a failed try.
  [[nodiscard]] virtual storage::storage_result<commit_decision> commit(
    storage::database& db, const storage::work_item& item, const scrape::scrape_result* scraped,
    unix_ms now) const = 0;

  /// The processor breaker's "upstream data is available" probe, asked while it is open: true
  /// closes it early. Default: no probe (the breaker waits out its open time).
  [[nodiscard]] virtual storage::storage_result<bool> upstream_ready(storage::database& db) const {
    (void)db;
    return false;
  }

  /// The item was dead-lettered (out of attempts, or malformed): record it where operators
  /// look (the ledger). Runs in its own transaction after the queue row is dead.
  [[nodiscard]] virtual storage::storage_status on_dead(storage::database& db,
                                                        const storage::work_item& item,
                                                        std::string_view reason,
                                                        unix_ms now) const {
    (void)db, (void)item, (void)reason, (void)now;
    return {};
  }
};

} // namespace courtside::pipeline
