#pragma once
// Test support for the HTTP layer over 127.0.0.1: a blocking raw socket (to send bytes no
// well-behaved client would), a free port, and waiting for an asynchronous result with a
// deadline (a future polled with wait_for, never a sleep).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <future>
#include <mutex>
#include <vector>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/http/client.hpp"
#include "runtime/http/server.hpp"

namespace courtside::http::test {

using namespace std::chrono_literals;

/// Generous: only reached when something is broken, and then the test fails instead of hanging.
inline constexpr std::chrono::seconds deadline{10};

/// A port nobody listens on: bound, read back, closed.
[[nodiscard]] std::uint16_t unused_port();

/// A blocking TCP connection to 127.0.0.1:port; every read gives up at `deadline`.
class raw_connection {
public:
  explicit raw_connection(std::uint16_t port);
  ~raw_connection();
  raw_connection(const raw_connection&) = delete;
  raw_connection& operator=(const raw_connection&) = delete;

  [[nodiscard]] bool connected() const { return fd_ >= 0; }
  void send(std::string_view bytes);
  void shutdown_write();
  /// Reads until `marker` has arrived (returns everything read so far, marker included).
  [[nodiscard]] std::string read_until(std::string_view marker);
  /// Reads until the peer closes.
  [[nodiscard]] std::string read_to_close();

private:
  int fd_ = -1;
  std::string pending_;
};

/// Connect, send `bytes`, half-close, read everything until the server closes.
[[nodiscard]] std::string raw_exchange(std::uint16_t port, std::string_view bytes);

/// Runs one fetch and waits for its callback (at most `deadline`).
[[nodiscard]] std::optional<http_result> fetch_and_wait(http_client& client, http_request request);

/// Waits for a future with the deadline; false when it did not become ready.
template <class T>
[[nodiscard]] bool ready(std::future<T>& f) {
  return f.wait_for(deadline) == std::future_status::ready;
}

/// Where a test handler holds requests back until the test releases them.
class parking_lot {
public:
  void park(responder r) {
    {
      std::lock_guard lock(mutex_);
      held_.push_back(std::move(r));
    }
    changed_.notify_all();
  }
  /// Waits (at most `deadline`) until `n` requests are parked.
  [[nodiscard]] bool wait_for(std::size_t n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, deadline, [&] { return held_.size() >= n; });
  }
  void release_all(const server_response& r) {
    std::vector<responder> out;
    {
      std::lock_guard lock(mutex_);
      out.swap(held_);
    }
    for (auto& h : out)
      h.respond(r);
  }

private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<responder> held_;
};

[[nodiscard]] inline http_request get(std::string url) {
  http_request r;
  r.url = std::move(url);
  return r;
}

} // namespace courtside::http::test
