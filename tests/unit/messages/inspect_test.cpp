// The domain types travel between actors: CAF 0.17 serializes them through their inspect
// functions (std::optional fields included) and prints them for logs.
#include <catch2/catch.hpp>

#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>
#include <caf/deep_to_string.hpp>
#include <caf/make_message.hpp>

#include "messages/inspect.hpp"

using namespace courtside;

namespace {

template <class T>
T round_trip(T& original) {
  std::vector<char> buffer;
  caf::binary_serializer sink(nullptr, buffer);
  REQUIRE_FALSE(sink(original));
  T copy{};
  caf::binary_deserializer source(nullptr, buffer);
  REQUIRE_FALSE(source(copy));
  return copy;
}

BoxScore sample_box_score() {
  BoxScore box;
  box.game.key = "20260211_ATL_CHA";
  box.game.nba_game_id = "0022500775";
  box.game.home_score = 110;
  box.game.status = game_status::final;
  box.home.tricode = "CHA";
  box.home.side = team_side::home;
  box.home.totals.pts = 110;
  box.sides_known = true;
  PlayerLine p;
  p.name = "Tidjane Salaün";
  p.nba_player_id = 1642375;
  p.starter = false;
  p.played = participation::played;
  p.stats.seconds = 918;
  p.stats.plus_minus = -6;
  box.players.push_back(p);
  PlayerLine dnp;
  dnp.name = "Coby White";
  dnp.played = participation::inactive;
  dnp.not_playing_reason = "INACTIVE_INJURY";
  box.players.push_back(dnp);
  return box;
}

} // namespace

TEST_CASE("a BoxScore survives CAF's binary serializer, optionals set and unset") {
  BoxScore box = sample_box_score();
  BoxScore copy = round_trip(box);
  CHECK(copy.game.key == "20260211_ATL_CHA");
  CHECK(copy.game.home_score == 110);
  CHECK_FALSE(copy.game.away_score);
  CHECK(copy.game.status == game_status::final);
  CHECK(copy.home.side == team_side::home);
  CHECK(copy.home.totals.pts == 110);
  REQUIRE(copy.players.size() == 2);
  CHECK(copy.players[0].name == "Tidjane Salaün");
  CHECK(copy.players[0].nba_player_id == 1642375);
  CHECK(copy.players[0].starter == false);
  CHECK(copy.players[0].stats.seconds == 918);
  CHECK(copy.players[0].stats.plus_minus == -6);
  CHECK_FALSE(copy.players[0].stats.pts);
  CHECK(copy.players[1].played == participation::inactive);
  CHECK_FALSE(copy.players[1].starter);
}

TEST_CASE("an OddsSnapshot and a Schedule survive the round trip") {
  OddsSnapshot snap;
  snap.timestamp = "2025-01-31T22:35:38Z";
  Event e;
  e.id = "0002c59303f70b3dd2b393a67b49f975";
  snap.events.push_back(e);
  PropLine line;
  line.market = "player_points";
  line.line = 20.5;
  line.over_price = 1.93;
  snap.props.push_back(line);
  OddsSnapshot copy = round_trip(snap);
  CHECK(copy.events.at(0).id == e.id);
  CHECK(copy.props.at(0).line == 20.5);
  CHECK(copy.props.at(0).over_price == 1.93);
  CHECK_FALSE(copy.props.at(0).under_price);

  Schedule schedule;
  ScheduleEntry entry;
  entry.if_necessary = false;
  entry.game.bdl_id = 15908525;
  schedule.entries.push_back(entry);
  Schedule schedule_copy = round_trip(schedule);
  CHECK(schedule_copy.entries.at(0).if_necessary == false);
  CHECK(schedule_copy.entries.at(0).game.bdl_id == 15908525);
}

TEST_CASE("domain types print readably for logs and fit in a caf::message") {
  BoxScore box = sample_box_score();
  const std::string text = caf::deep_to_string(box);
  CHECK(text.find("BoxScore") != std::string::npos);
  CHECK(text.find("20260211_ATL_CHA") != std::string::npos);
  CHECK(text.find("inactive") != std::string::npos);
  auto message = caf::make_message(box, Game{}, PageMeta{});
  CHECK(message.size() == 3);
}
