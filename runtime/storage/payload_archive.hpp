#pragma once
// The raw payload archive: every upstream body is stored once, under the SHA-256 of its bytes,
// so a re-fetch of unchanged data costs no space and any normalized row can point back at
// exactly what it was parsed from (its raw_hash). The first fetch's source, url and time are
// kept; later fetches of the same bytes only learn the hash.
#include "runtime/storage/database.hpp"

#include <string>
#include <string_view>

namespace courtside::storage {

struct archived_payload {
  std::string hash;          ///< lower-case hex SHA-256 of the body
  bool inserted_new = false; ///< false: these bytes were archived before
};

/// Archives `body` (any bytes; stored as a BLOB). Runs in the caller's transaction if one is
/// open, so a payload and the rows parsed from it can commit together. `url` must already be
/// redacted (no keys or tokens). `body_sha256`: the body's hex SHA-256 when the caller already
/// computed it (the scraper does, off the writer's thread); empty = computed here.
[[nodiscard]] storage_result<archived_payload> archive_payload(database& db,
                                                               std::string_view source,
                                                               std::string_view url,
                                                               unix_ms fetched_at,
                                                               std::string_view body,
                                                               std::string_view body_sha256 = {});

struct stored_payload {
  std::string hash;
  std::string source;
  std::string url;
  unix_ms fetched_at = 0;
  std::int64_t size_bytes = 0;
  std::string body;
};

/// The archived payload with this hash; not_found if there is none.
[[nodiscard]] storage_result<stored_payload> load_payload(database& db, std::string_view hash);

} // namespace courtside::storage
