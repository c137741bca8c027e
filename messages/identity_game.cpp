// Game keys, Eastern dates and NBA.com game ids (see identity.hpp).
#include <cstdint>

#include "messages/identity.hpp"

namespace courtside::identity {
namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9')
      return false;
  return !s.empty();
}

int to_int(std::string_view digits) {
  int n = 0;
  for (char c : digits)
    n = n * 10 + (c - '0');
  return n;
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool valid_ymd(int y, int m, int d) {
  return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

struct civil {
  int y, m, d;
};

civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<int>(z - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return {static_cast<int>(yoe + era * 400) + (m <= 2 ? 1 : 0), m, d};
}

// 0 = Sunday.
int weekday(std::int64_t days) {
  const auto w = static_cast<int>((days + 4) % 7);
  return w < 0 ? w + 7 : w;
}

// Day number of the n-th (1-based) Sunday of a month, or of the last one when n == 0.
std::int64_t nth_sunday(int y, int m, int n) {
  if (n == 0) {
    const std::int64_t last = days_from_civil(y, m, days_in_month(y, m));
    return last - weekday(last);
  }
  const std::int64_t first = days_from_civil(y, m, 1);
  return first + (7 - weekday(first)) % 7 + 7 * (n - 1);
}

// Whether US Eastern daylight time is in force at `utc_minutes` since the epoch. DST starts
// at 02:00 EST (07:00 UTC) and ends at 02:00 EDT (06:00 UTC).
bool eastern_dst(int year, std::int64_t utc_minutes) {
  std::int64_t start_day = 0;
  std::int64_t end_day = 0;
  if (year >= 2007) {
    start_day = nth_sunday(year, 3, 2);
    end_day = nth_sunday(year, 11, 1);
  } else {
    start_day = nth_sunday(year, 4, 1);
    end_day = nth_sunday(year, 10, 0);
  }
  const std::int64_t start = start_day * 1440 + 7 * 60;
  const std::int64_t end = end_day * 1440 + 6 * 60;
  return utc_minutes >= start && utc_minutes < end;
}

std::string format_date(int y, int m, int d) {
  std::string out(10, '0');
  out[0] = static_cast<char>('0' + y / 1000 % 10);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[7] = '-';
  out[8] = static_cast<char>('0' + d / 10);
  out[9] = static_cast<char>('0' + d % 10);
  return out;
}

// Minutes east of UTC of an ISO-8601 zone suffix: "Z", "+00:00", "-05:00", "-0500".
std::optional<int> zone_offset_minutes(std::string_view zone) {
  if (zone == "Z" || zone == "z")
    return 0;
  if (zone.size() < 3 || (zone[0] != '+' && zone[0] != '-'))
    return std::nullopt;
  const int sign = zone[0] == '-' ? -1 : 1;
  std::string_view rest = zone.substr(1);
  std::string_view hh = rest.substr(0, 2);
  std::string_view mm;
  if (rest.size() == 5 && rest[2] == ':')
    mm = rest.substr(3);
  else if (rest.size() == 4)
    mm = rest.substr(2);
  else if (rest.size() != 2)
    return std::nullopt;
  if (!all_digits(hh) || (!mm.empty() && !all_digits(mm)))
    return std::nullopt;
  return sign * (to_int(hh) * 60 + (mm.empty() ? 0 : to_int(mm)));
}

} // namespace

std::optional<std::string> iso_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
    std::string_view ys = text.substr(0, 4), ms = text.substr(5, 2), ds = text.substr(8, 2);
    if (!all_digits(ys) || !all_digits(ms) || !all_digits(ds))
      return std::nullopt;
    y = to_int(ys), m = to_int(ms), d = to_int(ds);
  } else if (text.size() == 8 && all_digits(text)) {
    y = to_int(text.substr(0, 4)), m = to_int(text.substr(4, 2)), d = to_int(text.substr(6, 2));
  } else {
    return std::nullopt;
  }
  if (!valid_ymd(y, m, d))
    return std::nullopt;
  return format_date(y, m, d);
}

std::string make_game_key(std::string_view date, std::string_view away_tricode,
                          std::string_view home_tricode) {
  auto day = iso_date(date);
  std::string away = normalize_tricode(away_tricode);
  std::string home = normalize_tricode(home_tricode);
  if (!day || away.empty() || home.empty())
    return {};
  std::string key;
  key.reserve(8 + 2 + away.size() + home.size());
  key.append(*day, 0, 4).append(*day, 5, 2).append(*day, 8, 2);
  key.append(1, '_').append(away).append(1, '_').append(home);
  return key;
}

std::optional<game_key_parts> parse_game_key(std::string_view key) {
  if (key.size() < 12 || key[8] != '_')
    return std::nullopt;
  auto day = iso_date(key.substr(0, 8));
  std::string_view teams = key.substr(9);
  const auto sep = teams.find('_');
  if (!day || sep == std::string_view::npos || sep == 0 || sep + 1 >= teams.size())
    return std::nullopt;
  std::string_view away = teams.substr(0, sep);
  std::string_view home = teams.substr(sep + 1);
  if (home.find('_') != std::string_view::npos)
    return std::nullopt;
  return game_key_parts{*day, std::string(away), std::string(home)};
}

std::optional<std::string> eastern_date_of(std::string_view instant) {
  // YYYY-MM-DDTHH:MM then optional :SS(.fraction), then a zone.
  if (instant.size() < 17 || (instant[10] != 'T' && instant[10] != ' ') || instant[13] != ':')
    return std::nullopt;
  auto day = iso_date(instant.substr(0, 10));
  std::string_view hh = instant.substr(11, 2), mi = instant.substr(14, 2);
  if (!day || !all_digits(hh) || !all_digits(mi) || to_int(hh) > 23 || to_int(mi) > 59)
    return std::nullopt;
  std::size_t pos = 16;
  if (pos < instant.size() && instant[pos] == ':') {
    if (pos + 3 > instant.size() || !all_digits(instant.substr(pos + 1, 2)))
      return std::nullopt;
    pos += 3;
    if (pos < instant.size() && instant[pos] == '.') {
      ++pos;
      while (pos < instant.size() && instant[pos] >= '0' && instant[pos] <= '9')
        ++pos;
    }
  }
  auto offset = zone_offset_minutes(instant.substr(pos));
  if (!offset)
    return std::nullopt;
  const int y = to_int(instant.substr(0, 4));
  const std::int64_t days = days_from_civil(y, to_int(instant.substr(5, 2)),
                                            to_int(instant.substr(8, 2)));
  const std::int64_t utc = days * 1440 + to_int(hh) * 60 + to_int(mi) - *offset;
  const int eastern_offset = eastern_dst(y, utc) ? -4 * 60 : -5 * 60;
  const std::int64_t local = utc + eastern_offset;
  const std::int64_t local_day = local >= 0 ? local / 1440 : (local - 1439) / 1440;
  const civil c = civil_from_days(local_day);
  return format_date(c.y, c.m, c.d);
}

std::optional<nba_game_id_parts> parse_nba_game_id(std::string_view id) {
  if (id.size() != 10 || !all_digits(id) || id.substr(0, 2) != "00")
    return std::nullopt;
  const int type = id[2] - '0';
  if (type < 1 || type > 6)
    return std::nullopt;
  const int yy = to_int(id.substr(3, 2));
  // Two-digit season years: 46..99 are the 1900s (the league began in 1946).
  const int season = yy >= 46 ? 1900 + yy : 2000 + yy;
  return nba_game_id_parts{type, season, to_int(id.substr(5))};
}

std::string nba_game_id_from_number(std::int64_t id) {
  if (id < 0 || id > 9'999'999'999)
    return {};
  std::string digits = std::to_string(id);
  return std::string(10 - digits.size(), '0') + digits;
}

void game_index::remember(const Game& game) {
  if (game.key.empty())
    return;
  ids& entry = ids_by_key_[game.key];
  if (!game.nba_game_id.empty()) {
    entry.nba = game.nba_game_id;
    key_by_nba_[game.nba_game_id] = game.key;
  }
  if (game.bdl_id) {
    entry.bdl = game.bdl_id;
    key_by_bdl_[*game.bdl_id] = game.key;
  }
}

std::optional<std::string> game_index::key_for_nba_id(std::string_view nba_game_id) const {
  auto it = key_by_nba_.find(std::string(nba_game_id));
  if (it == key_by_nba_.end())
    return std::nullopt;
  return it->second;
}

std::optional<std::string> game_index::key_for_bdl_id(std::int64_t bdl_id) const {
  auto it = key_by_bdl_.find(bdl_id);
  if (it == key_by_bdl_.end())
    return std::nullopt;
  return it->second;
}

std::optional<std::string> game_index::nba_id_for_key(std::string_view key) const {
  auto it = ids_by_key_.find(std::string(key));
  if (it == ids_by_key_.end() || it->second.nba.empty())
    return std::nullopt;
  return it->second.nba;
}

std::optional<std::int64_t> game_index::bdl_id_for_key(std::string_view key) const {
  auto it = ids_by_key_.find(std::string(key));
  if (it == ids_by_key_.end())
    return std::nullopt;
  return it->second.bdl;
}

} // namespace courtside::identity
