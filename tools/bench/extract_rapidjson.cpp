// RapidJSON adapter for extract_*.hpp (see competitors.hpp).
#include <cstring>

#include <rapidjson/document.h>

#include "messages/json_lines.hpp"
#include "tools/bench/competitors.hpp"
#include "tools/bench/extract_balldontlie.hpp"
#include "tools/bench/extract_nbacom.hpp"

namespace courtside::bench {
namespace {

struct rapidjson_adapter {
  using value = rapidjson::Value;

  static vkind kind(const value& v) {
    switch (v.GetType()) {
      case rapidjson::kNullType: return vkind::null;
      case rapidjson::kFalseType:
      case rapidjson::kTrueType: return vkind::boolean;
      case rapidjson::kNumberType:
        if (v.IsInt64())
          return vkind::integer;
        return v.IsUint64() ? vkind::big_unsigned : vkind::real;
      case rapidjson::kStringType: return vkind::string;
      case rapidjson::kArrayType: return vkind::array;
      case rapidjson::kObjectType: return vkind::object;
    }
    return vkind::null;
  }
  static std::int64_t i64(const value& v) { return v.GetInt64(); }
  static double dbl(const value& v) { return v.GetDouble(); }
  static bool boolean(const value& v) { return v.GetBool(); }
  static std::string_view str(const value& v) { return {v.GetString(), v.GetStringLength()}; }

  template <class F>
  static bool members(const value& v, F&& f) {
    if (v.IsNull())
      return true;
    if (!v.IsObject())
      return false;
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it)
      if (!f(std::string_view(it->name.GetString(), it->name.GetStringLength()), it->value))
        return false;
    return true;
  }
  template <class F>
  static bool elements(const value& v, F&& f) {
    if (v.IsNull())
      return true;
    if (!v.IsArray())
      return false;
    for (const value& x : v.GetArray())
      if (!f(x))
        return false;
    return true;
  }
};

template <class T, class Extract>
bool decode_with(const rapidjson::Value& root, std::string* lines, Extract&& extract) {
  T value{};
  if (!extract(root, value))
    return false;
  if (lines != nullptr)
    json::append_json_lines(*lines, value);
  return true;
}

constexpr std::size_t pool_bytes = 4u << 20;

} // namespace

rapidjson_runner::rapidjson_runner(bool insitu)
  : insitu_(insitu), value_pool_(pool_bytes), stack_pool_(64u << 10) {}
rapidjson_runner::~rapidjson_runner() = default;

bool rapidjson_runner::run(doc_kind kind, std::string_view json, std::string* lines) {
  using pool = rapidjson::MemoryPoolAllocator<>;
  pool values(value_pool_.data(), value_pool_.size());
  pool stack(stack_pool_.data(), stack_pool_.size());
  // RapidJSON's documented set-up for a pooled parse stack (DOM guide, "User Buffer").
  rapidjson::GenericDocument<rapidjson::UTF8<>, pool, pool> doc(&values, stack_pool_.size() / 2, &stack);
  if (insitu_) {
    // ParseInsitu rewrites its input: every run starts from a fresh copy of the bytes.
    insitu_copy_.resize(json.size() + 1);
    std::memcpy(insitu_copy_.data(), json.data(), json.size());
    insitu_copy_[json.size()] = '\0';
    doc.ParseInsitu(insitu_copy_.data());
  } else {
    doc.Parse(json.data(), json.size());
  }
  if (doc.HasParseError())
    return false;
  using N = nbacom_extract<rapidjson_adapter>;
  using B = balldontlie_extract<rapidjson_adapter>;
  switch (kind) {
    case doc_kind::cdn_boxscore: return decode_with<BoxScore>(doc, lines, N::boxscore);
    case doc_kind::bdl_box_scores: return decode_with<BoxScoresPage>(doc, lines, B::box_scores);
    case doc_kind::bdl_stats: return decode_with<PlayerLinesPage>(doc, lines, B::stats);
  }
  return false;
}

} // namespace courtside::bench
