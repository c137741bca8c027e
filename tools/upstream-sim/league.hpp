#pragma once
// The synthetic league: a pure function of a seed. 30 real franchises, 15-man rosters, an
// 82-game schedule per team (1230 games), a final box score for every game and player-prop
// lines from two books. Same seed, same league, byte for byte: every generator draws from
// its own splitmix64 stream derived from (seed, purpose, index), so a game's box score does
// not depend on the order anything else was generated in.
//
// Box-score invariants (tests check them for every game of the season):
//   fgm <= fga, fg3m <= fg3a <= fga, fg3m <= fgm, ftm <= fta, pts = 2*fgm + fg3m + ftm,
//   reb = oreb + dreb, sum of player seconds = 5 * game length (48 min + 5 per OT),
//   team points = sum of player points = sum of period points, no ties,
//   sum of player plus-minus = 5 * margin; DNP players have zero seconds and zero stats.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tools/upstream-sim/calendar.hpp"
#include "tools/upstream-sim/teams.hpp"

namespace courtside::upstream_sim {

struct player {
  std::int64_t nba_id = 0;   // NBA.com personId
  std::int64_t bdl_id = 0;   // balldontlie id; some above 10^9 and a few above 2^31
  std::string first_name;    // "P.J.", "Théo"
  std::string last_name;     // family name including any suffix: "Oubre Jr."
  int team = 0;              // index into teams()
  int depth = 0;             // rotation order 0..14; 0-4 start when available
  std::string position;      // balldontlie style: "G", "F", "C", "G-F", "F-C"
  std::string jersey;        // "7"
  std::string height;        // "6-5"
  std::string weight;        // "211"
  std::string college;
  std::string country;
  std::optional<int> draft_year, draft_round, draft_number;  // null when undrafted
  // Per-minute rates that drive the box scores and the prop lines.
  double minutes_weight = 0, shots = 0, three_share = 0, two_pct = 0, three_pct = 0;
  double free_throws = 0, ft_pct = 0, rebounds = 0, oreb_share = 0, assists = 0;
  double steals = 0, blocks = 0, turnovers = 0, fouls = 0;

  [[nodiscard]] std::string full_name() const { return first_name + " " + last_name; }
};

/// Why a player has no minutes. The strings each API uses are the serializers' business.
enum class absence : std::uint8_t {
  none,              // played
  coach_decision,    // active, did not play (CDN: ACTIVE, played "0", no reason)
  injury,            // inactive, injured (CDN INACTIVE_INJURY + description)
  two_way,           // inactive, on a G League two-way assignment
};

struct player_line {
  int player = 0;  // index into league::players()
  absence why = absence::none;
  int injury = 0;  // index into pools().injuries when why == injury
  bool starter = false;
  int seconds = 0;
  int fgm = 0, fga = 0, fg3m = 0, fg3a = 0, ftm = 0, fta = 0, oreb = 0, dreb = 0;
  int ast = 0, stl = 0, blk = 0, tov = 0, pf = 0, pts = 0, plus_minus = 0;

  [[nodiscard]] bool played() const { return why == absence::none; }
  [[nodiscard]] int reb() const { return oreb + dreb; }
};

struct team_box {
  int team = 0;
  std::vector<player_line> players;  // starters first, then the bench by depth
  std::vector<int> periods;          // points per period: 4, plus one per overtime

  [[nodiscard]] int points() const;
  /// Sums every counting stat over the players (seconds, fgm, ..., pts, plus_minus).
  [[nodiscard]] player_line totals() const;
};

struct box_score {
  int game = 0;
  int periods = 4;  // 4 + overtimes
  team_box home, away;

  [[nodiscard]] int game_seconds() const { return 2880 + (periods - 4) * 300; }
};

struct game {
  int index = 0;              // chronological, 0..1229
  std::string nba_id;         // "0022500001"
  std::int64_t bdl_id = 0;
  std::string event_id;       // The Odds API: 32 hex digits
  civil_date date;            // US Eastern date of tip-off
  int tip_et_seconds = 0;     // tip-off, seconds after Eastern midnight
  int sequence = 1;           // order within the date
  int home = 0, away = 0;     // team indices
  int attendance = 0;
  int duration_minutes = 0;   // CDN "duration"
  std::array<int, 2> home_record_after{}, away_record_after{};  // wins, losses

  [[nodiscard]] int et_offset_minutes() const { return us_dst(date) ? -240 : -300; }
  /// Tip-off as seconds since the epoch.
  [[nodiscard]] std::int64_t tip_epoch() const;
};

enum class prop_market : std::uint8_t { points, rebounds, assists };
[[nodiscard]] std::string_view market_key(prop_market m);  // "player_points"

struct prop_line {
  int player = 0;
  prop_market market = prop_market::points;
  double point = 0;       // 18.5
  double over_price = 0;  // decimal odds, 1.91
  double under_price = 0;
};

struct book_props {
  std::string_view key;    // "fanduel"
  std::string_view title;  // "FanDuel"
  std::vector<prop_line> lines;  // per player: points, rebounds, assists
  double home_price = 0, away_price = 0;  // h2h (moneyline), decimal
};

struct league_options {
  std::uint64_t seed = 1;
  civil_date season_start{2025, 10, 21};
  /// Games on or before this date are final; later ones are scheduled.
  civil_date today{2025, 11, 15};
};

class league {
public:
  explicit league(league_options options);

  [[nodiscard]] const league_options& options() const { return options_; }
  [[nodiscard]] int season_year() const { return options_.season_start.year; }  // 2025
  [[nodiscard]] const std::vector<player>& players() const { return players_; }
  [[nodiscard]] const std::vector<game>& games() const { return games_; }
  [[nodiscard]] const box_score& box(int game_index) const { return boxes_.at(static_cast<std::size_t>(game_index)); }
  /// Player indices of a team's roster, by depth.
  [[nodiscard]] const std::vector<int>& roster(int team) const { return rosters_.at(static_cast<std::size_t>(team)); }

  [[nodiscard]] const game* find_nba(std::string_view nba_id) const;
  [[nodiscard]] const game* find_bdl(std::int64_t bdl_id) const;
  [[nodiscard]] const game* find_event(std::string_view event_id) const;
  [[nodiscard]] const player* find_player_bdl(std::int64_t bdl_id) const;
  /// Games of an Eastern date, in tip-off order.
  [[nodiscard]] std::vector<int> games_on(civil_date d) const;

  /// Whether the game has been played by `today` (the box score is final).
  [[nodiscard]] bool played(const game& g) const { return g.date <= options_.today; }
  /// Wins and losses of a team after every played game up to and including `through`.
  [[nodiscard]] std::array<int, 2> record_through(int team, civil_date through) const;

  /// Prop lines of both books for a game (deterministic; computed on demand).
  [[nodiscard]] std::vector<book_props> props(int game_index) const;

private:
  league_options options_;
  std::vector<player> players_;
  std::vector<std::vector<int>> rosters_;
  std::vector<game> games_;
  std::vector<box_score> boxes_;
  std::unordered_map<std::string, int> by_nba_, by_event_;
  std::unordered_map<std::int64_t, int> by_bdl_, player_by_bdl_;
};

/// A seeded stream for one purpose and index: stable whatever else was drawn before.
[[nodiscard]] std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t purpose, std::uint64_t index);

} // namespace courtside::upstream_sim
