#include "tools/upstream-sim/names.hpp"

#include <array>
#include <cctype>
#include <utility>

namespace courtside::upstream_sim {
namespace {

name_pools make_pools() {
  name_pools p;
  p.first = {"Jalen",   "Tyrese",  "Jaylen",   "Marcus",  "Anthony", "Devin",   "Kevin",
             "Jordan",  "Tyler",   "Cameron",  "Isaiah",  "Brandon", "Malik",   "Darius",
             "Josh",    "Keegan",  "Miles",    "Aaron",   "Caleb",   "Donovan", "Trey",
             "Derrick", "Bobby",   "Collin",   "Dyson",   "Jaren",   "Scottie", "Amen",
             "Ausar",   "Walker",  "Zach",     "Coby",    "Keldon",  "Onyeka",  "Deni",
             "Franz",   "Jabari",  "Jarace",   "Kobe",    "Max",     "Nick",    "Paolo",
             "Quentin", "Reed",    "Santi",    "Tari",    "Victor",  "Wendell", "Xavier",
             "Zion",    "Moussa",  "Tidjane",  "Hugo",    "Nolan",   "Chris",   "Kon",
             "Grant",   "Nikola",  "Luka",     "Bogdan",  "Dario",   "Jusuf",   "Théo",
             "Dāvis",   "Nicolò",  "Sékou",    "P.J.",    "T.J.",    "C.J.",    "De'Andre",
             "D'Angelo", "Ja'Kobe", "Kelly",   "Michael", "Russell", "Jamal",   "Eric",
             "Gary",    "Lonnie",  "Mikal",    "Naz",     "OG",      "Herbert", "Immanuel"};
  p.last = {"Williams", "Johnson",   "Brown",    "Smith",    "Jones",     "Davis",    "Miller",
            "Wilson",   "Moore",     "Taylor",   "Anderson", "Thomas",    "Jackson",  "White",
            "Harris",   "Martin",    "Thompson", "Robinson", "Walker",    "Young",    "Allen",
            "King",     "Wright",    "Scott",    "Green",    "Baker",     "Adams",    "Nelson",
            "Hill",     "Campbell",  "Mitchell", "Roberts",  "Carter",    "Phillips", "Evans",
            "Turner",   "Parker",    "Collins",  "Edwards",  "Stewart",   "Morris",   "Murphy",
            "Cook",     "Rogers",    "Morgan",   "Cooper",   "Bailey",    "Bell",     "Howard",
            "Ward",     "Richardson", "Watson",  "Brooks",   "Bennett",   "Gray",     "Hughes",
            "Sanders",  "Myers",     "Ross",     "Foster",   "Knueppel",  "Holmgren", "Okongwu",
            "Oubre",    "Porter",    "Murray",   "Barnes",   "Mobley",    "O'Neale",  "Walker-Peters",
            "Horton-Tucker", "Tucker", "McDaniels", "Achiuwa", "Quickley", "Yabusele", "Gordon"};
  p.accented_last = {"Vučević", "Porziņģis", "Jokić",    "Dončić",   "Mañon",     "Salaün",
                     "Diabaté", "Đurišić",   "Šarić",    "Valančiūnas", "Bogdanović", "Nurkić",
                     "Schröder", "Şengün",   "Traoré",   "González", "Kovačević", "Hernández",
                     "Núñez",   "Đorđević",  "Bertāns",  "Krejčí"};
  p.suffixes = {" Jr.", " Jr.", " III", " II", " Sr."};
  p.colleges = {"Kentucky", "Duke",    "Gonzaga", "Santa Clara", "Michigan", "Texas",
                "Arizona",  "UCLA",    "Kansas",  "Villanova",   "Baylor",   "Alabama",
                "Houston",  "Arkansas", "Oregon", "Connecticut", "Stanford", "Memphis"};
  p.countries = {"Serbia", "Latvia", "Slovenia", "France", "Croatia", "Lithuania",
                 "Germany", "Turkey", "Spain", "Bosnia and Herzegovina", "Czech Republic"};
  p.injuries = {"Left Ankle; Sprain",   "Right Knee; Soreness", "Lower Back; Spasms",
                "Left Hamstring; Strain", "Illness",            "Right Calf; Strain",
                "Left Foot; Plantar Fasciitis", "Right Wrist; Sprain"};
  p.referees = {"Michael Smith", "Pat Fraher",  "Mitchell Ervin", "Scott Foster",
                "Tony Brothers", "Marc Davis",  "Zach Zarba",     "Ed Malloy",
                "James Capers",  "Kane Fitzgerald", "Sean Wright", "Bill Kennedy",
                "Josh Tiven",    "Courtney Kirkland", "Lauren Holtkamp", "Natalie Sago"};
  return p;
}

// Lower-case and upper-case Latin letters with diacritics the pools use, as UTF-8.
constexpr std::array<std::pair<std::string_view, char>, 34> folds{{
    {"č", 'c'}, {"ć", 'c'}, {"Č", 'C'}, {"Ć", 'C'}, {"š", 's'}, {"Š", 'S'}, {"ž", 'z'},
    {"Ž", 'Z'}, {"đ", 'd'}, {"Đ", 'D'}, {"ņ", 'n'}, {"ģ", 'g'}, {"ñ", 'n'}, {"ü", 'u'},
    {"é", 'e'}, {"É", 'E'}, {"è", 'e'}, {"ö", 'o'}, {"ş", 's'}, {"Ş", 'S'}, {"ā", 'a'},
    {"ū", 'u'}, {"ò", 'o'}, {"í", 'i'}, {"ú", 'u'}, {"á", 'a'}, {"ó", 'o'}, {"ë", 'e'},
    {"ï", 'i'}, {"ç", 'c'}, {"ã", 'a'}, {"ô", 'o'}, {"î", 'i'}, {"ø", 'o'},
}};

} // namespace

const name_pools& pools() {
  static const name_pools p = make_pools();
  return p;
}

std::string fold_ascii(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    bool folded = false;
    for (const auto& [utf8, ascii] : folds)
      if (s.substr(i, utf8.size()) == utf8) {
        out += ascii;
        i += utf8.size();
        folded = true;
        break;
      }
    if (!folded) {  // skip the whole unknown sequence
      ++i;
      while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    }
  }
  return out;
}

std::string odds_api_name(std::string_view full_name) {
  std::string out;
  for (char c : fold_ascii(full_name))
    if (c != '.')
      out += c;
  return out;
}

std::string player_slug(std::string_view full_name) {
  std::string out;
  bool pending_dash = false;
  for (char c : fold_ascii(full_name)) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      if (pending_dash && !out.empty())
        out += '-';
      pending_dash = false;
      out += static_cast<char>(std::tolower(u));
    } else if (c == ' ' || c == '-') {
      pending_dash = true;
    }
  }
  return out;
}

std::string initial_name(std::string_view first, std::string_view family) {
  if (first.empty())
    return std::string{family};
  // The initial is the first code point, which may be more than one byte.
  std::size_t len = 1;
  while (len < first.size() && (static_cast<unsigned char>(first[len]) & 0xC0) == 0x80) ++len;
  return std::string{first.substr(0, len)} + ". " + std::string{family};
}

} // namespace courtside::upstream_sim
