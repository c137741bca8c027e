#include "runtime/storage/storage_error.hpp"

namespace courtside::storage {

const char* to_string(storage_errc code) noexcept {
  switch (code) {
    case storage_errc::open_failed: return "open_failed";
    case storage_errc::busy: return "busy";
    case storage_errc::constraint: return "constraint";
    case storage_errc::disk_full: return "disk_full";
    case storage_errc::corrupt: return "corrupt";
    case storage_errc::readonly: return "readonly";
    case storage_errc::schema_mismatch: return "schema_mismatch";
    case storage_errc::io: return "io";
    case storage_errc::sql_error: return "sql_error";
    case storage_errc::misuse: return "misuse";
    case storage_errc::too_big: return "too_big";
    case storage_errc::no_memory: return "no_memory";
    case storage_errc::not_found: return "not_found";
    case storage_errc::lease_lost: return "lease_lost";
    case storage_errc::state_conflict: return "state_conflict";
    case storage_errc::invalid_argument: return "invalid_argument";
    case storage_errc::internal: return "internal";
    case storage_errc::unreachable: return "unreachable";
  }
  return "unknown";
}

std::string storage_error::describe() const {
  std::string text = to_string(code);
  text += " in ";
  text += context;
  text += ": ";
  text += message;
  if (sqlite_code != 0) {
    text += " (sqlite ";
    text += std::to_string(sqlite_code);
    text += ')';
  }
  return text;
}

storage_error make_error(storage_errc code, std::string context, std::string message) {
  return storage_error{code, std::move(context), 0, std::move(message)};
}

} // namespace courtside::storage
