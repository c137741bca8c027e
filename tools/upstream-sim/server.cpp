#include "tools/upstream-sim/server.hpp"

#include "runtime/http/content_coding.hpp"
#include "tools/upstream-sim/json_writer.hpp"

namespace courtside::upstream_sim {
namespace {

using std::chrono::milliseconds;

http::server_response error_page(unsigned status) {
  const char* reason = status == 500 ? "Internal Server Error" : status == 502 ? "Bad Gateway" : "Service Unavailable";
  const std::string title = std::to_string(status) + " " + reason;
  return http::server_response::text(status, "<html><head><title>" + title + "</title></head><body><h1>" + title
                                                 + "</h1></body></html>\n",
                                     "text/html; charset=utf-8");
}

http::server_response too_many_requests(const fault_decision& d) {
  auto r = json_response(429, "{\"message\":\"Too Many Requests\"}");
  if (d.retry_after)
    r.headers.emplace_back("Retry-After", std::to_string(d.retry_after->count()));
  return r;
}

} // namespace

http::server_response apply_fault(http::server_response r, const fault_decision& d) {
  switch (d.kind) {
    case fault_kind::truncated:
      r.body = truncate_body(r.body, d.cut);
      break;
    case fault_kind::malformed:
      r.body = corrupt_body(std::move(r.body), d.cut);
      break;
    case fault_kind::reset:
      // The HTTP server always frames its answers, so a true RST is out of reach here; a
      // gzip stream cut short and then a closed connection fail the client's transfer
      // the same way a dropped connection does (a transport failure, no usable body).
      r.body = truncate_body(http::gzip_compress(r.body.empty() ? std::string{"{}"} : r.body), d.cut);
      r.headers.emplace_back("Content-Encoding", "gzip");
      r.gzip = false;
      r.close = true;
      break;
    default:
      break;
  }
  return r;
}

upstream_server::upstream_server(simulator_options options)
  : options_(std::move(options)),
    fault_seed_(options_.fault_seed.value_or(options_.league.seed)),
    league_(options_.league),
    router_(league_, options_.routes),
    started_(std::chrono::steady_clock::now()),
    server_(options_.http, [this](const http::server_request& req, http::responder r) { handle(req, std::move(r)); }) {
  if (!options_.serve_dir.empty())
    files_.emplace(options_.serve_dir);
}

upstream_server::~upstream_server() { stop(); }

http::start_result upstream_server::start() {
  started_ = std::chrono::steady_clock::now();
  return server_.start();
}

void upstream_server::stop() {
  server_.stop();
  delays_.stop();
}

std::string upstream_server::base_url() const {
  return "http://" + options_.http.bind_address + ":" + std::to_string(port());
}

endpoint_counts upstream_server::counts(endpoint e) const {
  const auto& c = counters_[static_cast<std::size_t>(e)];
  endpoint_counts out;
  out.requests = c.requests.load();
  for (std::size_t k = 0; k < fault_kind_count; ++k) out.faults[k] = c.faults[k].load();
  return out;
}

void upstream_server::handle(const http::server_request& req, http::responder r) {
  const auto now = std::chrono::steady_clock::now();
  const auto since_start = std::chrono::duration_cast<milliseconds>(now - started_);
  const auto match = match_route(req.path);
  if (match.which == endpoint::admin) {
    r.respond(admin(req));
    return;
  }
  auto& c = counters_[static_cast<std::size_t>(match.which)];
  const auto number = ++c.requests;
  const auto d = match.which == endpoint::unknown
                   ? fault_decision{}
                   : decide(options_.faults.spec_for(to_string(match.which)), fault_seed_,
                            to_string(match.which), number);
  ++c.faults[static_cast<std::size_t>(d.kind)];
  auto response = answer(req, match.which, d, since_start);
  if (api_of(match.which) == "odds_api") {
    response.headers.emplace_back("x-requests-used", std::to_string(number));
    response.headers.emplace_back("x-requests-remaining", std::to_string(number < 20000 ? 20000 - number : 0));
  }
  auto delay = d.delay;
  if (d.kind == fault_kind::slow_body) {
    const auto bps = options_.faults.spec_for(to_string(match.which)).slow_bytes_per_second;
    delay += milliseconds{static_cast<milliseconds::rep>(response.body.size() * 1000 / bps)};
  }
  if (delay <= milliseconds{0}) {
    r.respond(std::move(response));
    return;
  }
  delays_.schedule(now + delay, [r, response = std::move(response)]() mutable { r.respond(std::move(response)); });
}

http::server_response upstream_server::answer(const http::server_request& req, endpoint e, const fault_decision& d,
                                              milliseconds since_start) const {
  if (d.kind == fault_kind::error_status)
    return error_page(d.status);
  if (d.kind == fault_kind::rate_limited)
    return too_many_requests(d);
  std::optional<http::server_response> recorded;
  if (files_)
    recorded = files_->find(req);
  if (!recorded && e == endpoint::unknown)
    return not_found(req.path);
  auto r = recorded ? std::move(*recorded) : router_.handle(req, since_start, d.kind == fault_kind::not_final);
  return apply_fault(std::move(r), d);
}

http::server_response upstream_server::admin(const http::server_request& req) const {
  if (req.path == "/_sim/health")
    return http::server_response::text(200, "ok\n");
  if (req.path == "/_sim/stats")
    return json_response(200, stats_json());
  return not_found(req.path);
}

std::string upstream_server::stats_json() const {
  json_writer w{json_style::pretty(2)};
  w.begin_object().field("seed", static_cast<std::int64_t>(options_.league.seed))
    .field("today", iso(options_.league.today)).field("pending_delayed", static_cast<std::int64_t>(delays_.pending()))
    .key("endpoints").begin_object();
  for (std::size_t i = 0; i < endpoint_count; ++i) {
    const auto c = counts(static_cast<endpoint>(i));
    if (c.requests == 0)
      continue;
    w.key(to_string(static_cast<endpoint>(i))).begin_object()
      .field("requests", static_cast<std::int64_t>(c.requests)).key("faults").begin_object();
    for (std::size_t k = 1; k < fault_kind_count; ++k)
      if (c.faults[k] > 0)
        w.field(to_string(static_cast<fault_kind>(k)), static_cast<std::int64_t>(c.faults[k]));
    w.end_object().end_object();
  }
  return w.end_object().end_object().take();
}

} // namespace courtside::upstream_sim
