#pragma once
// Helpers for the config specs: a fake environment and short ways to load text.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "config/loader.hpp"

namespace courtside::config::testing {

/// An environment holding exactly `vars`.
inline env_lookup fake_env(std::map<std::string, std::string> vars = {}) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto found = vars.find(std::string{name});
    if (found == vars.end()) return std::nullopt;
    return found->second;
  };
}

/// Loads `text` as "test.toml" with an empty (or given) environment.
inline load_result load(std::string_view text, const env_lookup& env = fake_env()) {
  return load_string(text, "test.toml", env);
}

/// All errors, one per line, for failure messages.
inline std::string describe(const load_result& result) {
  std::string out;
  for (const auto& error : result.errors) out += error.to_string() + "\n";
  return out;
}

/// The only error of `result`; fails the test when there is not exactly one.
#define REQUIRE_SINGLE_ERROR(result)                                                               \
  do {                                                                                             \
    INFO(::courtside::config::testing::describe(result));                                          \
    REQUIRE((result).errors.size() == 1);                                                          \
    REQUIRE_FALSE((result).config.has_value());                                                    \
  } while (false)

} // namespace courtside::config::testing
