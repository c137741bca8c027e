// Phase 2 (raw): the schedule, box scores, the reconciliation source and prop lines.
// Each commit archives the payload by content hash, upserts the normalized rows and queues
// what follows, in the worker's transaction.
#include "actors/pipeline/flow_raw.hpp"

#include "actors/phases/raw_store.hpp"
#include "actors/pipeline/flow_ledger.hpp"
#include "runtime/storage/payload_archive.hpp"
#include "runtime/time/engine_clock.hpp"

namespace courtside::pipeline::detail {
namespace {

using scrape::scrape_status;
using scrape::work_kind;
using storage::output_state;

// What a scrape that did not bring data means for the item.
std::optional<commit_decision> unless_ok(const scrape::scrape_result& r, unix_ms now,
                                        std::chrono::milliseconds recheck) {
  switch (r.status) {
    case scrape_status::ok: return std::nullopt;
    case scrape_status::rejected: // the source's breaker is open: not a try, wait it out
      return commit_decision::defer("source breaker open: " + r.detail, now + r.retry_in.count());
    case scrape_status::no_data_yet:
      return commit_decision::defer("no data yet: " + r.reason, now + recheck.count());
    case scrape_status::quarantined:
      // The body did not decode. Upstreams serve cut or corrupt documents now and then (a
      // partial CDN write, a proxy's error page); the scraper archived it for inspection and
      // did not hammer the source, and the item is tried again later with the queue's backoff,
      // dead-lettered (with an alert) only after its last try.
      return commit_decision::retry("payload quarantined: " + r.detail);
    case scrape_status::failed:
    case scrape_status::cancelled: break;
  }
  return commit_decision::retry(r.reason + (r.detail.empty() ? "" : ": " + r.detail));
}

storage::storage_result<std::string> archive(storage::database& db, const scrape::scrape_result& r) {
  if (!r.raw) return std::string{};
  auto saved = storage::archive_payload(db, r.raw->source, r.raw->url, r.raw->fetched_at_ms,
                                        r.raw->body, r.raw->sha256);
  if (!saved) return saved.error();
  return saved.value().hash;
}

// Whether a date's schedule is worth asking again for games not final yet: the date has begun
// (by UTC, a few hours early for US dates) and this item has asked for less than a day. A game
// still unfinished after that (postponed) is left to the reconciler; future dates to the
// planner, which plans them again as they come.
bool recheck_schedule(const std::string& date, const storage::work_item& item, unix_ms now) {
  constexpr unix_ms day = 86'400'000;
  return date <= format_utc_instant(now).substr(0, 10) && now - item.created_at < day;
}

// Once every scheduled game of the date is final and stored, raw is complete and analytics
// may run on the whole date.
storage::storage_status maybe_complete_raw(storage::database& db, const std::string& date,
                                           int max_attempts, unix_ms now) {
  auto counts = phases::completeness(db, date);
  if (!counts) return counts.error();
  const auto& c = counts.value();
  if (c.scheduled == 0 || c.final_games < c.scheduled || c.final_with_box_score < c.final_games)
    return {};
  if (auto set = set_state(db, date, raw_phase, output_state::complete,
                           std::to_string(c.final_with_box_score) + " box scores", now);
      !set)
    return set;
  return ready_step(db, phase_kinds[0], date, max_attempts, now);
}

} // namespace

std::optional<scrape_call> schedule_handler::scrape_for(const storage::work_item& item) const {
  return scrape_call{scraper_path(s_.primary_source), {work_kind::schedule_day, item.key, {}, {}, {}}};
}

storage::storage_result<commit_decision> schedule_handler::commit(
  storage::database& db, const storage::work_item& item, const scrape::scrape_result* scraped,
  unix_ms now) const {
  const std::string& date = item.key;
  if (auto not_ok = unless_ok(*scraped, now, s_.gate_recheck)) return *not_ok;
  auto hash = archive(db, *scraped);
  if (!hash) return hash.error();
  std::vector<Game> games;
  for (const auto& g : scraped->data->games)
    if (g.date == date && !g.key.empty()) games.push_back(g);
  if (auto stored = phases::store_games(db, games, s_.primary_source, hash.value(), now); !stored)
    return stored.error();
  int final_games = 0;
  for (const auto& g : games) {
    if (g.status != game_status::final) continue;
    ++final_games;
    if (auto q = enqueue_step(db, box_score_kind, g.nba_game_id, date, s_.max_attempts, now); !q)
      return q.error();
  }
  const bool games_to_play = final_games < static_cast<int>(games.size());
  if (games.empty()) {
    if (auto set = set_state(db, date, raw_phase, output_state::empty_ok, "no games", now); !set)
      return set.error();
  } else if (auto set = set_state(db, date, raw_phase, output_state::running,
                                  std::to_string(games.size()) + " games, " +
                                    std::to_string(final_games) + " final",
                                  now, true);
             !set) {
    return set.error();
  }
  if (final_games > 0 && !s_.secondary_source.empty())
    if (auto q = enqueue_step(db, secondary_kind, date, {}, s_.max_attempts, now); !q) return q.error();
  if (games_to_play && !s_.odds_source.empty())
    if (auto q = enqueue_step(db, odds_events_kind, date, {}, s_.max_attempts, now); !q) return q.error();
  // No games, or games still to play (predict them now): analytics need not wait for box scores.
  if (games.empty() || games_to_play)
    if (auto q = enqueue_step(db, phase_kinds[0], date, {}, s_.max_attempts, now); !q) return q.error();
  // The schedule is the only thing that would ever say those games ended: ask it again.
  if (games_to_play && recheck_schedule(date, item, now))
    return commit_decision::defer(std::to_string(games.size() - static_cast<std::size_t>(final_games)) +
                                    " games not final yet",
                                  now + s_.not_final_recheck.count());
  return commit_decision::ack();
}

std::optional<scrape_call> box_score_handler::scrape_for(const storage::work_item& item) const {
  return scrape_call{scraper_path(s_.primary_source),
                     {work_kind::box_score, item.payload, item.key, {}, {}}};
}

storage::storage_result<commit_decision> box_score_handler::commit(
  storage::database& db, const storage::work_item& item, const scrape::scrape_result* scraped,
  unix_ms now) const {
  if (auto not_ok = unless_ok(*scraped, now, s_.not_final_recheck)) return *not_ok;
  if (scraped->data->box_scores.empty()) return commit_decision::dead("no box score in the payload");
  auto hash = archive(db, *scraped);
  if (!hash) return hash.error();
  for (const auto& box : scraped->data->box_scores) {
    if (auto stored = phases::store_box_score(db, box, s_.primary_source, hash.value(), now); !stored)
      return stored.error();
    // The box score is the fresher word on the game's status (final since the schedule ran).
    if (auto game = phases::store_games(db, {box.game}, s_.primary_source, hash.value(), now); !game)
      return game.error();
  }
  if (auto done = maybe_complete_raw(db, item.payload, s_.max_attempts, now); !done) return done.error();
  return commit_decision::ack();
}

storage::storage_status box_score_handler::on_dead(storage::database& db,
                                                   const storage::work_item& item,
                                                   std::string_view reason, unix_ms now) const {
  // The date cannot complete: say so, and let analytics run on what there is (its gate
  // decides whether that is enough).
  if (auto set = set_state(db, item.payload, raw_phase, output_state::failed,
                           "box score " + item.key + ": " + std::string{reason}, now);
      !set)
    return set;
  return ready_step(db, phase_kinds[0], item.payload, s_.max_attempts, now);
}

storage::storage_status schedule_handler::on_dead(storage::database& db,
                                                  const storage::work_item& item,
                                                  std::string_view reason, unix_ms now) const {
  return set_state(db, item.key, raw_phase, output_state::failed,
                   "schedule: " + std::string{reason}, now);
}

std::optional<scrape_call> secondary_handler::scrape_for(const storage::work_item& item) const {
  return scrape_call{scraper_path(s_.secondary_source),
                     {work_kind::box_scores_day, item.key, {}, {}, {}}};
}

storage::storage_result<commit_decision> secondary_handler::commit(
  storage::database& db, const storage::work_item& item, const scrape::scrape_result* scraped,
  unix_ms now) const {
  if (auto not_ok = unless_ok(*scraped, now, s_.not_final_recheck)) return *not_ok;
  auto hash = archive(db, *scraped);
  if (!hash) return hash.error();
  for (const auto& box : scraped->data->box_scores)
    if (auto stored = phases::store_box_score(db, box, s_.secondary_source, hash.value(), now); !stored)
      return stored.error();
  // Analytics reconciles the sources too, but this answer may come after it ran (a slow or
  // failing source, a redelivered item): reconcile what both sources hold now, so the table
  // does not depend on which source answered first.
  if (auto r = phases::reconcile_sources(db, item.key, now, s_.primary_source, s_.secondary_source); !r)
    return r.error();
  return commit_decision::ack();
}

std::optional<scrape_call> odds_events_handler::scrape_for(const storage::work_item& item) const {
  return scrape_call{scraper_path(s_.odds_source), {work_kind::events, item.key, {}, {}, {}}};
}

storage::storage_result<commit_decision> odds_events_handler::commit(
  storage::database& db, const storage::work_item& item, const scrape::scrape_result* scraped,
  unix_ms now) const {
  if (auto not_ok = unless_ok(*scraped, now, s_.not_final_recheck)) return *not_ok;
  for (const auto& event : scraped->data->events) {
    if (event.game_key.compare(0, 8, item.key.substr(0, 4) + item.key.substr(5, 2) +
                                       item.key.substr(8, 2)) != 0)
      continue; // another date's event
    if (auto q = enqueue_step(db, event_odds_kind, event.id, item.key, s_.max_attempts, now); !q)
      return q.error();
  }
  return commit_decision::ack();
}

std::optional<scrape_call> event_odds_handler::scrape_for(const storage::work_item& item) const {
  return scrape_call{scraper_path(s_.odds_source), {work_kind::event_odds, item.payload, {}, item.key, {}}};
}

storage::storage_result<commit_decision> event_odds_handler::commit(
  storage::database& db, const storage::work_item& item, const scrape::scrape_result* scraped,
  unix_ms now) const {
  if (auto not_ok = unless_ok(*scraped, now, s_.not_final_recheck)) return *not_ok;
  auto hash = archive(db, *scraped);
  if (!hash) return hash.error();
  if (auto stored = phases::store_props(db, scraped->data->props, item.payload, s_.odds_source,
                                        hash.value(), now);
      !stored)
    return stored.error();
  // New lines change tonight's recommendations: predict the date again once it is ready.
  if (auto q = enqueue_step(db, phase_kinds[2], item.payload, {}, s_.max_attempts, now); !q)
    return q.error();
  return commit_decision::ack();
}

} // namespace courtside::pipeline::detail
