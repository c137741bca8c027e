// What the chaos seeds found, pinned down one by one.
#include <catch2/catch.hpp>

#include "actors/scrapers/adapters.hpp"
#include "runtime/http/url.hpp"
#include "tools/upstream-sim/router.hpp"

using namespace courtside;
namespace sim = courtside::upstream_sim;

namespace {

std::string answer(const sim::router& r, const std::string& target, bool live) {
  http::server_request req;
  req.method = "GET";
  req.target = target;
  const auto q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) req.query = http::parse_query(std::string_view{target}.substr(q + 1));
  return r.handle(req, std::chrono::milliseconds{0}, live).body;
}

} // namespace

TEST_CASE("a balldontlie day with a game still live is not final yet as a whole", "[sim][adapters]") {
  sim::league_options lo;
  lo.today = sim::civil_date{2025, 10, 22};
  const sim::league league{lo};
  const sim::router router{league, {}};
  auto adapter = scrape::make_adapter({scrape::upstream_kind::balldontlie, "http://sim/balldontlie", "", {}});
  const scrape::scrape_work day{scrape::work_kind::box_scores_day, "2025-10-21", {}, {}, {}};

  const auto final_day = adapter->decode(day, answer(router, "/balldontlie/box_scores?date=2025-10-21", false));
  REQUIRE(final_day.what == scrape::decode_outcome::kind::ok);
  CHECK(final_day.data.box_scores.size() == league.games_on(sim::civil_date{2025, 10, 21}).size());

  // Keeping the final games and acking would lose the live ones: nothing asks for the day again.
  const auto live_day = adapter->decode(day, answer(router, "/balldontlie/box_scores?date=2025-10-21", true));
  CHECK(live_day.what == scrape::decode_outcome::kind::not_final);
  CHECK(live_day.data.box_scores.empty());
}
