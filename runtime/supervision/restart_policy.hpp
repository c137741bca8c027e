#pragma once
// The restart decision of a supervisor, as pure code (no CAF): given how a child exited, when,
// and the child's restart history, decide whether to restart it, after what delay, or to
// escalate. The supervisor actor only carries the decision out.
//
//   child exits ──► supervisor stopping? ──yes──► none (shutting_down)
//                        │no
//                        ▼
//                  restart type allows? ──no──► none (normal_exit | temporary)
//                        │yes
//                        ▼
//            > max_restarts in window? ──yes──► escalate
//                        │no
//                        ▼
//               restart after backoff(n)   (n = consecutive restarts; reset to 0 when the
//                                           child had been up for the stable period)
#include <cstdint>
#include <deque>
#include <vector>

#include "runtime/random.hpp"
#include "runtime/time/clock.hpp"
#include "runtime/time/duration.hpp"

namespace courtside {

/// When a child is restarted (the Erlang/OTP meanings).
enum class restart_type {
  permanent, ///< always restarted, whatever the exit reason
  transient, ///< restarted only after an abnormal exit
  temporary, ///< never restarted
};

/// Which siblings are restarted together with a failed child.
enum class restart_strategy {
  one_for_one,  ///< only the failed child
  rest_for_one, ///< the failed child and every child started after it
  one_for_all,  ///< all children
};

/// How a child ended, as far as restart rules care.
enum class exit_kind {
  normal,   ///< finished its work (empty error)
  shutdown, ///< asked to stop (user_shutdown)
  abnormal, ///< crashed: exception, error, killed, injected fault
};

enum class restart_action {
  restart,       ///< start it again after `delay`
  escalate,      ///< restart intensity exceeded: stop everything and fail upwards
  none_normal,   ///< transient child ended normally or was shut down: leave it stopped
  none_temporary ///< temporary child: never restarted
};

[[nodiscard]] const char* to_string(restart_action a);
[[nodiscard]] const char* to_string(restart_type t);
[[nodiscard]] const char* to_string(restart_strategy s);

struct backoff_options {
  milliseconds min{100};    ///< delay before the first restart
  milliseconds max{30'000}; ///< cap
  double multiplier = 2.0;  ///< growth per consecutive restart (>= 1)
  double jitter = 0.2;      ///< +/- fraction of the delay, drawn uniformly (0 = exact)
};

/// delay(n) = clamp(min * multiplier^n * (1 + jitter * (2u - 1)), 0, max), u uniform in [0, 1)
/// from the seeded source, so a given seed yields one exact sequence.
class restart_backoff {
public:
  explicit restart_backoff(backoff_options opts) : opts_(opts) {}
  [[nodiscard]] milliseconds delay(uint32_t consecutive, random_source& rng) const;
  [[nodiscard]] const backoff_options& options() const { return opts_; }

private:
  backoff_options opts_;
};

/// "More than max_restarts restarts within window" escalates.
struct restart_intensity {
  uint32_t max_restarts = 5;
  milliseconds window{60'000};
};

struct restart_decision {
  restart_action action;
  milliseconds delay{0};     ///< meaningful for restart
  uint32_t consecutive = 0;  ///< restarts in a row of this child, including this one
};

/// Restart bookkeeping of one supervisor: the intensity window (shared by all children) and
/// each child's consecutive-restart count and last start time.
class restart_tracker {
public:
  restart_tracker(size_t children, backoff_options backoff, restart_intensity intensity,
                  milliseconds stable_period, uint64_t seed);

  /// Records that child `index` was (re)started at `now`.
  void started(size_t index, time_point now);

  /// Decides what to do after child `index` exited with `kind` at `now`, and records a
  /// restart when the decision is to restart.
  [[nodiscard]] restart_decision decide(size_t index, restart_type type, exit_kind kind,
                                        time_point now);

  [[nodiscard]] uint32_t consecutive(size_t index) const { return children_.at(index).consecutive; }
  [[nodiscard]] uint32_t total_restarts(size_t index) const { return children_.at(index).total; }

private:
  struct child_record {
    uint32_t consecutive = 0;
    uint32_t total = 0;
    time_point last_start{};
  };
  std::vector<child_record> children_;
  restart_backoff backoff_;
  restart_intensity intensity_;
  milliseconds stable_period_;
  random_source rng_;
  std::deque<time_point> recent_restarts_;
};

} // namespace courtside
