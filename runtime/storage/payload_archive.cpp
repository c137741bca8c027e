#include "runtime/storage/payload_archive.hpp"

#include "runtime/storage/sha256.hpp"

namespace courtside::storage {

storage_result<archived_payload> archive_payload(database& db, std::string_view source,
                                                 std::string_view url, unix_ms fetched_at,
                                                 std::string_view body,
                                                 std::string_view body_sha256) {
  if (source.empty()) {
    return make_error(storage_errc::invalid_argument, "archive_payload: raw_payloads",
                      "empty source");
  }
  archived_payload out{body_sha256.empty() ? sha256_hex(body) : std::string{body_sha256}, false};
  auto insert = db.prepare(
      "INSERT INTO raw_payloads (hash, source, url, fetched_at, size_bytes, body) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (hash) DO NOTHING",
      "archive_payload: INSERT raw_payloads");
  if (!insert) return insert.error();
  insert.value()
      .bind_text(1, out.hash)
      .bind_text(2, source)
      .bind_text(3, url)
      .bind_int64(4, fetched_at)
      .bind_int64(5, static_cast<std::int64_t>(body.size()))
      .bind_blob(6, body);
  if (auto ran = insert.value().run(); !ran) return ran.error();
  out.inserted_new = db.changes() == 1;
  return out;
}

storage_result<stored_payload> load_payload(database& db, std::string_view hash) {
  auto select = db.prepare(
      "SELECT hash, source, url, fetched_at, size_bytes, body FROM raw_payloads WHERE hash = ?1",
      "load_payload: SELECT raw_payloads");
  if (!select) return select.error();
  statement& st = select.value();
  st.bind_text(1, hash);
  auto row = st.step();
  if (!row) return row.error();
  if (!row.value()) {
    return make_error(storage_errc::not_found, "load_payload: raw_payloads",
                      "no payload with hash " + std::string(hash));
  }
  return stored_payload{st.column_text(0),  st.column_text(1),  st.column_text(2),
                        st.column_int64(3), st.column_int64(4), st.column_blob(5)};
}

} // namespace courtside::storage
