#include "runtime/storage/sha256.hpp"

#include <new>

#include <openssl/evp.h>

namespace courtside::storage {

void sha256::free_context::operator()(evp_md_ctx_st* ctx) const { EVP_MD_CTX_free(ctx); }

// OpenSSL fails these calls only when it cannot allocate or the digest is unavailable (a
// broken libcrypto); neither is an input error, so they end as std::bad_alloc.
sha256::sha256() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) throw std::bad_alloc{};
}

void sha256::update(std::string_view bytes) {
  if (!bytes.empty() && EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()) != 1) throw std::bad_alloc{};
}

sha256::digest sha256::finish() {
  digest out{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(ctx_.get(), out.data(), &length) != 1 || length != out.size()) throw std::bad_alloc{};
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  sha256 hasher;
  hasher.update(bytes);
  const sha256::digest d = hasher.finish();
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (const std::uint8_t byte : d) {
    out += hex[byte >> 4];
    out += hex[byte & 0x0f];
  }
  return out;
}

} // namespace courtside::storage
