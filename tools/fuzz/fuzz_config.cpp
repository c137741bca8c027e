// libFuzzer target: the config loader on TOML text (config/loader.hpp load_string), with a
// fixed fake environment: the process environment is never read, and a ${VAR} of a variable
// the fake does not know must come back as an error, never as a crash or a silent "".
//
// Invariants: a config comes back exactly when there are no errors; errors are sorted by
// position, name the source and say something; an error at a secret key never quotes the
// secret; a loaded config renders (render_redacted) to TOML that loads again, failing at
// most on the "<redacted>" secrets, and that renders back to the same text.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/loader.hpp"
#include "tools/fuzz/fuzz_check.hpp"

namespace {

using namespace courtside::config;

constexpr std::string_view source_name = "fuzz.toml";
constexpr std::string_view secret_marker = "SECRETMARKER";

// The variables config/production.toml names, plus an empty one; everything else is unset.
std::optional<std::string> fake_env(std::string_view name) {
  if (name == "BALLDONTLIE_API_KEY") return "SECRETMARKER-bdl-key";
  if (name == "ODDS_API_KEY") return "SECRETMARKER-odds-key";
  if (name == "COURTSIDE_API_TOKEN") return "SECRETMARKER-token";
  if (name == "SLACK_WEBHOOK_URL") return "https://hooks.slack.com/services/T0/B0/SECRETMARKER";
  if (name == "EMPTY") return std::string{};
  return std::nullopt;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool names_secret(std::string_view key_path) {
  return key_path == "http.token" || ends_with(key_path, ".api_key")
         || ends_with(key_path, ".webhook_url");
}

void check_errors(const load_result& result) {
  FUZZ_CHECK(result.config.has_value() == result.errors.empty());
  for (std::size_t i = 0; i < result.errors.size(); ++i) {
    const config_error& e = result.errors[i];
    FUZZ_CHECK(e.file == source_name);
    FUZZ_CHECK(!e.message.empty());
    FUZZ_CHECK(!e.to_string().empty());
    if (names_secret(e.key_path))
      FUZZ_CHECK(e.message.find(secret_marker) == std::string::npos);
    if (i > 0) {
      const config_error& before = result.errors[i - 1];
      FUZZ_CHECK(before.line < e.line || (before.line == e.line && before.column <= e.column));
    }
  }
}

void check_round_trip(const engine_config& config, const env_lookup& env) {
  const std::string rendered = render_redacted(config);
  for (const std::string& value : secret_values(config))
    FUZZ_CHECK(!value.empty());
  const load_result again = load_string(rendered, source_name, env);
  check_errors(again);
  if (!again.config) {
    for (const config_error& e : again.errors)
      FUZZ_CHECK(names_secret(e.key_path));
    return;
  }
  FUZZ_CHECK(render_redacted(*again.config) == rendered);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const env_lookup env = fake_env;
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  const load_result result = load_string(text, source_name, env);
  check_errors(result);
  if (result.config)
    check_round_trip(*result.config, env);
  return 0;
}
