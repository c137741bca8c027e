#pragma once
// The four upstreams as source adapters: URLs, header profiles and decoders.
//
//   balldontlie  schedule_day  GET {base}/games?dates[]=D&per_page=100[&cursor=C]
//                box_scores_day GET {base}/box_scores?date=D           (Authorization: key)
//   nba_cdn      box_score     GET {base}/liveData/boxscore/boxscore_{id}.json
//                schedule_day  GET {base}/staticData/scheduleLeagueV2.json (games of D kept)
//   stats_nba    box_score     GET {base}/boxscoretraditionalv2?GameID={id}&...
//   odds_api     events        GET {base}/sports/basketball_nba/events?apiKey=K
//                event_odds    GET {base}/sports/basketball_nba/events/{id}/odds?apiKey=K&...
//
// NBA.com and stats.nba.com answer only browser-like requests, hence their header profiles.
// A box score whose game is not final yet decodes to `not_final` (no data yet). NBA.com's
// schedule is decoded once per distinct document, and answers a date for good (`settled`)
// once every game of that date in it is final.
#include <memory>
#include <string>

#include "actors/scrapers/source_adapter.hpp"

namespace courtside::scrape {

enum class upstream_kind { balldontlie, nba_cdn, stats_nba, odds_api };

struct upstream_settings {
  upstream_kind kind = upstream_kind::balldontlie;
  std::string base_url;              ///< without a trailing slash
  std::string api_key;               ///< balldontlie / odds_api; empty = none
  std::chrono::milliseconds timeout{10'000};
};

[[nodiscard]] std::unique_ptr<source_adapter> make_adapter(const upstream_settings& settings);

} // namespace courtside::scrape
