#pragma once
// SHA-256, for content-addressing raw payloads and hashing tables. OpenSSL's implementation
// (libcrypto, already linked for HTTPS): a portable one was 22 % of a season backfill's CPU
// and three quarters of the sanitizer build's chaos suite. Checked against the NIST vectors.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st; // OpenSSL's EVP_MD_CTX, kept out of this header

namespace courtside::storage {

class sha256 {
public:
  using digest = std::array<std::uint8_t, 32>;

  sha256();
  void update(std::string_view bytes);
  /// The digest of everything updated so far; the object is spent afterwards.
  [[nodiscard]] digest finish();

private:
  struct free_context {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  std::unique_ptr<evp_md_ctx_st, free_context> ctx_;
};

/// Lower-case hex of SHA-256(bytes): 64 characters.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

} // namespace courtside::storage
