#pragma once
// Private to the router's .cpp files: the per-API handlers and what they share.
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/upstream-sim/format_common.hpp"
#include "tools/upstream-sim/router.hpp"

namespace courtside::upstream_sim {

struct route_context {
  const league& l;
  const router_options& options;
  const http::server_request& req;
  std::chrono::milliseconds since_start;
  bool force_live;

  [[nodiscard]] game_state state_of(const game& g) const;
  /// Every value of a query parameter, under its name with or without "[]".
  [[nodiscard]] std::vector<std::string> all(std::string_view name) const;
  [[nodiscard]] std::optional<std::string> one(std::string_view name) const;
};

/// Views of games with the live box scores they need kept alive beside them.
class game_views {
public:
  void add(const route_context& ctx, const game& g);
  [[nodiscard]] const std::vector<game_view>& views() const { return views_; }

private:
  std::deque<box_score> live_;
  std::vector<game_view> views_;
};

[[nodiscard]] http::server_response serve_balldontlie(const route_context& ctx, std::string_view rest);
[[nodiscard]] http::server_response serve_nba_cdn(const route_context& ctx, endpoint e, std::string_view rest);
[[nodiscard]] http::server_response serve_stats_nba(const route_context& ctx, endpoint e);
[[nodiscard]] http::server_response serve_odds_api(const route_context& ctx, endpoint e, std::string_view rest);

/// Splits "/a/b/c" into {"a", "b", "c"}.
[[nodiscard]] std::vector<std::string_view> segments(std::string_view path);
/// A whole decimal number, or nullopt.
[[nodiscard]] std::optional<std::int64_t> parse_int(std::string_view text);

} // namespace courtside::upstream_sim
