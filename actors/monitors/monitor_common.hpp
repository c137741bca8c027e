#pragma once
// Shared by the monitors: dates, instants as text, declared tables, the queue kinds that do a
// ledger phase's work, the box-score completeness of a date, and alert builders. Internal to
// actors/monitors (the bodies' headers are the public API).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/alerting/alert.hpp"
#include "runtime/storage/database.hpp"
#include "runtime/storage/tables.hpp"
#include "runtime/storage/work_queue.hpp"

namespace courtside::monitors::detail {

using storage::unix_ms;

inline constexpr unix_ms ms_per_hour = 3'600'000;

/// `date` ("YYYY-MM-DD") moved by `days`; empty when `date` is malformed.
[[nodiscard]] std::string shift_date(std::string_view date, int days);

/// "2025-01-10T08:53:20Z" (UTC, whole seconds).
[[nodiscard]] std::string format_utc(unix_ms instant);

/// "7.5 h": a duration in hours with one decimal.
[[nodiscard]] std::string format_hours(unix_ms duration);

/// "42.5 %": a share 0..1 as a percentage with one decimal.
[[nodiscard]] std::string format_percent(double share);

/// The declaration of `name` (tables.hpp); schema_mismatch when the table is not declared,
/// so a renamed table is an error of the monitor, not a silent zero.
[[nodiscard]] storage::storage_result<const storage::table_declaration*> declared(
  std::string_view name);

/// Steps `st` to the end, calling `on_row(st)` per row.
template <class OnRow>
[[nodiscard]] storage::storage_status each_row(storage::statement& st, OnRow&& on_row) {
  for (;;) {
    auto step = st.step();
    if (!step) return step.error();
    if (!step.value()) return {};
    on_row(st);
  }
}

/// The queue kinds whose items do a ledger phase's work for a date: items keyed by the date,
/// and items carrying the date as payload (raw: the box scores and event odds of the date).
struct phase_work_kinds {
  std::vector<std::string> keyed_by_date;
  std::vector<std::string> date_in_payload;
};
[[nodiscard]] phase_work_kinds work_kinds_of(std::string_view phase);

/// Items doing the date's `phase` work (work_kinds_of) that are in one of `states`.
[[nodiscard]] storage::storage_result<std::int64_t> count_phase_items(
  storage::database& db, std::string_view date, std::string_view phase,
  const std::vector<storage::item_state>& states);

/// Final games of a date against the primary source's player box scores.
struct date_box_scores {
  std::string date;
  std::int64_t final_games = 0;            ///< distinct games some source says are final
  std::int64_t with_box_scores = 0;        ///< of which the primary source has player lines
  std::vector<std::string> missing;        ///< final games without them, by game id
  std::optional<unix_ms> latest_tip_off;   ///< the date's last tip-off, when any parses
  std::optional<unix_ms> final_seen_at;    ///< newest updated_at of a final schedule row
};
[[nodiscard]] storage::storage_result<date_box_scores> box_scores_of_date(
  storage::database& db, std::string_view date, std::string_view primary_source);

/// An alert with the common fields set (attempt counts left 0).
[[nodiscard]] alerting::alert make_alert(std::string key, alerting::severity level,
                                         std::string title, std::string text, std::string date,
                                         std::string phase);

/// The all-clear for `key`. The alert router drops a resolve for a key it has no open alert
/// for, so a monitor may send one whenever its check came out clean, without remembering
/// whether it raised the alert before.
[[nodiscard]] alerting::alert make_resolved(std::string key, std::string title, std::string date,
                                            std::string phase);

/// "a, b, c (+4 more)": at most `limit` of `items`.
[[nodiscard]] std::string list_some(const std::vector<std::string>& items, std::size_t limit);

} // namespace courtside::monitors::detail
