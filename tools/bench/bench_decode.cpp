// bench-decode: box-score decode throughput, side by side in one run (see README.md).
//   simdjson_dom      simdjson DOM parse of the same padded bytes, nothing extracted: the floor
//   ours              messages/decode (one decoder per source, reused)
//   nlohmann          nlohmann::json::parse + the same extraction (extract_*.hpp)
//   rapidjson_parse   RapidJSON Document::Parse + the same extraction
//   rapidjson_insitu  RapidJSON ParseInsitu on a fresh copy + the same extraction
// Every benchmark decodes every document of its corpus once per iteration. Counters: bytes/s,
// box_scores/s, docs/s. Start-up checks that all extractors give the same JSON lines.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <simdjson.h>

#include "messages/decode/balldontlie.hpp"
#include "messages/decode/nbacom.hpp"
#include "messages/json_lines.hpp"
#include "tools/bench/competitors.hpp"
#include "tools/bench/corpus.hpp"

#ifndef COURTSIDE_FIXTURES_DIR
#define COURTSIDE_FIXTURES_DIR "../shared/fixtures/real"
#endif

#define COURTSIDE_STR2(x) #x
#define COURTSIDE_STR(x) COURTSIDE_STR2(x)

namespace courtside::bench {
namespace {

class ours_runner {
public:
  bool run(doc_kind kind, std::string_view json, std::string* lines) {
    switch (kind) {
      case doc_kind::cdn_boxscore: return finish(nbacom_.boxscore(json), lines);
      case doc_kind::bdl_box_scores: return finish(balldontlie_.box_scores(json), lines);
      case doc_kind::bdl_stats: return finish(balldontlie_.stats(json), lines);
    }
    return false;
  }

private:
  template <class T>
  static bool finish(decode::decode_result<T>&& result, std::string* lines) {
    if (!result.ok())
      return false;
    if (lines != nullptr)
      json::append_json_lines(*lines, result.value());
    return true;
  }

  decode::nbacom_decoder nbacom_;
  decode::balldontlie_decoder balldontlie_;
};

void set_counters(benchmark::State& state, const corpus& c) {
  const auto iterations = static_cast<double>(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(c.bytes));
  state.counters["box_scores/s"] = benchmark::Counter(iterations * static_cast<double>(c.box_scores),
                                                      benchmark::Counter::kIsRate);
  state.counters["docs/s"] = benchmark::Counter(iterations * static_cast<double>(c.docs.size()),
                                                benchmark::Counter::kIsRate);
}

template <class Runner>
void run_corpus(benchmark::State& state, const corpus& c, Runner& runner) {
  for (auto _ : state) {
    for (const document& d : c.docs) {
      bool ok = runner.run(d.kind, d.bytes, nullptr);
      benchmark::DoNotOptimize(ok);
      if (!ok) {
        state.SkipWithError(("failed to decode " + d.name).c_str());
        return;
      }
    }
  }
  set_counters(state, c);
}

void parse_only(benchmark::State& state, const corpus& c, simdjson::dom::parser& parser) {
  for (auto _ : state) {
    for (const document& d : c.docs) {
      simdjson::dom::element root;
      auto ec = parser.parse(d.padded).get(root);
      benchmark::DoNotOptimize(root);
      if (ec) {
        state.SkipWithError(("simdjson could not parse " + d.name).c_str());
        return;
      }
    }
  }
  set_counters(state, c);
}

// First differing line of two JSON-lines texts, or "" when equal.
std::string first_difference(const std::string& a, const std::string& b) {
  if (a == b)
    return {};
  std::size_t start = 0;
  while (start < a.size() && start < b.size()) {
    const std::size_t ea = a.find('\n', start), eb = b.find('\n', start);
    if (a.compare(start, ea - start, b, start, eb - start) != 0 || ea != eb)
      return "ours:   " + a.substr(start, ea - start) + "\nothers: " + b.substr(start, eb - start);
    start = ea + 1;
  }
  return "different lengths: " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
}

// Every competitor must produce exactly our records, or the timings compare different work.
template <class Runner>
bool agrees(const corpus& c, ours_runner& ours, Runner& other, const char* other_name) {
  for (const document& d : c.docs) {
    std::string mine, theirs;
    if (!ours.run(d.kind, d.bytes, &mine) || !other.run(d.kind, d.bytes, &theirs)) {
      std::fprintf(stderr, "%s: %s: a decoder failed\n", other_name, d.name.c_str());
      return false;
    }
    if (auto diff = first_difference(mine, theirs); !diff.empty()) {
      std::fprintf(stderr, "%s disagrees with ours on %s:\n%s\n", other_name, d.name.c_str(), diff.c_str());
      return false;
    }
  }
  return true;
}

struct runners {
  simdjson::dom::parser dom;
  ours_runner ours;
  nlohmann_runner nlohmann;
  rapidjson_runner parse{false};
  rapidjson_runner insitu{true};
};

} // namespace
} // namespace courtside::bench

int main(int argc, char** argv) {
  using namespace courtside::bench;
  benchmark::Initialize(&argc, argv);
  std::string fixtures = COURTSIDE_FIXTURES_DIR;
  int sim_games = 40, sim_days = 8;
  benchmark::IterationCount fixed_iterations = 0;  // 0: Google Benchmark decides
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--fixtures=", 0) == 0)
      fixtures = arg.substr(11);
    else if (arg.rfind("--sim-games=", 0) == 0)
      sim_games = std::stoi(arg.substr(12));
    else if (arg.rfind("--sim-days=", 0) == 0)
      sim_days = std::stoi(arg.substr(11));
    else if (arg.rfind("--fixed-iterations=", 0) == 0)  // for `perf stat` instruction counts
      fixed_iterations = std::stoll(arg.substr(19));
    else {
      std::fprintf(stderr, "usage: bench-decode [benchmark flags] [--fixtures=DIR] [--sim-games=N] [--sim-days=N] [--fixed-iterations=N]\n");
      return 2;
    }
  }
  // On-Demand is inlined into messages/decode at its compile-time ISA ("builtin"); the DOM
  // parser and stage 1 of both dispatch at run time ("active").
  std::fprintf(stderr, "simdjson %s: active implementation %s, On-Demand compiled for %s\n", COURTSIDE_STR(SIMDJSON_VERSION),
               simdjson::get_active_implementation()->name().c_str(), COURTSIDE_STR(SIMDJSON_BUILTIN_IMPLEMENTATION));
  std::vector<corpus> corpora = real_corpora(fixtures);
  if (corpora.empty())
    std::fprintf(stderr, "bench-decode: no real fixtures under %s; simulator corpora only\n", fixtures.c_str());
  for (corpus& c : simulator_corpora(sim_games, sim_days))
    corpora.push_back(std::move(c));

  static runners r;  // one of each, reused by every benchmark (as a worker reuses its decoder)
  for (const corpus& c : corpora) {
    if (!agrees(c, r.ours, r.nlohmann, "nlohmann") || !agrees(c, r.ours, r.parse, "rapidjson_parse") ||
        !agrees(c, r.ours, r.insitu, "rapidjson_insitu"))
      return 1;
    std::fprintf(stderr, "%-20s %2zu docs %8zu bytes %4zu box scores: all extractors agree\n", c.name.c_str(),
                 c.docs.size(), c.bytes, c.box_scores);
  }
  for (const corpus& c : corpora) {
    const corpus* p = &c;
    std::vector<benchmark::internal::Benchmark*> added{
        benchmark::RegisterBenchmark((c.name + "/simdjson_dom").c_str(),
                                     [p](benchmark::State& s) { parse_only(s, *p, r.dom); }),
        benchmark::RegisterBenchmark((c.name + "/ours").c_str(),
                                     [p](benchmark::State& s) { run_corpus(s, *p, r.ours); }),
        benchmark::RegisterBenchmark((c.name + "/nlohmann").c_str(),
                                     [p](benchmark::State& s) { run_corpus(s, *p, r.nlohmann); }),
        benchmark::RegisterBenchmark((c.name + "/rapidjson_parse").c_str(),
                                     [p](benchmark::State& s) { run_corpus(s, *p, r.parse); }),
        benchmark::RegisterBenchmark((c.name + "/rapidjson_insitu").c_str(),
                                     [p](benchmark::State& s) { run_corpus(s, *p, r.insitu); }),
    };
    if (fixed_iterations > 0)
      for (auto* b : added)
        b->Iterations(fixed_iterations);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
