#include "tools/upstream-sim/recorded_files.hpp"

#include <fstream>
#include <iterator>
#include <system_error>

#include "tools/upstream-sim/router.hpp"

namespace courtside::upstream_sim {
namespace {

std::string content_type_for(const std::filesystem::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".xml") return "application/xml";
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  // Recorded API answers without an extension ("box_scores?date=...") are JSON.
  return ext.empty() || ext.find('?') != std::string::npos ? "application/json; charset=utf-8"
                                                            : "application/octet-stream";
}

bool has_dot_dot(std::string_view path) {
  while (!path.empty()) {
    const auto slash = path.find('/');
    if (path.substr(0, slash) == "..")
      return true;
    if (slash == std::string_view::npos)
      break;
    path.remove_prefix(slash + 1);
  }
  return false;
}

} // namespace

recorded_files::recorded_files(std::filesystem::path root) {
  std::error_code ec;
  root_ = std::filesystem::weakly_canonical(root, ec);
  if (ec)
    root_ = std::move(root);
}

std::optional<std::filesystem::path> recorded_files::inside(const std::string& relative) const {
  if (relative.empty() || has_dot_dot(relative) || relative.find('\0') != std::string::npos)
    return std::nullopt;
  std::error_code ec;
  const auto candidate = std::filesystem::weakly_canonical(root_ / relative, ec);
  if (ec || !std::filesystem::is_regular_file(candidate, ec))
    return std::nullopt;
  // Symlinks may point anywhere: serve only what resolves to a place under the root.
  const auto rel = candidate.lexically_relative(root_);
  if (rel.empty() || *rel.begin() == "..")
    return std::nullopt;
  return candidate;
}

std::optional<http::server_response> recorded_files::find(const http::server_request& req) const {
  std::string relative = req.path;
  while (!relative.empty() && relative.front() == '/') relative.erase(relative.begin());
  std::optional<std::filesystem::path> file;
  if (const auto q = req.target.find('?'); q != std::string::npos)
    file = inside(relative + "?" + req.target.substr(q + 1));
  if (!file)
    file = inside(relative);
  if (!file)
    return std::nullopt;
  std::ifstream in{*file, std::ios::binary};
  if (!in)
    return std::nullopt;
  std::string body{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
  auto r = http::server_response::text(200, std::move(body), content_type_for(*file));
  r.gzip = true;
  return r;
}

} // namespace courtside::upstream_sim
