#pragma once
// Domain types as JSON lines: one object per record, one record per line, each tagged with
// "record" ("game", "team", "player", "schedule_entry", "event", "prop", "roster_player",
// "page", ...). Absent optional values are written as null. Pure code, no JSON library: the
// writer below escapes strings properly and replaces invalid UTF-8 with U+FFFD.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "messages/types.hpp"

namespace courtside::json {

/// Appends `text` as a JSON string literal.
void append_string(std::string& out, std::string_view text);

/// Appends a number in its shortest round-trip form; null when not finite.
void append_number(std::string& out, double x);
void append_number(std::string& out, std::int64_t x);

/// Writes one JSON object into `out`, field by field: `{` on construction, `}` on close().
class object_writer {
public:
  explicit object_writer(std::string& out);

  object_writer& field(std::string_view name, std::string_view value);
  object_writer& field(std::string_view name, const char* value);
  object_writer& field(std::string_view name, const std::string& value);
  object_writer& field(std::string_view name, bool value);
  object_writer& field(std::string_view name, double value);

  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  object_writer& field(std::string_view name, T value) {
    key(name);
    append_number(out_, static_cast<std::int64_t>(value));
    return *this;
  }

  template <class T>
  object_writer& field(std::string_view name, const std::optional<T>& value) {
    if (value)
      return field(name, *value);
    key(name);
    out_ += "null";
    return *this;
  }

  void close();

private:
  void key(std::string_view name);

  std::string& out_;
  bool first_ = true;
};

/// Appends the records of a document, each followed by '\n'.
void append_json_lines(std::string& out, const GamesPage& page);
void append_json_lines(std::string& out, const PlayerLinesPage& page);
void append_json_lines(std::string& out, const BoxScoresPage& page);
void append_json_lines(std::string& out, const PlayersPage& page);
void append_json_lines(std::string& out, const Schedule& schedule);
void append_json_lines(std::string& out, const Scoreboard& board);
void append_json_lines(std::string& out, const BoxScore& box);
void append_json_lines(std::string& out, const OddsSnapshot& snapshot);

/// Single records (no trailing newline).
void append_json(std::string& out, const Game& game);
void append_json(std::string& out, const TeamLine& team);
void append_json(std::string& out, const PlayerLine& player);
void append_json(std::string& out, const ScheduleEntry& entry);
void append_json(std::string& out, const Player& player);
void append_json(std::string& out, const Event& event);
void append_json(std::string& out, const PropLine& prop);

} // namespace courtside::json
