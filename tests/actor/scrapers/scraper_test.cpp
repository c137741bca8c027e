// The scraper on virtual time against a scripted in-process upstream: retries, Retry-After,
// give-ups, quarantine, and the concurrency and rate limits.
#include <catch2/catch.hpp>

#include <deque>
#include <sstream>

#include "actor/virtual_time_fixture.hpp"
#include "actors/scrapers/scraper.hpp"

using namespace courtside;
using namespace courtside::scrape;
using namespace courtside::testing;
using namespace std::chrono_literals;

namespace {

/// Answers requests from a script; `hold` keeps callbacks until the test releases them.
struct scripted_upstream {
  std::deque<http::http_result> script;
  std::vector<std::function<void(http::http_result)>> held;
  std::vector<std::string> urls;
  bool hold = false;

  fetch_function fetch() {
    return [this](http::http_request req, std::function<void(http::http_result)> done) {
      urls.push_back(req.url);
      if (hold) return held.push_back(std::move(done));
      REQUIRE(!script.empty());
      auto next = std::move(script.front());
      script.pop_front();
      done(std::move(next));
    };
  }
  void release_one(http::http_result r) {
    auto done = std::move(held.front());
    held.erase(held.begin());
    done(std::move(r));
  }
};

http::http_result response(unsigned status, std::string body = "{}",
                           http::header_list headers = {}) {
  http::http_response r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return http::http_result{std::move(r)};
}

/// Serves any work at /<game_id>; "{}" decodes to one game, "not-final" is not final yet,
/// anything else is a bad payload.
class echo_adapter : public source_adapter {
public:
  std::optional<http::http_request> request_for(const scrape_work& w) const override {
    if (w.kind == work_kind::events) return std::nullopt;
    http::http_request r;
    r.url = "http://upstream.test/" + w.game_id + "?apiKey=k3y";
    return r;
  }
  decode_outcome decode(const scrape_work& w, std::string_view body) override {
    decode_outcome out;
    if (body == "{}") {
      out.data.games.push_back(Game{});
      out.data.games.back().nba_game_id = w.game_id;
    } else if (body == "not-final") {
      out.what = decode_outcome::kind::not_final;
    } else {
      out.what = decode_outcome::kind::bad_payload;
      out.error = "malformed_json at $ (byte 0)";
    }
    return out;
  }
};

/// One document for every date, like NBA.com's season schedule: "2025-11-14=final
/// 2025-11-15=live" lists one game per date with its status. A date answers for good once its
/// game is final.
class season_adapter : public source_adapter {
public:
  std::optional<http::http_request> request_for(const scrape_work&) const override {
    http::http_request r;
    r.url = "http://upstream.test/schedule";
    return r;
  }
  decode_outcome decode(const scrape_work& w, std::string_view body) override {
    decode_outcome out;
    for (const auto& [date, final] : games_of(body)) {
      if (date != w.date) continue;
      out.data.games.push_back(Game{});
      out.data.games.back().date = date;
      out.data.games.back().status = final ? game_status::final : game_status::live;
    }
    return out;
  }
  bool settled(const scrape_work& w, std::string_view body) override {
    for (const auto& [date, final] : games_of(body))
      if (date == w.date) return final;
    return false;
  }

private:
  static std::vector<std::pair<std::string, bool>> games_of(std::string_view body) {
    std::vector<std::pair<std::string, bool>> out;
    std::istringstream in{std::string{body}};
    for (std::string entry; in >> entry;) {
      const auto eq = entry.find('=');
      out.emplace_back(entry.substr(0, eq), entry.substr(eq + 1) == "final");
    }
    return out;
  }
};

struct scraper_fixture : virtual_time_fixture {
  scripted_upstream upstream;
  scraper_settings settings;
  adapter_factory adapter = [] { return std::make_unique<echo_adapter>(); };
  caf::actor scraper;

  scraper_fixture() {
    settings.source = "test";
    settings.limits.max_attempts = 4;
    settings.limits.overall_timeout = 600s;
    settings.limits.backoff = retry::backoff_config{100ms, 10s, 2.0};
    settings.rate.requests_per_minute = 60'000; // effectively unlimited unless a test says
    settings.rate.burst = 100;
    settings.concurrency.max_in_flight = 4;
  }
  void start() {
    auto spec = scraper_child("scraper_test", settings, adapter, upstream.fetch());
    scraper = spec.start(child_context{self.ptr(), "sources.scraper_test", {}});
    run();
  }
  ~scraper_fixture() {
    self->send_exit(scraper, caf::exit_reason::user_shutdown);
    run();
  }
  auto scrape(std::string game_id, work_kind kind = work_kind::box_score) {
    auto h = self->request(scraper, caf::infinite, scrape_atom::value,
                           scrape_work{kind, "2025-11-15", std::move(game_id), "", ""});
    run();
    return h;
  }
  auto scrape_day(std::string date) {
    auto h = self->request(scraper, caf::infinite, scrape_atom::value,
                           scrape_work{work_kind::schedule_day, std::move(date), "", "", ""});
    run();
    return h;
  }
  template <class Handle>
  scrape_reply receive(Handle& h) {
    scrape_reply out;
    h.receive([&](const scrape_reply& r) { out = r; }, [&](caf::error&) { FAIL("no reply"); });
    return out;
  }
};

} // namespace

TEST_CASE_METHOD(scraper_fixture, "two 503s then 200: ok after 3 tries", "[scraper]") {
  upstream.script = {response(503), response(503), response(200)};
  start();
  auto h = scrape("0022500001");
  CHECK(upstream.urls.size() == 1);
  advance(100ms); // full jitter: the first retry comes within (0, 100 ms]
  CHECK(upstream.urls.size() == 2);
  advance(200ms);
  CHECK(upstream.urls.size() == 3);
  auto r = receive(h);
  CHECK(r->status == scrape_status::ok);
  CHECK(r->attempts == 3);
  REQUIRE(r->data);
  CHECK(r->data->games.at(0).nba_game_id == "0022500001");
  REQUIRE(r->raw);
  CHECK(r->raw->url.find("k3y") == std::string::npos); // keys never leave redacted
}

TEST_CASE_METHOD(scraper_fixture, "429 with Retry-After: 120 waits 120 s, not the backoff",
                 "[scraper]") {
  upstream.script = {response(429, "", {{"Retry-After", "120"}}), response(200)};
  start();
  auto h = scrape("g");
  advance(119'999ms);
  CHECK(upstream.urls.size() == 1);
  advance(1ms);
  CHECK(upstream.urls.size() == 2);
  CHECK(receive(h)->status == scrape_status::ok);
}

TEST_CASE_METHOD(scraper_fixture, "404 gives up at once", "[scraper]") {
  upstream.script = {response(404)};
  start();
  auto h = scrape("g");
  auto r = receive(h);
  CHECK(r->status == scrape_status::failed);
  CHECK(r->attempts == 1);
  CHECK(r->reason.find("give_up_permanent") != std::string::npos);
  CHECK(!sched.has_pending_timeout());
}

TEST_CASE_METHOD(scraper_fixture, "four 500s exhaust max_attempts = 4", "[scraper]") {
  upstream.script = {response(500), response(500), response(500), response(500)};
  start();
  auto h = scrape("g");
  for (int retry = 0; retry < 3; ++retry) advance(1s); // each retry within its 100/200/400 ms cap
  CHECK(upstream.urls.size() == 4);
  auto r = receive(h);
  CHECK(r->status == scrape_status::failed);
  CHECK(r->attempts == 4);
  CHECK(r->reason.find("give_up_exhausted") != std::string::npos);
}

TEST_CASE_METHOD(scraper_fixture, "a payload that does not decode is quarantined, never retried",
                 "[scraper]") {
  upstream.script = {response(200, "{\"trunc")};
  start();
  auto h = scrape("g");
  auto r = receive(h);
  CHECK(r->status == scrape_status::quarantined);
  CHECK(r->attempts == 1);
  CHECK(r->detail == "malformed_json at $ (byte 0)");
  REQUIRE(r->raw);
  CHECK(r->raw->body == "{\"trunc");
}

TEST_CASE_METHOD(scraper_fixture, "204 and not-final are no data yet, not failures", "[scraper]") {
  upstream.script = {response(204, ""), response(200, "not-final")};
  start();
  auto a = scrape("a");
  auto b = scrape("b");
  CHECK(receive(a)->status == scrape_status::no_data_yet);
  CHECK(receive(b)->status == scrape_status::no_data_yet);
}

TEST_CASE_METHOD(scraper_fixture, "work a source does not serve is answered at once", "[scraper]") {
  start();
  auto h = scrape("x", work_kind::events);
  auto r = receive(h);
  CHECK(r->status == scrape_status::failed);
  CHECK(r->reason == "unsupported_work");
  CHECK(upstream.urls.empty());
}

TEST_CASE_METHOD(scraper_fixture, "at most max_in_flight fetches are open at once", "[scraper]") {
  settings.concurrency.max_in_flight = 2;
  upstream.hold = true;
  start();
  auto a = scrape("a");
  auto b = scrape("b");
  auto c = scrape("c");
  CHECK(upstream.held.size() == 2); // c waits for a slot
  upstream.release_one(response(200));
  run();
  CHECK(upstream.held.size() == 2); // a's slot went to c
  CHECK(upstream.urls.back().find("/c?") != std::string::npos);
  upstream.release_one(response(200));
  upstream.release_one(response(200));
  run();
  for (auto* h : {&a, &b, &c}) CHECK(receive(*h)->status == scrape_status::ok);
}

TEST_CASE_METHOD(scraper_fixture, "60 requests per minute: the second waits exactly 1 s",
                 "[scraper]") {
  settings.rate = retry::rate_limit_config{60, 1};
  upstream.script = {response(200), response(200)};
  start();
  auto a = scrape("a");
  auto b = scrape("b");
  CHECK(upstream.urls.size() == 1);
  advance(999ms);
  CHECK(upstream.urls.size() == 1);
  advance(1ms);
  CHECK(upstream.urls.size() == 2);
  CHECK(receive(a)->status == scrape_status::ok);
  CHECK(receive(b)->status == scrape_status::ok);
}

TEST_CASE_METHOD(scraper_fixture,
                 "with a reuse window, requests for one URL share its fetch until the window ends",
                 "[scraper]") {
  settings.reuse_window = 30s;
  upstream.hold = true;
  start();
  auto first = scrape("same");
  auto second = scrape("same"); // in flight: follows the first
  CHECK(upstream.urls.size() == 1);
  upstream.release_one(response(200));
  run();
  CHECK(receive(first)->status == scrape_status::ok);
  CHECK(receive(second)->status == scrape_status::ok);
  advance(29'999ms);
  auto third = scrape("same"); // within the window: the same body, no fetch
  CHECK(receive(third)->status == scrape_status::ok);
  CHECK(upstream.urls.size() == 1);
  advance(1ms);
  auto fourth = scrape("same"); // the window is over: fetched again
  CHECK(upstream.urls.size() == 2);
  upstream.release_one(response(200));
  run();
  CHECK(receive(fourth)->status == scrape_status::ok);
}

TEST_CASE_METHOD(scraper_fixture,
                 "after the reuse window a kept body still answers the dates it settled, a date "
                 "with games to play fetches again, and one download has one raw payload",
                 "[scraper]") {
  settings.reuse_window = 30s;
  adapter = [] { return std::make_unique<season_adapter>(); };
  upstream.script = {response(200, "2025-11-14=final 2025-11-15=live"),
                     response(200, "2025-11-14=final 2025-11-15=final"),
                     response(200, "2025-11-14=final 2025-11-15=final")};
  start();
  auto first = scrape_day("2025-11-14");
  const auto fetched = receive(first);
  REQUIRE(fetched->status == scrape_status::ok);
  CHECK(upstream.urls.size() == 1);
  advance(31s);
  auto past = scrape_day("2025-11-14"); // final: answered from the kept body, no fetch
  const auto reused = receive(past);
  CHECK(reused->status == scrape_status::ok);
  CHECK(reused->data->games.at(0).status == game_status::final);
  CHECK(upstream.urls.size() == 1);
  CHECK(reused->raw == fetched->raw); // copied and hashed once per download
  auto live = scrape_day("2025-11-15"); // still being played: the schedule is asked again
  CHECK(upstream.urls.size() == 2);
  CHECK(receive(live)->data->games.at(0).status == game_status::final);
  advance(600s);
  auto later = scrape_day("2025-11-15"); // final in the new body: no fetch any more
  CHECK(receive(later)->status == scrape_status::ok);
  CHECK(upstream.urls.size() == 2);
  auto empty = scrape_day("2025-11-16"); // no game: never settled, a game may still move there
  CHECK(receive(empty)->status == scrape_status::ok);
  CHECK(upstream.urls.size() == 3);
}

TEST_CASE_METHOD(scraper_fixture, "followers of a fetch that failed for good fetch for themselves",
                 "[scraper]") {
  settings.reuse_window = 30s;
  upstream.hold = true;
  start();
  auto first = scrape("same");
  auto second = scrape("same");
  upstream.release_one(response(404));
  run();
  CHECK(receive(first)->status == scrape_status::failed);
  CHECK(upstream.urls.size() == 2); // the follower's own try
  upstream.release_one(response(200));
  run();
  CHECK(receive(second)->status == scrape_status::ok);
}

TEST_CASE_METHOD(scraper_fixture,
                 "the source breaker opens after failures, rejects without fetching, then probes",
                 "[scraper][breaker]") {
  settings.limits.max_attempts = 1;
  breaker::breaker_config b;
  b.consecutive_failures = 2;
  b.window_size = 0;
  b.open_base = 10s;
  b.jitter = 0;
  b.probes = 1;
  settings.breaker = b;
  upstream.script = {response(503), response(503), response(200)};
  start();
  auto one = scrape("a");
  CHECK(receive(one)->status == scrape_status::failed);
  auto two = scrape("b");
  CHECK(receive(two)->status == scrape_status::failed); // second failure in a row: open
  auto three = scrape("c");
  auto rejected = receive(three);
  CHECK(rejected->status == scrape_status::rejected);
  CHECK(rejected->retry_in == 10s);
  CHECK(upstream.urls.size() == 2); // not fetched
  advance(9'999ms);
  auto four = scrape("d");
  CHECK(receive(four)->status == scrape_status::rejected);
  advance(1ms); // open time over: one probe goes out
  auto five = scrape("e");
  CHECK(receive(five)->status == scrape_status::ok);
  CHECK(upstream.urls.size() == 3);
}

TEST_CASE_METHOD(scraper_fixture,
                 "jobs waiting on a URL whose fetch the open breaker refused are answered too",
                 "[scraper][breaker]") {
  settings.reuse_window = 30s;
  settings.limits.max_attempts = 1;
  settings.concurrency.max_in_flight = 1;
  breaker::breaker_config b;
  b.consecutive_failures = 1;
  b.window_size = 0;
  b.open_base = 10s;
  b.jitter = 0;
  settings.breaker = b;
  upstream.hold = true;
  start();
  auto first = scrape("a");    // takes the only slot
  auto leader = scrape("same"); // waits for the slot
  auto follower = scrape("same");
  upstream.release_one(response(503)); // the breaker opens; "same" is refused, not fetched
  run();
  CHECK(receive(first)->status == scrape_status::failed);
  CHECK(receive(leader)->status == scrape_status::rejected);
  CHECK(receive(follower)->status == scrape_status::rejected);
  CHECK(upstream.urls.size() == 1);
}
