// The Odds API v4: sports, events, event odds and their historical snapshots; apiKey check.
#include <algorithm>

#include "tools/upstream-sim/format_common.hpp"
#include "tools/upstream-sim/format_odds_api.hpp"
#include "tools/upstream-sim/json_writer.hpp"
#include "tools/upstream-sim/routes.hpp"

namespace courtside::upstream_sim {
namespace {

constexpr std::string_view sport = "basketball_nba";

http::server_response odds_error(unsigned status, std::string_view message, std::string_view code) {
  return json_response(status, odds::error_body(message, code));
}

std::vector<std::string> split_commas(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::string_view rest{v};
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      if (auto item = rest.substr(0, comma); !item.empty()) out.emplace_back(item);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
  }
  return out;
}

/// Events in [from, to) by tip-off; without bounds, the games not played by `today`.
http::server_response events(const route_context& ctx, std::optional<std::int64_t> from,
                             std::optional<std::int64_t> to, std::optional<std::int64_t> snapshot) {
  std::vector<int> picked;
  const auto ids = split_commas(ctx.all("eventIds"));
  for (const auto& g : ctx.l.games()) {
    const auto tip = g.tip_epoch();
    const bool in_window = from || to ? (!from || tip >= *from) && (!to || tip < *to) : !ctx.l.played(g);
    const bool listed = ids.empty() || std::find(ids.begin(), ids.end(), g.event_id) != ids.end();
    if (in_window && listed)
      picked.push_back(g.index);
  }
  const auto body = odds::events(ctx.l, picked);
  return json_response(200, snapshot ? odds::historical(*snapshot, body) : body);
}

http::server_response event_odds(const route_context& ctx, std::string_view id, std::optional<std::int64_t> snapshot) {
  const game* g = ctx.l.find_event(id);
  if (!g)
    return odds_error(404, "Event not found. The event may have expired or the event id is invalid.",
                      "EVENT_NOT_FOUND");
  // Books open their prop markets a couple of days before tip-off.
  const auto horizon = add_days(ctx.l.options().today, ctx.options.props_horizon_days);
  if (horizon < g->date && !snapshot)
    return http::server_response::text(204, "");
  odds::odds_query q;
  q.markets = split_commas(ctx.all("markets"));
  q.bookmakers = split_commas(ctx.all("bookmakers"));
  const auto format = ctx.one("oddsFormat").value_or("decimal");
  if (format != "decimal" && format != "american")
    return odds_error(422, "Invalid oddsFormat", "INVALID_ODDS_FORMAT");
  q.american = format == "american";
  const auto body = odds::event_odds(ctx.l, g->index, q);
  return json_response(200, snapshot ? odds::historical(*snapshot, body) : body);
}

std::optional<std::int64_t> instant(const route_context& ctx, std::string_view name, bool& bad) {
  const auto v = ctx.one(name);
  if (!v)
    return std::nullopt;
  const auto t = parse_instant(*v);
  bad = bad || !t;
  return t;
}

http::server_response sports() {
  json_writer w;
  w.begin_array().begin_object().field("key", sport).field("group", "Basketball").field("title", "NBA")
    .field("description", "US Basketball").field("active", true).field("has_outrights", false)
    .end_object().end_array();
  return json_response(200, w.take());
}

} // namespace

http::server_response serve_odds_api(const route_context& ctx, endpoint e, std::string_view rest) {
  if (const auto& key = ctx.options.odds_key; !key.empty()) {
    const auto given = ctx.one("apiKey");
    if (!given)
      return odds_error(401, "API key is missing. Pass it in the apiKey query parameter.", "MISSING_KEY");
    if (*given != key)
      return odds_error(401, "API key is not valid.", "INVALID_KEY");
  }
  auto seg = segments(rest);
  std::optional<std::int64_t> snapshot;
  bool bad = false;
  if (e == endpoint::odds_historical) {
    snapshot = instant(ctx, "date", bad);
    if (!snapshot || bad)
      return odds_error(422, "Invalid or missing date parameter", "INVALID_HISTORICAL_TIMESTAMP");
    seg.erase(seg.begin());
  }
  if (seg.size() == 1 && seg[0] == "sports" && !snapshot)
    return sports();
  if (seg.size() < 3 || seg[0] != "sports")
    return not_found(ctx.req.path);
  if (seg[1] != sport)
    return odds_error(404, "Unknown sport", "UNKNOWN_SPORT");
  if (seg.size() == 3 && seg[2] == "events") {
    auto from = instant(ctx, "commenceTimeFrom", bad);
    auto to = instant(ctx, "commenceTimeTo", bad);
    if (bad)
      return odds_error(422, "Invalid commenceTimeFrom or commenceTimeTo", "INVALID_COMMENCE_TIME");
    if (snapshot && !from && !to) {  // a snapshot lists what was coming up then
      from = *snapshot;
      to = *snapshot + 3 * 86400;
    }
    return events(ctx, from, to, snapshot);
  }
  if (seg.size() == 5 && seg[2] == "events" && seg[4] == "odds")
    return event_odds(ctx, seg[3], snapshot);
  return not_found(ctx.req.path);
}

} // namespace courtside::upstream_sim
