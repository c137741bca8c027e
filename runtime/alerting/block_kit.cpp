#include "runtime/alerting/block_kit.hpp"

#include <cstdio>
#include <vector>

#include "runtime/logging/log.hpp"

namespace courtside::alerting {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD"; // U+FFFD
constexpr std::string_view ellipsis = "\xE2\x80\xA6";    // U+2026

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not one (RFC 3629:
// no overlongs, no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;      // overlong
    else if (c == 0xED) hi = 0x9F; // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;      // overlong
    else if (c == 0xF4) hi = 0x8F; // above U+10FFFF
  } else
    return 0;
  if (i + n > s.size()) return 0;
  if (b(1) < lo || b(1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (b(k) < 0x80 || b(k) > 0xBF) return 0;
  return n;
}

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto n = utf8_sequence_length(text, i);
    if (n == 0) {
      out += replacement;
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

const char* emoji_of(const outgoing_message& m) {
  if (m.kind == message_kind::resolved) return ":white_check_mark:";
  switch (m.content.level) {
    case severity::info: return ":information_source:";
    case severity::warning: return ":warning:";
    case severity::error: return ":x:";
    case severity::critical: return ":rotating_light:";
  }
  return "";
}

std::string upper(std::string_view s) {
  std::string out{s};
  for (auto& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// mrkdwn text: escaped, then cut to `max` characters without leaving half an entity.
std::string mrkdwn(std::string_view text, std::size_t max) {
  auto out = truncate_chars(slack_escape(sanitize_utf8(text)), max);
  const auto amp = out.rfind('&');
  if (amp != std::string::npos && out.find(';', amp) == std::string::npos) {
    out.resize(amp);
    out = truncate_chars(out, max - 1) + std::string{ellipsis};
  }
  return out;
}

std::string text_object(const char* type, const std::string& text) {
  return std::string{"{\"type\":\""} + type + "\",\"text\":" + json_string(text) + "}";
}

std::string count_line(const outgoing_message& m) {
  switch (m.kind) {
    case message_kind::first: return "first occurrence";
    case message_kind::grouped: return std::to_string(m.count) + " occurrences since the last message";
    case message_kind::resolved:
      return m.count > 0 ? "resolved after " + std::to_string(m.count) + " more occurrences" : "resolved";
  }
  return "";
}

std::vector<std::string> field_cells(const alert& a) {
  std::vector<std::string> cells;
  auto add = [&](std::string_view name, std::string_view value) {
    if (cells.size() >= max_fields || value.empty()) return;
    cells.push_back(text_object("mrkdwn", mrkdwn("*" + std::string{name} + "*\n" + std::string{value},
                                                 field_max_chars)));
  };
  add("Severity", to_string(a.level));
  add("Date", a.date);
  add("Phase", a.phase);
  if (a.attempt > 0 && a.max_attempts > 0)
    add("Attempt", std::to_string(a.attempt) + " of " + std::to_string(a.max_attempts));
  for (const auto& f : a.fields) add(f.name, f.value);
  return cells;
}

} // namespace

const char* to_string(message_kind k) noexcept {
  switch (k) {
    case message_kind::first: return "first";
    case message_kind::grouped: return "grouped";
    case message_kind::resolved: return "resolved";
  }
  return "?";
}

std::string json_string(std::string_view text) {
  return '"' + json_escape(sanitize_utf8(text)) + '"';
}

std::string slack_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

std::string truncate_chars(std::string_view text, std::size_t max_chars) {
  if (max_chars == 0) return {};
  std::size_t chars = 0, i = 0, cut = 0;
  while (i < text.size()) {
    const auto n = std::max<std::size_t>(1, utf8_sequence_length(text, i));
    if (chars + 1 == max_chars) cut = i; // where the ellipsis goes if we overflow
    if (chars == max_chars) return std::string{text.substr(0, cut)} + std::string{ellipsis};
    ++chars;
    i += n;
  }
  return std::string{text};
}

std::string fallback_text(const outgoing_message& m) {
  const std::string tag = m.kind == message_kind::resolved ? "RESOLVED" : upper(to_string(m.content.level));
  std::string out = "[" + tag + "] " + m.content.title;
  if (m.kind == message_kind::grouped && m.count > 1) out += " (x" + std::to_string(m.count) + ")";
  return out;
}

std::string render_block_kit(const outgoing_message& m, const render_options& options) {
  const alert& a = m.content;
  const std::string label = m.kind == message_kind::resolved ? "RESOLVED" : upper(to_string(a.level));
  std::string header = std::string{emoji_of(m)} + " " + label + ": " + sanitize_utf8(a.title);
  std::vector<std::string> blocks;
  blocks.push_back("{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":" +
                   json_string(truncate_chars(header, header_max_chars)) + ",\"emoji\":true}}");
  if (!a.text.empty())
    blocks.push_back("{\"type\":\"section\",\"text\":" + text_object("mrkdwn", mrkdwn(a.text, section_max_chars)) + "}");
  const auto cells = field_cells(a);
  if (!cells.empty()) {
    std::string fields = "{\"type\":\"section\",\"fields\":[";
    for (std::size_t i = 0; i < cells.size(); ++i) fields += (i ? "," : "") + cells[i];
    blocks.push_back(fields + "]}");
  }
  std::string context = slack_escape(sanitize_utf8(options.engine_name));
  if (!a.key.empty()) context += " \xC2\xB7 key `" + slack_escape(sanitize_utf8(a.key)) + "`";
  context += " \xC2\xB7 " + count_line(m);
  blocks.push_back("{\"type\":\"context\",\"elements\":[" +
                   text_object("mrkdwn", truncate_chars(context, field_max_chars)) + "]}");

  std::string out = "{";
  if (options.channel && !options.channel->empty()) out += "\"channel\":" + json_string(*options.channel) + ",";
  out += "\"text\":" + json_string(truncate_chars(sanitize_utf8(fallback_text(m)), section_max_chars));
  out += ",\"blocks\":[";
  for (std::size_t i = 0; i < blocks.size(); ++i) out += (i ? "," : "") + blocks[i];
  return out + "]}";
}

} // namespace courtside::alerting
