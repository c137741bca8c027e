#include "runtime/app/smoke_test.hpp"

#include <cstdio>
#include <ostream>
#include <vector>

#include "actors/orchestrators/backfill.hpp"
#include "actors/orchestrators/output_check.hpp"
#include "runtime/storage/database.hpp"
#include "runtime/storage/tables.hpp"

namespace courtside::app {
namespace {

using storage::pipeline_phase;

constexpr pipeline_phase checked_phases[] = {pipeline_phase::raw, pipeline_phase::analytics,
                                             pipeline_phase::precompute,
                                             pipeline_phase::predictions, pipeline_phase::publish};

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
      auto v = pipeline::check_output(db.value(), date, phase);
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
