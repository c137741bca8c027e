#pragma once
// Replaces every known secret (API keys, webhook URLs, tokens) in a text with "<redacted>".
// The logger runs every line through one of these, so a secret that slips into a message,
// an error text or a URL never reaches the output. Pure code.
#include <string>
#include <string_view>
#include <vector>

namespace courtside {

class secret_redactor {
public:
  /// Registers a secret; empty and very short values (< 4 chars) are ignored because masking
  /// them would shred ordinary text.
  void add(std::string secret);

  /// `text` with every occurrence of every secret replaced, longest secrets first (so a
  /// secret containing another is masked whole).
  [[nodiscard]] std::string redact(std::string_view text) const;

  [[nodiscard]] bool empty() const { return secrets_.empty(); }

private:
  std::vector<std::string> secrets_; // sorted by length, longest first
};

} // namespace courtside
