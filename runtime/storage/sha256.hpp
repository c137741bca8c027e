#pragma once
// SHA-256 (FIPS 180-4), for content-addressing raw payloads. Written here because OpenSSL is
// linked only into the HTTP library; small, portable, checked against the NIST vectors.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace courtside::storage {

class sha256 {
public:
  using digest = std::array<std::uint8_t, 32>;

  sha256();
  void update(std::string_view bytes);
  /// The digest of everything updated so far; the object is spent afterwards.
  [[nodiscard]] digest finish();

private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

/// Lower-case hex of SHA-256(bytes): 64 characters.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

} // namespace courtside::storage
