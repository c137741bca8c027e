#include "loopback.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <utility>

namespace courtside::http::test {

namespace {

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

} // namespace

std::uint16_t unused_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  auto addr = loopback(0);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

raw_connection::raw_connection(std::uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  auto addr = loopback(port);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

raw_connection::~raw_connection() {
  if (fd_ >= 0)
    ::close(fd_);
}

void raw_connection::send(std::string_view bytes) {
  while (fd_ >= 0 && !bytes.empty()) {
    const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0)
      return;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void raw_connection::shutdown_write() {
  if (fd_ >= 0)
    ::shutdown(fd_, SHUT_WR);
}

std::string raw_connection::read_until(std::string_view marker) {
  const auto give_up = std::chrono::steady_clock::now() + deadline;
  char chunk[4096];
  while (fd_ >= 0 && (marker.empty() || pending_.find(marker) == std::string::npos)) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      give_up - std::chrono::steady_clock::now());
    pollfd p{fd_, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0)
      break;
    const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0)
      break;  // closed (or reset): hand over what arrived
    pending_.append(chunk, static_cast<std::size_t>(n));
  }
  return std::exchange(pending_, {});
}

std::string raw_connection::read_to_close() { return read_until({}); }

std::string raw_exchange(std::uint16_t port, std::string_view bytes) {
  raw_connection c{port};
  c.send(bytes);
  c.shutdown_write();
  return c.read_to_close();
}

std::optional<http_result> fetch_and_wait(http_client& client, http_request request) {
  auto done = std::make_shared<std::promise<http_result>>();
  auto result = done->get_future();
  client.fetch(std::move(request), [done](http_result r) { done->set_value(std::move(r)); });
  if (!ready(result))
    return std::nullopt;
  return result.get();
}

} // namespace courtside::http::test
