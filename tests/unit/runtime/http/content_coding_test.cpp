#include "runtime/http/content_coding.hpp"

#include <zlib.h>

#include <catch2/catch.hpp>

using namespace courtside::http;

namespace {

std::string zlib_wrapped(const std::string& data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  compress(reinterpret_cast<Bytef*>(out.data()), &size,
           reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()));
  out.resize(size);
  return out;
}

} // namespace

TEST_CASE("gzip round-trips through decode_content", "[http][coding]") {
  const std::string text(10'000, 'x');
  const auto gz = gzip_compress(text);
  CHECK(gz.size() < text.size());
  const auto d = decode_content("gzip", gz, 1u << 20);
  REQUIRE(d.ok());
  CHECK(d.body == text);
  CHECK(decode_content(" X-GZIP ", gz, 1u << 20).body == text);
}

TEST_CASE("decoded size limit: exactly max_bytes passes, one more is too_large", "[http][coding]") {
  const auto gz = gzip_compress(std::string(1000, 'a'));
  CHECK(decode_content("gzip", gz, 1000).ok());
  CHECK(decode_content("gzip", gz, 999).error == coding_error::too_large);
  CHECK(decode_content("", std::string(1000, 'a'), 1000).ok());
  CHECK(decode_content("identity", std::string(1001, 'a'), 1000).error == coding_error::too_large);
}

TEST_CASE("deflate accepts zlib-wrapped and raw streams", "[http][coding]") {
  const std::string text = "{\"games\":[1,2,3]}";
  CHECK(decode_content("deflate", zlib_wrapped(text), 1000).body == text);
  // raw deflate = the zlib stream without its 2-byte header and 4-byte Adler trailer
  const auto wrapped = zlib_wrapped(text);
  const auto raw = wrapped.substr(2, wrapped.size() - 6);
  CHECK(decode_content("deflate", raw, 1000).body == text);
}

TEST_CASE("corrupt, truncated and unknown codings are errors, not crashes", "[http][coding]") {
  const auto gz = gzip_compress(std::string(5000, 'q') + "tail");
  CHECK(decode_content("gzip", gz.substr(0, gz.size() / 2), 1u << 20).error
        == coding_error::corrupt);
  CHECK(decode_content("gzip", "definitely not gzip", 1u << 20).error == coding_error::corrupt);
  CHECK(decode_content("br", "xyz", 1u << 20).error == coding_error::unsupported);
  CHECK(decode_content("gzip", "", 10).ok());
}

TEST_CASE("accepts_gzip reads Accept-Encoding including q=0", "[http][coding]") {
  CHECK(accepts_gzip("gzip, deflate"));
  CHECK(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  CHECK(accepts_gzip("*"));
  CHECK_FALSE(accepts_gzip("identity"));
  CHECK_FALSE(accepts_gzip("gzip;q=0"));
  CHECK_FALSE(accepts_gzip(""));
}
