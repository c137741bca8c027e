#pragma once
// Loading a config: TOML text -> ${VAR} interpolation -> typed, validated engine_config.
// Every problem in the file is collected (not just the first) as a config_error with
// file:line:col and the dotted key path; a config comes back only when there are none.
// Unknown keys are errors, so a typo never silently falls back to a default.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_error.hpp"
#include "config/env.hpp"
#include "config/schema.hpp"

namespace courtside::config {

struct load_result {
  std::optional<engine_config> config; ///< Set exactly when errors is empty.
  std::vector<config_error> errors;    ///< Sorted by line and column.
};

/// Reads and loads the file at `path`; a missing or unreadable file is an error naming it.
[[nodiscard]] load_result load_file(const std::string& path, const env_lookup& env = process_env());

/// Loads TOML text; `source_name` is what errors call the file.
[[nodiscard]] load_result load_string(std::string_view text, std::string_view source_name,
                                      const env_lookup& env = process_env());

/// The text of config/demo.toml as it was when this binary was built.
[[nodiscard]] std::string embedded_demo_config();

/// Loads embedded_demo_config(), naming it "config/demo.toml (embedded)" in errors.
[[nodiscard]] load_result load_embedded_demo(const env_lookup& env = process_env());

/// The resolved config as TOML text that load_string accepts, each secret shown as
/// "<redacted>" (`courtside check-config` prints this). A '$' in a value is written "$$".
[[nodiscard]] std::string render_redacted(const engine_config& config);

/// Every non-empty secret value (API keys, webhook URLs, token), without duplicates, for the
/// log redactor to register.
[[nodiscard]] std::vector<std::string> secret_values(const engine_config& config);

} // namespace courtside::config
