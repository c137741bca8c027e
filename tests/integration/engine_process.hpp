#pragma once
// Runs the real `courtside` binary as a child process for integration tests: output goes to a
// file, conditions are polled against a deadline (never a fixed sleep).
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace courtside::testing {

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in{p};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Polls `done` every 20 ms until it holds or `timeout` passes; returns whether it held.
inline bool eventually(std::chrono::milliseconds timeout, const std::function<bool()>& done) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
  return done();
}

/// A scratch folder under the build tree, fresh for each test.
inline std::filesystem::path scratch_dir(const std::string& name) {
  auto dir = std::filesystem::path{COURTSIDE_BINARY_DIR} / "test-scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

class engine_process {
public:
  /// Starts `courtside args...` with stdout+stderr into `output`.
  engine_process(std::vector<std::string> args, std::filesystem::path output)
    : output_(std::move(output)) {
    args.insert(args.begin(), COURTSIDE_BINARY);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, output_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~engine_process() {
    if (running()) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  engine_process(const engine_process&) = delete;
  engine_process& operator=(const engine_process&) = delete;

  [[nodiscard]] bool started() const { return pid_ > 0; }
  [[nodiscard]] std::string output() const { return read_text(output_); }

  bool running() {
    if (pid_ <= 0 || status_) return false;
    int st = 0;
    if (::waitpid(pid_, &st, WNOHANG) == pid_) {
      status_ = st;
      return false;
    }
    return true;
  }
  void signal(int sig) { ::kill(pid_, sig); }

  /// The exit code once the process has ended within `timeout`; nullopt if it did not, or
  /// if it died of a signal.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout) {
    if (!eventually(timeout, [&] { return !running(); })) return std::nullopt;
    if (!WIFEXITED(*status_)) return std::nullopt;
    return WEXITSTATUS(*status_);
  }

private:
  std::filesystem::path output_;
  pid_t pid_ = -1;
  std::optional<int> status_;
};

} // namespace courtside::testing
