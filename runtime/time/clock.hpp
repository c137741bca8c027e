#pragma once
// Time as the engine sees it. Pure policies take a `time_point now` argument; actors take it
// from CAF's actor clock (virtual under the test coordinator). Nothing calls
// std::chrono::steady_clock::now() inside logic.
#include <chrono>

namespace courtside {

using monotonic_clock = std::chrono::steady_clock;
using time_point = monotonic_clock::time_point;
using duration = monotonic_clock::duration;

} // namespace courtside
