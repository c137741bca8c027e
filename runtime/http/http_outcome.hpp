#pragma once
// The glue between the HTTP client's result (runtime/http/http_types.hpp) and the retry
// policy's input: status, Retry-After and transport errors carried over one-to-one. Kept here,
// beside the rules, so both tables can be checked against each other in one test.
//
// What it cannot know is set by the caller afterwards: decode failures
// (attempt_outcome::failed(decode_failure)), not-final data (outcome.not_final_yet = true), and
// shutdown (a `cancelled` while the engine stops may be reported as `shutdown`).
#include "runtime/http/http_types.hpp"
#include "runtime/retry/classify.hpp"
#include "runtime/retry/retry_after.hpp"

namespace courtside::retry {

/// The transport error as the retry rules name it (same names, one-to-one).
[[nodiscard]] attempt_outcome_kind outcome_kind_for(http::transport_error error);

/// A response becomes http(status, Retry-After parsed against now_wall; garbage ignored);
/// a transport failure becomes failed(outcome_kind_for(error)).
[[nodiscard]] attempt_outcome outcome_from(const http::http_result& result,
                                           wall_time_point now_wall);

} // namespace courtside::retry
