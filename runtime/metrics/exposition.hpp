#pragma once
// The pieces of the Prometheus text exposition format (version 0.0.4), as pure functions so
// that tests pin each rule:
//
//   # HELP <name> <help, with \ and newline escaped>
//   # TYPE <name> counter|gauge|histogram
//   <name>{<label>="<value, with \ " and newline escaped>",...} <value>
//   <name>_bucket{...,le="<bound>"} <cumulative count>   one per bound, then le="+Inf"
//   <name>_sum{...} <sum>
//   <name>_count{...} <count>
//
// Values are Go-style floats: shortest round-trip decimal, "+Inf", "-Inf", "NaN".
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace courtside::metrics {

/// The Content-Type of a /metrics answer.
inline constexpr std::string_view exposition_content_type = "text/plain; version=0.0.4; charset=utf-8";

/// [a-zA-Z_:][a-zA-Z0-9_:]*
[[nodiscard]] bool valid_metric_name(std::string_view name);
/// [a-zA-Z_][a-zA-Z0-9_]*, not starting with "__" (reserved), and not "le" (histograms own it).
[[nodiscard]] bool valid_label_name(std::string_view name);

/// HELP text: backslash -> \\, line feed -> \n.
[[nodiscard]] std::string escape_help(std::string_view help);
/// Label value: backslash -> \\, double quote -> \", line feed -> \n.
[[nodiscard]] std::string escape_label_value(std::string_view value);

/// 3 -> "3", 0.25 -> "0.25", 1e21 -> "1e+21", inf -> "+Inf", nan -> "NaN".
[[nodiscard]] std::string format_value(double v);

/// `{a="x",b="y"}` for the pairs (names and values zipped), plus `extra` (e.g. le) last;
/// "" when there are none.
[[nodiscard]] std::string format_labels(const std::vector<std::string>& names,
                                        const std::vector<std::string>& values,
                                        const std::pair<std::string_view, std::string>* extra = nullptr);

} // namespace courtside::metrics
