#include "runtime/logging/log.hpp"

#include <ctime>
#include <mutex>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "runtime/logging/secret_redactor.hpp"

namespace courtside {
namespace {

struct logging_state {
  std::mutex mutex;
  secret_redactor redactor;
  log_output_format format = log_output_format::text;
  spdlog::level::level_enum level = spdlog::level::info;
  spdlog::sink_ptr sink; // shared by every actor's logger
};

logging_state& state() {
  static logging_state s;
  return s;
}

std::string iso_time(spdlog::log_clock::time_point t) {
  auto secs = spdlog::log_clock::to_time_t(t);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()) % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms.count()));
  return buf;
}

std::string_view level_name(spdlog::level::level_enum l) {
  switch (l) {
    case spdlog::level::trace: return "trace";
    case spdlog::level::debug: return "debug";
    case spdlog::level::info: return "info";
    case spdlog::level::warn: return "warn";
    case spdlog::level::err: return "error";
    case spdlog::level::critical: return "critical";
    default: return "off";
  }
}

// Formats a whole line and redacts it as a last step, so no field can leak a secret.
class line_formatter final : public spdlog::formatter {
public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    std::string_view name{msg.logger_name.data(), msg.logger_name.size()};
    std::string_view text{msg.payload.data(), msg.payload.size()};
    std::string_view level = level_name(msg.level);
    std::lock_guard<std::mutex> guard{state().mutex};
    std::string line;
    if (state().format == log_output_format::json) {
      line = "{\"ts\":\"" + iso_time(msg.time) + "\",\"level\":\"" + std::string{level} +
             "\",\"actor\":\"" + json_escape(name) +
             "\",\"msg\":\"" + json_escape(text) + "\"}";
    } else {
      std::string upper{level};
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      upper.resize(5, ' ');
      line = iso_time(msg.time) + " " + upper + " [" + std::string{name} + "] " +
             std::string{text};
    }
    line = state().redactor.redact(line);
    line += '\n';
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<line_formatter>();
  }
};

spdlog::sink_ptr shared_sink() {
  auto& s = state();
  if (!s.sink) {
    s.sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    s.sink->set_formatter(std::make_unique<line_formatter>());
  }
  return s.sink;
}

void use_sink(spdlog::sink_ptr sink) {
  auto& s = state();
  sink->set_formatter(std::make_unique<line_formatter>());
  s.sink = std::move(sink);
  spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& l) { l->sinks() = {s.sink}; });
}

} // namespace

void init_logging(const log_options& opts) {
  auto& s = state();
  std::lock_guard<std::mutex> guard{s.mutex};
  s.format = opts.format;
  s.level = opts.level;
  s.redactor = secret_redactor{};
  for (const auto& secret : opts.secrets) s.redactor.add(secret);
  if (opts.sink)
    use_sink(opts.sink);
  else
    shared_sink();
  spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& l) { l->set_level(opts.level); });
}

void add_log_secret(std::string secret) {
  auto& s = state();
  std::lock_guard<std::mutex> guard{s.mutex};
  s.redactor.add(std::move(secret));
}

std::shared_ptr<spdlog::logger> actor_log(std::string_view actor) {
  auto& s = state();
  std::lock_guard<std::mutex> guard{s.mutex};
  std::string name{actor};
  if (auto existing = spdlog::get(name)) return existing;
  auto logger = std::make_shared<spdlog::logger>(name, shared_sink());
  logger->set_level(s.level);
  logger->flush_on(spdlog::level::trace);
  spdlog::register_logger(logger);
  return logger;
}

std::string json_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

} // namespace courtside
