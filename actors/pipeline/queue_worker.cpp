#include "actors/pipeline/queue_worker.hpp"

#include <algorithm>
#include <vector>

#include <unistd.h>

#include <caf/all.hpp>

#include "actors/notifiers/raise_alert.hpp"
#include "actors/phases/publish.hpp"
#include "actors/pipeline/processor_breaker.hpp"
#include "actors/scrapers/breaker_store.hpp"
#include "actors/storage/warehouse.hpp"
#include "runtime/logging/log.hpp"
#include "runtime/metrics/engine_metrics.hpp"
#include "runtime/supervision/protocol.hpp"
#include "runtime/time/engine_clock.hpp"

// The export files of committed items travel from a queue worker to its file writer, never
// across a network.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::shared_ptr<const std::vector<courtside::phases::pending_exports>>)

namespace courtside::pipeline {
namespace {

using scrape::report_transitions;

using tick_atom = caf::atom_constant<caf::atom("tick")>;
using storage::work_item;
using kind = commit_decision::kind;

// Waiting for the warehouse: generous, since a season backfill queues many jobs before ours.
constexpr std::chrono::milliseconds warehouse_timeout{60'000};

struct worker_state {
  queue_worker_settings settings;
  std::shared_ptr<const work_handler> handler;
  std::string owner; ///< path#pid.actor-id: unique per incarnation, even across processes
  int in_flight = 0;
  /// Committed items whose export files file_writer is writing (acked after): not in flight
  /// any more, so the next item commits meanwhile.
  int writing = 0;
  caf::actor file_writer; ///< spawned when first needed
  bool leasing = false;
  /// Settled items since the last progress line, by what became of them.
  int done = 0, other = 0;
  std::string last_key;
  std::chrono::steady_clock::time_point last_report{};
  bool tick_pending = false;
  std::optional<processor_breaker> breaker;
  bool probing = false; ///< an upstream_ready probe is out
  std::shared_ptr<spdlog::logger> log;
  static inline const char* name = "queue_worker";
};

using worker = caf::stateful_actor<worker_state>;

caf::actor root_of(worker* self) {
  return caf::actor_cast<caf::actor>(self->system().registry().get(root_registry_key));
}

void schedule_tick(worker* self, std::chrono::milliseconds after) {
  if (self->state.tick_pending) return;
  self->state.tick_pending = true;
  if (after.count() == 0) self->send(self, tick_atom::value);
  else self->delayed_send(self, after, tick_atom::value);
}

// Runs `job` on the warehouse; `done` gets the job's status, or the routing error as one.
template <class Done>
void on_warehouse(worker* self, store::db_job_ptr job, Done done) {
  auto root = root_of(self);
  if (!root) { // only while the engine starts or stops: try again on the next tick
    done(storage::storage_status{storage::make_error(storage::storage_errc::lease_lost, job->label,
                                                     "no root supervisor yet")});
    return;
  }
  self
    ->request(root, warehouse_timeout, route_atom::value, std::string{store::warehouse_path},
              caf::make_message(store::db_atom::value, job))
    .then([=](const store::db_reply& r) { done(*r); },
          [=](const caf::error& e) {
            done(storage::storage_status{storage::make_error(
              storage::storage_errc::io, job->label, "warehouse unreachable: " + describe_reason(e))});
          });
}

// One line per report interval while items settle: what the operator watches scroll by.
void report_progress(worker* self) {
  auto& st = self->state;
  const auto now = std::chrono::steady_clock::now();
  if (st.done + st.other == 0 || now - st.last_report < st.settings.report_interval) return;
  st.log->info("{}: {} done, {} deferred or retried (last {})", st.settings.kind, st.done,
               st.other, st.last_key);
  st.done = st.other = 0;
  st.last_report = now;
}

// A failed commit is a processor failure; a lost lease is nobody's fault.
void record_commit(worker* self, time_point started, const storage::storage_status& status, bool failed) {
  auto& st = self->state;
  if (!st.breaker) return;
  const bool lost = !status && status.error().code == storage::storage_errc::lease_lost;
  if (lost) return;
  st.breaker->record(started, self->clock().now(), failed || !status);
  report_transitions(self, *st.log, st.breaker->name(), st.breaker->drain(), st.settings.wall_clock);
}

void settle(worker* self, const work_item& item, const storage::storage_status& status,
            bool acked, bool after_files = false) {
  auto& st = self->state;
  --(after_files ? st.writing : st.in_flight);
  (status && acked ? st.done : st.other) += 1;
  st.last_key = item.key;
  report_progress(self);
  // A lost lease means the sweeper already gave the item to someone else: nothing to do.
  if (!status && status.error().code != storage::storage_errc::lease_lost)
    st.log->warn("{} {}: {}", item.kind, item.key, status.error().describe());
  schedule_tick(self, std::chrono::milliseconds{0});
}

// Times one commit job into courtside_phase_duration_seconds{phase=<queue kind>}: the single
// warehouse writer's time per kind is what a backfill's time split by phase is made of.
struct commit_timer {
  const std::string& kind;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  ~commit_timer() {
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    metrics::engine().phase_duration.with({kind}).observe(took.count());
  }
};

// The commit job: the handler's writes and the ack in one transaction, or a rollback and the
// queue row alone updated as decided.
// A dead-lettered item is work the engine gave up on: its ledger row is FAILED, and someone
// must hear of it (raised after the commit that recorded it).
bool is_iso_date(const std::string& s) {
  return s.size() == 10 && parse_utc_instant(s + "T00:00:00Z").has_value();
}

alerting::alert dead_letter_alert(const work_item& item, const std::string& reason) {
  alerting::alert a;
  a.key = "dead_letter:" + item.kind + ":" + item.key;
  a.level = alerting::severity::critical;
  // Phase items are keyed by their game date; fetches carry it as their payload.
  a.date = is_iso_date(item.key) ? item.key : is_iso_date(item.payload) ? item.payload : "";
  a.title = item.kind + " " + item.key + (a.date.empty() || a.date == item.key ? "" : " (" + a.date + ")") +
            " failed for good";
  a.text = reason;
  // An item leased with no try left (give_up) has spent them all already.
  const int tries = std::min(item.attempts + 1, item.max_attempts); // enqueue keeps max_attempts >= 1
  a.fields = {{"queue", item.kind}, {"item", item.key}, {"tries", std::to_string(tries)}};
  a.attempt = tries;
  a.max_attempts = item.max_attempts;
  return a;
}

// A failed try (retry: nack with backoff, dead-lettered after the last try) or a refusal
// (dead: dead-lettered now), outside the rolled-back transaction; `gave_up` gets the reason
// when the item is dead.
storage::storage_status record_failure(storage::database& db, const work_handler& handler,
                                       const queue_worker_settings& settings,
                                       const std::string& owner, spdlog::logger& log,
                                       const work_item& item, const commit_decision& decision,
                                       unix_ms now, std::string& gave_up) {
  switch (decision.what) {
    case kind::retry: {
      auto nacked = storage::nack(db, item.id, owner, now, decision.reason,
                                  retry_delay(settings, item.attempts));
      if (!nacked) return nacked.error();
      if (nacked.value() == storage::nack_outcome::retry_scheduled) {
        log.info("{} {} failed (try {} of {}), retrying: {}", item.kind, item.key,
                 item.attempts + 1, item.max_attempts, decision.reason);
        return {};
      }
      metrics::engine().dead_letters.with({item.kind}).inc();
      log.error("{} {} dead-lettered after {} tries: {}", item.kind, item.key,
                item.attempts + 1, decision.reason);
      gave_up = decision.reason;
      return handler.on_dead(db, item, decision.reason, now);
    }
    case kind::dead: {
      if (auto dead = storage::dead_letter_now(db, item.id, owner, now, decision.reason); !dead)
        return dead;
      metrics::engine().dead_letters.with({item.kind}).inc();
      log.error("{} {} dead-lettered: {}", item.kind, item.key, decision.reason);
      gave_up = decision.reason;
      return handler.on_dead(db, item, decision.reason, now);
    }
    case kind::ack:
    case kind::defer: break;
  }
  return {};
}

using file_batches = std::vector<phases::pending_exports>;
using file_batches_ptr = std::shared_ptr<const file_batches>;
using write_files_atom = caf::atom_constant<caf::atom("wr_files")>;

// `files` receives the export files a publish left to the worker (phases::defer_exports): the
// transaction then commits the outputs WITHOUT the ack, and the item stays leased until
// write_then_ack has made the files durable.
store::db_job_ptr commit_job(worker* self, const work_item& item, scrape::scrape_reply scraped,
                             std::shared_ptr<bool> acked, std::shared_ptr<bool> failed,
                             std::shared_ptr<std::string> gave_up,
                             std::shared_ptr<file_batches> files) {
  auto handler = self->state.handler;
  auto settings = self->state.settings;
  auto owner = self->state.owner;
  auto log = self->state.log;
  return store::make_job(item.kind + " " + item.key, [=](storage::database& db) -> storage::storage_status {
    const commit_timer timer{item.kind};
    const auto now = settings.wall_clock();
    commit_decision decision;
    {
      auto tx = db.begin("pipeline.commit " + item.kind);
      if (!tx) return tx.error();
      phases::defer_exports deferred; // the writer never waits for the disk
      auto decided = handler->commit(db, item, scraped.get(), now);
      if (!decided) {
        decision = commit_decision::retry(decided.error().describe());
      } else {
        decision = std::move(decided.value());
        if (decision.what == kind::ack) {
          *files = deferred.take();
          if (!files->empty()) return tx.value().commit(); // acked once the files are durable
          if (auto ok = storage::ack(tx.value(), item.id, owner, now); !ok) return ok;
          *acked = true;
          return tx.value().commit();
        }
        if (decision.what == kind::defer) {
          // The writes are kept but the item is not leased any more: files handed over must
          // be in place first (no handler defers after publishing today).
          for (const auto& batch : deferred.take())
            if (auto wrote = phases::write_files_atomically(batch.files, batch.options); !wrote)
              return wrote.error();
          log->debug("{} {} deferred: {}", item.kind, item.key, decision.reason);
          if (auto later = storage::defer(db, item.id, owner, now, decision.until, decision.reason);
              !later)
            return later;
          return tx.value().commit();
        }
      }
    } // rolled back, files handed over dropped
    *failed = decision.what == kind::retry || decision.what == kind::dead;
    return record_failure(db, *handler, settings, owner, *log, item, decision, now, *gave_up);
  });
}

// The ack of an item whose outputs are committed and whose files are now written (`wrote`):
// acked when the inputs the files were rendered from are unchanged; made ready again at once
// when they changed meanwhile (the enqueue that came with the change found the item leased
// and did nothing); nacked like any failed try when the files could not be written.
store::db_job_ptr ack_job(worker* self, const work_item& item, storage::storage_status wrote,
                          file_batches_ptr files, std::shared_ptr<bool> acked,
                          std::shared_ptr<bool> failed, std::shared_ptr<std::string> gave_up) {
  auto handler = self->state.handler;
  auto settings = self->state.settings;
  auto owner = self->state.owner;
  auto log = self->state.log;
  return store::make_job(item.kind + " " + item.key + " ack", [=](storage::database& db) -> storage::storage_status {
    const commit_timer timer{item.kind};
    const auto now = settings.wall_clock();
    if (!wrote) {
      *failed = true;
      return record_failure(db, *handler, settings, owner, *log, item,
                            commit_decision::retry(wrote.error().describe()), now, *gave_up);
    }
    auto tx = db.begin("pipeline.ack " + item.kind);
    if (!tx) return tx.error();
    for (const auto& batch : *files) {
      if (!batch.still_current) continue;
      auto current = batch.still_current(db);
      if (!current) return current.error();
      if (current.value()) continue;
      log->info("{} {}: its inputs changed while its files were written; doing it again",
                item.kind, item.key);
      if (auto again = storage::defer(db, item.id, owner, now, now,
                                      "inputs changed while its files were written");
          !again)
        return again;
      return tx.value().commit();
    }
    if (auto ok = storage::ack(tx.value(), item.id, owner, now); !ok) return ok;
    *acked = true;
    return tx.value().commit();
  });
}

void finish(worker* self, const work_item& item, time_point started,
            const storage::storage_status& s, bool acked, bool failed, const std::string& gave_up,
            bool after_files = false) {
  record_commit(self, started, s, failed);
  if (s && !gave_up.empty()) notify::raise_alert(self, dead_letter_alert(item, gave_up));
  settle(self, item, s, acked, after_files);
}

// Writes the export files of committed items, one batch after the other, so that the worker
// commits its next item while the disk works. The writes block the scheduler thread this runs
// on; the warehouse writer and the other actors keep the rest.
caf::behavior file_writer(caf::event_based_actor*, std::shared_ptr<spdlog::logger> log) {
  return {
    [log](write_files_atom, const file_batches_ptr& files) -> store::db_reply {
      storage::storage_status wrote;
      for (const auto& batch : *files) {
        const auto start = std::chrono::steady_clock::now();
        auto written = phases::write_files_atomically(batch.files, batch.options);
        if (!written) {
          wrote = written.error();
          break;
        }
        const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
        log->debug("{}: {} export files durable ({} rewritten) in {:.1f} ms", batch.date,
                   batch.files.size(), written.value(), took.count());
      }
      return std::make_shared<const storage::storage_status>(std::move(wrote));
    },
  };
}

// The item's outputs are committed and it is still leased: file_writer makes its export files
// durable (one barrier per batch) while the worker goes on with its next item and the
// warehouse writer with other work; then the item is acked (ack_job). A crash before the ack
// leaves the item leased: its redelivery writes the same rows and files again.
void write_then_ack(worker* self, const work_item& item, time_point started,
                    file_batches_ptr files) {
  auto& st = self->state;
  --st.in_flight;
  ++st.writing;
  schedule_tick(self, std::chrono::milliseconds{0});
  if (!st.file_writer) st.file_writer = self->spawn<caf::linked>(file_writer, st.log);
  auto ack = [=](const storage::storage_status& wrote) {
    auto acked = std::make_shared<bool>(false);
    auto failed = std::make_shared<bool>(false);
    auto gave_up = std::make_shared<std::string>();
    on_warehouse(self, ack_job(self, item, wrote, files, acked, failed, gave_up),
                 [=](const storage::storage_status& s) {
                   finish(self, item, started, s, *acked, *failed, *gave_up, true);
                 });
  };
  self->request(st.file_writer, st.settings.lease_duration, write_files_atom::value, files)
    .then([=](const store::db_reply& wrote) { ack(*wrote); },
          [=](const caf::error& e) {
            ack(storage::make_error(storage::storage_errc::io, item.kind + " " + item.key,
                                    "export files not written: " + describe_reason(e)));
          });
}

void commit(worker* self, const work_item& item, scrape::scrape_reply scraped) {
  auto acked = std::make_shared<bool>(false);
  auto failed = std::make_shared<bool>(false);
  auto gave_up = std::make_shared<std::string>();
  auto files = std::make_shared<file_batches>();
  const auto started = self->clock().now();
  on_warehouse(self, commit_job(self, item, std::move(scraped), acked, failed, gave_up, files),
               [=](const storage::storage_status& s) {
                 if (s && !files->empty()) return write_then_ack(self, item, started, files);
                 finish(self, item, started, s, *acked, *failed, *gave_up);
               });
}

// An item leased with no try left: its last lease expired (the sweeper hands it back, since
// only this worker has the handler). Dead-lettered as after a failed last try: the handler's
// on_dead settles the ledger and an alert is raised. Not a breaker failure: the expiries were.
void give_up(worker* self, const work_item& item) {
  auto gave_up = std::make_shared<std::string>();
  auto handler = self->state.handler;
  auto settings = self->state.settings;
  auto owner = self->state.owner;
  auto log = self->state.log;
  const auto started = self->clock().now();
  const auto decision = commit_decision::dead("out of tries; the last: " + item.last_error);
  auto job = store::make_job(item.kind + " " + item.key + " dead", [=](storage::database& db) -> storage::storage_status {
    auto tx = db.begin("pipeline.give_up " + item.kind);
    if (!tx) return tx.error();
    if (auto dead = record_failure(db, *handler, settings, owner, *log, item, decision,
                                   settings.wall_clock(), *gave_up);
        !dead)
      return dead;
    return tx.value().commit();
  });
  on_warehouse(self, job, [=](const storage::storage_status& s) {
    finish(self, item, started, s, false, false, *gave_up);
  });
}

// While the breaker is open: ask the handler whether a waiting item's input is usable now.
void probe_upstream(worker* self) {
  auto& st = self->state;
  if (st.probing) return;
  st.probing = true;
  auto ready = std::make_shared<bool>(false);
  auto handler = st.handler;
  auto job = store::make_job("probe " + st.settings.kind, [handler, ready](storage::database& db) -> storage::storage_status {
    auto answer = handler->upstream_ready(db);
    if (!answer) return answer.error();
    *ready = answer.value();
    return {};
  });
  on_warehouse(self, job, [self, ready](const storage::storage_status& s) {
    auto& now_st = self->state;
    now_st.probing = false;
    if (!s || !*ready || !now_st.breaker) return;
    if (now_st.breaker->close_early(self->clock().now()) == breaker::close_early_result::closed) {
      report_transitions(self, *now_st.log, now_st.breaker->name(), now_st.breaker->drain(),
                         now_st.settings.wall_clock);
      schedule_tick(self, std::chrono::milliseconds{0});
    }
  });
}

// How many items the breaker lets this tick lease: all the room, one probe, or none.
int breaker_room(worker* self, int room) {
  auto& st = self->state;
  if (!st.breaker) return room;
  const auto permit = st.breaker->allow(self->clock().now());
  report_transitions(self, *st.log, st.breaker->name(), st.breaker->drain(), st.settings.wall_clock);
  if (permit.decision == breaker::permit_decision::allowed) return room;
  if (permit.decision == breaker::permit_decision::allowed_probe) return std::min(room, 1);
  if (st.breaker->state() == breaker::circuit_state::open) probe_upstream(self);
  return 0;
}

void start_item(worker* self, const work_item& item) {
  auto& st = self->state;
  ++st.in_flight;
  if (item.attempts >= item.max_attempts) return give_up(self, item);
  auto call = st.handler->scrape_for(item);
  if (!call) {
    commit(self, item, nullptr);
    return;
  }
  auto root = root_of(self);
  if (!root) {
    settle(self, item, storage::make_error(storage::storage_errc::io, item.key, "no root"), false);
    return;
  }
  self
    ->request(root, st.settings.scrape_timeout, route_atom::value, call->scraper_path,
              caf::make_message(scrape::scrape_atom::value, call->work))
    .then([=](const scrape::scrape_reply& reply) { commit(self, item, reply); },
          [=](const caf::error& e) {
            // The scraper did not answer: a failed try, recorded through the same path.
            auto failed = std::make_shared<scrape::scrape_result>();
            failed->work = call->work;
            failed->status = scrape::scrape_status::failed;
            failed->reason = "scraper_unreachable";
            failed->detail = call->scraper_path + ": " + describe_reason(e);
            commit(self, item, failed);
          });
}

void on_tick(worker* self) {
  auto& st = self->state;
  st.tick_pending = false;
  if (st.leasing || st.settings.max_in_flight - st.in_flight <= 0) return;
  // Committed items waiting for their files count too, beyond one round of them: a slow disk
  // holds the worker back instead of piling up leased items.
  if (st.writing > st.settings.max_in_flight) return;
  const int room = breaker_room(self, st.settings.max_in_flight - st.in_flight);
  if (room <= 0) { // the breaker is open: look again after the poll interval
    schedule_tick(self, st.settings.poll_interval);
    return;
  }
  st.leasing = true;
  auto leased = std::make_shared<std::vector<work_item>>();
  auto settings = st.settings;
  auto owner = st.owner;
  auto job = store::make_job("lease " + settings.kind, [=](storage::database& db) -> storage::storage_status {
    auto items = storage::lease(db, settings.kind, owner, settings.wall_clock(),
                                settings.lease_duration, room);
    if (!items) return items.error();
    *leased = std::move(items.value());
    return {};
  });
  on_warehouse(self, job, [=](const storage::storage_status& s) {
    self->state.leasing = false;
    if (!s && s.error().code != storage::storage_errc::lease_lost)
      self->state.log->warn("lease {}: {}", settings.kind, s.error().describe());
    for (const auto& item : *leased) start_item(self, item);
    // A full batch may mean more is waiting; otherwise look again after the poll interval.
    schedule_tick(self, static_cast<int>(leased->size()) == room && s
                          ? std::chrono::milliseconds{0}
                          : settings.poll_interval);
  });
}

caf::behavior queue_worker(worker* self, std::string path, queue_worker_settings settings,
                           std::shared_ptr<const work_handler> handler) {
  crash_on_exception(self);
  auto& st = self->state;
  st.log = actor_log(path);
  st.settings = std::move(settings);
  st.handler = std::move(handler);
  st.owner = path + "#" + std::to_string(::getpid()) + "." + std::to_string(self->id());
  if (st.settings.breaker) st.breaker.emplace(st.settings.kind, *st.settings.breaker, st.settings.seed);
  schedule_tick(self, std::chrono::milliseconds{0});
  return {
    [=](tick_atom) {
      on_tick(self);
      report_progress(self);
    },
  };
}

} // namespace

const char* to_string(commit_decision::kind k) noexcept {
  switch (k) {
    case kind::ack: return "ack";
    case kind::defer: return "defer";
    case kind::retry: return "retry";
    case kind::dead: return "dead";
  }
  return "?";
}

std::chrono::milliseconds retry_delay(const queue_worker_settings& s, int attempts) {
  auto delay = s.retry_backoff;
  for (int i = 0; i < attempts && delay < s.retry_backoff_max; ++i) delay *= 2;
  return std::min(delay, s.retry_backoff_max);
}

child_spec queue_worker_child(std::string name, queue_worker_settings settings,
                              std::shared_ptr<const work_handler> handler) {
  child_spec c;
  c.name = std::move(name);
  c.start = [settings = std::move(settings), handler = std::move(handler)](const child_context& ctx) {
    return ctx.parent->spawn(queue_worker, ctx.path, settings, handler);
  };
  return c;
}

} // namespace courtside::pipeline
