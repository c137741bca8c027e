#include "actors/orchestrators/backfill.hpp"

#include <cstdio>

#include <caf/all.hpp>

#include "actors/pipeline/flow.hpp"
#include "actors/storage/warehouse.hpp"
#include "runtime/logging/log.hpp"
#include "runtime/metrics/engine_metrics.hpp"
#include "runtime/schedule/civil_time.hpp"
#include "runtime/storage/ledger.hpp"
#include "runtime/supervision/protocol.hpp"

namespace courtside::pipeline {
namespace {

using poll_atom = caf::atom_constant<caf::atom("poll")>;
using storage::output_state;

struct backfill_state {
  bool planned = false;
  bool finished = false;
  std::chrono::steady_clock::time_point last_line{};
  static inline const char* name = "backfill";
};

using backfill_actor = caf::stateful_actor<backfill_state>;

std::optional<std::int64_t> day_number(const std::string& date) {
  int y = 0, m = 0, d = 0;
  if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > schedule::days_in_month(y, m)) return std::nullopt;
  return schedule::days_from_civil(y, m, d);
}

void report(backfill_actor* self, const backfill_settings& s, const backfill_summary& b) {
  auto now = std::chrono::steady_clock::now();
  const int percent = b.rows == 0 ? 0 : b.settled * 100 / b.rows;
  if (s.tty) {
    constexpr int width = 40;
    std::string bar(static_cast<std::size_t>(percent * width / 100), '#');
    bar.resize(width, '.');
    std::fprintf(stderr, "\rbackfill %s..%s [%s] %3d%% %d/%d, %d failed, %d queued  ",
                 s.first_date.c_str(), s.last_date.c_str(), bar.c_str(), percent, b.settled,
                 b.rows, b.failed, b.pending);
    if (b.done()) std::fprintf(stderr, "\n");
    return;
  }
  if (!b.done() && now - self->state.last_line < s.line_interval) return;
  self->state.last_line = now;
  actor_log("ops.backfill")
    ->info("backfill {}..{}: {}% ({} of {} ledger rows settled, {} failed, {} degraded; {} work "
           "items queued)",
           s.first_date, s.last_date, percent, b.settled, b.rows, b.failed, b.degraded, b.pending);
}

// The end-of-run split by queue kind: the warehouse writer's seconds in each kind's commit
// jobs (courtside_phase_duration_seconds, recorded by the queue workers). Printed whatever the
// log level: it is the backfill's result, like the progress bar.
void print_time_by_kind() {
  double total = 0;
  std::fprintf(stderr, "backfill: warehouse time by queue kind (commit jobs, incl. deferrals)\n");
  metrics::engine().phase_duration.for_each_visible(
    [&](const metrics::label_values& kind, const metrics::histogram& h) {
      const auto s = h.read();
      total += s.sum;
      std::fprintf(stderr, "  %-22s %9.3f s %7llu commits\n", kind.empty() ? "" : kind[0].c_str(),
                   s.sum, static_cast<unsigned long long>(s.count));
    });
  std::fprintf(stderr, "  %-22s %9.3f s\n", "total", total);
}

store::db_job_ptr progress_job(const backfill_settings& s, bool plan,
                               std::shared_ptr<backfill_summary> out) {
  return store::make_job("backfill progress", [=](storage::database& db) -> storage::storage_status {
    if (plan)
      for (const auto& date : date_range(s.first_date, s.last_date))
        if (auto planned = plan_date(db, date, s.max_attempts, s.wall_clock()); !planned) return planned;
    auto rows = storage::ledger_rows_between(db, s.first_date, s.last_date);
    if (!rows) return rows.error();
    for (const auto& row : rows.value()) {
      ++out->rows;
      const auto st = row.state;
      if (st == output_state::complete || st == output_state::empty_ok ||
          st == output_state::degraded || st == output_state::failed)
        ++out->settled;
      out->failed += st == output_state::failed;
      out->degraded += st == output_state::degraded;
    }
    auto pending = db.prepare("SELECT count(*) FROM work_queue WHERE state IN ('ready', 'leased')",
                              "backfill: count pending work_queue");
    if (!pending) return pending.error();
    auto row = pending.value().step();
    if (!row) return row.error();
    out->pending = static_cast<int>(pending.value().column_int64(0));
    pending.value().reset();
    return {};
  });
}

caf::behavior backfill(backfill_actor* self, std::string path, backfill_settings settings) {
  crash_on_exception(self);
  auto log = actor_log(path);
  self->send(self, poll_atom::value);
  return {
    [=](poll_atom) {
      auto root = caf::actor_cast<caf::actor>(self->system().registry().get(root_registry_key));
      auto summary = std::make_shared<backfill_summary>();
      const bool plan = !self->state.planned;
      if (root)
        self
          ->request(root, std::chrono::seconds{60}, route_atom::value,
                    std::string{store::warehouse_path},
                    caf::make_message(store::db_atom::value, progress_job(settings, plan, summary)))
          .then(
            [=](const store::db_reply& r) {
              if (!*r) {
                log->warn("backfill: {}", r->error().describe());
                return;
              }
              self->state.planned = true;
              report(self, settings, *summary);
              if (summary->done() && !self->state.finished) {
                self->state.finished = true;
                print_time_by_kind();
                if (settings.on_done) settings.on_done(*summary);
                if (settings.stop_engine_when_done && root)
                  self->send_exit(root, caf::exit_reason::user_shutdown);
              }
            },
            [=](const caf::error& e) { log->warn("backfill: {}", describe_reason(e)); });
      if (!self->state.finished) self->delayed_send(self, settings.poll_interval, poll_atom::value);
    },
  };
}

} // namespace

std::vector<std::string> date_range(const std::string& first, const std::string& last) {
  auto a = day_number(first), b = day_number(last);
  std::vector<std::string> out;
  if (!a || !b || *a > *b) return out;
  for (auto day = *a; day <= *b; ++day) {
    auto c = schedule::civil_from_days(day);
    char buf[48]; // room for any int, so -O3 sees no truncation
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(c.year), c.month, c.day);
    out.emplace_back(buf);
  }
  return out;
}

child_spec backfill_child(backfill_settings settings) {
  child_spec c;
  c.name = "backfill";
  c.start = [settings = std::move(settings)](const child_context& ctx) {
    return ctx.parent->spawn(backfill, ctx.path, settings);
  };
  return c;
}

} // namespace courtside::pipeline
