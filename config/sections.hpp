#pragma once
// Reads a parsed document into an engine_config, one function per section. Internal to config/.
#include "config/document.hpp"
#include "config/schema.hpp"
#include "config/table_reader.hpp"

namespace courtside::config {

/// Fills every section from `root`, reporting problems into `context`. The result is only
/// meaningful when context.errors is empty afterwards.
[[nodiscard]] engine_config read_engine_config(const doc_node& root, read_context& context);

} // namespace courtside::config
