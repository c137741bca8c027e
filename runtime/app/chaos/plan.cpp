#include "runtime/app/chaos/plan.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "runtime/random.hpp"
#include "runtime/time/duration.hpp"

namespace courtside::chaos {
namespace {

milliseconds ms_between(random_source& rng, milliseconds lo, milliseconds hi) {
  if (hi <= lo) return lo;
  return lo + milliseconds{static_cast<milliseconds::rep>(rng.below(static_cast<uint64_t>((hi - lo).count())))};
}

double rate_below(random_source& rng, double hi) { return rng.uniform01() * hi; }

// Box-score endpoints can answer "not final yet" (a live game that becomes final later).
bool serves_box_scores(const std::string& api) { return api == "nba_cdn" || api == "balldontlie"; }

upstream_sim::fault_spec draw_spec(random_source& rng, const std::string& api, const plan_bounds& b) {
  upstream_sim::fault_spec s;
  s.error_rate = rate_below(rng, 0.15);
  s.rate_limit_rate = rate_below(rng, 0.08);
  s.retry_after_share = static_cast<double>(rng.below(3)) / 2.0; // none, half, all
  s.retry_after = std::chrono::seconds{1 + static_cast<int>(rng.below(2))};
  s.reset_rate = rate_below(rng, 0.04);
  s.truncate_rate = rate_below(rng, 0.04);
  s.malformed_rate = rate_below(rng, 0.04);
  s.hang_rate = rate_below(rng, 0.02);
  s.hang = b.request_timeout + milliseconds{1'000};
  s.slow_rate = rate_below(rng, 0.05);
  s.slow_bytes_per_second = 256 * 1024; // a latency spike, longest for the big documents
  if (serves_box_scores(api)) s.not_final_rate = rate_below(rng, 0.10);
  s.latency = ms_between(rng, milliseconds{0}, milliseconds{40});
  s.jitter = ms_between(rng, milliseconds{0}, milliseconds{30});
  return s;
}

std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100);
  return buf;
}

std::string parent_of(const std::string& path) {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? std::string{} : path.substr(0, dot);
}

} // namespace

const char* to_string(slack_trouble t) {
  switch (t) {
    case slack_trouble::server_error: return "500";
    case slack_trouble::rate_limited: return "429";
    case slack_trouble::no_answer: return "no answer";
  }
  return "?";
}

chaos_plan draw_plan(std::uint64_t seed, const plan_bounds& b) {
  // splitmix64 streams of nearby states are shifted copies of each other: start from a
  // mixed seed, so seeds 33 and 56 do not draw the same crashes.
  random_source mixer{seed};
  random_source rng{mixer.next() ^ 0xC4A05u};
  chaos_plan plan;
  plan.seed = seed;
  for (const std::string api : {"nba_cdn", "balldontlie", "odds_api", "stats_nba"})
    if (rng.uniform01() < 0.75) plan.upstream.by_route[api] = draw_spec(rng, api, b);

  if (!b.targets.empty()) {
    const int wanted = static_cast<int>(rng.below(static_cast<uint64_t>(b.max_crashes) + 1));
    std::map<std::string, int> per_supervisor;
    for (int i = 0; i < wanted; ++i) {
      const auto& target = b.targets[rng.below(b.targets.size())];
      const auto at = ms_between(rng, milliseconds{500}, b.horizon);
      if (++per_supervisor[parent_of(target)] > b.max_crashes_per_supervisor) continue;
      plan.crashes.push_back({target, at});
    }
    std::sort(plan.crashes.begin(), plan.crashes.end(),
              [](const crash_event& x, const crash_event& y) { return x.at < y.at; });
  }

  milliseconds free_from{0};
  const int outages = static_cast<int>(rng.below(3));
  for (int i = 0; i < outages && free_from < b.horizon; ++i) {
    slack_outage o;
    o.from = ms_between(rng, free_from, b.horizon);
    o.until = o.from + ms_between(rng, milliseconds{2'000}, milliseconds{20'000});
    o.trouble = static_cast<slack_trouble>(rng.below(3));
    if (o.trouble == slack_trouble::rate_limited) o.retry_after_seconds = static_cast<int>(rng.below(4));
    free_from = o.until + milliseconds{1'000};
    plan.slack.push_back(o);
  }

  if (rng.uniform01() < 0.5) {
    plan.commits.rate = rate_below(rng, 0.10);
    plan.commits.until = ms_between(rng, milliseconds{10'000}, b.horizon);
  }
  return plan;
}

std::vector<std::string> chaos_plan::describe() const {
  std::vector<std::string> out;
  for (const auto& [api, s] : upstream.by_route) {
    std::string line = "upstream " + api + ":";
    auto add = [&](const char* name, double r) {
      if (r > 0) line += " " + std::string{name} + "=" + percent(r);
    };
    add("5xx", s.error_rate);
    add("429", s.rate_limit_rate);
    add("reset", s.reset_rate);
    add("truncated", s.truncate_rate);
    add("malformed", s.malformed_rate);
    add("hang", s.hang_rate);
    add("slow", s.slow_rate);
    add("not-final", s.not_final_rate);
    line += " latency=" + format_duration(s.latency) + "+" + format_duration(s.jitter);
    out.push_back(line);
  }
  for (const auto& c : crashes) out.push_back("crash " + c.target + " at " + format_duration(c.at));
  for (const auto& o : slack) {
    std::string line = "slack " + std::string{to_string(o.trouble)} + " from " + format_duration(o.from) +
                       " to " + format_duration(o.until);
    if (o.trouble == slack_trouble::rate_limited)
      line += o.retry_after_seconds > 0 ? " (Retry-After " + std::to_string(o.retry_after_seconds) + ")" : " (no Retry-After)";
    out.push_back(line);
  }
  if (commits.rate > 0)
    out.push_back("warehouse: " + percent(commits.rate) + " of commits fail (SQLITE_BUSY) until " + format_duration(commits.until));
  return out;
}

} // namespace courtside::chaos
