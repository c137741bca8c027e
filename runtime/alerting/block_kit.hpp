#pragma once
// An outgoing Slack message rendered as an incoming-webhook JSON body with Block Kit blocks:
//
//   header   "<emoji> <SEVERITY>: <title>"                 plain_text, <= 150 characters
//   section  the alert's text                              mrkdwn (escaped), <= 3000 chars
//   section  fields: severity, date, phase, attempt n of N, then the alert's own fields
//            (at most 10 in all, each <= 2000 characters)
//   context  "<engine> · key `<key>` · <count line>"
//   + top-level "text": the fallback Slack shows in notifications and where blocks fail
//
// Escaping: every string goes through json_string() (quotes, backslash, control characters,
// invalid UTF-8 replaced by U+FFFD, so Slack never answers invalid_payload for our bytes);
// mrkdwn text additionally gets Slack's three entities (&amp; &lt; &gt;), so "<!channel>"
// or "<http://x|y>" in an alert's text is shown, never interpreted. Truncation counts code
// points and never splits one. Pure: no clock, no I/O.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/alerting/alert.hpp"

namespace courtside::alerting {

/// Why a message goes out (see alert_grouper).
enum class message_kind : std::uint8_t {
  first,    ///< the first occurrence of a key (or the first after a quiet repeat_interval)
  grouped,  ///< occurrences held during a group interval, summed up in one message
  resolved, ///< the condition is over
};

[[nodiscard]] const char* to_string(message_kind k) noexcept;

struct outgoing_message {
  alert content;                 ///< the latest occurrence (its fields, text, attempt)
  message_kind kind = message_kind::first;
  int count = 1;                 ///< occurrences this message stands for
};

struct render_options {
  std::string engine_name = "courtside";
  std::optional<std::string> channel; ///< overrides the webhook's default channel
};

/// Limits of Slack's Block Kit (api.slack.com/reference/block-kit/blocks).
inline constexpr std::size_t header_max_chars = 150;
inline constexpr std::size_t section_max_chars = 3000;
inline constexpr std::size_t field_max_chars = 2000;
inline constexpr std::size_t max_fields = 10;

/// The webhook body (one JSON object).
[[nodiscard]] std::string render_block_kit(const outgoing_message& message,
                                           const render_options& options);

/// The plain fallback line: "[CRITICAL] title (x3)" / "[RESOLVED] title".
[[nodiscard]] std::string fallback_text(const outgoing_message& message);

/// A JSON string literal, quotes included; invalid UTF-8 becomes U+FFFD.
[[nodiscard]] std::string json_string(std::string_view text);

/// Slack's mrkdwn escaping: & < > as entities (nothing else is special).
[[nodiscard]] std::string slack_escape(std::string_view text);

/// At most `max_chars` code points of valid UTF-8 `text`; a cut one ends in "…" (counted).
[[nodiscard]] std::string truncate_chars(std::string_view text, std::size_t max_chars);

} // namespace courtside::alerting
