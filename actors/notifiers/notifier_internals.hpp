#pragma once
// Internal to actors/notifiers: small helpers shared by the router and the notifiers.
#include <string>
#include <string_view>

#include <caf/fwd.hpp>
#include <caf/message.hpp>

#include "actors/notifiers/notify.hpp"
#include "runtime/supervision/protocol.hpp"

namespace courtside::notify {

inline constexpr milliseconds seconds_5{5'000};

/// Opens the warehouse file (WAL, busy timeout) and brings its schema up to date; throws
/// std::runtime_error naming the file and the storage error, which crashes the actor into a
/// supervised restart with backoff.
[[nodiscard]] storage::database open_outbox(const notify_settings& settings, storage::unix_ms now);

/// Sends `payload` to the child at `path` through the root supervisor (by name, so a
/// restarted child gets it). No root (tests without a tree): dropped.
void send_to_path(caf::event_based_actor* self, const std::string& path, caf::message payload);

/// `text` with every occurrence of the secret webhook URL, and of its path, masked as "***".
[[nodiscard]] std::string scrub(std::string_view text, std::string_view url);

} // namespace courtside::notify
