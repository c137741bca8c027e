#include "tools/upstream-sim/format_odds_api.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "tools/upstream-sim/format_common.hpp"
#include "tools/upstream-sim/json_writer.hpp"
#include "tools/upstream-sim/names.hpp"

namespace courtside::upstream_sim::odds {
namespace {

const team_info& team_of(int index) { return teams()[static_cast<std::size_t>(index)]; }

bool wanted(const std::vector<std::string>& filter, std::string_view key) {
  return filter.empty() || std::find(filter.begin(), filter.end(), key) != filter.end();
}

void event_fields(json_writer& w, const game& g) {
  w.field("id", g.event_id).field("sport_key", "basketball_nba").field("sport_title", "NBA")
    .field("commence_time", utc_z(g.tip_epoch()))
    .field("home_team", team_of(g.home).odds_name).field("away_team", team_of(g.away).odds_name);
}

void price(json_writer& w, double decimal, bool american) {
  w.key("price");
  if (american)
    w.integer(american_price(decimal));
  else
    w.decimal(decimal, 2);
}

void h2h_market(json_writer& w, const game& g, const book_props& b, const std::string& updated, bool american) {
  w.begin_object().field("key", "h2h").field("last_update", updated).key("outcomes").begin_array();
  w.begin_object().field("name", team_of(g.home).odds_name);
  price(w, b.home_price, american);
  w.end_object().begin_object().field("name", team_of(g.away).odds_name);
  price(w, b.away_price, american);
  w.end_object().end_array().end_object();
}

void prop_market_entry(json_writer& w, const league& l, const book_props& b, prop_market m,
                       const std::string& updated, bool american) {
  w.begin_object().field("key", market_key(m)).field("last_update", updated).key("outcomes").begin_array();
  for (const auto& line : b.lines) {
    if (line.market != m)
      continue;
    const auto name = odds_api_name(l.players()[static_cast<std::size_t>(line.player)].full_name());
    for (bool over : {true, false}) {
      w.begin_object().field("name", over ? "Over" : "Under").field("description", name);
      price(w, over ? line.over_price : line.under_price, american);
      w.key("point").decimal(line.point, 1).end_object();
    }
  }
  w.end_array().end_object();
}

} // namespace

int american_price(double decimal) {
  if (decimal >= 2.0)
    return static_cast<int>(std::lround((decimal - 1.0) * 100.0));
  return -static_cast<int>(std::lround(100.0 / (decimal - 1.0)));
}

std::string events(const league& l, const std::vector<int>& games) {
  json_writer w;
  w.begin_array();
  for (int i : games) {
    w.begin_object();
    event_fields(w, l.games()[static_cast<std::size_t>(i)]);
    w.end_object();
  }
  return w.end_array().take();
}

std::string event_odds(const league& l, int game_index, const odds_query& q) {
  const auto& g = l.games()[static_cast<std::size_t>(game_index)];
  const auto books = l.props(game_index);
  const std::vector<std::string> h2h{"h2h"};
  const auto& markets = q.markets.empty() ? h2h : q.markets;
  const std::string updated = utc_z(g.tip_epoch() - 2 * 3600 - 17);
  json_writer w{json_style::pretty(2)};
  w.begin_object();
  event_fields(w, g);
  w.key("bookmakers").begin_array();
  for (const auto& b : books) {
    if (!wanted(q.bookmakers, b.key))
      continue;
    std::vector<prop_market> props;
    for (auto m : {prop_market::points, prop_market::rebounds, prop_market::assists})
      if (wanted(markets, market_key(m))) props.push_back(m);
    const bool h2h_wanted = wanted(markets, "h2h");
    if (props.empty() && !h2h_wanted)
      continue;  // a bookmaker without any requested market is not listed at all
    w.begin_object().field("key", b.key).field("title", b.title)
      .field("last_update", utc_z(g.tip_epoch() - 2 * 3600 - 48)).key("markets").begin_array();
    if (h2h_wanted)
      h2h_market(w, g, b, updated, q.american);
    for (auto m : props) prop_market_entry(w, l, b, m, updated, q.american);
    w.end_array().end_object();
  }
  return w.end_array().end_object().take();
}

std::string historical(std::int64_t at, const std::string& data) {
  const std::int64_t snap = at - at % 300;  // snapshots every five minutes
  return "{\"timestamp\":\"" + utc_z(snap) + "\",\"previous_timestamp\":\"" + utc_z(snap - 300)
         + "\",\"next_timestamp\":\"" + utc_z(snap + 300) + "\",\"data\":" + data + "}";
}

std::string error_body(std::string_view message, std::string_view code) {
  std::string anchor{code};
  for (auto& c : anchor) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  json_writer w;
  return w.begin_object().field("message", message).field("error_code", code)
    .field("details_url", "https://the-odds-api.com/liveapi/guides/v4/api-error-codes.html#" + anchor)
    .end_object().take();
}

} // namespace courtside::upstream_sim::odds
