#include "runtime/schedule/job_book.hpp"

#include <algorithm>

namespace courtside::schedule {
namespace {

sys_seconds to_seconds(unix_ms t) {
  // Floor, so a reading at 12:00:00.500 counts as 12:00:00 (next_after is strictly after it).
  const auto s = t >= 0 ? t / 1000 : -((-t + 999) / 1000);
  return sys_seconds{seconds{s}};
}

unix_ms to_ms(sys_seconds t) { return static_cast<unix_ms>(t.time_since_epoch().count()) * 1000; }

std::string failures_text(int n) {
  return "paused after " + std::to_string(n) + " consecutive failure" + (n == 1 ? "" : "s");
}

} // namespace

const char* to_string(overlap_policy p) noexcept {
  switch (p) {
    case overlap_policy::forbid: return "forbid";
    case overlap_policy::replace: return "replace";
    case overlap_policy::allow: return "allow";
  }
  return "forbid";
}

const char* to_string(missed_policy p) noexcept {
  return p == missed_policy::run_latest ? "run_latest" : "skip";
}

std::optional<overlap_policy> parse_overlap_policy(std::string_view name) {
  for (auto p : {overlap_policy::forbid, overlap_policy::replace, overlap_policy::allow})
    if (name == to_string(p)) return p;
  return std::nullopt;
}

std::optional<missed_policy> parse_missed_policy(std::string_view name) {
  for (auto p : {missed_policy::skip, missed_policy::run_latest})
    if (name == to_string(p)) return p;
  return std::nullopt;
}

const char* to_string(run_trigger t) noexcept {
  switch (t) {
    case run_trigger::schedule: return "schedule";
    case run_trigger::retry: return "retry";
    case run_trigger::missed: return "missed";
    case run_trigger::manual: return "manual";
  }
  return "schedule";
}

const char* to_string(run_outcome o) noexcept {
  switch (o) {
    case run_outcome::ok: return "ok";
    case run_outcome::failed: return "failed";
    case run_outcome::timed_out: return "timed_out";
    case run_outcome::replaced: return "replaced";
  }
  return "failed";
}

job_book::job_book(std::vector<job_spec> specs, time_zone zone) : zone_(std::move(zone)) {
  for (auto& spec : specs) slots_.emplace_back(std::move(spec));
}

job_book::slot* job_book::find(std::string_view job) {
  for (auto& s : slots_)
    if (s.spec.name == job) return &s;
  return nullptr;
}

bool job_book::knows(std::string_view job) const {
  return std::any_of(slots_.begin(), slots_.end(),
                     [&](const slot& s) { return s.spec.name == job; });
}

void job_book::restore(std::string_view job, const job_history& history) {
  slot* s = find(job);
  if (s == nullptr) return;
  s->last_fire = history.last_fire;
  s->consecutive_failures = history.consecutive_failures;
  s->paused = s->spec.pause_after > 0 && history.consecutive_failures >= s->spec.pause_after;
}

std::optional<unix_ms> job_book::next_fire_after(const slot& s, unix_ms t) const {
  if (!s.spec.enabled) return std::nullopt;
  const auto next = s.spec.cron.next_after(to_seconds(t), zone_);
  if (!next) return std::nullopt;
  return to_ms(*next);
}

job_actions job_book::begin(unix_ms now) {
  job_actions out;
  for (auto& s : slots_) {
    s.next_fire = next_fire_after(s, now);
    if (!s.spec.enabled || s.paused || s.spec.missed != missed_policy::run_latest) continue;
    const auto previous = s.spec.cron.previous_at_or_before(to_seconds(now), zone_);
    // Only a firing after the last recorded one was missed; a job never run before has
    // missed nothing (a fresh install does not run every job at once).
    if (previous && s.last_fire && to_ms(*previous) > *s.last_fire)
      start(s, to_ms(*previous), 1, run_trigger::missed, now, out);
  }
  return out;
}

run_ticket job_book::start(slot& s, unix_ms scheduled_at, int attempt, run_trigger why,
                           unix_ms now, job_actions& out) {
  run_ticket t;
  t.id = next_id_++;
  t.job = s.spec.name;
  t.scheduled_at = scheduled_at;
  t.started_at = now;
  t.deadline = now + s.spec.timeout.count();
  t.attempt = attempt;
  t.max_attempts = why == run_trigger::manual ? 1 : 1 + std::max(0, s.spec.retries);
  t.trigger = why;
  s.running.push_back(t);
  s.last_fire = std::max(s.last_fire.value_or(scheduled_at), scheduled_at);
  out.started.push_back(t);
  return t;
}

void job_book::fire(slot& s, unix_ms scheduled_at, unix_ms now, job_actions& out) {
  if (s.paused) {
    out.skipped.push_back({s.spec.name, scheduled_at, failures_text(s.consecutive_failures)});
    return;
  }
  if (!s.running.empty()) {
    switch (s.spec.overlap) {
      case overlap_policy::forbid:
        out.skipped.push_back({s.spec.name, scheduled_at,
                               "run " + std::to_string(s.running.front().id) + " still in flight"});
        return;
      case overlap_policy::replace:
        while (!s.running.empty())
          end_run(s, 0, run_outcome::replaced, "replaced by the firing of a newer run", now, true, out);
        break;
      case overlap_policy::allow: break;
    }
  }
  s.retry.reset(); // a newer firing supersedes the retry of an older one
  start(s, scheduled_at, 1, run_trigger::schedule, now, out);
}

void job_book::end_run(slot& s, std::size_t index, run_outcome outcome, std::string detail,
                       unix_ms now, bool stop_actor, job_actions& out) {
  run_end e;
  e.run = s.running[index];
  s.running.erase(s.running.begin() + static_cast<std::ptrdiff_t>(index));
  e.outcome = outcome;
  e.detail = std::move(detail);
  e.at = now;
  e.stop_actor = stop_actor;
  if (outcome == run_outcome::ok) {
    e.recovered = s.consecutive_failures > 0;
    s.consecutive_failures = 0;
    s.paused = false;
  } else if (outcome != run_outcome::replaced) {
    if (e.run.attempt < e.run.max_attempts) {
      const auto backoff = s.spec.retry_backoff.count() << std::min(e.run.attempt - 1, 20);
      s.retry = pending_retry{e.run.scheduled_at, e.run.attempt + 1, now + backoff};
      e.retry_at = s.retry->due;
    } else {
      e.final_failure = true;
      ++s.consecutive_failures;
      if (!s.paused && s.spec.pause_after > 0 && s.consecutive_failures >= s.spec.pause_after) {
        s.paused = true;
        e.paused = true;
      }
    }
  }
  out.ended.push_back(std::move(e));
}

job_actions job_book::tick(unix_ms now) {
  job_actions out;
  for (auto& s : slots_) {
    for (std::size_t i = 0; i < s.running.size();) {
      if (s.running[i].deadline <= now) {
        const auto limit = s.spec.timeout.count();
        end_run(s, i, run_outcome::timed_out,
                "stopped at its timeout of " + std::to_string(limit / 1000) + " s", now, true, out);
      } else {
        ++i;
      }
    }
    if (s.retry && s.retry->due <= now) {
      const auto r = *s.retry;
      s.retry.reset();
      if (s.paused) {
        out.skipped.push_back({s.spec.name, r.scheduled_at, failures_text(s.consecutive_failures)});
      } else if (!s.running.empty() && s.spec.overlap == overlap_policy::forbid) {
        out.skipped.push_back({s.spec.name, r.scheduled_at, "retry skipped: a run is in flight"});
      } else {
        start(s, r.scheduled_at, r.attempt, run_trigger::retry, now, out);
      }
    }
    if (s.next_fire && *s.next_fire <= now) {
      // Collapse every reading up to now into the latest one.
      auto due = *s.next_fire;
      while (auto later = next_fire_after(s, due)) {
        if (*later > now) break;
        due = *later;
      }
      s.next_fire = next_fire_after(s, now);
      fire(s, due, now, out);
    }
  }
  return out;
}

job_actions job_book::finished(std::uint64_t run_id, bool ok, std::string detail, unix_ms now) {
  job_actions out;
  for (auto& s : slots_) {
    for (std::size_t i = 0; i < s.running.size(); ++i) {
      if (s.running[i].id != run_id) continue;
      end_run(s, i, ok ? run_outcome::ok : run_outcome::failed, std::move(detail), now, false, out);
      return out;
    }
  }
  return out;
}

manual_answer job_book::run_now(std::string_view job, unix_ms now, job_actions& out) {
  slot* s = find(job);
  if (s == nullptr) return manual_answer::unknown_job;
  if (!s->running.empty() && s->spec.overlap == overlap_policy::forbid)
    return manual_answer::already_running;
  if (s->spec.overlap == overlap_policy::replace)
    while (!s->running.empty())
      end_run(*s, 0, run_outcome::replaced, "replaced by a manual run", now, true, out);
  start(*s, now, 1, run_trigger::manual, now, out);
  return manual_answer::started;
}

std::optional<unix_ms> job_book::next_wake() const {
  std::optional<unix_ms> wake;
  auto consider = [&](unix_ms t) { wake = wake ? std::min(*wake, t) : t; };
  for (const auto& s : slots_) {
    if (s.next_fire) consider(*s.next_fire);
    if (s.retry) consider(s.retry->due);
    for (const auto& r : s.running) consider(r.deadline);
  }
  return wake;
}

std::vector<job_view> job_book::view() const {
  std::vector<job_view> out;
  for (const auto& s : slots_) {
    job_view v;
    v.name = s.spec.name;
    v.schedule = s.spec.cron.expression();
    v.next_fire = s.next_fire;
    v.enabled = s.spec.enabled;
    v.paused = s.paused;
    v.consecutive_failures = s.consecutive_failures;
    v.running = static_cast<int>(s.running.size());
    if (s.retry) v.retry_at = s.retry->due;
    out.push_back(std::move(v));
  }
  return out;
}

} // namespace courtside::schedule
