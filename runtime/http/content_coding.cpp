#include "runtime/http/content_coding.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>

#include "runtime/http/http_types.hpp"

namespace courtside::http {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// One inflate pass. window_bits: 15+32 auto-detects gzip/zlib headers, -15 is raw deflate.
decoded_body inflate_with(std::string_view in, std::size_t max_bytes, int window_bits) {
  decoded_body out;
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK)
    return {{}, coding_error::corrupt, "inflateInit2 failed"};
  std::array<unsigned char, 16384> chunk{};
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());  // bodies are capped far below 4 GiB upstream
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = chunk.data();
    zs.avail_out = static_cast<uInt>(chunk.size());
    rc = inflate(&zs, Z_NO_FLUSH);
    const std::size_t produced = chunk.size() - zs.avail_out;
    if (out.body.size() + produced > max_bytes) {
      inflateEnd(&zs);
      return {{}, coding_error::too_large,
              "decoded body exceeds " + std::to_string(max_bytes) + " bytes"};
    }
    out.body.append(reinterpret_cast<const char*>(chunk.data()), produced);
    if (rc == Z_BUF_ERROR && zs.avail_in == 0)
      break;  // input exhausted before the end of the stream
    if (rc == Z_BUF_ERROR)
      rc = Z_OK;  // output was full; go round again
  }
  const std::string msg = zs.msg ? zs.msg : "";
  inflateEnd(&zs);
  if (rc != Z_STREAM_END)
    return {{}, coding_error::corrupt, rc == Z_BUF_ERROR ? "truncated stream" : "zlib: " + msg};
  return out;
}

} // namespace

const char* to_string(coding_error e) {
  switch (e) {
    case coding_error::none: return "none";
    case coding_error::unsupported: return "unsupported";
    case coding_error::corrupt: return "corrupt";
    case coding_error::too_large: return "too_large";
  }
  return "unknown";
}

decoded_body decode_content(std::string_view content_encoding, std::string_view body,
                            std::size_t max_bytes) {
  const auto coding = trim(content_encoding);
  if (body.empty())
    return {};  // 204/304 and HEAD answers may name a coding for a body they do not carry
  if (coding.empty() || iequals(coding, "identity")) {
    if (body.size() > max_bytes)
      return {{}, coding_error::too_large, "body exceeds " + std::to_string(max_bytes) + " bytes"};
    return {std::string{body}, coding_error::none, {}};
  }
  if (iequals(coding, "gzip") || iequals(coding, "x-gzip"))
    return inflate_with(body, max_bytes, 15 + 32);  // tolerate zlib mislabelled as gzip
  if (iequals(coding, "deflate")) {
    auto zlib_wrapped = inflate_with(body, max_bytes, 15);
    if (zlib_wrapped.error != coding_error::corrupt)
      return zlib_wrapped;
    return inflate_with(body, max_bytes, -15);
  }
  return {{}, coding_error::unsupported, "Content-Encoding: " + std::string{coding}};
}

std::string gzip_compress(std::string_view data) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY)
      != Z_OK)
    return {};
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);  // deflateBound guarantees one call suffices
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string{};
}

bool accepts_gzip(std::string_view accept_encoding) {
  std::size_t pos = 0;
  while (pos <= accept_encoding.size()) {
    auto comma = accept_encoding.find(',', pos);
    if (comma == std::string_view::npos)
      comma = accept_encoding.size();
    const auto item = trim(accept_encoding.substr(pos, comma - pos));
    const auto semi = item.find(';');
    const auto name = trim(item.substr(0, semi));
    if (iequals(name, "gzip") || iequals(name, "x-gzip") || name == "*") {
      const auto params = semi == std::string_view::npos ? std::string_view{} : item.substr(semi + 1);
      const auto q = params.find("q=");
      const bool zero = q != std::string_view::npos
                        && trim(params.substr(q + 2)).find_first_not_of("0.") == std::string_view::npos;
      if (!zero)
        return true;
    }
    pos = comma + 1;
  }
  return false;
}

} // namespace courtside::http
