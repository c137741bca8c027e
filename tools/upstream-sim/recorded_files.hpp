#pragma once
// --serve-dir: answers requests from a folder of recorded payloads, path for path.
// GET /nba_cdn/liveData/boxscore/boxscore_0022500775.json serves
// DIR/nba_cdn/liveData/boxscore/boxscore_0022500775.json; when the request has a query and
// a file named with it exists ("DIR/balldontlie/v1/box_scores?date=2026-01-09"), that one
// wins, so recordings of the same path with different queries can sit side by side.
// Nothing outside DIR is ever served ("..", symlinks out of it).
#include <filesystem>
#include <optional>

#include "runtime/http/server.hpp"

namespace courtside::upstream_sim {

class recorded_files {
public:
  explicit recorded_files(std::filesystem::path root);

  /// The recorded answer for a request, or nullopt when no file matches.
  [[nodiscard]] std::optional<http::server_response> find(const http::server_request& req) const;
  [[nodiscard]] const std::filesystem::path& root() const { return root_; }

private:
  [[nodiscard]] std::optional<std::filesystem::path> inside(const std::string& relative) const;

  std::filesystem::path root_;  // canonical
};

} // namespace courtside::upstream_sim
