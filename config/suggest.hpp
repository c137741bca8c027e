#pragma once
// "did you mean ...?" for misspelt keys and enum values. Internal to config/.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::config {

/// Edits (insert, delete, substitute, swap two neighbours) to turn `a` into `b`.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` if it is at most 2 edits away (ties: the first listed).
[[nodiscard]] std::optional<std::string> closest_match(std::string_view word,
                                                       const std::vector<std::string>& candidates);

} // namespace courtside::config
