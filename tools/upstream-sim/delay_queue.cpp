#include "tools/upstream-sim/delay_queue.hpp"

namespace courtside::upstream_sim {

delay_queue::delay_queue() : thread_([this] { loop(); }) {}

delay_queue::~delay_queue() { stop(); }

void delay_queue::schedule(clock::time_point due, task t) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_)
      return;
    queue_.push({due, next_sequence_++, std::move(t)});
  }
  changed_.notify_one();
}

void delay_queue::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_one();
  if (thread_.joinable())
    thread_.join();
  std::lock_guard lock(mutex_);
  while (!queue_.empty()) queue_.pop();
}

std::size_t delay_queue::pending() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void delay_queue::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (stopping_)
      return;
    if (queue_.empty()) {
      changed_.wait(lock);
      continue;
    }
    const auto due = queue_.top().due;
    if (clock::now() < due) {
      changed_.wait_until(lock, due);
      continue;
    }
    // priority_queue::top is const: move the task out through a copy of the entry.
    task run = queue_.top().run;
    queue_.pop();
    lock.unlock();
    run();
    lock.lock();
  }
}

} // namespace courtside::upstream_sim
