#include "runtime/app/smoke_test.hpp"

#include <cstdio>
#include <ostream>
#include <vector>

#include "actors/orchestrators/backfill.hpp"
#include "runtime/storage/database.hpp"
#include "runtime/storage/ledger.hpp"
#include "runtime/storage/tables.hpp"

namespace courtside::app {
namespace {

using storage::output_state;
using storage::pipeline_phase;

constexpr pipeline_phase checked_phases[] = {pipeline_phase::raw, pipeline_phase::analytics,
                                             pipeline_phase::precompute,
                                             pipeline_phase::predictions, pipeline_phase::publish};

// The table whose rows prove a phase ran for a date.
const storage::table_declaration* primary_output(pipeline_phase phase) {
  for (const auto* t : storage::tables_of_phase(phase))
    if (t->date_kind == storage::date_format::calendar_date) return t;
  return nullptr;
}

struct verdict {
  bool pass = false;
  std::string why;
};

storage::storage_result<verdict> check(storage::database& db, const std::string& date,
                                       pipeline_phase phase) {
  // One ledger row per date and phase (its output names the grid's cell).
  auto st = db.prepare("SELECT state, reason FROM expected_outputs WHERE game_date = ?1 AND phase = ?2",
                       "smoke_test: SELECT expected_outputs");
  if (!st) return st.error();
  st.value().bind_text(1, date).bind_text(2, storage::to_string(phase));
  auto found = st.value().step();
  if (!found) return found.error();
  if (!found.value()) return verdict{false, "not planned"};
  const auto state = storage::parse_output_state(st.value().column_text(0));
  const std::string reason = st.value().column_text(1);
  st.value().reset();
  if (!state) return verdict{false, "unknown ledger state"};
  if (*state == output_state::empty_ok) return verdict{true, "no games"};
  if (*state == output_state::degraded) return verdict{true, "degraded: " + reason};
  if (*state != output_state::complete)
    return verdict{false, std::string{storage::to_string(*state)} + (reason.empty() ? "" : ": " + reason)};
  const auto* table = primary_output(phase);
  if (table == nullptr) return verdict{true, ""};
  auto rows = db.prepare("SELECT count(*) FROM " + std::string{table->name} + " WHERE " +
                           std::string{table->date_column} + " = ?1",
                         "smoke_test: count " + std::string{table->name});
  if (!rows) return rows.error();
  rows.value().bind_text(1, date);
  auto counted = rows.value().step();
  if (!counted) return counted.error();
  const auto n = rows.value().column_int64(0);
  rows.value().reset();
  if (n == 0) return verdict{false, "ledger COMPLETE but " + std::string{table->name} + " has no rows"};
  return verdict{true, ""};
}

} // namespace

int run_smoke_test(const std::string& warehouse_file, const std::string& range,
                   std::ostream& out, std::ostream& err) {
  const auto dots = range.find("..");
  const std::string first = range.substr(0, dots);
  const std::string last = dots == std::string::npos ? first : range.substr(dots + 2);
  const auto dates = pipeline::date_range(first, last);
  if (dates.empty()) {
    err << "smoke-test: '" << range << "' is not a date YYYY-MM-DD or a range D1..D2\n";
    return 2;
  }
  auto db = storage::database::open({warehouse_file, std::chrono::milliseconds{5000}, true});
  if (!db) {
    err << "smoke-test: " << db.error().describe() << '\n';
    return 2;
  }
  int failed = 0;
  std::vector<std::string> notes;
  char line[160];
  std::snprintf(line, sizeof line, "%-10s  %-5s %-9s %-10s %-11s %-7s\n", "date", "raw",
                "analytics", "precompute", "predictions", "publish");
  out << line;
  for (const auto& date : dates) {
    out << date << "  ";
    const int widths[] = {5, 9, 10, 11, 7};
    int column = 0;
    for (auto phase : checked_phases) {
      auto v = check(db.value(), date, phase);
      if (!v) {
        err << "smoke-test: " << v.error().describe() << '\n';
        return 2;
      }
      std::snprintf(line, sizeof line, "%-*s ", widths[column++], v.value().pass ? "PASS" : "FAIL");
      out << line;
      if (!v.value().pass) {
        ++failed;
        notes.push_back(date + " " + storage::to_string(phase) + ": " + v.value().why);
      }
    }
    out << '\n';
  }
  for (const auto& n : notes) out << "FAIL " << n << '\n';
  out << dates.size() << " dates, " << failed << (failed == 1 ? " phase" : " phases") << " failed\n";
  return failed == 0 ? 0 : 1;
}

} // namespace courtside::app
