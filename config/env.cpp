#include "config/env.hpp"

#include <cstdlib>

namespace courtside::config {
namespace {

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

bool is_variable_name(std::string_view name) {
  if (name.empty() || !is_name_start(name.front())) return false;
  for (char c : name)
    if (!is_name_char(c)) return false;
  return true;
}

// Resolves the body of one "${...}" (without the braces) into `out`.
void expand(std::string_view body, std::size_t offset, const env_lookup& env,
            interpolation_result& out) {
  auto separator = body.find(":-");
  auto name = body.substr(0, separator);
  if (!is_variable_name(name)) {
    out.errors.push_back({interpolation_error::kind::invalid_name, std::string{name}, offset});
    return;
  }
  auto value = env(name);
  bool has_default = separator != std::string_view::npos;
  if (value && !(has_default && value->empty())) {
    out.value += *value;
  } else if (has_default) {
    out.value += body.substr(separator + 2);
  } else {
    out.errors.push_back({interpolation_error::kind::unset_variable, std::string{name}, offset});
  }
}

} // namespace

env_lookup process_env() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string{name}.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string{value};
  };
}

std::string interpolation_error::describe() const {
  switch (what) {
    case kind::unset_variable:
      return "environment variable " + variable + " is not set (write ${" + variable +
             ":-default} to give a default)";
    case kind::unterminated:
      return "unterminated \"${\": close it with '}', or write \"$$\" for a literal '$'";
    case kind::invalid_name:
      return "\"${" + variable +
             "}\" does not name an environment variable ([A-Za-z_][A-Za-z0-9_]*)";
  }
  return "bad interpolation";
}

interpolation_result interpolate(std::string_view text, const env_lookup& env) {
  interpolation_result out;
  std::size_t i = 0;
  while (i < text.size()) {
    bool dollar = text[i] == '$';
    char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (!dollar || (next != '$' && next != '{')) {
      out.value += text[i++];
      continue;
    }
    if (next == '$') {
      out.value += '$';
      i += 2;
      continue;
    }
    auto close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      out.errors.push_back({interpolation_error::kind::unterminated, {}, i});
      break;
    }
    expand(text.substr(i + 2, close - i - 2), i, env, out);
    i = close + 1;
  }
  return out;
}

} // namespace courtside::config
