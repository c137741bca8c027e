#pragma once
// Engine logging on spdlog: one logger per actor name sharing one sink, human-readable text
// or one JSON object per line, and every line passed through the secret redactor.
//
//   text: 2026-11-28T17:40:01.123Z INFO  [ops.heartbeat] tree: 9 running, 2 restarts
//   json: {"ts":"2026-11-28T17:40:01.123Z","level":"info","actor":"ops.heartbeat","msg":"..."}
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/common.h>
#include <spdlog/logger.h>

namespace courtside {

enum class log_output_format { text, json };

struct log_options {
  spdlog::level::level_enum level = spdlog::level::info;
  log_output_format format = log_output_format::text;
  std::vector<std::string> secrets; ///< values masked in every line
  spdlog::sink_ptr sink;            ///< where lines go; null = stderr
};

/// Sets up the shared stderr sink. Call once at start-up; later calls replace the settings.
void init_logging(const log_options& opts);

/// Also masks `secret` from now on (e.g. a token learned after start-up).
void add_log_secret(std::string secret);

/// The logger that prefixes lines with `actor` (a path like "ops.heartbeat" or "engine").
[[nodiscard]] std::shared_ptr<spdlog::logger> actor_log(std::string_view actor);

/// Escapes a string for a JSON string literal (without the quotes).
[[nodiscard]] std::string json_escape(std::string_view text);

} // namespace courtside
