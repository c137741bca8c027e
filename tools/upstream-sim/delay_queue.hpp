#pragma once
// Runs tasks at a later time on one timer thread: how the simulator answers late (latency,
// slow bodies, hangs) without blocking the server's io threads or starting a thread per
// request. The faults are decided elsewhere (faults.hpp); this only waits.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

namespace courtside::upstream_sim {

class delay_queue {
public:
  using clock = std::chrono::steady_clock;
  using task = std::function<void()>;

  delay_queue();
  ~delay_queue();  // stop()
  delay_queue(const delay_queue&) = delete;
  delay_queue& operator=(const delay_queue&) = delete;

  /// Runs `t` on the timer thread at `due` (at once if due has passed). Tasks with the same
  /// due time run in the order they were scheduled. Ignored after stop().
  void schedule(clock::time_point due, task t);
  /// Drops every pending task (unrun) and joins the thread. Idempotent.
  void stop();
  [[nodiscard]] std::size_t pending() const;

private:
  struct entry {
    clock::time_point due;
    std::uint64_t sequence;
    task run;
  };
  struct later {
    bool operator()(const entry& a, const entry& b) const {
      return a.due != b.due ? a.due > b.due : a.sequence > b.sequence;
    }
  };
  void loop();

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::priority_queue<entry, std::vector<entry>, later> queue_;
  std::uint64_t next_sequence_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

} // namespace courtside::upstream_sim
