#include "actors/phases/regression.hpp"

#include <algorithm>
#include <cmath>

namespace courtside::phases {

namespace {

using matrix = std::vector<std::vector<double>>;

// Cholesky of the symmetric positive semi-definite `a`, dropping columns whose pivot is
// (relatively) zero. Returns lower-triangular L with zero rows/columns for dropped ones.
matrix cholesky_dropping(const matrix& a, std::vector<bool>& dropped) {
  const std::size_t k = a.size();
  matrix l(k, std::vector<double>(k, 0.0));
  for (std::size_t j = 0; j < k; ++j) {
    double d = a[j][j];
    for (std::size_t p = 0; p < j; ++p) d -= l[j][p] * l[j][p];
    if (a[j][j] <= 0 || d <= 1e-9 * a[j][j]) {
      dropped[j] = true;
      continue;
    }
    l[j][j] = std::sqrt(d);
    for (std::size_t i = j + 1; i < k; ++i) {
      double s = a[i][j];
      for (std::size_t p = 0; p < j; ++p) s -= l[i][p] * l[j][p];
      l[i][j] = s / l[j][j];
    }
  }
  return l;
}

std::vector<double> solve(const matrix& l, const std::vector<bool>& dropped,
                          const std::vector<double>& b) {
  const std::size_t k = l.size();
  std::vector<double> z(k, 0.0);
  for (std::size_t i = 0; i < k; ++i) { // L z = b
    if (dropped[i]) continue;
    double s = b[i];
    for (std::size_t p = 0; p < i; ++p) s -= l[i][p] * z[p];
    z[i] = s / l[i][i];
  }
  std::vector<double> beta(k, 0.0);
  for (std::size_t ii = k; ii-- > 0;) { // L^T beta = z
    if (dropped[ii]) continue;
    double s = z[ii];
    for (std::size_t p = ii + 1; p < k; ++p) s -= l[p][ii] * beta[p];
    beta[ii] = s / l[ii][ii];
  }
  return beta;
}

} // namespace

fit_result fit_least_squares(const matrix& x, const std::vector<double>& y, std::size_t min_rows) {
  const std::size_t n = y.size();
  const std::size_t k = x.empty() ? 0 : x.front().size();
  if (x.size() != n) return {std::nullopt, "x and y differ in length"};
  for (const auto& row : x) {
    if (row.size() != k) return {std::nullopt, "rows differ in width"};
  }
  const std::size_t needed = std::max(min_rows, k + 2);
  if (n < needed) {
    return {std::nullopt, "too few rows: " + std::to_string(n) + " < " + std::to_string(needed)};
  }
  std::vector<double> mean_x(k, 0.0);
  double mean_y = 0;
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t j = 0; j < k; ++j) mean_x[j] += x[r][j];
    mean_y += y[r];
  }
  for (double& m : mean_x) m /= static_cast<double>(n);
  mean_y /= static_cast<double>(n);

  matrix a(k, std::vector<double>(k, 0.0));
  std::vector<double> b(k, 0.0);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t i = 0; i < k; ++i) {
      const double xi = x[r][i] - mean_x[i];
      b[i] += xi * (y[r] - mean_y);
      for (std::size_t j = 0; j <= i; ++j) a[i][j] += xi * (x[r][j] - mean_x[j]);
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = i + 1; j < k; ++j) a[i][j] = a[j][i];
  }

  linear_fit fit;
  fit.rows = n;
  fit.dropped.assign(k, false);
  const matrix l = cholesky_dropping(a, fit.dropped);
  fit.coefficients = solve(l, fit.dropped, b);
  fit.intercept = mean_y;
  for (std::size_t j = 0; j < k; ++j) fit.intercept -= fit.coefficients[j] * mean_x[j];

  const auto kept = static_cast<std::size_t>(std::count(fit.dropped.begin(), fit.dropped.end(), false));
  double sse = 0;
  for (std::size_t r = 0; r < n; ++r) {
    const double e = y[r] - predict(fit, x[r]);
    sse += e * e;
  }
  fit.residual_std = n > kept + 1 ? std::sqrt(sse / static_cast<double>(n - kept - 1)) : 0.0;
  return {std::move(fit), ""};
}

double predict(const linear_fit& fit, const std::vector<double>& row) {
  double y = fit.intercept;
  for (std::size_t j = 0; j < fit.coefficients.size() && j < row.size(); ++j) {
    y += fit.coefficients[j] * row[j];
  }
  return y;
}

} // namespace courtside::phases
