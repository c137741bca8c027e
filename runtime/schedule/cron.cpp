// Parsing cron expressions into bit sets (evaluation lives in cron_eval.cpp).
#include "runtime/schedule/cron.hpp"

#include <array>
#include <vector>

namespace courtside::schedule {
namespace {

constexpr std::array<std::string_view, 12> month_names = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                          "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> weekday_names = {"SUN", "MON", "TUE", "WED",
                                                           "THU", "FRI", "SAT"};

struct field_spec {
  cron_field field;
  int lo;
  int hi;
  const std::string_view* names = nullptr; ///< names[i] has value i + name_base
  int name_count = 0;
  int name_base = 0;
};

constexpr field_spec second_spec{cron_field::second, 0, 59};
constexpr field_spec minute_spec{cron_field::minute, 0, 59};
constexpr field_spec hour_spec{cron_field::hour, 0, 23};
constexpr field_spec dom_spec{cron_field::day_of_month, 1, 31};
constexpr field_spec month_spec{cron_field::month, 1, 12, month_names.data(), 12, 1};
constexpr field_spec dow_spec{cron_field::day_of_week, 0, 7, weekday_names.data(), 7, 0};

struct macro {
  std::string_view name;
  std::string_view expansion;
};
constexpr std::array<macro, 7> macros = {{{"@yearly", "0 0 1 1 *"},
                                          {"@annually", "0 0 1 1 *"},
                                          {"@monthly", "0 0 1 * *"},
                                          {"@weekly", "0 0 * * 0"},
                                          {"@daily", "0 0 * * *"},
                                          {"@midnight", "0 0 * * *"},
                                          {"@hourly", "0 * * * *"}}};

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (upper(a[i]) != upper(b[i])) return false;
  return true;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    const size_t end = text.find(sep, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::vector<std::string_view> split_whitespace(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    const size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > start) parts.push_back(text.substr(start, i - start));
  }
  return parts;
}

std::optional<int> digits_value(std::string_view text) {
  if (text.empty() || text.size() > 6) return std::nullopt;
  int v = 0;
  for (char c : text) {
    if (!is_digit(c)) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

} // namespace

/// Turns fields into bit sets; befriended by cron_schedule.
struct cron_parser {
  const field_spec* spec = nullptr;

  cron_error fail(cron_errc code, std::string_view token) const {
    return cron_error{code, spec->field, std::string(token)};
  }

  /// One value: a number or (in month and day-of-week) a name.
  result<int, cron_error> value(std::string_view text, std::string_view item) const {
    if (text.empty()) return fail(cron_errc::empty_item, item);
    if (is_digit(text.front())) {
      const auto v = digits_value(text);
      if (!v) return fail(cron_errc::not_a_number, text);
      if (*v < spec->lo || *v > spec->hi) return fail(cron_errc::value_out_of_range, text);
      return *v;
    }
    for (int i = 0; i < spec->name_count; ++i)
      if (same_ignoring_case(text, spec->names[i])) return i + spec->name_base;
    return fail(cron_errc::not_a_number, text);
  }

  /// One comma-separated item, OR-ed into `mask`.
  std::optional<cron_error> item(std::string_view text, uint64_t& mask) const {
    if (text.empty()) return fail(cron_errc::empty_item, text);
    const size_t slash = text.find('/');
    const std::string_view base = text.substr(0, slash);
    int step = 1, first = spec->lo, last = spec->hi;
    if (slash != std::string_view::npos) {
      const auto s = digits_value(text.substr(slash + 1));
      if (!s || *s < 1 || *s > spec->hi - spec->lo + 1) return fail(cron_errc::bad_step, text);
      step = *s;
    }
    if (base != "*") {
      const size_t dash = base.find('-');
      auto a = value(base.substr(0, dash), text);
      if (!a) return a.error();
      first = a.value();
      last = slash == std::string_view::npos ? first : spec->hi; // "a/s" runs to the end
      if (dash != std::string_view::npos) {
        auto b = value(base.substr(dash + 1), text);
        if (!b) return b.error();
        last = b.value();
        if (spec->field == cron_field::day_of_week && last == 0 && first > 0) last = 7;
        if (first > last) return fail(cron_errc::range_reversed, text);
      }
    }
    for (int v = first; v <= last; v += step) mask |= uint64_t{1} << v;
    return std::nullopt;
  }

  std::optional<cron_error> field(const field_spec& s, std::string_view text, uint64_t& mask) {
    spec = &s;
    mask = 0;
    for (std::string_view part : split(text, ','))
      if (part.empty()) return fail(cron_errc::empty_item, text);
    for (std::string_view part : split(text, ','))
      if (auto e = item(part, mask)) return e;
    return std::nullopt;
  }

  result<cron_schedule, cron_error> parse(std::string_view expression) {
    cron_schedule out;
    std::vector<std::string_view> fields = split_whitespace(expression);
    for (std::string_view f : fields) {
      if (!out.expression_.empty()) out.expression_ += ' ';
      out.expression_ += f;
    }
    if (fields.size() == 1 && fields[0].front() == '@') {
      const std::string_view name = fields[0];
      for (const macro& m : macros)
        if (same_ignoring_case(name, m.name)) fields = split_whitespace(m.expansion);
      if (fields.size() == 1)
        return cron_error{cron_errc::unknown_macro, cron_field::none, std::string(name)};
    }
    if (fields.size() != 5 && fields.size() != 6)
      return cron_error{cron_errc::wrong_field_count, cron_field::none, out.expression_};
    const size_t k = fields.size() == 6 ? 1 : 0;
    uint64_t sec = 1, min = 0, hour = 0, dom = 0, mon = 0, dow = 0;
    if (k == 1)
      if (auto e = field(second_spec, fields[0], sec)) return *e;
    if (auto e = field(minute_spec, fields[k], min)) return *e;
    if (auto e = field(hour_spec, fields[k + 1], hour)) return *e;
    if (auto e = field(dom_spec, fields[k + 2], dom)) return *e;
    if (auto e = field(month_spec, fields[k + 3], mon)) return *e;
    if (auto e = field(dow_spec, fields[k + 4], dow)) return *e;
    out.seconds_ = sec;
    out.minutes_ = min;
    out.hours_ = static_cast<uint32_t>(hour);
    out.days_ = static_cast<uint32_t>(dom);
    out.months_ = static_cast<uint16_t>(mon);
    out.weekdays_ = static_cast<uint8_t>((dow | (dow >> 7)) & 0x7F); // 7 is Sunday too
    out.day_or_rule_ = fields[k + 2].front() != '*' && fields[k + 4].front() != '*';
    if (!out.day_or_rule_ && !some_date_exists(dom, mon))
      return cron_error{cron_errc::never_fires, cron_field::day_of_month,
                        std::string(fields[k + 2]) + " " + std::string(fields[k + 3])};
    return out;
  }

  /// Whether some month in `mon` has some day in `dom` (February counted with 29 days).
  static bool some_date_exists(uint64_t dom, uint64_t mon) {
    for (int m = 1; m <= 12; ++m) {
      if (!(mon >> m & 1)) continue;
      const int length = days_in_month(2000, m); // 2000 is a leap year
      for (int d = 1; d <= length; ++d)
        if (dom >> d & 1) return true;
    }
    return false;
  }
};

std::string_view to_string(cron_field f) {
  switch (f) {
  case cron_field::second: return "second";
  case cron_field::minute: return "minute";
  case cron_field::hour: return "hour";
  case cron_field::day_of_month: return "day-of-month";
  case cron_field::month: return "month";
  case cron_field::day_of_week: return "day-of-week";
  case cron_field::none: return "expression";
  }
  return "expression";
}

std::string_view to_string(cron_errc e) {
  switch (e) {
  case cron_errc::wrong_field_count: return "wrong_field_count";
  case cron_errc::unknown_macro: return "unknown_macro";
  case cron_errc::empty_item: return "empty_item";
  case cron_errc::not_a_number: return "not_a_number";
  case cron_errc::value_out_of_range: return "value_out_of_range";
  case cron_errc::range_reversed: return "range_reversed";
  case cron_errc::bad_step: return "bad_step";
  case cron_errc::never_fires: return "never_fires";
  }
  return "unknown";
}

std::string cron_error::describe() const {
  return std::string(to_string(code)) + " in " + std::string(to_string(field)) + ": \"" + token +
         "\"";
}

result<cron_schedule, cron_error> cron_schedule::parse(std::string_view expression) {
  return cron_parser{}.parse(expression);
}

} // namespace courtside::schedule
