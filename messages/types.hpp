#pragma once
// Domain types: what courtside knows about games, box scores, schedules and prop lines, in
// one shape whichever upstream they came from. Plain structs, no behaviour; the decoders in
// messages/decode fill them, messages/inspect.hpp makes them sendable between actors.
//
// Conventions for every struct here:
// - A numeric or boolean field the upstream may omit (or send as null) is std::optional.
// - A string field is empty when the upstream did not give it.
// - Counts are whole numbers; minutes are stored as whole SECONDS (fractions truncated, as
//   NBA.com's own "MM:SS" display does); prices are as the upstream sent them (decimal
//   odds by default, American when requested).
// - Dates are the US Eastern calendar date of tip-off, "YYYY-MM-DD"; instants are ISO-8601
//   strings as sent ("2025-02-21T02:00:00Z").
// - Team codes are canonical NBA.com tricodes ("LAL"); see messages/identity.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace courtside {

/// Where a game stands. `unknown` when the upstream gave no usable status.
enum class game_status : std::uint8_t {
  unknown = 0,
  pre = 1,   ///< scheduled, not started (NBA.com gameStatus 1)
  live = 2,  ///< in progress, including halftime (gameStatus 2)
  final = 3, ///< over (gameStatus 3)
};

/// Which side of a game a team line belongs to.
enum class team_side : std::uint8_t {
  unknown = 0, ///< the upstream does not say (stats.nba.com boxscoretraditionalv2)
  home = 1,
  away = 2,
};

/// Whether a listed player took part.
enum class participation : std::uint8_t {
  unknown = 0,      ///< the upstream does not say
  played = 1,       ///< on the floor at some point
  did_not_play = 2, ///< dressed but no minutes (coach's decision, or no reason given)
  inactive = 3,     ///< not with the active roster: injury, suspension, two-way, did not dress
};

/// Names of the enum values ("final", "home", "did_not_play"), for logs and JSON output.
[[nodiscard]] const char* to_string(game_status x) noexcept;
[[nodiscard]] const char* to_string(team_side x) noexcept;
[[nodiscard]] const char* to_string(participation x) noexcept;

/// One game, whichever source described it.
struct Game {
  std::string key;                     ///< canonical "YYYYMMDD_AWAY_HOME"; empty if the source
                                       ///< lacks the date or the sides
  std::string nba_game_id;             ///< NBA.com id, 10 digits with leading zeros
  std::optional<std::int64_t> bdl_id;  ///< balldontlie game id
  std::string date;                    ///< US Eastern date "YYYY-MM-DD"
  std::string start_time_utc;          ///< tip-off instant, ISO-8601 as sent
  std::string home_tricode;
  std::string away_tricode;
  std::optional<int> home_score;       ///< points
  std::optional<int> away_score;       ///< points
  game_status status = game_status::unknown;
  std::optional<int> period;           ///< current or last period, 1-4 regulation, 5+ overtime
  std::string status_text;             ///< "Q2 07:15", "Half", "Final" (trailing spaces trimmed)
  std::optional<int> season;           ///< season start year: 2024 for 2024-25
  std::optional<bool> postseason;
};

/// Counting stats of a player or a team. Every field is optional: stats.nba.com sends all
/// nulls for a player who did not play, and schemas drift by season.
struct StatLine {
  std::optional<int> seconds; ///< time played, whole seconds
  std::optional<int> pts;
  std::optional<int> reb;     ///< total rebounds (team lines may include team rebounds)
  std::optional<int> oreb;
  std::optional<int> dreb;
  std::optional<int> ast;
  std::optional<int> stl;
  std::optional<int> blk;
  std::optional<int> tov;     ///< turnovers
  std::optional<int> pf;      ///< personal fouls
  std::optional<int> fgm;     ///< field goals made (2s and 3s)
  std::optional<int> fga;
  std::optional<int> fg3m;
  std::optional<int> fg3a;
  std::optional<int> ftm;
  std::optional<int> fta;
  std::optional<int> plus_minus; ///< points, may be negative
};

/// One team's line in one game.
struct TeamLine {
  std::string game_key;    ///< as Game::key (may be empty)
  std::string nba_game_id; ///< as Game::nba_game_id (may be empty)
  team_side side = team_side::unknown;
  std::string tricode;
  std::string name;        ///< full name, e.g. "Boston Celtics", when given
  std::optional<std::int64_t> nba_team_id;
  std::optional<std::int64_t> bdl_team_id;
  std::optional<int> score; ///< the scoreboard's points for this team
  StatLine totals;          ///< team totals as the source gave them (empty if none)
};

/// One player's line in one game.
struct PlayerLine {
  std::string game_key;    ///< as Game::key (may be empty)
  std::string nba_game_id; ///< as Game::nba_game_id (may be empty)
  std::optional<std::int64_t> bdl_game_id;
  std::optional<std::int64_t> nba_player_id; ///< NBA.com personId / PLAYER_ID
  std::optional<std::int64_t> bdl_player_id; ///< balldontlie player.id
  std::string name;       ///< display name as sent, e.g. "Kelly Oubre Jr."
  std::string lookup_key; ///< identity::player_lookup_key(name), e.g. "kelly oubre"
  std::string team_tricode;
  std::optional<bool> starter;
  participation played = participation::unknown;
  std::string not_playing_reason; ///< "INACTIVE_INJURY", "DNP - Coach's Decision", ... (trimmed)
  StatLine stats;
};

/// A full box score: the game, both team lines, every listed player.
struct BoxScore {
  Game game;
  TeamLine home;
  TeamLine away;
  bool sides_known = true; ///< false when the source does not say which team is at home;
                           ///< `home`/`away` then hold the teams in payload order
  std::vector<PlayerLine> players;
};

/// One game of a published schedule (NBA.com scheduleLeagueV2).
struct ScheduleEntry {
  Game game;
  std::string game_code;  ///< "20251003/PHXLAL"
  std::string label;      ///< "Preseason", "Emirates NBA Cup", ... (may be empty)
  std::optional<bool> if_necessary;
  std::optional<bool> neutral_site;
  std::string arena;
};

/// A player as listed by a roster page (balldontlie /players).
struct Player {
  std::optional<std::int64_t> bdl_id;
  std::optional<std::int64_t> nba_id;
  std::string first_name;
  std::string last_name;
  std::string name;       ///< "first last"
  std::string lookup_key; ///< identity::player_lookup_key(name)
  std::string position;
  std::string team_tricode;
  std::string jersey_number;
  std::optional<int> draft_year;
};

/// A betting event (The Odds API). Teams come as full names; the tricodes and game key are
/// derived (empty when a name is unknown).
struct Event {
  std::string id;             ///< 32 hex characters
  std::string sport_key;      ///< "basketball_nba"
  std::string commence_time;  ///< ISO-8601 UTC
  std::string home_team;      ///< full name as sent, "Los Angeles Lakers"
  std::string away_team;
  std::string home_tricode;
  std::string away_tricode;
  std::string game_key;       ///< from the US Eastern date of commence_time
};

/// One offered line of one market at one bookmaker. Over/Under outcomes of the same player
/// and point are paired into one PropLine; any other outcome ("Yes", "Dunk", a team name)
/// becomes its own PropLine with `outcome` and `price` set.
struct PropLine {
  std::string event_id;
  std::string game_key;      ///< as Event::game_key
  std::string book;          ///< bookmaker key, "fanduel"
  std::string market;        ///< market key, "player_points"
  std::string player_name;   ///< outcome description as sent, "Kelly Oubre Jr"
  std::string player_key;    ///< identity::player_lookup_key(player_name)
  std::optional<double> line; ///< the point, e.g. 20.5; absent for yes/no markets
  std::optional<double> over_price;
  std::optional<double> under_price;
  std::string outcome;       ///< non-over/under outcome name; empty for over/under pairs
  std::optional<double> price; ///< price of `outcome`
  std::string last_update;   ///< ISO-8601 UTC of the market (or bookmaker) update
};

// -- decoded documents ----------------------------------------------------------------------

/// balldontlie pages carry a cursor: ask again with `cursor=next_cursor` until it is absent.
struct PageMeta {
  std::optional<std::int64_t> next_cursor;
  std::optional<int> per_page;
};

struct GamesPage {
  std::vector<Game> games;
  PageMeta meta;
};

struct PlayerLinesPage {
  std::vector<PlayerLine> lines;
  PageMeta meta;
};

struct BoxScoresPage {
  std::vector<BoxScore> box_scores;
  PageMeta meta;
};

struct PlayersPage {
  std::vector<Player> players;
  PageMeta meta;
};

/// NBA.com todaysScoreboard_00.
struct Scoreboard {
  std::string game_date; ///< "YYYY-MM-DD"
  std::vector<Game> games;
};

/// NBA.com scheduleLeagueV2.
struct Schedule {
  std::string season; ///< "2025-26"
  std::vector<ScheduleEntry> entries;
};

/// The Odds API: events and (when bookmakers were present) their prop lines.
struct OddsSnapshot {
  std::string timestamp; ///< snapshot time of a /historical response; empty otherwise
  std::vector<Event> events;
  std::vector<PropLine> props;
};

} // namespace courtside
