// Loading and rendering the documents of bench-decode (see corpus.hpp).
#include "tools/bench/corpus.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "messages/decode/balldontlie.hpp"
#include "messages/decode/nbacom.hpp"
#include "tools/upstream-sim/format_balldontlie.hpp"
#include "tools/upstream-sim/format_nba_cdn.hpp"
#include "tools/upstream-sim/league.hpp"

namespace courtside::bench {
namespace fs = std::filesystem;
namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Games covered by a document, counted with our decoder (0 when it does not decode).
std::size_t count_box_scores(doc_kind kind, const std::string& bytes) {
  switch (kind) {
    case doc_kind::cdn_boxscore: return decode::nbacom_decoder{}.boxscore(bytes).ok() ? 1 : 0;
    case doc_kind::bdl_box_scores: {
      auto page = decode::balldontlie_decoder{}.box_scores(bytes);
      return page.ok() ? page.value().box_scores.size() : 0;
    }
    case doc_kind::bdl_stats: {
      auto page = decode::balldontlie_decoder{}.stats(bytes);
      if (!page.ok())
        return 0;
      std::set<std::int64_t> games;
      for (const PlayerLine& line : page.value().lines)
        if (line.bdl_game_id)
          games.insert(*line.bdl_game_id);
      return games.size();
    }
  }
  return 0;
}

void add(corpus& c, doc_kind kind, std::string name, std::string bytes) {
  document d{kind, std::move(name), std::move(bytes)};
  d.padded = simdjson::padded_string(d.bytes);
  d.box_scores = count_box_scores(kind, d.bytes);
  c.bytes += d.bytes.size();
  c.box_scores += d.box_scores;
  c.docs.push_back(std::move(d));
}

void add_files(corpus& c, doc_kind kind, const fs::path& dir, std::string_view prefix) {
  if (!fs::is_directory(dir))
    return;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && name.find(".empty.") == std::string::npos)
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files)
    add(c, kind, p.filename().string(), read_file(p));
}

} // namespace

std::vector<corpus> real_corpora(const std::string& fixtures_dir) {
  const fs::path root(fixtures_dir);
  std::vector<corpus> out;
  corpus cdn{"cdn_real", {}, 0, 0};
  add_files(cdn, doc_kind::cdn_boxscore, root / "nba-cdn-live", "boxscore_");
  corpus bdl_box{"bdl_real_box_scores", {}, 0, 0};
  add_files(bdl_box, doc_kind::bdl_box_scores, root / "balldontlie", "v1_box_scores.");
  corpus bdl_stats{"bdl_real_stats", {}, 0, 0};
  add_files(bdl_stats, doc_kind::bdl_stats, root / "balldontlie", "v1_stats.");
  for (corpus* c : {&cdn, &bdl_box, &bdl_stats})
    if (!c->docs.empty())
      out.push_back(std::move(*c));
  return out;
}

std::vector<corpus> simulator_corpora(int games, int days) {
  using namespace upstream_sim;
  league_options options;
  options.today = civil_date{2026, 6, 30};  // after the season: every game final
  const league l(options);
  corpus cdn{"cdn_sim", {}, 0, 0};
  const int n = std::min<int>(games, static_cast<int>(l.games().size()));
  for (int i = 0; i < n; ++i) {
    const game& g = l.games()[static_cast<std::size_t>(i)];
    add(cdn, doc_kind::cdn_boxscore, "sim:" + g.nba_id,
        cdn::boxscore(l, game_view{g, game_state::finished(), &l.box(g.index)}));
  }
  corpus bdl{"bdl_sim_box_scores", {}, 0, 0};
  std::vector<civil_date> dates;
  for (const game& g : l.games())
    if (dates.empty() || dates.back() != g.date)
      dates.push_back(g.date);
  for (int d = 0; d < days && d < static_cast<int>(dates.size()); ++d) {
    std::vector<game_view> views;
    for (int index : l.games_on(dates[static_cast<std::size_t>(d)])) {
      const game& g = l.games()[static_cast<std::size_t>(index)];
      views.push_back(game_view{g, game_state::finished(), &l.box(index)});
    }
    std::ostringstream name;
    name << "sim:" << dates[static_cast<std::size_t>(d)].year << '-' << dates[static_cast<std::size_t>(d)].month
         << '-' << dates[static_cast<std::size_t>(d)].day;
    add(bdl, doc_kind::bdl_box_scores, name.str(), bdl::box_scores(l, views));
  }
  std::vector<corpus> out;  // (an initializer list would copy)
  out.push_back(std::move(cdn));
  out.push_back(std::move(bdl));
  return out;
}

} // namespace courtside::bench
