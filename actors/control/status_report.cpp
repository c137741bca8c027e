#include "actors/control/status_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "actors/control/json_writer.hpp"
#include "actors/control/control_routes.hpp"
#include "runtime/schedule/civil_time.hpp"
#include "runtime/storage/tables.hpp"

namespace courtside::control {
namespace {

// Higher = worse; the cell shows its worst output.
int severity(const std::string& state) {
  static const std::map<std::string, int> order{
    {"COMPLETE", 0}, {"EMPTY_OK", 1}, {"RUNNING", 2}, {"EXPECTED", 3},
    {"DEGRADED", 4}, {"BLOCKED", 5}, {"FAILED", 6}};
  auto it = order.find(state);
  return it == order.end() ? 3 : it->second;
}

const char* const all_ledger_states[] = {"EXPECTED", "RUNNING", "COMPLETE", "EMPTY_OK",
                                         "DEGRADED", "BLOCKED", "FAILED"};

void write_tree(json_writer& w, const std::vector<tree_node_status>& nodes) {
  w.begin_array();
  for (const auto& n : nodes) {
    const auto dot = n.path.rfind('.');
    w.begin_object()
      .field("path", n.path)
      .field("name", dot == std::string::npos ? n.path : n.path.substr(dot + 1))
      .field("depth", static_cast<int>(std::count(n.path.begin(), n.path.end(), '.')))
      .field("state", n.state)
      .field("restarts", n.restarts)
      .field("pending_delay_ms", static_cast<std::int64_t>(n.pending_delay_ms))
      .field("last_reason", n.last_reason)
      .field("is_supervisor", n.is_supervisor)
      .end_object();
  }
  w.end_array();
}

void write_alert(json_writer& w, const alert_row& a) {
  w.begin_object()
    .field("id", a.id)
    .field("severity", a.severity)
    .field("title", a.title)
    .field("state", a.state)
    .field("attempts", a.attempts)
    .field("created_at", a.created_at)
    .field("sent_at", a.sent_at)
    .end_object();
}

void write_ledger_row(json_writer& w, const storage::ledger_row& r) {
  w.begin_object()
    .field("date", r.key.game_date)
    .field("phase", r.key.phase)
    .field("output", r.key.output)
    .field("state", storage::to_string(r.state))
    .field("reason", r.reason)
    .field("attempts", r.attempts)
    .field("expected_by", r.expected_by)
    .field("updated_at", r.updated_at)
    .end_object();
}

void write_grid(json_writer& w, const ledger_grid& g) {
  w.begin_object().key("phases").begin_array();
  for (const auto& p : g.phases) w.value(p);
  w.end_array().key("rows").begin_array();
  for (size_t d = 0; d < g.dates.size(); ++d) {
    w.begin_object().field("date", g.dates[d]).key("cells").begin_array();
    for (const auto& c : g.cells[d]) {
      w.begin_object()
        .field("state", c.state)
        .field("outputs", c.outputs)
        .field("finished", c.finished)
        .field("reason", c.reason)
        .end_object();
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();
}

void write_jobs(json_writer& w, const status_inputs& in) {
  std::map<std::string, const job_run_row*> last;
  if (in.warehouse)
    for (const auto& r : in.warehouse->last_runs) last[r.job] = &r;
  std::set<std::string> names;
  for (const auto& s : in.schedules) names.insert(s.name);
  for (const auto& [name, run] : last) names.insert(name);
  w.begin_array();
  for (const auto& name : names) {
    w.begin_object().field("name", name);
    auto sched = std::find_if(in.schedules.begin(), in.schedules.end(),
                              [&](const job_schedule& s) { return s.name == name; });
    if (sched != in.schedules.end())
      w.field("schedule", sched->schedule).field("enabled", sched->enabled)
        .field("next_fire", sched->next_fire);
    else
      w.field("schedule", "").field("enabled", false).key("next_fire").null();
    w.key("last_run");
    if (auto it = last.find(name); it != last.end()) {
      const auto& r = *it->second;
      w.begin_object()
        .field("scheduled_at", r.scheduled_at)
        .field("started_at", r.started_at)
        .field("finished_at", r.finished_at)
        .field("outcome", r.outcome)
        .field("detail", r.detail)
        .end_object();
    } else {
      w.null();
    }
    w.end_object();
  }
  w.end_array();
}

void write_counts(json_writer& w, const std::vector<state_count>& counts) {
  w.begin_object();
  for (const auto& c : counts) w.field(c.state, c.rows);
  w.end_object();
}

} // namespace

int phase_rank(const std::string& phase) {
  if (phase.size() == 6 && phase.compare(0, 5, "phase") == 0 && phase[5] >= '0' && phase[5] <= '9')
    return phase[5] - '0';
  if (auto p = storage::parse_pipeline_phase(phase)) return static_cast<int>(*p) + 2;
  return 100;
}

ledger_grid build_ledger_grid(const std::vector<storage::ledger_row>& rows,
                              const std::vector<std::string>& dates,
                              const std::vector<std::string>& always_phases) {
  ledger_grid g;
  g.dates = dates;
  std::set<std::string> phases(always_phases.begin(), always_phases.end());
  for (const auto& r : rows) phases.insert(r.key.phase);
  g.phases.assign(phases.begin(), phases.end());
  std::stable_sort(g.phases.begin(), g.phases.end(), [](const std::string& a, const std::string& b) {
    return phase_rank(a) != phase_rank(b) ? phase_rank(a) < phase_rank(b) : a < b;
  });
  g.cells.assign(dates.size(), std::vector<grid_cell>(g.phases.size()));
  for (const auto& r : rows) {
    auto d = std::find(dates.begin(), dates.end(), r.key.game_date);
    auto p = std::find(g.phases.begin(), g.phases.end(), r.key.phase);
    if (d == dates.end() || p == g.phases.end()) continue;
    auto& cell = g.cells[static_cast<size_t>(d - dates.begin())][static_cast<size_t>(p - g.phases.begin())];
    const std::string state = storage::to_string(r.state);
    ++cell.outputs;
    if (r.state == storage::output_state::complete || r.state == storage::output_state::empty_ok)
      ++cell.finished;
    if (cell.state.empty() || severity(state) > severity(cell.state)) {
      cell.state = state;
      cell.reason = r.reason;
    } else if (state == cell.state && cell.reason.empty()) {
      cell.reason = r.reason;
    }
  }
  return g;
}

std::vector<std::string> last_dates(const std::string& today, int n) {
  std::vector<std::string> out;
  if (!valid_date(today)) return out;
  const int64_t y = std::stoll(today.substr(0, 4));
  const int m = std::stoi(today.substr(5, 2)), d = std::stoi(today.substr(8, 2));
  const int64_t day0 = schedule::days_from_civil(y, m, d);
  for (int i = 0; i < n; ++i) {
    const auto c = schedule::civil_from_days(day0 - i);
    char buf[48]; // room for any int, so -O3 sees no truncation
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(c.year), c.month, c.day);
    out.emplace_back(buf);
  }
  return out;
}

std::string date_of(storage::unix_ms at, int utc_offset_minutes) {
  const int64_t secs = schedule::floor_div(at, 1000) + int64_t{utc_offset_minutes} * 60;
  const auto c = schedule::civil_from_days(schedule::floor_div(secs, schedule::seconds_per_day));
  char buf[48]; // room for any int, so -O3 sees no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(c.year), c.month, c.day);
  return buf;
}

std::string render_status_json(const status_inputs& in) {
  json_writer w;
  w.begin_object().field("engine", in.engine_name).field("now", in.now)
    .field("actions_enabled", in.actions_enabled);
  w.key("tree");
  if (in.tree) write_tree(w, *in.tree);
  else w.null();
  w.field("tree_error", in.tree_error);
  w.field("warehouse_error", in.warehouse_error);
  const warehouse_overview* wh = in.warehouse ? &*in.warehouse : nullptr;
  w.key("breakers").begin_array();
  if (wh)
    for (const auto& b : wh->breakers)
      w.begin_object()
        .field("name", b.name)
        .field("state", b.state)
        .field("failures", b.failures)
        .field("opened_at", b.opened_at)
        .field("next_probe_at", b.next_probe_at)
        .field("reason", b.reason)
        .field("updated_at", b.updated_at)
        .end_object();
  w.end_array();
  w.key("jobs");
  write_jobs(w, in);
  w.key("queue").begin_array();
  if (wh)
    for (const auto& q : wh->queue)
      w.begin_object().field("kind", q.kind).field("state", q.state).field("items", q.items).end_object();
  w.end_array();
  w.key("ledger_states");
  write_counts(w, wh ? wh->ledger_states : std::vector<state_count>{});
  w.key("alert_states");
  write_counts(w, wh ? wh->alert_states : std::vector<state_count>{});
  w.key("alerts").begin_array();
  if (wh)
    for (const auto& a : wh->recent_alerts) write_alert(w, a);
  w.end_array();
  w.key("grid");
  write_grid(w, build_ledger_grid(wh ? wh->ledger : std::vector<storage::ledger_row>{}, in.dates,
                                  in.grid_phases));
  w.end_object();
  return w.take();
}

std::string render_date_json(const date_detail& d) {
  json_writer w;
  w.begin_object().field("date", d.date).key("ledger").begin_array();
  for (const auto& r : d.ledger) write_ledger_row(w, r);
  w.end_array().key("tables").begin_array();
  for (const auto& t : d.tables)
    w.begin_object().field("table", t.table).field("phase", t.phase).field("rows", t.rows).end_object();
  w.end_array().key("work").begin_array();
  for (const auto& i : d.work)
    w.begin_object()
      .field("id", i.id)
      .field("kind", i.kind)
      .field("key", i.item_key)
      .field("state", i.state)
      .field("attempts", i.attempts)
      .field("max_attempts", i.max_attempts)
      .field("last_error", i.last_error)
      .field("updated_at", i.updated_at)
      .end_object();
  w.end_array().key("alerts").begin_array();
  for (const auto& a : d.alerts) write_alert(w, a);
  w.end_array().end_object();
  return w.take();
}

double breaker_state_value(const std::string& state) {
  if (state == "closed") return 0;
  if (state == "half_open") return 1;
  if (state == "open") return 2;
  return -1;
}

void record_scrape_metrics(metrics::engine_metrics& m, const warehouse_overview* wh,
                           const std::vector<tree_node_status>* tree, storage::unix_ms now) {
  if (wh) {
    m.queue_depth.hide_all();
    for (const auto& q : wh->queue) m.queue_depth.with({q.kind, q.state}).set(static_cast<double>(q.items));
    m.queue_oldest_age.hide_all();
    for (const auto& o : wh->oldest)
      m.queue_oldest_age.with({o.kind}).set(std::max<double>(0, static_cast<double>(now - o.oldest_created_at) / 1000.0));
    // Every ledger state is always reported, so a state that drops to zero reads 0, not absent.
    for (const char* s : all_ledger_states) m.ledger_rows.with({s}).set(0);
    for (const auto& c : wh->ledger_states) m.ledger_rows.with({c.state}).set(static_cast<double>(c.rows));
    for (const char* s : {"pending", "sent", "dropped"}) m.alert_outbox.with({s}).set(0);
    for (const auto& c : wh->alert_states) m.alert_outbox.with({c.state}).set(static_cast<double>(c.rows));
    m.breaker_state.hide_all();
    for (const auto& b : wh->breakers) m.breaker_state.with({b.name}).set(breaker_state_value(b.state));
  }
  if (tree) {
    std::map<std::string, int> by_state{{"running", 0}, {"restarting", 0}, {"stopped", 0}, {"escalated", 0}};
    for (const auto& n : *tree) {
      ++by_state[n.state];
      m.actor_restarts.with({n.path}).mirror(n.restarts);
    }
    for (const auto& [state, count] : by_state) m.supervised_actors.with({state}).set(count);
  }
}

} // namespace courtside::control
