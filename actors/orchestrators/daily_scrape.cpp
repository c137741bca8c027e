#include "actors/orchestrators/daily_scrape.hpp"

#include <set>

#include <caf/all.hpp>

#include "actors/scrapers/scrape_protocol.hpp"
#include "runtime/logging/log.hpp"
#include "runtime/supervision/protocol.hpp"

namespace courtside {
namespace {

using pass_atom = caf::atom_constant<caf::atom("pass")>;
using scrape::scrape_reply;
using scrape::scrape_status;
using scrape::scrape_work;
using scrape::work_kind;

struct daily_scrape_state {
  daily_scrape_settings settings;
  std::set<std::string> stored; ///< nba game ids whose final box score arrived
  std::shared_ptr<spdlog::logger> log;
  static inline const char* name = "daily_scrape";
};

using driver = caf::stateful_actor<daily_scrape_state>;

caf::actor root_of(driver* self) {
  return caf::actor_cast<caf::actor>(self->system().registry().get(root_registry_key));
}

template <class OnReply>
void ask(driver* self, const std::string& path, scrape_work work, OnReply on_reply) {
  auto root = root_of(self);
  if (!root) return;
  self
    ->request(root, self->state.settings.request_timeout, route_atom::value, path,
              caf::make_message(scrape::scrape_atom::value, std::move(work)))
    .then(on_reply, [=](const caf::error& e) {
      self->state.log->warn("{} unreachable: {}", path, describe_reason(e));
    });
}

void on_box_score(driver* self, const std::string& game_id, const scrape_reply& r) {
  auto& st = self->state;
  if (r->status != scrape_status::ok || r->data->box_scores.empty()) return;
  const auto& box = r->data->box_scores.front();
  if (!st.stored.insert(game_id).second) return;
  st.log->info("box score {} {} {}-{} {}: {} player lines ({} tries)", box.game.date,
               box.away.tricode, box.away.score.value_or(-1), box.home.score.value_or(-1),
               box.home.tricode, box.players.size(), r->attempts);
}

void on_schedule(driver* self, const std::string& date, const scrape_reply& r) {
  auto& st = self->state;
  if (r->status != scrape_status::ok) return;
  int final_games = 0, asked = 0;
  for (const auto& g : r->data->games) {
    if (g.status != game_status::final) continue;
    ++final_games;
    if (st.stored.count(g.nba_game_id) != 0) continue;
    ++asked;
    auto id = g.nba_game_id;
    ask(self, st.settings.box_score_scraper, scrape_work{work_kind::box_score, date, id, "", ""},
        [=](const scrape_reply& reply) { on_box_score(self, id, reply); });
  }
  st.log->info("{}: {} games scheduled, {} final, {} box scores to fetch", date,
               r->data->games.size(), final_games, asked);
}

caf::behavior daily_scrape(driver* self, std::string path, daily_scrape_settings settings) {
  crash_on_exception(self);
  self->state.log = actor_log(path);
  self->state.settings = std::move(settings);
  self->send(self, pass_atom::value);
  return {
    [=](pass_atom) {
      for (const auto& date : self->state.settings.dates())
        ask(self, self->state.settings.schedule_scraper,
            scrape_work{work_kind::schedule_day, date, "", "", ""},
            [=](const scrape_reply& r) { on_schedule(self, date, r); });
      self->delayed_send(self, self->state.settings.interval, pass_atom::value);
    },
  };
}

} // namespace

child_spec daily_scrape_child(daily_scrape_settings settings) {
  child_spec c;
  c.name = "daily_scrape";
  c.start = [settings = std::move(settings)](const child_context& ctx) {
    return ctx.parent->spawn(daily_scrape, ctx.path, settings);
  };
  return c;
}

} // namespace courtside
