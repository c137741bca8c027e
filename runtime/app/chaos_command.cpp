#include "runtime/app/chaos_command.hpp"

#include <chrono>
#include <fstream>
#include <ostream>
#include <unistd.h>

#include "runtime/app/chaos/chaos_run.hpp"

namespace courtside::app {

int run_chaos_command(const config::engine_config& cfg, const chaos_request& request, std::ostream& out,
                      std::ostream& err) {
  chaos::chaos_settings s;
  s.config = cfg;
  s.config_name = request.config_name;
  s.first_date = request.from;
  s.days = request.days;
  s.keep_reference = request.keep_reference;
  s.work_dir = request.work_dir.empty()
                 ? std::filesystem::temp_directory_path() / ("courtside-chaos-" + std::to_string(::getpid()))
                 : std::filesystem::path{request.work_dir};
  std::error_code ec;
  std::filesystem::create_directories(s.work_dir, ec);
  if (ec) {
    err << "chaos: cannot create " << s.work_dir.string() << ": " << ec.message() << '\n';
    return 2;
  }
  chaos::chaos_runner runner{s};
  std::vector<chaos::chaos_report> reports;
  int failed = 0;
  const auto started = std::chrono::steady_clock::now();
  for (auto seed = request.first_seed; seed <= request.last_seed; ++seed) {
    reports.push_back(runner.run_seed(seed));
    out << chaos::render_text(reports.back()) << std::flush;
    if (!reports.back().passed()) ++failed;
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  out << reports.size() << " seeds, " << failed << " with violations, " << static_cast<int>(took.count())
      << " s\n";
  if (request.work_dir.empty()) std::filesystem::remove_all(s.work_dir, ec);
  if (!request.report_file.empty()) {
    std::ofstream file{request.report_file};
    file << chaos::render_json(reports) << '\n';
    if (!file) {
      err << "chaos: cannot write " << request.report_file << '\n';
      return 2;
    }
  }
  return failed == 0 ? 0 : 1;
}

} // namespace courtside::app
