#pragma once
// The decoders bench-decode compares, behind one call: run(kind, json, lines) decodes one
// document into the messages/ types and, when `lines` is given, appends the records as JSON
// lines (messages/json_lines.hpp) so that start-up can check that all of them agree.
// nlohmann/json and RapidJSON are benchmark-only dependencies: only tools/bench includes them.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::bench {

enum class doc_kind { cdn_boxscore, bdl_box_scores, bdl_stats };

[[nodiscard]] const char* to_string(doc_kind k);

/// nlohmann::json::parse into a fresh tree, then the extraction of extract_*.hpp.
class nlohmann_runner {
public:
  [[nodiscard]] bool run(doc_kind kind, std::string_view json, std::string* lines);
};

/// RapidJSON's Document::Parse (or ParseInsitu on a reused mutable copy), with the allocator
/// tuning its documentation recommends: caller-provided buffers for the value pool and the
/// parse stack, so that a document costs no malloc up to 4 MiB.
class rapidjson_runner {
public:
  explicit rapidjson_runner(bool insitu);
  ~rapidjson_runner();
  rapidjson_runner(const rapidjson_runner&) = delete;
  rapidjson_runner& operator=(const rapidjson_runner&) = delete;

  [[nodiscard]] bool run(doc_kind kind, std::string_view json, std::string* lines);

private:
  bool insitu_;
  std::vector<char> value_pool_, stack_pool_, insitu_copy_;
};

} // namespace courtside::bench
