#pragma once
// Handlers of the raw phase's queue kinds (internal to actors/pipeline; see flow.hpp).
#include "actors/pipeline/flow.hpp"

namespace courtside::pipeline::detail {

/// What every handler of the flow is configured with.
class flow_step : public work_handler {
public:
  explicit flow_step(flow_settings s) : s_(std::move(s)) {}

protected:
  flow_settings s_;
};

/// schedule:D, from the primary source
class schedule_handler final : public flow_step {
public:
  using flow_step::flow_step;
  std::optional<scrape_call> scrape_for(const storage::work_item& item) const override;
  storage::storage_result<commit_decision> commit(storage::database& db,
                                                  const storage::work_item& item,
                                                  const scrape::scrape_result* scraped,
                                                  unix_ms now) const override;
  storage::storage_status on_dead(storage::database& db, const storage::work_item& item,
                                  std::string_view reason, unix_ms now) const override;
};

/// box_score:<NBA.com game id>, payload D
class box_score_handler final : public flow_step {
public:
  using flow_step::flow_step;
  std::optional<scrape_call> scrape_for(const storage::work_item& item) const override;
  storage::storage_result<commit_decision> commit(storage::database& db,
                                                  const storage::work_item& item,
                                                  const scrape::scrape_result* scraped,
                                                  unix_ms now) const override;
  storage::storage_status on_dead(storage::database& db, const storage::work_item& item,
                                  std::string_view reason, unix_ms now) const override;
};

/// secondary_box_scores:D (balldontlie, for reconciliation)
class secondary_handler final : public flow_step {
public:
  using flow_step::flow_step;
  std::optional<scrape_call> scrape_for(const storage::work_item& item) const override;
  storage::storage_result<commit_decision> commit(storage::database& db,
                                                  const storage::work_item& item,
                                                  const scrape::scrape_result* scraped,
                                                  unix_ms now) const override;
};

/// odds_events:D: queues event_odds for the date's events
class odds_events_handler final : public flow_step {
public:
  using flow_step::flow_step;
  std::optional<scrape_call> scrape_for(const storage::work_item& item) const override;
  storage::storage_result<commit_decision> commit(storage::database& db,
                                                  const storage::work_item& item,
                                                  const scrape::scrape_result* scraped,
                                                  unix_ms now) const override;
};

/// event_odds:<event id>, payload D: prop lines
class event_odds_handler final : public flow_step {
public:
  using flow_step::flow_step;
  std::optional<scrape_call> scrape_for(const storage::work_item& item) const override;
  storage::storage_result<commit_decision> commit(storage::database& db,
                                                  const storage::work_item& item,
                                                  const scrape::scrape_result* scraped,
                                                  unix_ms now) const override;
};

} // namespace courtside::pipeline::detail
