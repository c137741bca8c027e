#include "actors/control/readiness.hpp"

#include <exception>
#include <filesystem>

#include <unistd.h>

#include "actors/control/json_writer.hpp"
#include "runtime/storage/database.hpp"
#include "runtime/storage/migrations.hpp"

namespace courtside::control {

std::vector<readiness_failure> evaluate_readiness(const std::vector<readiness_check>& checks,
                                                  const readiness_input& in) {
  std::vector<readiness_failure> out;
  for (const auto& c : checks) {
    try {
      if (!c.probe) continue;
      if (auto reason = c.probe(in)) out.push_back({c.name, *reason});
    } catch (const std::exception& e) {
      out.push_back({c.name, std::string("check failed: ") + e.what()});
    } catch (...) {
      out.push_back({c.name, "check failed with an unknown exception"});
    }
  }
  return out;
}

std::string render_readiness_json(const std::vector<readiness_check>& checks,
                                  const std::vector<readiness_failure>& failures) {
  json_writer w;
  w.begin_object().field("ready", failures.empty()).key("checks").begin_array();
  for (const auto& c : checks) w.value(c.name);
  w.end_array().key("reasons").begin_array();
  for (const auto& f : failures)
    w.begin_object().field("check", f.check).field("reason", f.reason).end_object();
  w.end_array().end_object();
  return w.take();
}

readiness_check no_escalation_check() {
  return {"supervision", [](const readiness_input& in) -> std::optional<std::string> {
            if (!in.tree) return "supervision status unavailable (event bus did not answer)";
            for (const auto& n : *in.tree)
              if (n.state == "escalated")
                return "supervisor '" + n.path + "' escalated: " + n.last_reason;
            return std::nullopt;
          }};
}

readiness_check child_running_check(std::string name, std::string path) {
  return {name, [path](const readiness_input& in) -> std::optional<std::string> {
            if (!in.tree) return "supervision status unavailable (event bus did not answer)";
            for (const auto& n : *in.tree)
              if (n.path == path)
                return n.state == "running"
                         ? std::nullopt
                         : std::optional<std::string>{"'" + path + "' is " + n.state};
            return "'" + path + "' is not in the supervision tree";
          }};
}

readiness_check warehouse_writable_check(std::string path) {
  return {"warehouse", [path](const readiness_input&) -> std::optional<std::string> {
            namespace fs = std::filesystem;
            std::error_code ec;
            if (path.empty()) return "no warehouse configured";
            if (!fs::exists(path, ec)) return "warehouse '" + path + "' does not exist";
            auto dir = fs::path(path).parent_path();
            if (dir.empty()) dir = ".";
            if (::access(path.c_str(), W_OK) != 0 || ::access(dir.c_str(), W_OK) != 0)
              return "warehouse '" + path + "' or its folder is not writable";
            storage::database_options options;
            options.path = path;
            options.read_only = true;
            options.busy_timeout = std::chrono::milliseconds{500};
            auto db = storage::database::open(options);
            if (!db) return "warehouse: " + db.error().describe();
            auto version = storage::schema_version(db.value());
            if (!version) return "warehouse: " + version.error().describe();
            if (version.value() == 0) return "warehouse '" + path + "' is not migrated";
            return std::nullopt;
          }};
}

std::vector<readiness_check> standard_readiness_checks(std::string warehouse_path,
                                                       std::string scheduler_path) {
  std::vector<readiness_check> out{no_escalation_check(),
                                   warehouse_writable_check(std::move(warehouse_path))};
  if (!scheduler_path.empty())
    out.push_back(child_running_check("scheduler", std::move(scheduler_path)));
  return out;
}

} // namespace courtside::control
