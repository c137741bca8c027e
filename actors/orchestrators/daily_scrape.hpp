#pragma once
// ops.daily_scrape: the first slice of the pipeline's orchestration. Every `interval` it asks
// the schedule source for the games of each date in its window (yesterday and today in the
// engine's time zone), then the box-score source for every final game it has not stored yet,
// and logs what it got. Scrapers are reached by path through the root supervisor, so their
// restarts are invisible here. The pipeline issue replaces the log line with warehouse writes.
#include <functional>
#include <string>
#include <vector>

#include "runtime/supervision/supervisor.hpp"

namespace courtside {

struct daily_scrape_settings {
  std::string schedule_scraper;  ///< path, e.g. "sources.scraper_nba_cdn"
  std::string box_score_scraper; ///< path, e.g. "sources.scraper_nba_cdn"
  milliseconds interval{60'000};
  milliseconds request_timeout{120'000};
  std::function<std::vector<std::string>()> dates; ///< the dates to cover on each pass
};

[[nodiscard]] child_spec daily_scrape_child(daily_scrape_settings settings);

} // namespace courtside
