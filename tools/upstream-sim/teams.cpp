#include "tools/upstream-sim/teams.hpp"

#include <string>

#include "tools/upstream-sim/calendar.hpp"

namespace courtside::upstream_sim {
namespace {

constexpr int et = -300, ct = -360, mt = -420, pt = -480;
constexpr std::string_view ny = "America/New_York", chi = "America/Chicago",
                           den = "America/Denver", la = "America/Los_Angeles",
                           phx = "America/Phoenix", tor = "America/Toronto";

// clang-format off
constexpr std::array<team_info, team_count> table{{
  {"ATL", 1610612737, 1, "Atlanta", "Hawks", "Atlanta Hawks", "hawks", "East", "Southeast", "State Farm Arena", "Atlanta", "GA", ny, et, true, 1},
  {"BOS", 1610612738, 2, "Boston", "Celtics", "Boston Celtics", "celtics", "East", "Atlantic", "TD Garden", "Boston", "MA", ny, et, true, 2},
  {"BKN", 1610612751, 3, "Brooklyn", "Nets", "Brooklyn Nets", "nets", "East", "Atlantic", "Barclays Center", "Brooklyn", "NY", ny, et, true, 3},
  {"CHA", 1610612766, 4, "Charlotte", "Hornets", "Charlotte Hornets", "hornets", "East", "Southeast", "Spectrum Center", "Charlotte", "NC", ny, et, true, 9},
  {"CHI", 1610612741, 5, "Chicago", "Bulls", "Chicago Bulls", "bulls", "East", "Central", "United Center", "Chicago", "IL", chi, ct, true, 10},
  {"CLE", 1610612739, 6, "Cleveland", "Cavaliers", "Cleveland Cavaliers", "cavaliers", "East", "Central", "Rocket Arena", "Cleveland", "OH", ny, et, true, 11},
  {"DAL", 1610612742, 7, "Dallas", "Mavericks", "Dallas Mavericks", "mavericks", "West", "Southwest", "American Airlines Center", "Dallas", "TX", chi, ct, true, 12},
  {"DEN", 1610612743, 8, "Denver", "Nuggets", "Denver Nuggets", "nuggets", "West", "Northwest", "Ball Arena", "Denver", "CO", den, mt, true, 13},
  {"DET", 1610612765, 9, "Detroit", "Pistons", "Detroit Pistons", "pistons", "East", "Central", "Little Caesars Arena", "Detroit", "MI", ny, et, true, 14},
  {"GSW", 1610612744, 10, "Golden State", "Warriors", "Golden State Warriors", "warriors", "West", "Pacific", "Chase Center", "San Francisco", "CA", la, pt, true, 15},
  {"HOU", 1610612745, 11, "Houston", "Rockets", "Houston Rockets", "rockets", "West", "Southwest", "Toyota Center", "Houston", "TX", chi, ct, true, 16},
  {"IND", 1610612754, 12, "Indiana", "Pacers", "Indiana Pacers", "pacers", "East", "Central", "Gainbridge Fieldhouse", "Indianapolis", "IN", ny, et, true, 17},
  {"LAC", 1610612746, 13, "LA", "Clippers", "Los Angeles Clippers", "clippers", "West", "Pacific", "Intuit Dome", "Inglewood", "CA", la, pt, true, 18},
  {"LAL", 1610612747, 14, "Los Angeles", "Lakers", "Los Angeles Lakers", "lakers", "West", "Pacific", "Crypto.com Arena", "Los Angeles", "CA", la, pt, true, 19},
  {"MEM", 1610612763, 15, "Memphis", "Grizzlies", "Memphis Grizzlies", "grizzlies", "West", "Southwest", "FedExForum", "Memphis", "TN", chi, ct, true, 20},
  {"MIA", 1610612748, 16, "Miami", "Heat", "Miami Heat", "heat", "East", "Southeast", "Kaseya Center", "Miami", "FL", ny, et, true, 21},
  {"MIL", 1610612749, 17, "Milwaukee", "Bucks", "Milwaukee Bucks", "bucks", "East", "Central", "Fiserv Forum", "Milwaukee", "WI", chi, ct, true, 22},
  {"MIN", 1610612750, 18, "Minnesota", "Timberwolves", "Minnesota Timberwolves", "timberwolves", "West", "Northwest", "Target Center", "Minneapolis", "MN", chi, ct, true, 23},
  {"NOP", 1610612740, 19, "New Orleans", "Pelicans", "New Orleans Pelicans", "pelicans", "West", "Southwest", "Smoothie King Center", "New Orleans", "LA", chi, ct, true, 24},
  {"NYK", 1610612752, 20, "New York", "Knicks", "New York Knicks", "knicks", "East", "Atlantic", "Madison Square Garden", "New York", "NY", ny, et, true, 25},
  {"OKC", 1610612760, 21, "Oklahoma City", "Thunder", "Oklahoma City Thunder", "thunder", "West", "Northwest", "Paycom Center", "Oklahoma City", "OK", chi, ct, true, 26},
  {"ORL", 1610612753, 22, "Orlando", "Magic", "Orlando Magic", "magic", "East", "Southeast", "Kia Center", "Orlando", "FL", ny, et, true, 27},
  {"PHI", 1610612755, 23, "Philadelphia", "76ers", "Philadelphia 76ers", "sixers", "East", "Atlantic", "Xfinity Mobile Arena", "Philadelphia", "PA", ny, et, true, 28},
  {"PHX", 1610612756, 24, "Phoenix", "Suns", "Phoenix Suns", "suns", "West", "Pacific", "PHX Arena", "Phoenix", "AZ", phx, mt, false, 29},
  {"POR", 1610612757, 25, "Portland", "Trail Blazers", "Portland Trail Blazers", "blazers", "West", "Northwest", "Moda Center", "Portland", "OR", la, pt, true, 30},
  {"SAC", 1610612758, 26, "Sacramento", "Kings", "Sacramento Kings", "kings", "West", "Pacific", "Golden 1 Center", "Sacramento", "CA", la, pt, true, 31},
  {"SAS", 1610612759, 27, "San Antonio", "Spurs", "San Antonio Spurs", "spurs", "West", "Southwest", "Frost Bank Center", "San Antonio", "TX", chi, ct, true, 32},
  {"TOR", 1610612761, 28, "Toronto", "Raptors", "Toronto Raptors", "raptors", "East", "Atlantic", "Scotiabank Arena", "Toronto", "ON", tor, et, true, 33},
  {"UTA", 1610612762, 29, "Utah", "Jazz", "Utah Jazz", "jazz", "West", "Northwest", "Delta Center", "Salt Lake City", "UT", den, mt, true, 34},
  {"WAS", 1610612764, 30, "Washington", "Wizards", "Washington Wizards", "wizards", "East", "Southeast", "Capital One Arena", "Washington", "DC", ny, et, true, 35},
}};
// clang-format on

} // namespace

std::string team_info::full_name() const { return std::string{city} + " " + std::string{name}; }

const std::array<team_info, team_count>& teams() { return table; }

int utc_offset_on(const team_info& t, const civil_date& d) {
  return t.standard_offset_minutes + (t.observes_dst && us_dst(d) ? 60 : 0);
}

} // namespace courtside::upstream_sim
