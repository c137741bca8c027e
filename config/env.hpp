#pragma once
// Environment lookups and ${VAR} interpolation for config string values. Pure apart from
// process_env(), which is the only function here that reads the real environment.
//
// Grammar, inside any TOML string value:
//   ${NAME}          the variable's value; an error when it is unset (set but empty is "").
//   ${NAME:-text}    the variable's value, or `text` when it is unset or empty (shell :- rules);
//                    `text` is literal up to the first '}'.
//   $$               a literal '$'.
//   $ + other        a literal '$' (so "pa$word" needs no escaping).
// NAME is [A-Za-z_][A-Za-z0-9_]*.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::config {

/// Looks up one environment variable; std::nullopt when unset. Tests pass a fake.
using env_lookup = std::function<std::optional<std::string>(std::string_view name)>;

/// The real process environment (getenv).
[[nodiscard]] env_lookup process_env();

/// One failed ${...} in a string.
struct interpolation_error {
  enum class kind {
    unset_variable, ///< ${NAME} without a default, and NAME is not set.
    unterminated,   ///< "${" with no closing '}'.
    invalid_name,   ///< The text between ${ and } (or :-) is not a variable name.
  };
  kind what = kind::unset_variable;
  std::string variable;   ///< The name (or the bad text) involved.
  std::size_t offset = 0; ///< Where the "${" starts in the raw string.

  /// A sentence for config_error::message, e.g. "environment variable X is not set".
  [[nodiscard]] std::string describe() const;
};

struct interpolation_result {
  std::string value;                       ///< Meaningful only when errors is empty.
  std::vector<interpolation_error> errors; ///< Every failure in the string, in order.
};

[[nodiscard]] interpolation_result interpolate(std::string_view text, const env_lookup& env);

} // namespace courtside::config
