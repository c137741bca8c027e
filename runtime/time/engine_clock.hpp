#pragma once
// The engine's wall clock: real time, or a simulated calendar that starts at a configured
// instant and runs `speed` times faster than real time (the demo and chaos runs play a game
// day in minutes). Everything that stamps rows or picks "today" asks this clock; nothing
// else reads the system clock for calendar decisions.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace courtside {

/// Milliseconds since the Unix epoch.
using unix_millis = std::int64_t;

/// "YYYY-MM-DDTHH:MM:SSZ" (UTC, seconds precision) → ms since the epoch; nullopt otherwise.
[[nodiscard]] std::optional<unix_millis> parse_utc_instant(std::string_view text);

/// ms since the epoch → "YYYY-MM-DDTHH:MM:SSZ".
[[nodiscard]] std::string format_utc_instant(unix_millis t);

class engine_clock {
public:
  /// Real time.
  engine_clock() = default;
  /// Simulated: `start` at construction, advancing `speed` ms per real ms.
  engine_clock(unix_millis start, double speed)
    : start_(start), speed_(speed), origin_(std::chrono::steady_clock::now()) {}

  /// Driven: `now` says the time (deterministic simulations read the actor system's virtual
  /// clock through it). Timers run at speed 1 against it.
  static engine_clock driven(std::function<unix_millis()> now) {
    engine_clock c;
    c.driven_ = std::move(now);
    return c;
  }

  [[nodiscard]] unix_millis now() const {
    if (driven_) return driven_();
    if (!start_) {
      return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
    }
    const auto real = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - origin_);
    return *start_ + static_cast<unix_millis>(real.count() * speed_);
  }
  [[nodiscard]] bool simulated() const { return start_.has_value() || driven_ != nullptr; }
  [[nodiscard]] double speed() const { return speed_; }

private:
  std::optional<unix_millis> start_;
  double speed_ = 1.0;
  std::chrono::steady_clock::time_point origin_{};
  std::function<unix_millis()> driven_;
};

} // namespace courtside
