#pragma once
// The handler of phases 3–6 (internal to actors/pipeline; see flow.hpp).
#include "actors/pipeline/flow_raw.hpp"

namespace courtside::pipeline::detail {

/// analytics:D, precompute:D, predictions:D, publish:D — `index` into phase_kinds.
class phase_handler final : public flow_step {
public:
  phase_handler(flow_settings s, std::size_t index) : flow_step(std::move(s)), index_(index) {}
  std::optional<scrape_call> scrape_for(const storage::work_item& item) const override;
  storage::storage_result<commit_decision> commit(storage::database& db,
                                                  const storage::work_item& item,
                                                  const scrape::scrape_result* scraped,
                                                  unix_ms now) const override;
  storage::storage_status on_dead(storage::database& db, const storage::work_item& item,
                                  std::string_view reason, unix_ms now) const override;
  /// Some item of this phase waits on a date whose input phase is usable.
  storage::storage_result<bool> upstream_ready(storage::database& db) const override;

private:
  std::size_t index_;
};

/// Marks phase_kinds[index..] of `date` FAILED with `reason` (nothing downstream can run).
[[nodiscard]] storage::storage_status fail_phases_from(storage::database& db,
                                                       const std::string& date,
                                                       std::size_t index,
                                                       std::string_view reason, unix_ms now);

} // namespace courtside::pipeline::detail
