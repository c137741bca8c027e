// render_redacted and secret_values: the config as an operator sees it, secrets hidden.
#include <algorithm>
#include <cstdio>

#include "config/loader.hpp"
#include "config/value_checks.hpp"
#include "runtime/time/duration.hpp"

namespace courtside::config {
namespace {

constexpr const char* redacted = "<redacted>";

// A TOML basic string. '$' is doubled because the loader interpolates every string it reads.
std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '$': out += "$$"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
          out += escape;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// TOML needs a '.' (or exponent) to read a number back as a float rather than an integer.
std::string toml_float(double value) {
  std::string text = format_number(value);
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

class toml_writer {
public:
  void header(const std::string& name) { out_ += (out_.empty() ? "[" : "\n[") + name + "]\n"; }
  void array_header(const std::string& name) { out_ += "\n[[" + name + "]]\n"; }
  void text(const char* key, std::string_view value) { line(key, toml_string(value)); }
  void duration(const char* key, milliseconds value) { text(key, format_duration(value)); }
  void number(const char* key, double value) { line(key, toml_float(value)); }
  void integer(const char* key, long long value) { line(key, std::to_string(value)); }
  void integer(const char* key, unsigned long long value) { line(key, std::to_string(value)); }
  void boolean(const char* key, bool value) { line(key, value ? "true" : "false"); }
  void hidden(const char* key, const secret& value) {
    if (!value.empty()) text(key, redacted);
  }
  [[nodiscard]] std::string take() { return std::move(out_); }

private:
  void line(const char* key, const std::string& value) {
    out_ += std::string{key} + " = " + value + "\n";
  }
  std::string out_;
};

void write_sections(toml_writer& w, const engine_config& c) {
  w.header("engine");
  w.text("name", c.engine.name);
  w.text("data_dir", c.engine.data_dir);
  w.text("time_zone", c.engine.time_zone);
  w.text("log_level", to_string(c.engine.log_level));
  w.text("log_format", to_string(c.engine.log_format));
  w.duration("status_interval", c.engine.status_interval);
  if (!c.engine.clock_start.empty()) {
    w.text("clock_start", c.engine.clock_start);
    w.number("clock_speed", c.engine.clock_speed);
  }

  const auto& s = c.supervision;
  w.header("supervision");
  w.duration("backoff_min", s.backoff_min);
  w.duration("backoff_max", s.backoff_max);
  w.number("backoff_multiplier", s.backoff_multiplier);
  w.number("backoff_jitter", s.backoff_jitter);
  w.duration("stable_period", s.stable_period);
  w.integer("max_restarts", static_cast<long long>(s.max_restarts));
  w.duration("restart_window", s.restart_window);
  w.duration("shutdown_timeout", s.shutdown_timeout);
  w.integer("buffer_capacity", static_cast<unsigned long long>(s.buffer_capacity));
  w.integer("seed", static_cast<unsigned long long>(s.seed));

  w.header("http");
  w.text("bind", c.http.bind);
  w.integer("port", static_cast<long long>(c.http.port));
  w.hidden("token", c.http.token);
}

void write_named_tables(toml_writer& w, const engine_config& c) {
  for (const auto& s : c.sources) {
    w.header("sources." + s.name);
    w.text("kind", to_string(s.kind));
    w.text("base_url", s.base_url);
    w.hidden("api_key", s.api_key);
    w.integer("requests_per_minute", static_cast<long long>(s.requests_per_minute));
    w.integer("concurrency", static_cast<long long>(s.concurrency));
    w.duration("timeout", s.timeout);
    w.integer("max_attempts", static_cast<long long>(s.max_attempts));
    w.boolean("enabled", s.enabled);
  }
  for (const auto& n : c.notifiers) {
    w.header("notifiers." + n.name);
    w.text("kind", to_string(n.kind));
    w.hidden("webhook_url", n.webhook_url);
    if (n.channel) w.text("channel", *n.channel);
    w.duration("min_interval", n.min_interval);
    w.boolean("enabled", n.enabled);
  }
  for (const auto& j : c.jobs) {
    w.header("jobs." + j.name);
    w.text("schedule", j.schedule);
    w.duration("timeout", j.timeout);
    w.text("overlap", to_string(j.overlap));
    w.text("missed", to_string(j.missed));
    w.integer("retries", static_cast<long long>(j.retries));
    w.duration("retry_backoff", j.retry_backoff);
    w.integer("pause_after", static_cast<long long>(j.pause_after));
    w.boolean("enabled", j.enabled);
  }
}

} // namespace

std::string render_redacted(const engine_config& config) {
  toml_writer w;
  write_sections(w, config);
  write_named_tables(w, config);
  w.header("pipeline");
  w.number("completeness_threshold", config.pipeline.completeness_threshold);
  w.duration("not_final_recheck", config.pipeline.not_final_recheck);
  for (const auto& tier : config.pipeline.completeness_tiers) {
    w.array_header("pipeline.completeness_tiers");
    w.duration("after", tier.after);
    w.number("threshold", tier.threshold);
  }
  for (const auto& fault : config.faults.crash) {
    w.array_header("faults.crash");
    w.text("target", fault.target);
    w.duration("every", fault.every);
    w.integer("times", static_cast<long long>(fault.times));
    w.duration("start_after", fault.start_after);
  }
  return "# courtside configuration as resolved; secrets are shown as \"<redacted>\".\n\n" +
         w.take();
}

std::vector<std::string> secret_values(const engine_config& config) {
  std::vector<std::string> out;
  auto add = [&](const secret& value) {
    if (!value.empty() && std::find(out.begin(), out.end(), value.reveal()) == out.end())
      out.push_back(value.reveal());
  };
  add(config.http.token);
  for (const auto& source : config.sources) add(source.api_key);
  for (const auto& notifier : config.notifiers) add(notifier.webhook_url);
  return out;
}

} // namespace courtside::config
