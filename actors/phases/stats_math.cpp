#include "actors/phases/stats_math.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace courtside::phases {

double round_to(double x, int decimals) {
  const double scale = std::pow(10.0, decimals);
  const double r = std::round(x * scale) / scale;
  return r == 0.0 ? 0.0 : r; // no "-0"
}

std::optional<double> true_shooting(int pts, int fga, int fta) {
  const double attempts = 2.0 * (fga + 0.44 * fta);
  if (attempts <= 0) return std::nullopt;
  return pts / attempts;
}

std::optional<double> effective_fg(int fgm, int fg3m, int fga) {
  if (fga <= 0) return std::nullopt;
  return (fgm + 0.5 * fg3m) / fga;
}

std::optional<double> usage_rate(const usage_inputs& in) {
  const double team_plays = in.team_fga + 0.44 * in.team_fta + in.team_tov;
  if (in.seconds <= 0 || in.team_seconds <= 0 || team_plays <= 0) return std::nullopt;
  const double plays = in.fga + 0.44 * in.fta + in.tov;
  return plays * (in.team_seconds / 5.0) / (in.seconds * team_plays);
}

double team_possessions(int fga, int oreb, int tov, int fta) {
  return fga - oreb + tov + 0.44 * fta;
}

double game_minutes(std::optional<int> team_seconds) {
  if (!team_seconds || *team_seconds <= 0) return 48.0;
  const double minutes = *team_seconds / 300.0; // five players on the floor
  if (minutes <= 50.5) return 48.0;
  return 48.0 + 5.0 * std::max(1.0, std::round((minutes - 48.0) / 5.0));
}

std::optional<double> pace_per_48(double possessions, double minutes) {
  if (minutes <= 0 || possessions <= 0) return std::nullopt;
  return 48.0 * possessions / minutes;
}

std::optional<double> per_100(int points, double possessions) {
  if (possessions <= 0) return std::nullopt;
  return 100.0 * points / possessions;
}

const char* over_under(int pts, double line) {
  if (pts > line) return "OVER";
  if (pts < line) return "UNDER";
  return "PUSH";
}

std::optional<double> mean(const std::vector<double>& xs) {
  if (xs.empty()) return std::nullopt;
  double sum = 0;
  for (const double x : xs) sum += x;
  return sum / static_cast<double>(xs.size());
}

std::optional<double> median(std::vector<double> xs) {
  if (xs.empty()) return std::nullopt;
  std::sort(xs.begin(), xs.end());
  const std::size_t mid = xs.size() / 2;
  return xs.size() % 2 == 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2.0;
}

std::optional<double> sample_stddev(const std::vector<double>& xs) {
  if (xs.size() < 2) return std::nullopt;
  const double m = *mean(xs);
  double squares = 0;
  for (const double x : xs) squares += (x - m) * (x - m);
  return std::sqrt(squares / static_cast<double>(xs.size() - 1));
}

std::optional<double> trend_slope(const std::vector<double>& oldest_first) {
  const std::size_t n = oldest_first.size();
  if (n < 2) return std::nullopt;
  const double mean_x = (static_cast<double>(n) - 1.0) / 2.0;
  const double mean_y = *mean(oldest_first);
  double sxy = 0;
  double sxx = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = static_cast<double>(i) - mean_x;
    sxy += dx * (oldest_first[i] - mean_y);
    sxx += dx * dx;
  }
  return sxy / sxx;
}

std::optional<double> weighted_moving_average(const std::vector<double>& newest_first) {
  if (newest_first.empty()) return std::nullopt;
  const std::size_t n = newest_first.size();
  double weighted = 0;
  double weights = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = static_cast<double>(n - i);
    weighted += w * newest_first[i];
    weights += w;
  }
  return weighted / weights;
}

std::optional<std::int64_t> day_number(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (std::isdigit(static_cast<unsigned char>(d[i])) == 0) return std::nullopt;
  }
  auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (d[i] - '0');
    return v;
  };
  std::int64_t y = num(0, 4);
  const int m = num(5, 2);
  const int day = num(8, 2);
  if (m < 1 || m > 12 || day < 1 || day > 31) return std::nullopt;
  // Howard Hinnant's days_from_civil.
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<std::int64_t> days_between(std::string_view earlier, std::string_view later) {
  const auto a = day_number(earlier);
  const auto b = day_number(later);
  if (!a || !b) return std::nullopt;
  return *b - *a;
}

} // namespace courtside::phases
