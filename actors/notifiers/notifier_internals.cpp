#include "actors/notifiers/notifier_internals.hpp"

#include <stdexcept>

#include <caf/all.hpp>

#include "runtime/http/url.hpp"
#include "runtime/storage/migrations.hpp"

namespace courtside::notify {
namespace {

void mask_all(std::string& text, std::string_view secret) {
  if (secret.size() < 4) return; // too short to be a secret, too likely to hit plain words
  for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
    text.replace(at, secret.size(), "***");
}

} // namespace

wall_clock system_wall_clock() {
  return [] {
    return std::chrono::duration_cast<milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  };
}

storage::database open_outbox(const notify_settings& settings, storage::unix_ms now) {
  auto db = storage::database::open({settings.database_path, settings.busy_timeout, false});
  if (!db) throw std::runtime_error("alert outbox: " + db.error().describe());
  if (auto migrated = storage::migrate(db.value(), now); !migrated)
    throw std::runtime_error("alert outbox: " + migrated.error().describe());
  return std::move(db).value();
}

void send_to_path(caf::event_based_actor* self, const std::string& path, caf::message payload) {
  auto root = caf::actor_cast<caf::actor>(self->system().registry().get(root_registry_key));
  if (!root) return;
  self->send(root, route_atom::value, path, std::move(payload));
}

std::string scrub(std::string_view text, std::string_view url) {
  std::string out{text};
  mask_all(out, url);
  auto parsed = http::parse_url(url);
  if (parsed.ok() && parsed.url.target.size() > 1) mask_all(out, parsed.url.target);
  return out;
}

} // namespace courtside::notify
