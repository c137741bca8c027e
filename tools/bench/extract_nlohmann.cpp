// nlohmann/json adapter for extract_*.hpp (see competitors.hpp).
#include <nlohmann/json.hpp>

#include "messages/json_lines.hpp"
#include "tools/bench/competitors.hpp"
#include "tools/bench/extract_balldontlie.hpp"
#include "tools/bench/extract_nbacom.hpp"

namespace courtside::bench {
namespace {

struct nlohmann_adapter {
  using value = nlohmann::json;

  static vkind kind(const value& v) {
    switch (v.type()) {
      case nlohmann::json::value_t::null: return vkind::null;
      case nlohmann::json::value_t::boolean: return vkind::boolean;
      case nlohmann::json::value_t::number_integer: return vkind::integer;
      case nlohmann::json::value_t::number_unsigned:
        return v.get_ref<const nlohmann::json::number_unsigned_t&>() <= 0x7fffffffffffffffULL ? vkind::integer
                                                                                                 : vkind::big_unsigned;
      case nlohmann::json::value_t::number_float: return vkind::real;
      case nlohmann::json::value_t::string: return vkind::string;
      case nlohmann::json::value_t::array: return vkind::array;
      case nlohmann::json::value_t::object: return vkind::object;
      default: return vkind::null; // binary, discarded: never produced by parse()
    }
  }
  static std::int64_t i64(const value& v) {
    return v.is_number_unsigned() ? static_cast<std::int64_t>(v.get_ref<const nlohmann::json::number_unsigned_t&>())
                                  : v.get_ref<const nlohmann::json::number_integer_t&>();
  }
  static double dbl(const value& v) { return v.get_ref<const nlohmann::json::number_float_t&>(); }
  static bool boolean(const value& v) { return v.get_ref<const nlohmann::json::boolean_t&>(); }
  static std::string_view str(const value& v) { return v.get_ref<const std::string&>(); }

  template <class F>
  static bool members(const value& v, F&& f) {
    if (v.is_null())
      return true;
    if (!v.is_object())
      return false;
    for (auto it = v.begin(); it != v.end(); ++it)
      if (!f(std::string_view(it.key()), it.value()))
        return false;
    return true;
  }
  template <class F>
  static bool elements(const value& v, F&& f) {
    if (v.is_null())
      return true;
    if (!v.is_array())
      return false;
    for (const value& x : v)
      if (!f(x))
        return false;
    return true;
  }
};

template <class T, class Extract>
bool decode_with(const nlohmann::json& root, std::string* lines, Extract&& extract) {
  T value{};
  if (!extract(root, value))
    return false;
  if (lines != nullptr)
    json::append_json_lines(*lines, value);
  return true;
}

} // namespace

const char* to_string(doc_kind k) {
  switch (k) {
    case doc_kind::cdn_boxscore: return "nbacom-boxscore";
    case doc_kind::bdl_box_scores: return "bdl-box-scores";
    case doc_kind::bdl_stats: return "bdl-stats";
  }
  return "?";
}

bool nlohmann_runner::run(doc_kind kind, std::string_view json, std::string* lines) {
  nlohmann::json root = nlohmann::json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded())
    return false;
  using N = nbacom_extract<nlohmann_adapter>;
  using B = balldontlie_extract<nlohmann_adapter>;
  switch (kind) {
    case doc_kind::cdn_boxscore: return decode_with<BoxScore>(root, lines, N::boxscore);
    case doc_kind::bdl_box_scores: return decode_with<BoxScoresPage>(root, lines, B::box_scores);
    case doc_kind::bdl_stats: return decode_with<PlayerLinesPage>(root, lines, B::stats);
  }
  return false;
}

} // namespace courtside::bench
