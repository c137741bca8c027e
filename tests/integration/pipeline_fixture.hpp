#pragma once
// Test support for pipeline runs of the real engine: a config pointing the NBA.com CDN and
// balldontlie sources at an upstream simulator, with a scratch warehouse.
#include <filesystem>
#include <fstream>
#include <string>

namespace courtside::testing {

/// Writes <dir>/<name>.toml: data under <dir>/data, sources at `base_url`, each request
/// allowed `timeout` and `max_attempts` tries; `engine_keys` go into [engine], `extra` is
/// appended verbatim (more sections).
inline std::string write_pipeline_config(const std::filesystem::path& dir, const std::string& name,
                                         const std::string& base_url, const std::string& timeout,
                                         int max_attempts, const std::string& extra = "",
                                         const std::string& engine_keys = "") {
  auto file = dir / (name + ".toml");
  std::ofstream out{file};
  out << "[engine]\n"
      << "data_dir = \"" << (dir / "data").string() << "\"\n"
      << "status_interval = \"2s\"\n"
      << engine_keys << "[supervision]\nbackoff_min = \"50ms\"\nbackoff_max = \"1s\"\n";
  for (const char* source : {"nba_cdn", "balldontlie"})
    out << "[sources." << source << "]\nkind = \"" << source << "\"\n"
        << "base_url = \"" << base_url << "/" << source << "\"\n"
        << "requests_per_minute = 60000\nconcurrency = 8\ntimeout = \"" << timeout << "\"\n"
        << "max_attempts = " << max_attempts << "\n";
  out << extra;
  return file.string();
}

} // namespace courtside::testing
