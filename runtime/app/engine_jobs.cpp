#include "runtime/app/engine_jobs.hpp"

#include <cstdio>

#include <caf/all.hpp>

#include "actors/scheduler/job_catalogue.hpp"
#include "actors/scheduler/scheduler.hpp"
#include "runtime/logging/log.hpp"
#include "runtime/supervision/protocol.hpp"

namespace courtside::app {
namespace {

constexpr std::chrono::seconds scheduler_answer_timeout{5};

schedule::time_zone zone_of(const config::engine_config& cfg) {
  auto loaded = schedule::time_zone::load(cfg.engine.time_zone);
  return loaded ? std::move(loaded).value() : schedule::time_zone::utc();
}

} // namespace

std::string game_date(const schedule::time_zone& zone, unix_millis now, int day_offset) {
  const auto at = schedule::sys_seconds{std::chrono::seconds{now / 1000 + 86'400LL * day_offset}};
  const auto c = zone.to_local(at).civil;
  char buf[48]; // room for any int, so -O3 sees no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(c.year), c.month, c.day);
  return buf;
}

std::optional<child_spec> scheduler_of(const config::engine_config& cfg, engine_clock clock,
                                       int max_attempts) {
  jobs::scheduler_settings s;
  for (const auto& j : cfg.jobs) {
    const auto* entry = jobs::find_job(j.name);
    auto cron = schedule::cron_schedule::parse(j.schedule);
    if (entry == nullptr || !cron) continue; // the config loader refused both already
    schedule::job_spec spec{j.name, std::move(cron).value()};
    spec.timeout = j.timeout;
    spec.overlap = j.overlap;
    spec.missed = j.missed;
    spec.retries = j.retries;
    spec.retry_backoff = j.retry_backoff;
    spec.pause_after = j.pause_after;
    spec.enabled = j.enabled;
    s.jobs.push_back({std::move(spec), jobs::warehouse_work("job " + j.name, entry->body)});
  }
  if (s.jobs.empty()) return std::nullopt;
  s.zone = zone_of(cfg);
  s.now = [clock] { return clock.now(); };
  s.speed = clock.simulated() ? clock.speed() : 1.0;
  const bool odds = !config::first_enabled_source(cfg, config::source_kind::odds_api).empty();
  s.context = [zone = s.zone, max_attempts, odds](storage::unix_ms now) {
    jobs::job_context ctx;
    ctx.has_odds_source = odds;
    ctx.now = now;
    ctx.yesterday = game_date(zone, now, -1);
    ctx.today = game_date(zone, now, 0);
    ctx.tomorrow = game_date(zone, now, 1);
    ctx.max_attempts = max_attempts;
    return ctx;
  };
  return jobs::scheduler_child(std::move(s));
}

control::job_runner job_runner_of(caf::actor_system* sys) {
  return [sys](const std::string& job, control::action_done done) {
    auto root = caf::actor_cast<caf::actor>(sys->registry().get(root_registry_key));
    if (!root) return done({503, "the engine is not running"});
    sys->spawn([root, job, done](caf::event_based_actor* self) {
      self->request(root, scheduler_answer_timeout, route_atom::value, std::string{jobs::scheduler_path},
                    caf::make_message(jobs::run_atom::value, job))
        .then([done](const jobs::run_answer_ptr& a) { done({a->status, a->message}); },
              [done](const caf::error& e) { done({503, "scheduler: " + describe_reason(e)}); });
    });
  };
}

std::function<std::vector<control::job_schedule>(storage::unix_ms)> job_schedules_of(caf::actor_system* sys) {
  return [sys](storage::unix_ms) {
    std::vector<control::job_schedule> out;
    auto root = caf::actor_cast<caf::actor>(sys->registry().get(root_registry_key));
    if (!root) return out;
    caf::scoped_actor self{*sys};
    self->request(root, scheduler_answer_timeout, route_atom::value, std::string{jobs::scheduler_path},
                  caf::make_message(jobs::jobs_atom::value))
      .receive(
        [&](const jobs::job_views_ptr& views) {
          for (const auto& v : *views)
            out.push_back({v.name, v.schedule, v.paused ? std::nullopt : v.next_fire, v.enabled && !v.paused});
        },
        [&](const caf::error&) {});
    return out;
  };
}

} // namespace courtside::app
