#pragma once
// Ordinary least squares with an intercept, for the "regression" prediction system. Pure.
//
// Singular designs are handled by dropping columns rather than failing: the features are
// centred, the normal equations factored by Cholesky column by column, and a column whose
// remaining variance is below 1e-9 of its own (a constant feature, or one that is a linear
// combination of earlier ones) gets coefficient 0 and is listed in `dropped`. With every
// column dropped the model is the mean of y.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace courtside::phases {

struct linear_fit {
  double intercept = 0;
  std::vector<double> coefficients; ///< one per feature column; 0 for a dropped column
  std::vector<bool> dropped;        ///< per column: left out as constant or collinear
  double residual_std = 0;          ///< sqrt(SSE / (n - kept - 1)); 0 when n <= kept + 1
  std::size_t rows = 0;
};

struct fit_result {
  std::optional<linear_fit> fit; ///< nullopt: not enough rows (see reason)
  std::string reason;            ///< why there is no fit; empty when there is one
};

/// Fits y = intercept + x . coefficients. `x` holds one row per observation, each with the
/// same number of columns. Needs at least max(min_rows, columns + 2) rows.
[[nodiscard]] fit_result fit_least_squares(const std::vector<std::vector<double>>& x,
                                           const std::vector<double>& y, std::size_t min_rows);

[[nodiscard]] double predict(const linear_fit& fit, const std::vector<double>& row);

} // namespace courtside::phases
