#include "actors/scrapers/adapters.hpp"

#include <optional>
#include <vector>

#include "messages/decode/balldontlie.hpp"
#include "messages/decode/nbacom.hpp"
#include "messages/decode/odds_api.hpp"
#include "messages/decode/stats_nba.hpp"

namespace courtside::scrape {
namespace {

const http::header_list browser_headers = {
  {"User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                 "Chrome/120.0 Safari/537.36"},
  {"Accept", "application/json, text/plain, */*"},
  {"Referer", "https://www.nba.com/"},
  {"Origin", "https://www.nba.com"},
};

http::http_request get(const upstream_settings& s, std::string path,
                       http::header_list headers = {}) {
  http::http_request r;
  r.url = s.base_url + path;
  r.headers = std::move(headers);
  r.timeout = s.timeout;
  return r;
}

template <class T>
decode_outcome bad(const decode::decode_result<T>& r) {
  decode_outcome out;
  out.what = decode_outcome::kind::bad_payload;
  out.error = r.error().describe();
  return out;
}

decode_outcome from_box_score(BoxScore&& box) {
  decode_outcome out;
  if (box.game.status != game_status::final) {
    out.what = decode_outcome::kind::not_final;
    return out;
  }
  out.data.box_scores.push_back(std::move(box));
  return out;
}

class balldontlie_adapter final : public source_adapter {
public:
  explicit balldontlie_adapter(upstream_settings s) : s_(std::move(s)) {}
  std::optional<http::http_request> request_for(const scrape_work& w) const override {
    http::header_list auth;
    if (!s_.api_key.empty()) auth.emplace_back("Authorization", s_.api_key);
    std::string cursor = w.cursor.empty() ? "" : "&cursor=" + w.cursor;
    if (w.kind == work_kind::schedule_day)
      return get(s_, "/games?dates[]=" + w.date + "&per_page=100" + cursor, auth);
    if (w.kind == work_kind::box_scores_day)
      return get(s_, "/box_scores?date=" + w.date + cursor, auth);
    return std::nullopt;
  }
  decode_outcome decode(const scrape_work& w, std::string_view body) override {
    decode_outcome out;
    if (w.kind == work_kind::schedule_day) {
      auto r = decoder_.games(body);
      if (!r) return bad(r);
      out.data.games = std::move(r.value().games);
      if (r.value().meta.next_cursor) out.data.next_cursor = std::to_string(*r.value().meta.next_cursor);
      return out;
    }
    auto r = decoder_.box_scores(body);
    if (!r) return bad(r);
    // A date's box scores are one document: while any of its games is still live the whole
    // date is "not final yet" and is asked again later. Keeping only the final games and
    // acking would lose the live ones for good (nothing asks for that date again).
    for (auto& b : r.value().box_scores) {
      if (b.game.status != game_status::final) {
        out.what = decode_outcome::kind::not_final;
        out.data.box_scores.clear();
        return out;
      }
      out.data.box_scores.push_back(std::move(b));
    }
    if (r.value().meta.next_cursor) out.data.next_cursor = std::to_string(*r.value().meta.next_cursor);
    return out;
  }

private:
  upstream_settings s_;
  decode::balldontlie_decoder decoder_;
};

class nba_cdn_adapter final : public source_adapter {
public:
  explicit nba_cdn_adapter(upstream_settings s) : s_(std::move(s)) {}
  std::optional<http::http_request> request_for(const scrape_work& w) const override {
    if (w.kind == work_kind::box_score)
      return get(s_, "/liveData/boxscore/boxscore_" + w.game_id + ".json", browser_headers);
    if (w.kind == work_kind::schedule_day)
      return get(s_, "/staticData/scheduleLeagueV2.json", browser_headers);
    return std::nullopt;
  }
  decode_outcome decode(const scrape_work& w, std::string_view body) override {
    if (w.kind == work_kind::box_score) {
      auto r = decoder_.boxscore(body);
      if (!r) return bad(r);
      return from_box_score(std::move(r.value()));
    }
    const season_schedule& season = schedule_of(body);
    decode_outcome out;
    if (!season.error.empty()) {
      out.what = decode_outcome::kind::bad_payload;
      out.error = season.error;
      return out;
    }
    for (const auto& g : season.games)
      if (g.date == w.date) out.data.games.push_back(g);
    return out;
  }

  // A date whose games are all final: nothing the schedule says about it changes any more. A
  // date without games is never settled (a postponed game may still be moved onto it).
  bool settled(const scrape_work& w, std::string_view body) override {
    if (w.kind != work_kind::schedule_day) return false;
    const season_schedule& season = schedule_of(body);
    if (!season.error.empty()) return false;
    bool any = false;
    for (const auto& g : season.games) {
      if (g.date != w.date) continue;
      if (g.status != game_status::final) return false;
      any = true;
    }
    return any;
  }

private:
  struct season_schedule {
    std::string body;        ///< the document these games came from
    std::vector<Game> games; ///< every game of the season
    std::string error;       ///< the decode error; empty = decoded
  };

  // The whole season's schedule is one document (MBs) that every date's schedule work reads:
  // it is decoded once per distinct body, which is recognised by comparing the bytes (far
  // cheaper than decoding them again).
  const season_schedule& schedule_of(std::string_view body) {
    if (schedule_ && schedule_->body == body) return *schedule_;
    schedule_.emplace();
    schedule_->body.assign(body);
    auto r = decoder_.schedule(body);
    if (!r) {
      schedule_->error = r.error().describe();
      return *schedule_;
    }
    schedule_->games.reserve(r.value().entries.size());
    for (auto& e : r.value().entries) schedule_->games.push_back(std::move(e.game));
    return *schedule_;
  }

  upstream_settings s_;
  decode::nbacom_decoder decoder_;
  std::optional<season_schedule> schedule_;
};

class stats_nba_adapter final : public source_adapter {
public:
  explicit stats_nba_adapter(upstream_settings s) : s_(std::move(s)) {
    headers_ = browser_headers;
    headers_.emplace_back("x-nba-stats-origin", "stats");
    headers_.emplace_back("x-nba-stats-token", "true");
  }
  std::optional<http::http_request> request_for(const scrape_work& w) const override {
    if (w.kind != work_kind::box_score) return std::nullopt;
    return get(s_, "/boxscoretraditionalv2?GameID=" + w.game_id +
                     "&StartPeriod=0&EndPeriod=10&StartRange=0&EndRange=28800&RangeType=0",
               headers_);
  }
  decode_outcome decode(const scrape_work&, std::string_view body) override {
    auto r = decoder_.boxscore_v2(body);
    if (!r) return bad(r);
    decode_outcome out; // v2 carries no game status: a published box score is final
    out.data.box_scores.push_back(std::move(r.value()));
    return out;
  }

private:
  upstream_settings s_;
  http::header_list headers_;
  decode::stats_nba_decoder decoder_;
};

class odds_api_adapter final : public source_adapter {
public:
  explicit odds_api_adapter(upstream_settings s) : s_(std::move(s)) {}
  std::optional<http::http_request> request_for(const scrape_work& w) const override {
    std::string key = "apiKey=" + s_.api_key;
    if (w.kind == work_kind::events)
      return get(s_, "/sports/basketball_nba/events?" + key);
    if (w.kind == work_kind::event_odds)
      return get(s_, "/sports/basketball_nba/events/" + w.event_id + "/odds?" + key +
                       "&regions=us&markets=player_points,player_rebounds,player_assists"
                       "&oddsFormat=american");
    return std::nullopt;
  }
  decode_outcome decode(const scrape_work& w, std::string_view body) override {
    auto r = w.kind == work_kind::events ? decoder_.events(body) : decoder_.event_odds(body);
    if (!r) return bad(r);
    decode_outcome out;
    out.data.events = std::move(r.value().events);
    out.data.props = std::move(r.value().props);
    if (w.kind == work_kind::event_odds && out.data.props.empty())
      out.what = decode_outcome::kind::not_final; // no markets yet
    return out;
  }

private:
  upstream_settings s_;
  decode::odds_api_decoder decoder_;
};

} // namespace

std::unique_ptr<source_adapter> make_adapter(const upstream_settings& s) {
  switch (s.kind) {
    case upstream_kind::balldontlie: return std::make_unique<balldontlie_adapter>(s);
    case upstream_kind::nba_cdn: return std::make_unique<nba_cdn_adapter>(s);
    case upstream_kind::stats_nba: return std::make_unique<stats_nba_adapter>(s);
    case upstream_kind::odds_api: return std::make_unique<odds_api_adapter>(s);
  }
  return nullptr;
}

} // namespace courtside::scrape
