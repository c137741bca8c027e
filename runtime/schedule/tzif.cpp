// Reading TZif files (RFC 8536): the only I/O of runtime/schedule, done once per zone.
#include "runtime/schedule/time_zone.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace courtside::schedule {
namespace {

constexpr size_t header_size = 44;
constexpr std::uintmax_t max_file_size = 1 << 20; // real zones are < 4 KiB

struct tzif_counts {
  char version = 0;
  uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;

  /// Bytes of the data block that follows the header, for 4- or 8-byte times.
  [[nodiscard]] size_t data_size(size_t time_size) const {
    return size_t{timecnt} * time_size + timecnt + size_t{typecnt} * 6 + charcnt +
           size_t{leapcnt} * (time_size + 4) + isstdcnt + isutcnt;
  }
};

bool valid_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '+' || c == '-' || c == '/';
}

/// Names are relative paths under the zoneinfo directory; nothing may escape it.
bool valid_zone_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.back() == '/') return false;
  for (char c : name)
    if (!valid_name_char(c)) return false;
  size_t start = 0;
  while (start <= name.size()) {
    const size_t end = std::min(name.find('/', start), name.size());
    const std::string_view part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

} // namespace

/// Parses the bytes of one TZif file into a time_zone; befriended by time_zone.
struct tzif_reader {
  std::string_view bytes;
  size_t pos = 0;
  time_zone zone;

  time_zone_error fail(time_zone_errc code, const std::string& what) const {
    return time_zone_error{code, zone.name_, what + " (byte " + std::to_string(pos) + ")"};
  }
  bool has(size_t n) const { return bytes.size() - pos >= n; }
  uint8_t u8(size_t at) const { return static_cast<uint8_t>(bytes[at]); }
  uint32_t be32(size_t at) const {
    return (uint32_t{u8(at)} << 24) | (uint32_t{u8(at + 1)} << 16) | (uint32_t{u8(at + 2)} << 8) |
           uint32_t{u8(at + 3)};
  }
  int64_t be_signed(size_t at, size_t size) const {
    if (size == 4) return static_cast<int32_t>(be32(at));
    return static_cast<int64_t>((uint64_t{be32(at)} << 32) | be32(at + 4));
  }

  std::optional<time_zone_error> header(tzif_counts& c) {
    if (!has(header_size) || bytes.substr(pos, 4) != "TZif")
      return fail(time_zone_errc::malformed_file, "no TZif header");
    c.version = bytes[pos + 4];
    if (c.version != 0 && (c.version < '2' || c.version > '4'))
      return fail(time_zone_errc::malformed_file, "unknown TZif version");
    uint32_t* fields[] = {&c.isutcnt, &c.isstdcnt, &c.leapcnt, &c.timecnt, &c.typecnt, &c.charcnt};
    for (size_t i = 0; i < 6; ++i) *fields[i] = be32(pos + 20 + 4 * i);
    pos += header_size;
    if (c.typecnt == 0 || c.charcnt == 0 || c.typecnt > 256 ||
        (c.isutcnt != 0 && c.isutcnt != c.typecnt) || (c.isstdcnt != 0 && c.isstdcnt != c.typecnt))
      return fail(time_zone_errc::malformed_file, "inconsistent counts in header");
    if (c.leapcnt != 0)
      return fail(time_zone_errc::leap_seconds_unsupported, "file has leap-second records");
    if (!has(c.data_size(4))) return fail(time_zone_errc::malformed_file, "truncated data block");
    return std::nullopt;
  }

  std::optional<time_zone_error> data(const tzif_counts& c, size_t time_size) {
    const size_t times = pos, idx = times + size_t{c.timecnt} * time_size;
    const size_t types = idx + c.timecnt, chars = types + size_t{c.typecnt} * 6;
    for (uint32_t i = 0; i < c.timecnt; ++i) {
      pos = times + i * time_size;
      const int64_t t = be_signed(pos, time_size);
      if (i > 0 && t <= zone.transitions_.back())
        return fail(time_zone_errc::malformed_file, "transition times not ascending");
      if (u8(idx + i) >= c.typecnt)
        return fail(time_zone_errc::malformed_file, "transition type index out of range");
      zone.transitions_.push_back(t);
      zone.transition_type_.push_back(u8(idx + i));
    }
    const std::string_view abbrevs = bytes.substr(chars, c.charcnt);
    for (uint32_t i = 0; i < c.typecnt; ++i) {
      pos = types + i * 6;
      const int32_t utoff = static_cast<int32_t>(be32(pos));
      const uint8_t is_dst = u8(pos + 4), desig = u8(pos + 5);
      const size_t nul = abbrevs.find('\0', desig);
      if (utoff == INT32_MIN || utoff <= -90000 || utoff >= 93600 || is_dst > 1 ||
          desig >= c.charcnt || nul == std::string_view::npos)
        return fail(time_zone_errc::malformed_file, "bad local time type");
      zone.types_.push_back(
          zone_type{seconds{utoff}, is_dst == 1, std::string(abbrevs.substr(desig, nul - desig))});
    }
    pos = times + c.data_size(time_size);
    return std::nullopt;
  }

  std::optional<time_zone_error> footer() {
    if (!has(1) || bytes[pos] != '\n')
      return fail(time_zone_errc::malformed_file, "missing footer");
    const size_t end = bytes.find('\n', pos + 1);
    if (end == std::string_view::npos)
      return fail(time_zone_errc::malformed_file, "unterminated footer");
    const std::string_view tz = bytes.substr(pos + 1, end - pos - 1);
    if (tz.empty()) return std::nullopt;
    auto rule = posix_tz::parse(tz);
    if (!rule) return fail(time_zone_errc::invalid_tz_string, "footer: " + rule.error());
    zone.footer_ = std::move(rule).value();
    return std::nullopt;
  }

  result<time_zone, time_zone_error> read() {
    tzif_counts v1;
    if (auto e = header(v1)) return *e;
    if (v1.version == 0) { // v1 only: 32-bit times, no footer
      if (auto e = data(v1, 4)) return *e;
      return std::move(zone);
    }
    pos += v1.data_size(4); // the 32-bit section is there for old readers only
    tzif_counts v2;
    if (auto e = header(v2)) return *e;
    if (!has(v2.data_size(8))) return fail(time_zone_errc::malformed_file, "truncated data block");
    if (auto e = data(v2, 8)) return *e;
    if (auto e = footer()) return *e;
    return std::move(zone);
  }
};

result<time_zone, time_zone_error> time_zone::from_tzif(std::string_view name,
                                                         std::string_view bytes) {
  tzif_reader reader{bytes, 0, time_zone{}};
  reader.zone.name_ = std::string(name);
  return reader.read();
}

result<time_zone, time_zone_error> time_zone::load(std::string_view name,
                                                    std::string_view zoneinfo_dir) {
  const std::string zone(name);
  if (!valid_zone_name(name))
    return time_zone_error{time_zone_errc::invalid_name, zone, "not a zone name"};
  const std::filesystem::path path = std::filesystem::path(zoneinfo_dir) / zone;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return time_zone_error{time_zone_errc::unknown_zone, zone, "no file " + path.string()};
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec || size > max_file_size)
    return time_zone_error{time_zone_errc::unreadable, zone, "cannot size " + path.string()};
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof())
    return time_zone_error{time_zone_errc::unreadable, zone, "cannot read " + path.string()};
  return from_tzif(name, bytes);
}

} // namespace courtside::schedule
