#pragma once
// HTTP content codings (Content-Encoding / Accept-Encoding) on zlib: the client decodes
// gzip/deflate response bodies, the server gzips responses when a handler asks. No I/O.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace courtside::http {

enum class coding_error : std::uint8_t {
  none,
  unsupported,  // a coding we did not advertise (br, zstd, compress...)
  corrupt,      // bad header/checksum, or the stream ended early
  too_large,    // decoded size would exceed the caller's limit
};

[[nodiscard]] const char* to_string(coding_error e);

struct decoded_body {
  std::string body;
  coding_error error = coding_error::none;
  std::string detail;
  [[nodiscard]] bool ok() const { return error == coding_error::none; }
};

/// Undoes `content_encoding` ("", "identity", "gzip", "x-gzip", "deflate"; case-insensitive).
/// "deflate" is zlib-wrapped per RFC 9110, but raw deflate (as some servers send) is accepted
/// too. The limit applies to the decoded size: exactly `max_bytes` is fine, one more is not.
[[nodiscard]] decoded_body decode_content(std::string_view content_encoding,
                                          std::string_view body, std::size_t max_bytes);

/// gzip (RFC 1952) at zlib's default level.
[[nodiscard]] std::string gzip_compress(std::string_view data);

/// Whether an Accept-Encoding value allows gzip ("gzip", "x-gzip" or "*", without q=0).
[[nodiscard]] bool accepts_gzip(std::string_view accept_encoding);

} // namespace courtside::http
