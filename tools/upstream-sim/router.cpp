#include "tools/upstream-sim/router.hpp"

#include <array>

#include "tools/upstream-sim/json_writer.hpp"
#include "tools/upstream-sim/routes.hpp"

namespace courtside::upstream_sim {
namespace {

struct api_prefix {
  std::string_view prefix;     // "/balldontlie"
  std::string_view real_base;  // "/v1": the real API's base path, optional below the prefix
};

constexpr std::array<api_prefix, 4> prefixes{{
    {"/balldontlie", "/v1"}, {"/nba_cdn", "/static/json"}, {"/stats_nba", "/stats"}, {"/odds_api", "/v4"}}};

/// `path` minus `prefix` when it starts with it as whole segments.
std::optional<std::string_view> below(std::string_view path, std::string_view prefix) {
  if (path.substr(0, prefix.size()) != prefix)
    return std::nullopt;
  auto rest = path.substr(prefix.size());
  if (!rest.empty() && rest.front() != '/')
    return std::nullopt;
  return rest;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

endpoint classify(std::size_t api, std::string_view rest) {
  const auto seg = segments(rest);
  const std::string_view first = seg.empty() ? std::string_view{} : seg[0];
  switch (api) {
    case 0:
      if (first == "games") return endpoint::bdl_games;
      if (first == "stats") return endpoint::bdl_stats;
      if (first == "box_scores") return endpoint::bdl_box_scores;
      if (first == "players") return endpoint::bdl_players;
      if (first == "teams") return endpoint::bdl_teams;
      return endpoint::bdl_other;
    case 1:
      if (starts_with(rest, "/liveData/boxscore/")) return endpoint::cdn_boxscore;
      if (starts_with(rest, "/liveData/scoreboard/")) return endpoint::cdn_scoreboard;
      if (starts_with(rest, "/staticData/")) return endpoint::cdn_schedule;
      return endpoint::cdn_other;
    case 2:
      if (first == "boxscoretraditionalv2") return endpoint::stats_v2;
      if (first == "boxscoretraditionalv3") return endpoint::stats_v3;
      return endpoint::stats_other;
    default:
      if (first == "historical") return endpoint::odds_historical;
      if (seg.size() == 3 && seg[2] == "events") return endpoint::odds_events;
      if (seg.size() == 5 && seg[2] == "events" && seg[4] == "odds") return endpoint::odds_event_odds;
      return endpoint::odds_other;
  }
}

} // namespace

std::string_view to_string(endpoint e) {
  static constexpr std::array<std::string_view, endpoint_count> names{
      "balldontlie/games", "balldontlie/stats", "balldontlie/box_scores", "balldontlie/players",
      "balldontlie/teams", "balldontlie/other", "nba_cdn/boxscore", "nba_cdn/scoreboard",
      "nba_cdn/schedule", "nba_cdn/other", "stats_nba/boxscoretraditionalv2",
      "stats_nba/boxscoretraditionalv3", "stats_nba/other", "odds_api/events", "odds_api/event_odds",
      "odds_api/historical", "odds_api/other", "admin", "unknown"};
  return names[static_cast<std::size_t>(e)];
}

std::string_view api_of(endpoint e) {
  const auto name = to_string(e);
  const auto slash = name.find('/');
  return slash == std::string_view::npos ? std::string_view{} : name.substr(0, slash);
}

route_match match_route(std::string_view path) {
  if (below(path, "/_sim"))
    return {endpoint::admin, std::string{path}};
  for (std::size_t i = 0; i < prefixes.size(); ++i) {
    auto rest = below(path, prefixes[i].prefix);
    if (!rest)
      continue;
    if (auto real = below(*rest, prefixes[i].real_base))
      rest = real;
    return {classify(i, *rest), std::string{*rest}};
  }
  return {endpoint::unknown, std::string{path}};
}

router::router(const league& l, router_options options) : league_(l), options_(std::move(options)) {}

http::server_response router::handle(const http::server_request& req, std::chrono::milliseconds since_start,
                                     bool force_live) const {
  const auto match = match_route(req.path);
  if (req.method != "GET" && req.method != "HEAD") {
    auto r = json_response(405, "{\"error\":\"method not allowed\"}");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  const route_context ctx{league_, options_, req, since_start, force_live};
  const auto api = api_of(match.which);
  if (api == "balldontlie") return serve_balldontlie(ctx, match.rest);
  if (api == "nba_cdn") return serve_nba_cdn(ctx, match.which, match.rest);
  if (api == "stats_nba") return serve_stats_nba(ctx, match.which);
  if (api == "odds_api") return serve_odds_api(ctx, match.which, match.rest);
  return not_found(req.path);
}

http::server_response json_response(unsigned status, std::string body) {
  auto r = http::server_response::text(status, std::move(body), "application/json; charset=utf-8");
  r.gzip = true;
  return r;
}

http::server_response not_found(std::string_view path) {
  json_writer w;
  return json_response(404, w.begin_object().field("error", "not found").field("path", path).end_object().take());
}

game_state route_context::state_of(const game& g) const {
  if (!l.played(g))
    return game_state::scheduled();
  if (force_live)
    return game_state::live_for(g);
  const auto bdl = std::to_string(g.bdl_id);
  for (const auto& rule : options.not_final)
    if ((rule.game == g.nba_id || rule.game == bdl || rule.game == g.event_id) && since_start < rule.until)
      return game_state::live_for(g);
  return game_state::finished();
}

std::vector<std::string> route_context::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [key, value] : req.query) {
    const std::string_view k{key};
    if (k == name || (k.size() == name.size() + 2 && k.substr(0, name.size()) == name && k.substr(name.size()) == "[]"))
      out.push_back(value);
  }
  return out;
}

std::optional<std::string> route_context::one(std::string_view name) const {
  auto v = all(name);
  if (v.empty())
    return std::nullopt;
  return v.front();
}

void game_views::add(const route_context& ctx, const game& g) {
  const auto state = ctx.state_of(g);
  const box_score* box = nullptr;
  if (state.phase == game_phase::final) {
    box = &ctx.l.box(g.index);
  } else if (state.phase == game_phase::live) {
    live_.push_back(partial_box(ctx.l.box(g.index), state.elapsed));
    box = &live_.back();
  }
  views_.push_back(game_view{g, state, box});
}

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    const auto slash = path.find('/');
    if (slash != 0)
      out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos)
      break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  if (text.empty() || text.size() > 18)
    return std::nullopt;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

} // namespace courtside::upstream_sim
