// Spec for runtime/storage/sha256.hpp: FIPS 180-4 vectors and the block-boundary lengths.
#include "runtime/storage/sha256.hpp"

#include <catch2/catch.hpp>

#include <string>

using courtside::storage::sha256;
using courtside::storage::sha256_hex;

TEST_CASE("SHA-256 of the NIST short messages", "[storage][sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("SHA-256 of one million 'a' (NIST long message)", "[storage][sha256]") {
  CHECK(sha256_hex(std::string(1'000'000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 around the padding boundaries: 55, 56, 63, 64, 65, 119, 120 bytes",
          "[storage][sha256]") {
  // 55 is the longest message whose length still fits in its last block; 56 needs another.
  CHECK(sha256_hex(std::string(55, 'a')) ==
        "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(sha256_hex(std::string(56, 'a')) ==
        "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  CHECK(sha256_hex(std::string(63, 'a')) ==
        "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
  CHECK(sha256_hex(std::string(64, 'a')) ==
        "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  CHECK(sha256_hex(std::string(65, 'a')) ==
        "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0");
  CHECK(sha256_hex(std::string(119, 'a')) ==
        "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb");
  CHECK(sha256_hex(std::string(120, 'a')) ==
        "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c");
}

TEST_CASE("SHA-256 fed in uneven pieces equals SHA-256 of the whole, bytes 0-255 included",
          "[storage][sha256]") {
  std::string all;
  for (int round = 0; round < 3; ++round) {
    for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  }
  const std::string expected = "f3a25aa93aa2fbba28d79260535bbd6a5eb0fc1c24a8b0f04e12b484c1dfe363";
  CHECK(sha256_hex(all) == expected);
  for (std::size_t piece : {1u, 7u, 63u, 64u, 65u, 200u}) {
    sha256 hasher;
    for (std::size_t at = 0; at < all.size(); at += piece) {
      hasher.update(std::string_view(all).substr(at, piece));
    }
    hasher.update(std::string_view()); // an empty update changes nothing
    const auto digest = hasher.finish();
    static constexpr char hex[] = "0123456789abcdef";
    std::string text;
    for (auto byte : digest) {
      text += hex[byte >> 4];
      text += hex[byte & 15];
    }
    INFO("piece size " << piece);
    CHECK(text == expected);
  }
}
