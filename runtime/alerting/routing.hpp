#pragma once
// Where a message goes (routing by severity) and how often a webhook may be posted to
// (flood control). Pure.
//
// Routing: each webhook takes severities from its `min_level` up to `max_level` (both
// inclusive), e.g. a warnings channel {warning..warning} beside an errors channel
// {error..critical}. A resolved message goes where its alert's severity went.
//
// Flood control: at most one POST per `min_interval` per webhook (Slack's documented limit
// for incoming webhooks is about one message per second). It is the GCRA rate_limiter of
// runtime/retry with burst 1, so "when may I post next?" is exact on virtual time.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/alerting/alert.hpp"
#include "runtime/retry/rate_limiter.hpp"

namespace courtside::alerting {

struct route {
  std::string notifier;                 ///< the webhook's notifier name ("ops")
  severity min_level = severity::info;
  severity max_level = severity::critical;
};

/// The notifiers that take `level`, in route order; `except` (if non-empty) is left out.
[[nodiscard]] std::vector<std::string> route_targets(const std::vector<route>& routes,
                                                     severity level, std::string_view except = {});

/// The rate_limiter settings for at most one post per `min_interval` (0 = unlimited).
/// A min_interval that does not divide a minute rounds towards slower, never faster; above a
/// minute it is one per minute (the limiter's resolution is requests per minute).
[[nodiscard]] retry::rate_limit_config flood_limit(std::chrono::milliseconds min_interval);

} // namespace courtside::alerting
