#include "tools/upstream-sim/league.hpp"

#include "tools/upstream-sim/generators.hpp"

namespace courtside::upstream_sim {

std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t purpose, std::uint64_t index) {
  random_source mix{seed ^ (purpose * 0x9E3779B97F4A7C15ull) ^ (index * 0xC2B2AE3D27D4EB4Full)};
  mix.next();
  return mix.next();
}

std::int64_t game::tip_epoch() const { return epoch_seconds({date, tip_et_seconds}, et_offset_minutes()); }

league::league(league_options options) : options_(options) {
  players_ = generate_players(options_.seed);
  rosters_.resize(team_count);
  for (std::size_t i = 0; i < players_.size(); ++i)
    rosters_[static_cast<std::size_t>(players_[i].team)].push_back(static_cast<int>(i));
  games_ = generate_schedule(options_.seed, options_.season_start);
  boxes_.reserve(games_.size());
  std::vector<std::array<int, 2>> record(team_count, {0, 0});
  for (auto& g : games_) {
    boxes_.push_back(generate_box_score(options_.seed, g, players_, rosters_));
    const bool home_won = boxes_.back().home.points() > boxes_.back().away.points();
    auto& h = record[static_cast<std::size_t>(g.home)];
    auto& a = record[static_cast<std::size_t>(g.away)];
    ++h[home_won ? 0 : 1];
    ++a[home_won ? 1 : 0];
    g.home_record_after = h;
    g.away_record_after = a;
    by_nba_.emplace(g.nba_id, g.index);
    by_event_.emplace(g.event_id, g.index);
    by_bdl_.emplace(g.bdl_id, g.index);
  }
  for (std::size_t i = 0; i < players_.size(); ++i) player_by_bdl_.emplace(players_[i].bdl_id, static_cast<int>(i));
}

const game* league::find_nba(std::string_view nba_id) const {
  auto it = by_nba_.find(std::string{nba_id});
  return it == by_nba_.end() ? nullptr : &games_[static_cast<std::size_t>(it->second)];
}

const game* league::find_bdl(std::int64_t bdl_id) const {
  auto it = by_bdl_.find(bdl_id);
  return it == by_bdl_.end() ? nullptr : &games_[static_cast<std::size_t>(it->second)];
}

const game* league::find_event(std::string_view event_id) const {
  auto it = by_event_.find(std::string{event_id});
  return it == by_event_.end() ? nullptr : &games_[static_cast<std::size_t>(it->second)];
}

const player* league::find_player_bdl(std::int64_t bdl_id) const {
  auto it = player_by_bdl_.find(bdl_id);
  return it == player_by_bdl_.end() ? nullptr : &players_[static_cast<std::size_t>(it->second)];
}

std::vector<int> league::games_on(civil_date d) const {
  std::vector<int> out;
  for (const auto& g : games_)
    if (g.date == d)
      out.push_back(g.index);
  return out;
}

std::array<int, 2> league::record_through(int team, civil_date through) const {
  std::array<int, 2> r{0, 0};
  for (const auto& g : games_) {
    if (through < g.date || !played(g))
      break;
    if (g.home == team)
      r = g.home_record_after;
    else if (g.away == team)
      r = g.away_record_after;
  }
  return r;
}

std::vector<book_props> league::props(int game_index) const {
  const auto& g = games_.at(static_cast<std::size_t>(game_index));
  return generate_props(options_.seed, g, box(game_index), players_);
}

} // namespace courtside::upstream_sim
