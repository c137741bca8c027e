// Block Kit rendering: structure, escaping (JSON and Slack mrkdwn), UTF-8 safety, limits.
// Every rendered body is checked to be valid JSON by simdjson where the suite links it; here
// the structure is checked by substrings and a small JSON well-formedness scanner.
#include <catch2/catch.hpp>

#include "runtime/alerting/block_kit.hpp"

using namespace courtside::alerting;

namespace {

// A minimal JSON validator: enough to catch unescaped quotes, control characters and
// unbalanced brackets in what we render.
bool well_formed_json(const std::string& s) {
  std::vector<char> stack;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c == '\\') {
        ++i;
        if (i >= s.size() || std::string{"\"\\/bfnrtu"}.find(s[i]) == std::string::npos) return false;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') stack.push_back(c);
    else if (c == '}' || c == ']') {
      if (stack.empty() || stack.back() != (c == '}' ? '{' : '[')) return false;
      stack.pop_back();
    }
  }
  return !in_string && stack.empty();
}

outgoing_message sample() {
  alert a;
  a.key = "phase:3:2025-11-15";
  a.level = severity::error;
  a.title = "phase 3 failed for 2025-11-15";
  a.text = "player_game_summary: 0 rows";
  a.date = "2025-11-15";
  a.phase = "phase3";
  a.attempt = 2;
  a.max_attempts = 3;
  a.fields = {{"Processor", "player_game_summary"}};
  return outgoing_message{a, message_kind::first, 1};
}

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

} // namespace

TEST_CASE("a message has a fallback text, a header, the text, the fields and a context line",
          "[alerting][block_kit]") {
  const auto json = render_block_kit(sample(), {"courtside", std::string{"#ops"}});
  CHECK(well_formed_json(json));
  CHECK_THAT(json, Catch::StartsWith("{\"channel\":\"#ops\",\"text\":\"[ERROR] phase 3 failed for 2025-11-15\""));
  CHECK_THAT(json, Catch::Contains("{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\":x: ERROR: phase 3 failed"));
  CHECK_THAT(json, Catch::Contains("\"text\":\"player_game_summary: 0 rows\""));
  CHECK_THAT(json, Catch::Contains("*Date*\\n2025-11-15"));
  CHECK_THAT(json, Catch::Contains("*Phase*\\nphase3"));
  CHECK_THAT(json, Catch::Contains("*Attempt*\\n2 of 3"));
  CHECK_THAT(json, Catch::Contains("*Processor*\\nplayer_game_summary"));
  CHECK_THAT(json, Catch::Contains("key `phase:3:2025-11-15`"));
  CHECK_THAT(json, Catch::Contains("first occurrence"));
}

TEST_CASE("no channel key without a channel override, no empty sections", "[alerting][block_kit]") {
  auto m = sample();
  m.content.text.clear();
  m.content.fields.clear();
  m.content.date.clear();
  m.content.phase.clear();
  m.content.attempt = 0;
  const auto json = render_block_kit(m, {});
  CHECK(well_formed_json(json));
  CHECK_THAT(json, !Catch::Contains("\"channel\""));
  CHECK_THAT(json, !Catch::Contains("\"type\":\"section\",\"text\""));
  CHECK_THAT(json, !Catch::Contains("Attempt"));
  CHECK_THAT(json, Catch::Contains("*Severity*\\nerror")); // the fields section keeps severity
}

TEST_CASE("grouped and resolved messages say so", "[alerting][block_kit]") {
  auto m = sample();
  m.kind = message_kind::grouped;
  m.count = 7;
  auto json = render_block_kit(m, {});
  CHECK_THAT(json, Catch::Contains("7 occurrences since the last message"));
  CHECK(fallback_text(m) == "[ERROR] phase 3 failed for 2025-11-15 (x7)");
  m.kind = message_kind::resolved;
  m.count = 0;
  json = render_block_kit(m, {});
  CHECK_THAT(json, Catch::Contains(":white_check_mark: RESOLVED: phase 3 failed"));
  CHECK(fallback_text(m) == "[RESOLVED] phase 3 failed for 2025-11-15");
}

TEST_CASE("quotes, backslashes and control characters are JSON-escaped", "[alerting][block_kit]") {
  CHECK(json_string("a\"b\\c\nd\te\x01") == "\"a\\\"b\\\\c\\nd\\te\\u0001\"");
  auto m = sample();
  m.content.title = "he said \"no\"\\\r\n";
  m.content.text = std::string{"nul\0byte", 8};
  const auto json = render_block_kit(m, {});
  CHECK(well_formed_json(json));
  CHECK_THAT(json, Catch::Contains("nul\\u0000byte"));
}

TEST_CASE("mrkdwn control sequences are shown, never interpreted", "[alerting][block_kit]") {
  CHECK(slack_escape("<!channel> & <http://x|y>") == "&lt;!channel&gt; &amp; &lt;http://x|y&gt;");
  auto m = sample();
  m.content.text = "<!here> ping";
  CHECK_THAT(render_block_kit(m, {}), Catch::Contains("&lt;!here&gt; ping"));
}

TEST_CASE("invalid UTF-8 becomes U+FFFD, valid multibyte text is kept", "[alerting][block_kit]") {
  CHECK(json_string("caf\xC3\xA9") == "\"caf\xC3\xA9\"");
  CHECK(json_string("bad\xFFx") == "\"bad\xEF\xBF\xBDx\"");
  CHECK(json_string("\xC0\xAF") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\""); // overlong '/'
  CHECK(json_string("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""); // surrogate
  CHECK(json_string("\xF0\x9F\x8F\x80") == "\"\xF0\x9F\x8F\x80\""); // basketball emoji
  CHECK(json_string("cut\xE2\x82") == "\"cut\xEF\xBF\xBD\xEF\xBF\xBD\""); // truncated sequence
}

TEST_CASE("truncation counts code points and never splits one", "[alerting][block_kit]") {
  CHECK(truncate_chars("abc", 3) == "abc");
  CHECK(truncate_chars("abcd", 3) == "ab\xE2\x80\xA6");
  CHECK(truncate_chars("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 3) == "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
  CHECK(truncate_chars("abc", 0).empty());
  CHECK(truncate_chars("", 5).empty());
}

TEST_CASE("Block Kit limits hold for huge alerts", "[alerting][block_kit]") {
  auto m = sample();
  m.content.title = std::string(400, 'T');
  m.content.text = std::string(5000, '&'); // escapes to 25000 bytes
  for (int i = 0; i < 20; ++i) m.content.fields.push_back({"f" + std::to_string(i), std::string(3000, 'v')});
  const auto json = render_block_kit(m, {});
  CHECK(well_formed_json(json));
  // The header: emoji + label + title, cut to 150 code points.
  const auto header_at = json.find("\"plain_text\",\"text\":\"") + 21;
  const auto header = json.substr(header_at, json.find('"', header_at) - header_at);
  CHECK(code_points(header) == header_max_chars);
  // The text: no half entity at the cut.
  const auto text_at = json.find("{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"") + 50;
  const auto text = json.substr(text_at, json.find('"', text_at) - text_at);
  CHECK(code_points(text) <= section_max_chars);
  CHECK_THAT(text, Catch::EndsWith("&amp;\xE2\x80\xA6"));
  // At most 10 fields.
  std::size_t fields = 0;
  for (auto at = json.find("\"type\":\"mrkdwn\",\"text\":\"*"); at != std::string::npos;
       at = json.find("\"type\":\"mrkdwn\",\"text\":\"*", at + 1))
    ++fields;
  CHECK(fields == max_fields);
}
