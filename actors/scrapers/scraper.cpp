#include "actors/scrapers/scraper.hpp"

#include <deque>
#include <map>

#include <caf/all.hpp>

#include "runtime/http/http_outcome.hpp"
#include "runtime/http/url.hpp"
#include "actors/notifiers/raise_alert.hpp"
#include "actors/scrapers/breaker_store.hpp"
#include "actors/scrapers/source_breaker.hpp"
#include "runtime/storage/sha256.hpp"
#include "runtime/logging/log.hpp"
#include "runtime/metrics/engine_metrics.hpp"

// Fetch results travel from the client's io thread to the scraper, never across a network.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::shared_ptr<const courtside::http::http_result>)

namespace courtside::scrape {
namespace {

using fetched_atom = caf::atom_constant<caf::atom("fetched")>;
using retry_atom = caf::atom_constant<caf::atom("retry")>;
using dispatch_atom = caf::atom_constant<caf::atom("dispatch")>;
using result_ptr = std::shared_ptr<const http::http_result>;
using raw_ptr = std::shared_ptr<const raw_payload>;

struct job {
  scrape_work work;
  caf::response_promise promise;
  retry::retry_policy policy;
  http::http_request request;
  int attempts = 0;
  time_point started{};  ///< when the current try went out (breaker: slow calls)
  time_point retry_at{}; ///< rejected by the breaker: not before this
};

/// A 2xx answer kept for reuse under a reuse window: one download, and one raw payload (copied
/// and hashed once) shared by every answer it gives.
struct kept_body {
  time_point fetched_at{};
  result_ptr result;
  raw_ptr raw;
  /// It has answered some work for good (source_adapter::settled), so it outlives the window.
  bool settles = false;
};

struct scraper_state {
  scraper_settings settings;
  std::unique_ptr<source_adapter> adapter;
  fetch_function fetch;
  std::optional<retry::rate_limiter> rate;
  std::optional<retry::concurrency_limiter> slots;
  std::optional<retry::retry_budget> budget;
  random_source rng;
  std::map<uint64_t, job> jobs;
  std::deque<uint64_t> waiting; ///< jobs ready to fetch, in arrival order
  /// With a reuse window: the last 2xx answer per URL, and the jobs waiting on a URL that
  /// another job (the key's leader) is fetching.
  std::map<std::string, kept_body> recent;
  std::map<std::string, std::vector<uint64_t>> followers;
  std::optional<source_breaker> breaker;
  bool dispatch_armed = false;  ///< a rate-limit wake-up is pending
  /// A 429's Retry-After holds every request of this source until then, not just the retry of
  /// the job that got it (another job's first try at the same API would ignore it).
  time_point paused_until{};
  uint64_t next_id = 1;
  std::shared_ptr<spdlog::logger> log;
  static inline const char* name = "scraper";
};

using scraper_actor = caf::stateful_actor<scraper_state>;

time_point now_of(scraper_actor* self) { return self->clock().now(); }

using breaker_tick_atom = caf::atom_constant<caf::atom("brk_tick")>;

// Carries out the breaker's transitions: a log line, the breaker_state row, an alert; and a
// timer at its next deadline, so an idle breaker still goes half-open and times out probes.
void report_breaker(scraper_actor* self) {
  auto& st = self->state;
  report_transitions(self, *st.log, st.breaker->name(), st.breaker->drain(), st.settings.wall_clock);
  if (auto at = st.breaker->next_deadline(); at && *at > now_of(self))
    self->delayed_send(self, *at - now_of(self), breaker_tick_atom::value);
}

void release_followers(scraper_actor* self, const std::string& url, const result_ptr& result,
                       const raw_ptr& raw);

void answer(scraper_actor* self, uint64_t id, scrape_status status, std::string reason,
            std::string detail, std::shared_ptr<const raw_payload> raw = nullptr,
            std::shared_ptr<const scraped_data> data = nullptr) {
  auto it = self->state.jobs.find(id);
  if (it == self->state.jobs.end()) return;
  auto& j = it->second;
  auto result = std::make_shared<scrape_result>();
  result->work = j.work;
  result->status = status;
  result->reason = std::move(reason);
  result->detail = std::move(detail);
  result->attempts = j.attempts;
  if (status == scrape_status::rejected)
    result->retry_in = std::chrono::duration_cast<std::chrono::milliseconds>(j.retry_at - now_of(self));
  result->raw = std::move(raw);
  result->data = std::move(data);
  auto level = status == scrape_status::failed || status == scrape_status::quarantined
                 ? spdlog::level::warn
                 : spdlog::level::debug;
  if (status != scrape_status::ok)
    self->state.log->log(level, "{} {} {}: {} after {} tries{}{}", to_string(j.work.kind), j.work.date,
                          j.work.game_id + j.work.event_id, to_string(status), j.attempts,
                          result->reason.empty() ? "" : " (" + result->reason + ")",
                          result->detail.empty() ? "" : ": " + result->detail);
  j.promise.deliver(scrape_reply{std::move(result)});
  self->state.jobs.erase(it);
}

void start_fetch(scraper_actor* self, uint64_t id) {
  auto& j = self->state.jobs.at(id);
  ++j.attempts;
  j.started = now_of(self);
  if (j.attempts == 1) self->state.budget->deposit(now_of(self));
  caf::actor me = self;
  self->state.fetch(j.request, [me, id](http::http_result r) {
    caf::anon_send(me, fetched_atom::value, id, std::make_shared<const http::http_result>(std::move(r)));
  });
}

// Starts waiting jobs while a concurrency slot and a rate token are free; otherwise arms one
// wake-up at the time the rate limiter names (a freed slot calls this again).
void dispatch(scraper_actor* self) {
  auto& st = self->state;
  while (!st.waiting.empty()) {
    if (st.slots->in_flight() >= st.slots->max_in_flight()) return;
    if (now_of(self) < st.paused_until) {
      if (!st.dispatch_armed) {
        st.dispatch_armed = true;
        self->delayed_send(self, st.paused_until - now_of(self), dispatch_atom::value);
      }
      return;
    }
    auto rate = st.rate->acquire(now_of(self));
    if (rate.verdict != retry::rate_verdict::granted) {
      if (!st.dispatch_armed) {
        st.dispatch_armed = true;
        self->delayed_send(self, rate.wait_until - now_of(self), dispatch_atom::value);
      }
      return;
    }
    auto id = st.waiting.front();
    st.waiting.pop_front();
    if (st.breaker) {
      auto permit = st.breaker->allow(now_of(self));
      report_breaker(self);
      if (!permit.allowed()) {
        // Fail fast, not a failed try: the asker defers the work until the breaker may allow.
        auto& j = st.jobs.at(id);
        j.retry_at = std::max(permit.retry_at, now_of(self) + std::chrono::seconds{1});
        const std::string url = j.request.url;
        answer(self, id, scrape_status::rejected, "breaker_open",
               st.breaker->name() + " is " + std::string{breaker::to_string(st.breaker->state())});
        // Jobs waiting on this one's fetch must not wait for a fetch that will not happen.
        release_followers(self, url, nullptr, nullptr);
        continue;
      }
    }
    (void) st.slots->try_acquire();
    start_fetch(self, id);
  }
}

std::shared_ptr<const raw_payload> raw_of(scraper_actor* self, const job& j,
                                          const http::http_response& resp) {
  auto raw = std::make_shared<raw_payload>();
  raw->source = self->state.settings.source;
  raw->url = http::redact_url(j.request.url);
  raw->fetched_at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
  raw->status = resp.status;
  raw->body = resp.body;
  raw->sha256 = storage::sha256_hex(raw->body);
  return raw;
}

bool settle(scraper_actor* self, uint64_t id, const result_ptr& result, raw_ptr raw);

bool reusable(const result_ptr& result) {
  return result && result->ok() && result->response().status / 100 == 2;
}

// Keeps a fresh 2xx answer of `url` (fetched for `work`) for reuse, and forgets the answers
// whose window is over and that answer nothing for good: only a settling body outlives it.
void keep_body(scraper_actor* self, const std::string& url, const scrape_work& work,
               const result_ptr& result, const raw_ptr& raw) {
  auto& st = self->state;
  if (!reusable(result)) return;
  const auto now = now_of(self);
  for (auto it = st.recent.begin(); it != st.recent.end();) {
    if (now - it->second.fetched_at >= st.settings.reuse_window && !it->second.settles)
      it = st.recent.erase(it);
    else
      ++it;
  }
  st.recent[url] = kept_body{now, result, raw, st.adapter->settled(work, result->response().body)};
}

// The leader of a URL has its final answer: its followers take the same body and raw payload
// (each decodes its own work from it), or, when it failed, fetch for themselves.
void release_followers(scraper_actor* self, const std::string& url, const result_ptr& result,
                       const raw_ptr& raw) {
  auto& st = self->state;
  auto found = st.followers.find(url);
  if (found == st.followers.end()) return;
  auto ids = std::move(found->second);
  st.followers.erase(found);
  const bool usable = reusable(result);
  for (auto id : ids) {
    if (!usable) {
      st.waiting.push_back(id);
      continue;
    }
    if (auto it = st.jobs.find(id); it != st.jobs.end()) {
      ++it->second.attempts;
      settle(self, id, result, raw);
    }
  }
}

void on_fetched(scraper_actor* self, uint64_t id, const result_ptr& result) {
  auto& st = self->state;
  st.slots->release();
  auto it = st.jobs.find(id);
  if (it == st.jobs.end()) return dispatch(self);
  const std::string url = it->second.request.url;
  const scrape_work work = it->second.work;
  if (st.breaker) {
    st.breaker->record(it->second.started, now_of(self),
                       retry::outcome_from(*result, std::chrono::system_clock::now()));
    report_breaker(self);
  }
  metrics::engine()
    .http_requests
    .with({st.settings.source,
           result->ok() ? std::to_string(result->response().status) : std::string{"error"}})
    .inc();
  // One raw payload per download, whichever jobs it answers.
  const raw_ptr raw = result->ok() ? raw_of(self, it->second, result->response()) : nullptr;
  const bool final_answer = settle(self, id, result, raw);
  if (st.settings.reuse_window.count() > 0 && final_answer) {
    keep_body(self, url, work, result, raw);
    release_followers(self, url, result, raw);
  }
  dispatch(self);
}

// Decides what a fetch result means for job `id` and carries it out; true when the job got
// its final answer (false: a retry is scheduled). `raw`: the result's raw payload when already
// built (a shared download), else built here.
bool settle(scraper_actor* self, uint64_t id, const result_ptr& result, raw_ptr raw) {
  auto& st = self->state;
  auto& j = st.jobs.at(id);
  auto outcome = retry::outcome_from(*result, std::chrono::system_clock::now());
  if (outcome.status == 429 && outcome.retry_after)
    st.paused_until = std::max(st.paused_until, now_of(self) + *outcome.retry_after);
  auto& m = metrics::engine();
  std::optional<decode_outcome> decoded;
  if (result->ok()) {
    if (!raw) raw = raw_of(self, j, result->response());
    if (result->response().status / 100 == 2 && result->response().status != 204) {
      decoded = st.adapter->decode(j.work, result->response().body);
      if (decoded->what == decode_outcome::kind::bad_payload) {
        outcome = retry::attempt_outcome::failed(retry::attempt_outcome_kind::decode_failure);
        m.decode_errors.with({st.settings.source}).inc();
      }
      else if (decoded->what == decode_outcome::kind::not_final)
        outcome.not_final_yet = true;
    }
  }
  auto d = j.policy.decide(outcome, j.attempts, now_of(self), st.rng, *st.budget);
  std::string reason{retry::to_string(d.reason)};
  std::string detail = result->ok() ? "" : result->failure().detail;
  switch (d.action) {
    case retry::retry_action::succeed:
      answer(self, id, scrape_status::ok, reason, {}, raw,
             std::make_shared<const scraped_data>(std::move(decoded->data)));
      break;
    case retry::retry_action::retry_after_delay:
      m.retries.with({st.settings.source}).inc();
      st.log->info("{} try {} failed ({}); retry in {}", http::redact_url(j.request.url),
                   j.attempts, reason, format_duration(*d.delay));
      self->delayed_send(self, *d.delay, retry_atom::value, id);
      return false;
    case retry::retry_action::no_data_yet:
      answer(self, id, scrape_status::no_data_yet, reason, {}, raw);
      break;
    case retry::retry_action::quarantine:
      answer(self, id, scrape_status::quarantined, reason, decoded ? decoded->error : detail, raw);
      break;
    case retry::retry_action::pass_on_shutdown:
      answer(self, id, scrape_status::cancelled, reason, detail);
      break;
    default:
      answer(self, id, scrape_status::failed,
             std::string{retry::to_string(d.action)} + ": " + reason, detail, raw);
  }
  return true;
}

// With a reuse window: answers `id` from the kept 2xx body of the same URL when it is fresh
// (within the window) or answers this work for good (source_adapter::settled: a past date in
// NBA.com's season schedule, for as long as the scraper runs), or parks it behind the job
// already fetching that URL. False when it must fetch itself (it then leads).
bool reuse_or_follow(scraper_actor* self, uint64_t id) {
  auto& st = self->state;
  if (st.settings.reuse_window.count() <= 0) return false;
  auto& j = st.jobs.at(id);
  const auto& url = j.request.url;
  if (auto hit = st.recent.find(url); hit != st.recent.end()) {
    auto& kept = hit->second;
    const bool fresh = now_of(self) - kept.fetched_at < st.settings.reuse_window;
    const bool for_good = !fresh && st.adapter->settled(j.work, kept.result->response().body);
    if (fresh || for_good) {
      kept.settles = kept.settles || for_good;
      const auto result = kept.result;
      const auto raw = kept.raw;
      ++j.attempts;
      settle(self, id, result, raw);
      return true;
    }
    // Stale for this work: fetched again below; the new body replaces this one.
    if (!kept.settles) st.recent.erase(hit);
  }
  if (auto led = st.followers.find(url); led != st.followers.end()) {
    led->second.push_back(id);
    return true;
  }
  st.followers[url]; // this job leads: later ones follow it
  return false;
}

caf::behavior scraper(scraper_actor* self, std::string path, scraper_settings settings,
                      adapter_factory make_adapter, fetch_function fetch) {
  crash_on_exception(self);
  auto& st = self->state;
  st.log = actor_log(path);
  st.adapter = make_adapter();
  st.fetch = std::move(fetch);
  st.rate.emplace(settings.rate);
  st.slots.emplace(settings.concurrency);
  st.budget.emplace(settings.budget, now_of(self));
  st.rng = random_source{settings.seed};
  if (settings.breaker) st.breaker.emplace(settings.source, *settings.breaker, settings.seed);
  st.settings = std::move(settings);
  return {
    [=](scrape_atom, const scrape_work& work) {
      auto rp = self->make_response_promise();
      auto request = self->state.adapter->request_for(work);
      if (!request) {
        rp.deliver(scrape_reply{std::make_shared<scrape_result>(scrape_result{
          work, scrape_status::failed, "unsupported_work",
          std::string{"source does not serve "} + to_string(work.kind), 0, {}, nullptr, nullptr})});
        return rp;
      }
      auto id = self->state.next_id++;
      self->state.jobs.emplace(id, job{work, rp,
        retry::retry_policy::starting_at(self->state.settings.limits, now_of(self)),
        std::move(*request), 0});
      if (!reuse_or_follow(self, id)) {
        self->state.waiting.push_back(id);
        dispatch(self);
      }
      return rp;
    },
    [=](fetched_atom, uint64_t id, const result_ptr& result) { on_fetched(self, id, result); },
    [=](retry_atom, uint64_t id) {
      self->state.waiting.push_back(id);
      dispatch(self);
    },
    [=](breaker_tick_atom) {
      if (!self->state.breaker) return;
      self->state.breaker->advance(now_of(self));
      report_breaker(self);
    },
    [=](dispatch_atom) {
      self->state.dispatch_armed = false;
      dispatch(self);
    },
  };
}

} // namespace

const char* to_string(work_kind k) {
  switch (k) {
    case work_kind::schedule_day: return "schedule_day";
    case work_kind::box_scores_day: return "box_scores_day";
    case work_kind::box_score: return "box_score";
    case work_kind::events: return "events";
    case work_kind::event_odds: return "event_odds";
  }
  return "?";
}

const char* to_string(scrape_status s) {
  switch (s) {
    case scrape_status::ok: return "ok";
    case scrape_status::no_data_yet: return "no_data_yet";
    case scrape_status::failed: return "failed";
    case scrape_status::quarantined: return "quarantined";
    case scrape_status::cancelled: return "cancelled";
    case scrape_status::rejected: return "rejected";
  }
  return "?";
}

child_spec scraper_child(std::string name, scraper_settings settings,
                         adapter_factory make_adapter, fetch_function fetch) {
  child_spec c;
  c.name = std::move(name);
  c.start = [settings = std::move(settings), make_adapter = std::move(make_adapter),
             fetch = std::move(fetch)](const child_context& ctx) {
    return ctx.parent->spawn(scraper, ctx.path, settings, make_adapter, fetch);
  };
  return c;
}

} // namespace courtside::scrape
