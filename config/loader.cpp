#include "config/loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/document.hpp"
#include "config/sections.hpp"

namespace courtside::config {

std::string config_error::to_string() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  out += ": ";
  if (!key_path.empty()) out += key_path + ": ";
  return out + message;
}

load_result load_string(std::string_view text, std::string_view source_name,
                        const env_lookup& env) {
  load_result result;
  auto document = parse_document(text, source_name);
  if (document.error) {
    result.errors.push_back(std::move(*document.error));
    return result;
  }
  read_context context{std::string{source_name}, env, {}};
  engine_config config = read_engine_config(*document.root, context);
  result.errors = std::move(context.errors);
  // Sections are read in schema order; operators fix files top to bottom.
  std::stable_sort(result.errors.begin(), result.errors.end(),
                   [](const config_error& a, const config_error& b) {
                     return a.line != b.line ? a.line < b.line : a.column < b.column;
                   });
  if (result.errors.empty()) result.config = std::move(config);
  return result;
}

namespace {

load_result unreadable(const std::string& path, const std::string& reason) {
  load_result result;
  result.errors.push_back(
      {path, 0, 0, {}, "cannot read config file: " + reason, config_error_kind::unreadable});
  return result;
}

} // namespace

load_result load_file(const std::string& path, const env_lookup& env) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return unreadable(path, "it is a directory");
  errno = 0;
  std::ifstream file{path, std::ios::binary};
  if (!file) return unreadable(path, errno != 0 ? std::strerror(errno) : "cannot open");
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) return unreadable(path, "read error");
  return load_string(text.str(), path, env);
}

load_result load_embedded_demo(const env_lookup& env) {
  return load_string(embedded_demo_config(), "config/demo.toml (embedded)", env);
}

} // namespace courtside::config
