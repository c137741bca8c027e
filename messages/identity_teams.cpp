// Team identity tables (see identity.hpp). The 30 current franchises; historic names and
// codes map to the franchise that carries them on today.
#include <array>
#include <cstdint>

#include "messages/identity.hpp"

namespace courtside::identity {
namespace {

struct team_row {
  std::string_view tricode;
  std::int64_t nba_id;
  std::int64_t bdl_id;
  std::string_view full_name;
  std::string_view nickname; // folded form, as fold_name would produce it
};

// NBA.com ids are 1610612737 + n; balldontlie ids are 1..30 in alphabetical order of city.
constexpr std::array<team_row, 30> teams{{
    {"ATL", 1610612737, 1, "Atlanta Hawks", "hawks"},
    {"BOS", 1610612738, 2, "Boston Celtics", "celtics"},
    {"BKN", 1610612751, 3, "Brooklyn Nets", "nets"},
    {"CHA", 1610612766, 4, "Charlotte Hornets", "hornets"},
    {"CHI", 1610612741, 5, "Chicago Bulls", "bulls"},
    {"CLE", 1610612739, 6, "Cleveland Cavaliers", "cavaliers"},
    {"DAL", 1610612742, 7, "Dallas Mavericks", "mavericks"},
    {"DEN", 1610612743, 8, "Denver Nuggets", "nuggets"},
    {"DET", 1610612765, 9, "Detroit Pistons", "pistons"},
    {"GSW", 1610612744, 10, "Golden State Warriors", "warriors"},
    {"HOU", 1610612745, 11, "Houston Rockets", "rockets"},
    {"IND", 1610612754, 12, "Indiana Pacers", "pacers"},
    {"LAC", 1610612746, 13, "LA Clippers", "clippers"},
    {"LAL", 1610612747, 14, "Los Angeles Lakers", "lakers"},
    {"MEM", 1610612763, 15, "Memphis Grizzlies", "grizzlies"},
    {"MIA", 1610612748, 16, "Miami Heat", "heat"},
    {"MIL", 1610612749, 17, "Milwaukee Bucks", "bucks"},
    {"MIN", 1610612750, 18, "Minnesota Timberwolves", "timberwolves"},
    {"NOP", 1610612740, 19, "New Orleans Pelicans", "pelicans"},
    {"NYK", 1610612752, 20, "New York Knicks", "knicks"},
    {"OKC", 1610612760, 21, "Oklahoma City Thunder", "thunder"},
    {"ORL", 1610612753, 22, "Orlando Magic", "magic"},
    {"PHI", 1610612755, 23, "Philadelphia 76ers", "76ers"},
    {"PHX", 1610612756, 24, "Phoenix Suns", "suns"},
    {"POR", 1610612757, 25, "Portland Trail Blazers", "trail blazers"},
    {"SAC", 1610612758, 26, "Sacramento Kings", "kings"},
    {"SAS", 1610612759, 27, "San Antonio Spurs", "spurs"},
    {"TOR", 1610612761, 28, "Toronto Raptors", "raptors"},
    {"UTA", 1610612762, 29, "Utah Jazz", "jazz"},
    {"WAS", 1610612764, 30, "Washington Wizards", "wizards"},
}};

struct alias_row {
  std::string_view alias;
  std::string_view tricode;
};

// Codes other sources use (ESPN, Basketball-Reference, older NBA.com).
constexpr std::array<alias_row, 16> code_aliases{{
    {"GS", "GSW"},   {"NY", "NYK"},   {"SA", "SAS"},   {"NO", "NOP"},
    {"UTAH", "UTA"}, {"WSH", "WAS"},  {"PHO", "PHX"},  {"BRK", "BKN"},
    {"CHO", "CHA"},  {"NJN", "BKN"},  {"NOH", "NOP"},  {"NOK", "NOP"},
    {"SEA", "OKC"},  {"VAN", "MEM"},  {"CHH", "CHA"},  {"GOS", "GSW"},
}};

// Folded names that are not "<full name>" or "<nickname>" of the table above.
constexpr std::array<alias_row, 24> name_aliases{{
    {"los angeles clippers", "LAC"},
    {"la lakers", "LAL"},
    {"portland trailblazers", "POR"},
    {"blazers", "POR"},
    {"sixers", "PHI"},
    {"philadelphia sixers", "PHI"},
    {"cavs", "CLE"},
    {"mavs", "DAL"},
    {"wolves", "MIN"},
    {"minnesota wolves", "MIN"},
    {"new jersey nets", "BKN"},
    {"new york nets", "BKN"},
    {"new orleans hornets", "NOP"},
    {"new orleans oklahoma city hornets", "NOP"},
    {"charlotte bobcats", "CHA"},
    {"bobcats", "CHA"},
    {"seattle supersonics", "OKC"},
    {"seattle sonics", "OKC"},
    {"vancouver grizzlies", "MEM"},
    {"washington bullets", "WAS"},
    {"golden st warriors", "GSW"},
    {"ny knicks", "NYK"},
    {"okc thunder", "OKC"},
    {"gs warriors", "GSW"},
}};

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

} // namespace

std::optional<std::string_view> canonical_tricode(std::string_view code) {
  const std::string up = upper_ascii(trim_spaces(code));
  for (const auto& t : teams)
    if (t.tricode == up)
      return t.tricode;
  for (const auto& a : code_aliases)
    if (a.alias == up)
      return a.tricode;
  return std::nullopt;
}

std::string normalize_tricode(std::string_view code) {
  if (auto known = canonical_tricode(code))
    return std::string(*known);
  return upper_ascii(trim_spaces(code));
}

std::optional<std::string_view> tricode_from_team_name(std::string_view name) {
  const std::string folded = fold_name(name);
  if (folded.empty())
    return std::nullopt;
  for (const auto& t : teams)
    if (fold_name(t.full_name) == folded || t.nickname == folded)
      return t.tricode;
  for (const auto& a : name_aliases)
    if (a.alias == folded)
      return a.tricode;
  return std::nullopt;
}

std::optional<std::string_view> tricode_from_nba_team_id(std::int64_t id) {
  for (const auto& t : teams)
    if (t.nba_id == id)
      return t.tricode;
  return std::nullopt;
}

std::optional<std::int64_t> nba_team_id_from_tricode(std::string_view tricode) {
  auto code = canonical_tricode(tricode);
  if (!code)
    return std::nullopt;
  for (const auto& t : teams)
    if (t.tricode == *code)
      return t.nba_id;
  return std::nullopt;
}

std::optional<std::string_view> tricode_from_bdl_team_id(std::int64_t id) {
  for (const auto& t : teams)
    if (t.bdl_id == id)
      return t.tricode;
  return std::nullopt;
}

std::optional<std::string_view> team_full_name(std::string_view tricode) {
  auto code = canonical_tricode(tricode);
  if (!code)
    return std::nullopt;
  for (const auto& t : teams)
    if (t.tricode == *code)
      return t.full_name;
  return std::nullopt;
}

} // namespace courtside::identity
