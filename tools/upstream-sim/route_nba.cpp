// NBA.com: the CDN's static JSON files and stats.nba.com's box score endpoints.
#include "tools/upstream-sim/format_nba_cdn.hpp"
#include "tools/upstream-sim/format_stats_nba.hpp"
#include "tools/upstream-sim/routes.hpp"

namespace courtside::upstream_sim {
namespace {

/// S3 behind the CDN: a key that does not exist (a game not played yet) is 403, not 404.
http::server_response access_denied() {
  auto r = http::server_response::text(403, cdn::access_denied_xml(), "application/xml");
  return r;
}

http::server_response cdn_json(std::string body) {
  auto r = json_response(200, std::move(body));
  r.headers.emplace_back("Cache-Control", "max-age=5, public");
  return r;
}

/// "boxscore_0022500001.json" -> "0022500001".
std::optional<std::string_view> boxscore_id(std::string_view file) {
  constexpr std::string_view head = "boxscore_", tail = ".json";
  if (file.size() <= head.size() + tail.size() || file.substr(0, head.size()) != head
      || file.substr(file.size() - tail.size()) != tail)
    return std::nullopt;
  return file.substr(head.size(), file.size() - head.size() - tail.size());
}

http::server_response boxscore(const route_context& ctx, std::string_view rest) {
  const auto seg = segments(rest);
  const auto id = seg.size() == 3 ? boxscore_id(seg[2]) : std::nullopt;
  const game* g = id ? ctx.l.find_nba(*id) : nullptr;
  if (!g)
    return access_denied();
  game_views views;
  views.add(ctx, *g);
  const auto& v = views.views().front();
  if (v.state.phase == game_phase::scheduled)
    return access_denied();
  return cdn_json(cdn::boxscore(ctx.l, v));
}

http::server_response scoreboard(const route_context& ctx, std::string_view rest) {
  if (rest != "/liveData/scoreboard/todaysScoreboard_00.json")
    return access_denied();
  const auto today = ctx.l.options().today;
  game_views views;
  for (int i : ctx.l.games_on(today)) views.add(ctx, ctx.l.games()[static_cast<std::size_t>(i)]);
  return cdn_json(cdn::scoreboard(ctx.l, today, views.views()));
}

http::server_response schedule(const route_context& ctx, std::string_view rest) {
  if (rest != "/staticData/scheduleLeagueV2.json" && rest != "/staticData/scheduleLeagueV2_1.json")
    return access_denied();
  game_views views;
  for (const auto& g : ctx.l.games()) views.add(ctx, g);
  return cdn_json(cdn::schedule(ctx.l, views.views()));
}

} // namespace

http::server_response serve_nba_cdn(const route_context& ctx, endpoint e, std::string_view rest) {
  switch (e) {
    case endpoint::cdn_boxscore: return boxscore(ctx, rest);
    case endpoint::cdn_scoreboard: return scoreboard(ctx, rest);
    case endpoint::cdn_schedule: return schedule(ctx, rest);
    default: return not_found(ctx.req.path);
  }
}

http::server_response serve_stats_nba(const route_context& ctx, endpoint e) {
  if (e != endpoint::stats_v2 && e != endpoint::stats_v3)
    return not_found(ctx.req.path);
  const auto id = ctx.one("GameID");
  if (!id || id->empty())
    return http::server_response::text(400, stats::missing_parameter("GameID"));
  const game* g = ctx.l.find_nba(*id);
  if (!g)
    return not_found(ctx.req.path);
  game_views views;
  views.add(ctx, *g);
  const auto& v = views.views().front();
  return json_response(200, e == endpoint::stats_v2 ? stats::boxscore_v2(ctx.l, v) : stats::boxscore_v3(ctx.l, v));
}

} // namespace courtside::upstream_sim
