#pragma once
// The documents bench-decode decodes: the real captures under the fixtures folder and box
// scores rendered in-process by the upstream simulator's serializers (same seed, same bytes).
#include <cstddef>
#include <string>
#include <vector>

#include <simdjson.h>

#include "tools/bench/competitors.hpp"

namespace courtside::bench {

struct document {
  doc_kind kind;
  std::string name;                // file name, or "sim:<gameId>" / "sim:<date>"
  std::string bytes;
  simdjson::padded_string padded{};  // the same bytes with simdjson's padding, for parse-only
  std::size_t box_scores = 0;      // games covered (a stats page covers the games it names)
};

struct corpus {
  std::string name;  // "cdn_real", "bdl_real_box_scores", ...
  std::vector<document> docs;
  std::size_t bytes = 0;
  std::size_t box_scores = 0;
};

/// Real captures from `fixtures_dir` (nba-cdn-live/boxscore_*.json,
/// balldontlie/v1_box_scores.*.json and v1_stats.*.json; empty pages skipped). Corpora whose
/// files are absent are left out.
[[nodiscard]] std::vector<corpus> real_corpora(const std::string& fixtures_dir);

/// Simulator box scores (seed 1): the CDN box scores of the first `games` games of the
/// season and the balldontlie /box_scores pages of its first `days` game days.
[[nodiscard]] std::vector<corpus> simulator_corpora(int games, int days);

} // namespace courtside::bench
