#pragma once
// What scrapers are asked and what they answer.
//
//   request:  (scrape_atom, scrape_work)  ->  scrape_reply (shared_ptr<const scrape_result>)
//
// The answer comes once the work is done for good: decoded data, "no data yet", a give-up with
// its reason, or a quarantined payload. Retries, backoff, rate and concurrency limits happen
// inside the scraper; the asker only sees the final outcome and how many tries it took.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>

#include "messages/types.hpp"

namespace courtside::scrape {

using scrape_atom = caf::atom_constant<caf::atom("scrape")>;

enum class work_kind : uint8_t {
  schedule_day,   ///< games of `date`
  box_scores_day, ///< every box score of `date` in one call (balldontlie)
  box_score,      ///< one game's box score (`game_id`)
  events,         ///< betting events (The Odds API)
  event_odds,     ///< player props of `event_id`
};

[[nodiscard]] const char* to_string(work_kind k);

struct scrape_work {
  work_kind kind = work_kind::schedule_day;
  std::string date;     ///< "YYYY-MM-DD" (US Eastern)
  std::string game_id;  ///< source's game id (NBA.com "0022500775")
  std::string event_id; ///< The Odds API event id
  std::string cursor;   ///< pagination cursor for a follow-up page; empty = first page
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, scrape_work& x) {
  return f(caf::meta::type_name("scrape_work"), x.kind, x.date, x.game_id, x.event_id, x.cursor);
}

/// The bytes as fetched, for the raw archive (ack after commit happens downstream).
struct raw_payload {
  std::string source;      ///< config name of the source
  std::string url;         ///< redacted: no keys
  int64_t fetched_at_ms = 0; ///< wall clock, ms since the epoch
  unsigned status = 0;
  std::string body;
  /// Lower-case hex SHA-256 of `body`, computed once per download on the scraper's thread, so
  /// the single warehouse writer never hashes a body (the 3.5 MB season schedule is shared by
  /// every date's schedule item).
  std::string sha256;
};

struct scraped_data {
  std::vector<Game> games;
  std::vector<BoxScore> box_scores;
  std::vector<Event> events;
  std::vector<PropLine> props;
  std::string next_cursor; ///< non-empty when another page follows
};

enum class scrape_status : uint8_t {
  ok,          ///< `data` holds the decoded records
  no_data_yet, ///< upstream has nothing final yet (204, game in progress); not a failure
  failed,      ///< gave up: `reason` says why (exhausted, permanent, deadline, budget)
  quarantined, ///< the payload did not decode; `raw` kept for inspection, never retried
  cancelled,   ///< the engine is stopping
  rejected,    ///< not tried: the source's breaker is open; ask again after `retry_in`
};

[[nodiscard]] const char* to_string(scrape_status s);

struct scrape_result {
  scrape_work work;
  scrape_status status = scrape_status::failed;
  std::string reason;  ///< decision reason, e.g. "http_server_error", "ok"
  std::string detail;  ///< decode error path/offset, transport detail (no secrets)
  int attempts = 0;
  std::chrono::milliseconds retry_in{0}; ///< rejected: when the breaker may let a call through
  std::shared_ptr<const raw_payload> raw;    ///< last payload, when there was one
  std::shared_ptr<const scraped_data> data;  ///< for ok
};

using scrape_reply = std::shared_ptr<const scrape_result>;

} // namespace courtside::scrape

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(courtside::scrape::scrape_reply)
