// balldontlie /v1 endpoints: filters, cursor pagination (the cursor is the last id of the
// previous page; the next page starts after it) and the Authorization check.
#include <algorithm>
#include <cctype>
#include <set>

#include "tools/upstream-sim/format_balldontlie.hpp"
#include "tools/upstream-sim/routes.hpp"

namespace courtside::upstream_sim {
namespace {

http::server_response bad_request(std::string_view why) { return json_response(400, bdl::error_body(why)); }

struct paging {
  std::int64_t after = 0;  // cursor: items with a larger id
  int per_page = 25;
};

std::optional<paging> read_paging(const route_context& ctx) {
  paging p;
  if (auto v = ctx.one("per_page")) {
    const auto n = parse_int(*v);
    if (!n || *n < 1)
      return std::nullopt;
    p.per_page = static_cast<int>(std::min<std::int64_t>(*n, 100));
  }
  if (auto v = ctx.one("cursor")) {
    const auto n = parse_int(*v);
    if (!n)
      return std::nullopt;
    p.after = *n;
  }
  return p;
}

/// Takes up to per_page items with id > after from `ids` (ascending); says where the next
/// page starts when more remain.
std::vector<std::size_t> page_of(const std::vector<std::int64_t>& ids, const paging& p, bdl::page_meta& meta) {
  std::vector<std::size_t> out;
  meta.per_page = p.per_page;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] <= p.after)
      continue;
    if (static_cast<int>(out.size()) == p.per_page) {
      meta.next_cursor = ids[out.back()];
      break;
    }
    out.push_back(i);
  }
  return out;
}

/// The date filters every list endpoint shares: dates[], start_date, end_date, seasons[].
struct date_filter {
  std::set<std::int64_t> dates;
  std::optional<civil_date> start, end;
  std::set<int> seasons;
  std::set<int> teams;  // balldontlie team ids
  std::set<std::int64_t> game_ids;

  [[nodiscard]] bool admits(const game& g) const {
    if (!dates.empty() && dates.count(days_from_civil(g.date)) == 0) return false;
    if (start && g.date < *start) return false;
    if (end && *end < g.date) return false;
    const int season = g.date.month >= 8 ? g.date.year : g.date.year - 1;
    if (!seasons.empty() && seasons.count(season) == 0) return false;
    if (!game_ids.empty() && game_ids.count(g.bdl_id) == 0) return false;
    return teams.empty() || teams.count(teams_of(g.home)) > 0 || teams.count(teams_of(g.away)) > 0;
  }
  static int teams_of(int index) { return upstream_sim::teams()[static_cast<std::size_t>(index)].bdl_id; }
};

/// Reads the filters; an error message when one does not parse.
std::string read_filter(const route_context& ctx, date_filter& f) {
  for (const auto& d : ctx.all("dates")) {
    const auto date = parse_iso_date(d);
    if (!date) return "invalid date '" + d + "'";
    f.dates.insert(days_from_civil(*date));
  }
  for (const auto* key : {"start_date", "end_date"})
    if (auto v = ctx.one(key)) {
      const auto date = parse_iso_date(*v);
      if (!date) return std::string{"invalid "} + key;
      (std::string_view{key} == "start_date" ? f.start : f.end) = date;
    }
  for (const auto& s : ctx.all("seasons")) {
    const auto n = parse_int(s);
    if (!n) return "invalid season '" + s + "'";
    f.seasons.insert(static_cast<int>(*n));
  }
  for (const auto& t : ctx.all("team_ids")) {
    const auto n = parse_int(t);
    if (!n) return "invalid team id '" + t + "'";
    f.teams.insert(static_cast<int>(*n));
  }
  for (const auto& g : ctx.all("game_ids")) {
    const auto n = parse_int(g);
    if (!n) return "invalid game id '" + g + "'";
    f.game_ids.insert(*n);
  }
  return {};
}

http::server_response games(const route_context& ctx) {
  date_filter f;
  if (auto e = read_filter(ctx, f); !e.empty()) return bad_request(e);
  const auto p = read_paging(ctx);
  if (!p) return bad_request("invalid per_page or cursor");
  std::vector<std::int64_t> ids;
  std::vector<const game*> matching;
  if (ctx.one("postseason").value_or("false") != "true")
    for (const auto& g : ctx.l.games())
      if (f.admits(g)) {
        ids.push_back(g.bdl_id);
        matching.push_back(&g);
      }
  bdl::page_meta meta;
  game_views views;
  for (auto i : page_of(ids, *p, meta)) views.add(ctx, *matching[i]);
  return json_response(200, bdl::games_page(views.views(), meta));
}

http::server_response stats(const route_context& ctx) {
  date_filter f;
  if (auto e = read_filter(ctx, f); !e.empty()) return bad_request(e);
  std::set<std::int64_t> players;
  for (const auto& id : ctx.all("player_ids"))
    if (auto n = parse_int(id)) players.insert(*n);
    else return bad_request("invalid player id '" + id + "'");
  const auto p = read_paging(ctx);
  if (!p) return bad_request("invalid per_page or cursor");
  game_views views;
  for (const auto& g : ctx.l.games())
    if (ctx.l.played(g) && f.admits(g)) views.add(ctx, g);
  std::vector<bdl::stat_row> rows;
  std::vector<std::int64_t> ids;
  for (const auto& v : views.views())
    for (bool home : {true, false}) {
      const auto& t = home ? v.box->home : v.box->away;
      for (std::size_t slot = 0; slot < t.players.size(); ++slot) {
        bdl::stat_row row{v, home, slot};
        const auto pid = ctx.l.players()[static_cast<std::size_t>(row.line().player)].bdl_id;
        if (!players.empty() && players.count(pid) == 0)
          continue;
        ids.push_back(row.id());
        rows.push_back(row);
      }
    }
  bdl::page_meta meta;
  std::vector<bdl::stat_row> page;
  for (auto i : page_of(ids, *p, meta)) page.push_back(rows[i]);
  return json_response(200, bdl::stats_page(ctx.l, page, meta));
}

http::server_response box_scores(const route_context& ctx, bool live_only) {
  game_views views;
  civil_date date = ctx.l.options().today;
  if (!live_only) {
    const auto text = ctx.one("date");
    if (!text) return bad_request("date is required");
    const auto parsed = parse_iso_date(*text);
    if (!parsed) return bad_request("invalid date '" + *text + "'");
    date = *parsed;
  }
  for (int i : ctx.l.games_on(date)) {
    const auto& g = ctx.l.games()[static_cast<std::size_t>(i)];
    const auto state = ctx.state_of(g);
    if (state.phase == game_phase::live || (!live_only && state.phase == game_phase::final))
      views.add(ctx, g);
  }
  return json_response(200, bdl::box_scores(ctx.l, views.views()));
}

bool name_matches(const player& p, const std::string& search) {
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  const auto needle = lower(search);
  return lower(p.first_name).find(needle) != std::string::npos || lower(p.last_name).find(needle) != std::string::npos;
}

http::server_response players(const route_context& ctx) {
  date_filter f;
  if (auto e = read_filter(ctx, f); !e.empty()) return bad_request(e);
  const auto p = read_paging(ctx);
  if (!p) return bad_request("invalid per_page or cursor");
  const auto search = ctx.one("search");
  std::vector<int> order;
  for (std::size_t i = 0; i < ctx.l.players().size(); ++i) {
    const auto& pl = ctx.l.players()[i];
    const bool on_team = f.teams.empty() || f.teams.count(date_filter::teams_of(pl.team)) > 0;
    if ((!search || name_matches(pl, *search)) && on_team)
      order.push_back(static_cast<int>(i));
  }
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return ctx.l.players()[static_cast<std::size_t>(a)].bdl_id < ctx.l.players()[static_cast<std::size_t>(b)].bdl_id;
  });
  std::vector<std::int64_t> ids;
  for (int i : order) ids.push_back(ctx.l.players()[static_cast<std::size_t>(i)].bdl_id);
  bdl::page_meta meta;
  std::vector<int> page;
  for (auto i : page_of(ids, *p, meta)) page.push_back(order[i]);
  return json_response(200, bdl::players_page(ctx.l, page, meta));
}

http::server_response by_id(const route_context& ctx, std::string_view kind, std::string_view id_text) {
  const auto id = parse_int(id_text);
  if (id && kind == "games")
    if (const auto* g = ctx.l.find_bdl(*id)) {
      game_views views;
      views.add(ctx, *g);
      return json_response(200, bdl::single_game(views.views().front()));
    }
  if (id && kind == "players")
    if (const auto* p = ctx.l.find_player_bdl(*id))
      return json_response(200, bdl::single_player(ctx.l, static_cast<int>(p - ctx.l.players().data())));
  return json_response(404, bdl::error_body("Not Found"));
}

} // namespace

http::server_response serve_balldontlie(const route_context& ctx, std::string_view rest) {
  if (const auto& key = ctx.options.bdl_key; !key.empty()) {
    const auto auth = ctx.req.header("Authorization");
    if (!auth || (*auth != key && *auth != "Bearer " + key))
      return json_response(401, bdl::error_body("Unauthorized"));
  }
  const auto seg = segments(rest);
  if (seg.empty())
    return not_found(ctx.req.path);
  if (seg.size() == 1) {
    if (seg[0] == "games") return games(ctx);
    if (seg[0] == "stats") return stats(ctx);
    if (seg[0] == "box_scores") return box_scores(ctx, false);
    if (seg[0] == "players") return players(ctx);
    if (seg[0] == "teams") return json_response(200, bdl::teams_list());
  }
  if (seg.size() == 2) {
    if (seg[0] == "box_scores" && seg[1] == "live") return box_scores(ctx, true);
    if (seg[0] == "players" && seg[1] == "active") return players(ctx);
    if (seg[0] == "games" || seg[0] == "players") return by_id(ctx, seg[0], seg[1]);
  }
  return not_found(ctx.req.path);
}

} // namespace courtside::upstream_sim
