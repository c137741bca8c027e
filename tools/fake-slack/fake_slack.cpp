#include "tools/fake-slack/fake_slack.hpp"

#include <fstream>

#include <simdjson.h>

namespace courtside::fake_slack {
namespace {

struct failure_answer {
  unsigned status;
  const char* body;
};

failure_answer answer_of(failure_mode m) {
  switch (m) {
    case failure_mode::ok: return {200, "ok"};
    case failure_mode::server_error: return {500, "rollup_error"};
    case failure_mode::rate_limited: return {429, "rate_limited"};
    case failure_mode::hang: return {0, ""};
    case failure_mode::no_service: return {404, "no_service"};
    case failure_mode::invalid_payload: return {400, "invalid_payload"};
    case failure_mode::channel_not_found: return {404, "channel_not_found"};
    case failure_mode::action_prohibited: return {403, "action_prohibited"};
    case failure_mode::channel_is_archived: return {410, "channel_is_archived"};
  }
  return {500, "rollup_error"};
}

constexpr failure_mode all_modes[] = {
  failure_mode::ok, failure_mode::server_error, failure_mode::rate_limited, failure_mode::hang,
  failure_mode::no_service, failure_mode::invalid_payload, failure_mode::channel_not_found,
  failure_mode::action_prohibited, failure_mode::channel_is_archived};

// Slack answers text/html; so do we, byte for byte.
http::server_response slack_text(unsigned status, std::string body) {
  return http::server_response::text(status, std::move(body), "text/html");
}

http::server_response json(unsigned status, std::string body) {
  return http::server_response::text(status, std::move(body), "application/json");
}

std::string one_line(std::string body) {
  // Raw newlines in JSON are whitespace outside strings (inside they must be escaped), so
  // replacing them keeps the document valid and makes it one JSONL line.
  for (auto& c : body)
    if (c == '\n' || c == '\r') c = ' ';
  return body;
}

std::string mode_json(const mode_setting& m) {
  std::string out = std::string{"{\"mode\":\""} + to_string(m.mode) + "\",\"retry_after\":" +
                    std::to_string(m.retry_after_seconds);
  if (m.count) out += ",\"count\":" + std::to_string(*m.count);
  return out + "}";
}

} // namespace

const char* to_string(failure_mode m) noexcept {
  switch (m) {
    case failure_mode::ok: return "ok";
    case failure_mode::server_error: return "500";
    case failure_mode::rate_limited: return "429";
    case failure_mode::hang: return "hang";
    case failure_mode::no_service: return "no_service";
    case failure_mode::invalid_payload: return "invalid_payload";
    case failure_mode::channel_not_found: return "channel_not_found";
    case failure_mode::action_prohibited: return "action_prohibited";
    case failure_mode::channel_is_archived: return "channel_is_archived";
  }
  return "?";
}

std::optional<failure_mode> parse_failure_mode(std::string_view name) {
  for (auto m : all_modes)
    if (name == to_string(m)) return m;
  return std::nullopt;
}

mode_parse_result parse_mode_request(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body.data(), body.size()).get(root) || !root.is_object())
    return {std::nullopt, "body: expected a JSON object like {\"mode\":\"500\"}"};
  mode_setting m;
  std::string_view name;
  if (root["mode"].get(name)) return {std::nullopt, "mode: missing or not a string"};
  auto parsed = parse_failure_mode(name);
  if (!parsed)
    return {std::nullopt, "mode: unknown '" + std::string{name} +
                            "' (ok, 500, 429, hang, no_service, invalid_payload, channel_not_found, "
                            "action_prohibited, channel_is_archived)"};
  m.mode = *parsed;
  if (auto ra = root["retry_after"]; ra.error() != simdjson::NO_SUCH_FIELD) {
    int64_t seconds = 0;
    if (ra.get(seconds) || seconds < 0 || seconds > 86'400)
      return {std::nullopt, "retry_after: expected whole seconds 0..86400"};
    m.retry_after_seconds = static_cast<int>(seconds);
  }
  if (auto count = root["count"]; count.error() != simdjson::NO_SUCH_FIELD) {
    int64_t n = 0;
    if (count.get(n) || n < 1 || n > 1'000'000) return {std::nullopt, "count: expected an integer >= 1"};
    m.count = static_cast<int>(n);
  }
  return {m, ""};
}

std::string check_webhook_body(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body.data(), body.size()).get(root) || !root.is_object()) return "invalid_payload";
  std::string_view text;
  if (!root["text"].get(text) && !text.empty()) return "";
  simdjson::dom::array items;
  for (const char* key : {"blocks", "attachments"})
    if (!root[key].get(items) && items.size() > 0) return "";
  return "no_text";
}

fake_slack_server::fake_slack_server(fake_slack_options options)
  : options_(std::move(options)),
    mode_(options_.initial),
    server_(options_.http, [this](const http::server_request& req, http::responder r) { handle(req, std::move(r)); }) {}

fake_slack_server::~fake_slack_server() { stop(); }

http::start_result fake_slack_server::start() { return server_.start(); }

void fake_slack_server::stop() {
  server_.stop();
  std::lock_guard<std::mutex> lock{mutex_};
  hanging_.clear();
}

std::string fake_slack_server::base_url() const {
  return "http://" + options_.http.bind_address + ":" + std::to_string(port());
}

std::string fake_slack_server::webhook_url() const { return base_url() + "/webhook"; }

void fake_slack_server::set_mode(const mode_setting& m) {
  std::lock_guard<std::mutex> lock{mutex_};
  mode_ = m;
}

mode_setting fake_slack_server::mode() const {
  std::lock_guard<std::mutex> lock{mutex_};
  return mode_;
}

std::vector<std::string> fake_slack_server::received() const {
  std::lock_guard<std::mutex> lock{mutex_};
  return received_;
}

fake_slack_stats fake_slack_server::stats() const {
  std::lock_guard<std::mutex> lock{mutex_};
  return stats_;
}

void fake_slack_server::reset() {
  std::lock_guard<std::mutex> lock{mutex_};
  received_.clear();
  stats_ = {};
  mode_ = {};
}

void fake_slack_server::handle(const http::server_request& req, http::responder r) {
  if (req.path.rfind("/_fake/", 0) == 0) {
    r.respond(control(req));
    return;
  }
  if (auto answer = webhook(req, r)) r.respond(std::move(*answer));
}

http::server_response fake_slack_server::control(const http::server_request& req) {
  if (req.path == "/_fake/mode" && req.method == "POST") {
    auto parsed = parse_mode_request(req.body);
    if (!parsed.value) return json(400, "{\"error\":\"" + parsed.error + "\"}");
    set_mode(*parsed.value);
    return json(200, mode_json(*parsed.value));
  }
  if (req.path == "/_fake/mode" && req.method == "GET") return json(200, mode_json(mode()));
  if (req.path == "/_fake/received" && req.method == "GET") {
    std::string out = "[";
    for (const auto& body : received()) out += (out.size() > 1 ? "," : "") + body;
    return json(200, out + "]");
  }
  if (req.path == "/_fake/stats" && req.method == "GET") {
    const auto s = stats();
    return json(200, "{\"requests\":" + std::to_string(s.requests) + ",\"delivered\":" +
                       std::to_string(s.delivered) + ",\"failed\":" + std::to_string(s.failed) +
                       ",\"mode\":" + mode_json(mode()) + "}");
  }
  if (req.path == "/_fake/reset" && req.method == "POST") {
    reset();
    return json(200, "{\"reset\":true}");
  }
  return json(404, "{\"error\":\"unknown control endpoint " + req.method + " " + req.path + "\"}");
}

std::optional<http::server_response> fake_slack_server::webhook(const http::server_request& req,
                                                                const http::responder& r) {
  if (req.path != "/webhook" && req.path.rfind("/services/", 0) != 0) return slack_text(404, "no_service");
  if (req.method != "POST") return slack_text(405, "invalid_method");
  std::lock_guard<std::mutex> lock{mutex_};
  ++stats_.requests;
  const mode_setting m = mode_;
  if (m.count && --*mode_.count <= 0) mode_ = {};
  if (m.mode == failure_mode::hang) {
    ++stats_.failed;
    hanging_.push_back(r);  // never answered; the client's timeout decides
    return std::nullopt;
  }
  if (m.mode != failure_mode::ok) {
    ++stats_.failed;
    const auto a = answer_of(m.mode);
    auto resp = slack_text(a.status, a.body);
    if (m.mode == failure_mode::rate_limited && m.retry_after_seconds > 0)
      resp.headers.emplace_back("Retry-After", std::to_string(m.retry_after_seconds));
    return resp;
  }
  if (auto problem = check_webhook_body(req.body); !problem.empty()) {
    ++stats_.failed;
    return slack_text(400, problem);
  }
  ++stats_.delivered;
  received_.push_back(one_line(req.body));
  if (!options_.record_file.empty()) {
    std::ofstream out{options_.record_file, std::ios::app};
    out << received_.back() << '\n';
  }
  return slack_text(200, "ok");
}

} // namespace courtside::fake_slack
