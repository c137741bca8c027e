#pragma once
// One problem found while loading a config file, with where it is and what to do about it.
#include <string>

namespace courtside::config {

/// What kind of problem a config_error reports.
enum class config_error_kind {
  unreadable,    ///< The file is missing or cannot be read (line/column 0).
  syntax,        ///< Not valid TOML; toml++ stops at the first one, so it is the only error.
  unknown_key,   ///< A key or table the schema does not know (usually a typo).
  wrong_type,    ///< A value of the wrong TOML type (integer where a duration string belongs).
  invalid_value, ///< Right type, bad content: unknown enum value, malformed duration/URL/name.
  out_of_range,  ///< A number or duration outside its allowed range.
  missing_key,   ///< A required key is absent; points at the table that lacks it.
  environment,   ///< ${VAR} interpolation failed: unset variable, unterminated or bad name.
};

struct config_error {
  std::string file;     ///< Source name as given to the loader.
  int line = 0;         ///< 1-based; 0 when the problem has no position (unreadable file).
  int column = 0;       ///< 1-based; 0 when unknown.
  std::string key_path; ///< Dotted path such as "sources.bdl.timeout"; empty for file-level errors.
  std::string message;  ///< What is wrong and, when we can tell, what was meant.
  config_error_kind kind = config_error_kind::invalid_value;

  /// "file:line:col: key.path: message"; the position and key path are left out when unknown.
  [[nodiscard]] std::string to_string() const;
};

} // namespace courtside::config
