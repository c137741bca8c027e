#include "messages/types.hpp"

namespace courtside {

const char* to_string(game_status x) noexcept {
  switch (x) {
    case game_status::pre:
      return "pre";
    case game_status::live:
      return "live";
    case game_status::final:
      return "final";
    case game_status::unknown:
      break;
  }
  return "unknown";
}

const char* to_string(team_side x) noexcept {
  switch (x) {
    case team_side::home:
      return "home";
    case team_side::away:
      return "away";
    case team_side::unknown:
      break;
  }
  return "unknown";
}

const char* to_string(participation x) noexcept {
  switch (x) {
    case participation::played:
      return "played";
    case participation::did_not_play:
      return "did_not_play";
    case participation::inactive:
      return "inactive";
    case participation::unknown:
      break;
  }
  return "unknown";
}

} // namespace courtside
