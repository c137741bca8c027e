// Spec: the job set. The config's list of job names and the scheduler's catalogue agree; the
// shipped configs schedule every job; production.toml never fires two heavy jobs in the same
// minute over a whole year in New York (both daylight-saving changes included).
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include "actors/scheduler/job_catalogue.hpp"
#include "config/loader.hpp"

using namespace courtside;

namespace {

config::engine_config shipped(const char* name) {
  const std::map<std::string, std::string> vars{{"BALLDONTLIE_API_KEY", "k"},
                                                {"ODDS_API_KEY", "k"},
                                                {"SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/x"},
                                                {"COURTSIDE_API_TOKEN", "t"}};
  auto env = [vars](std::string_view v) -> std::optional<std::string> {
    auto it = vars.find(std::string{v});
    return it == vars.end() ? std::nullopt : std::optional<std::string>{it->second};
  };
  auto loaded = config::load_file(std::string{COURTSIDE_SOURCE_DIR "/config/"} + name, env);
  for (const auto& e : loaded.errors) FAIL(e.to_string());
  return *loaded.config;
}

std::set<std::string> catalogue_names() {
  std::set<std::string> out;
  for (const auto& e : jobs::job_catalogue()) out.emplace(e.name);
  return out;
}

} // namespace

TEST_CASE("the config's job names are exactly the catalogue's", "[scheduler][job_set]") {
  const std::set<std::string> config_names(std::begin(config::known_job_names),
                                           std::end(config::known_job_names));
  CHECK(config_names == catalogue_names());
  CHECK(catalogue_names().size() == 15);
}

TEST_CASE("production.toml and demo.toml schedule every job of the set", "[scheduler][job_set]") {
  for (const char* file : {"production.toml", "demo.toml"}) {
    INFO(file);
    std::set<std::string> scheduled;
    for (const auto& j : shipped(file).jobs) scheduled.insert(j.name);
    CHECK(scheduled == catalogue_names());
  }
}

TEST_CASE("production.toml never fires two heavy jobs in the same minute in a year", "[scheduler][job_set]") {
  const auto cfg = shipped("production.toml");
  auto zone = schedule::time_zone::load(cfg.engine.time_zone);
  if (!zone) zone = schedule::time_zone::from_posix_tz("America/New_York", "EST5EDT,M3.2.0,M11.1.0");
  REQUIRE(zone);
  std::map<std::int64_t, std::string> heavy_minutes; // minute since epoch -> job
  int firings = 0;
  // 2026 in New York: spring-forward on 8 March, fall-back on 1 November.
  const schedule::sys_seconds from{std::chrono::seconds{1'767'225'600}}; // 2026-01-01T00:00Z
  const schedule::sys_seconds to{std::chrono::seconds{1'798'761'600}};   // 2027-01-01T00:00Z
  for (const auto& j : cfg.jobs) {
    const auto* entry = jobs::find_job(j.name);
    REQUIRE(entry != nullptr);
    if (!entry->heavy) continue;
    const auto cron = schedule::cron_schedule::parse(j.schedule).value();
    for (auto t = cron.next_after(from, zone.value()); t && *t < to; t = cron.next_after(*t, zone.value())) {
      const auto minute = t->time_since_epoch().count() / 60;
      auto [it, fresh] = heavy_minutes.emplace(minute, j.name);
      INFO("minute " << minute * 60 << " Z: " << it->second << " and " << j.name);
      CHECK(fresh);
      ++firings;
    }
  }
  CHECK(firings > 3000); // the heavy jobs really were walked over the year
}
