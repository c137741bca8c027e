// http_client's lifecycle: TLS context, lanes (io threads), start/stop/fetch. The HTTP work
// itself is in client_exchange.cpp.
#include "runtime/http/client.hpp"

#include <mutex>
#include <vector>

#include <boost/asio/post.hpp>

#include "runtime/http/client_internals.hpp"

namespace courtside::http {

namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;

start_result make_tls_context(const http_client_options& options,
                              std::unique_ptr<ssl::context>& out) {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2
                   | ssl::context::no_sslv3);
  ctx->set_verify_mode(ssl::verify_peer);
  boost::system::error_code ec;
  if (options.use_system_ca_store && ctx->set_default_verify_paths(ec))
    return {start_error::tls_setup_failed, "system CA store: " + ec.message()};
  if (!options.ca_file.empty() && ctx->load_verify_file(options.ca_file, ec))
    return {start_error::tls_setup_failed, "ca_file " + options.ca_file + ": " + ec.message()};
  out = std::move(ctx);
  return {};
}

} // namespace

struct http_client::impl {
  client_detail::client_state state;
  std::mutex lifecycle;  // serialises start() and stop()
  std::mutex mutex;      // guards running and lanes against fetch()
  bool running = false;
  std::vector<std::unique_ptr<client_detail::lane>> lanes;
  std::size_t next_lane = 0;
};

http_client::http_client(http_client_options options) : impl_(std::make_unique<impl>()) {
  impl_->state.options = std::move(options);
  if (impl_->state.options.io_threads == 0)
    impl_->state.options.io_threads = 1;
}

http_client::~http_client() { stop(); }

start_result http_client::start() {
  std::lock_guard life(impl_->lifecycle);
  if (impl_->running)
    return {start_error::already_started, "http_client already running"};
  if (auto r = make_tls_context(impl_->state.options, impl_->state.tls); !r.ok())
    return r;
  std::vector<std::unique_ptr<client_detail::lane>> lanes;
  for (std::size_t i = 0; i < impl_->state.options.io_threads; ++i) {
    auto l = std::make_unique<client_detail::lane>();
    l->thread = std::thread([&ioc = l->ioc] {
      for (;;) {
        try {
          ioc.run();
          return;
        } catch (...) {
          // Nothing of ours throws on this thread; keep serving the other fetches regardless.
        }
      }
    });
    lanes.push_back(std::move(l));
  }
  std::lock_guard lock(impl_->mutex);
  impl_->lanes = std::move(lanes);
  impl_->running = true;
  return {};
}

void http_client::stop() {
  std::lock_guard life(impl_->lifecycle);
  std::vector<std::unique_ptr<client_detail::lane>> lanes;
  {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->running)
      return;
    impl_->running = false;
    impl_->state.stopping = true;
    lanes = std::move(impl_->lanes);
  }
  for (auto& l : lanes) {
    net::post(l->ioc, [lp = l.get()] { client_detail::cancel_lane(*lp); });
    l->work.reset();
  }
  for (auto& l : lanes)
    l->thread.join();
  // Every cancelled operation has completed by now; this only catches what never started.
  for (auto& l : lanes)
    client_detail::abandon_lane(*l);
  lanes.clear();
  impl_->state.stopping = false;
}

void http_client::fetch(http_request request, callback on_done) {
  ++impl_->state.fetches;
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->running) {
      auto& home = *impl_->lanes[impl_->next_lane++ % impl_->lanes.size()];
      return client_detail::launch(impl_->state, home, std::move(request), std::move(on_done));
    }
  }
  on_done(transport_failure{transport_error::cancelled, "http_client not running",
                            milliseconds{0}});
}

http_client_stats http_client::stats() const {
  const auto& s = impl_->state;
  return {s.fetches.load(), s.opened.load(), s.reused.load(), s.stale.load()};
}

} // namespace courtside::http
