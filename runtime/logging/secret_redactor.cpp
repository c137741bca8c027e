#include "runtime/logging/secret_redactor.hpp"

#include <algorithm>

namespace courtside {

void secret_redactor::add(std::string secret) {
  if (secret.size() < 4) return;
  if (std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) return;
  secrets_.push_back(std::move(secret));
  std::stable_sort(secrets_.begin(), secrets_.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string secret_redactor::redact(std::string_view text) const {
  std::string out{text};
  for (const auto& s : secrets_) {
    for (auto pos = out.find(s); pos != std::string::npos; pos = out.find(s, pos)) {
      out.replace(pos, s.size(), "<redacted>");
      pos += 10;
    }
  }
  return out;
}

} // namespace courtside
