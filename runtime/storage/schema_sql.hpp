#pragma once
// Internal to runtime/storage: the frozen SQL of the shipped migrations (see migrations.cpp).
#include <string_view>

namespace courtside::storage::detail {

[[nodiscard]] std::string_view warehouse_schema_sql(); ///< migration 1
[[nodiscard]] std::string_view ops_schema_sql();       ///< migration 2
[[nodiscard]] std::string_view heal_schema_sql();      ///< migration 4

} // namespace courtside::storage::detail
