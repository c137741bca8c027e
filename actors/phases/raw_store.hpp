#pragma once
// Phase 2 (raw): decoded upstream documents into the per-source warehouse tables, the
// NBA.com-vs-balldontlie reconciliation, and the completeness count the phase-4 gate reads.
//
// Each function opens its own transaction, which is a SAVEPOINT inside the caller's (so a
// queue worker can ack in the same commit). Writes are upserts by natural key; a box score
// replaces every row of its (game, source), so a corrected box score leaves no stale player.
// Ids: game_id = Game::key, player_id = identity::player_lookup_key(name), team = tricode.
#include "actors/phases/phase_outcome.hpp"
#include "messages/types.hpp"
#include "runtime/storage/database.hpp"

#include <string_view>
#include <vector>

namespace courtside::phases {

using storage::unix_ms;

/// Upserts one schedule_games row per game (status "pre" | "live" | "final" | "unknown").
/// inputs_seen = games given; skipped = games without a canonical key.
[[nodiscard]] storage::storage_result<phase_outcome> store_games(
    storage::database& db, const std::vector<Game>& games, std::string_view source,
    std::string_view raw_hash, unix_ms now);

/// Replaces the player_box_scores and team_box_scores rows of (box.game.key, source). A team
/// total the source left out is the sum of its players' lines. game_date is the game's date
/// (or the key's). invalid_argument when the box score has no game key. skipped = players
/// without a name.
[[nodiscard]] storage::storage_result<phase_outcome> store_box_score(
    storage::database& db, const BoxScore& box, std::string_view source,
    std::string_view raw_hash, unix_ms now);

/// Upserts the over/under prop lines (outcome empty, line present, player and game known) into
/// prop_lines, keyed (game, player, market, book): the latest line per book wins. A row's
/// game_date is its game key's date; `game_date` is the date asked for, and props keyed to
/// another date are still stored (counted in degraded_reason, not an error). `source` names
/// the upstream for error contexts. skipped = other outcomes, lines without a point, unknown
/// players or games.
[[nodiscard]] storage::storage_result<phase_outcome> store_props(
    storage::database& db, const std::vector<PropLine>& props, std::string_view game_date,
    std::string_view source, std::string_view raw_hash, unix_ms now);

struct reconcile_outcome {
  std::int64_t games_compared = 0;   ///< games of the date both sources have box scores for
  std::int64_t players_compared = 0; ///< rows written to source_reconciliation
  std::int64_t mismatches = 0;       ///< of which flagged
};

/// Compares, per player of each game of `date` that both sources have, seconds played and
/// points; replaces the date's source_reconciliation rows for this pair of sources. A
/// mismatch is points that differ, or seconds that differ by 60 or more (one source reports
/// whole minutes). A player listed by one source only is a mismatch when the other line shows
/// minutes or points; a missing line counts as 0 (a DNP listed by one source is not flagged).
[[nodiscard]] storage::storage_result<reconcile_outcome> reconcile_sources(
    storage::database& db, std::string_view date, unix_ms now,
    std::string_view primary = "nba_cdn", std::string_view secondary = "balldontlie");

struct date_completeness {
  std::int64_t scheduled = 0;            ///< distinct games of the date in schedule_games
  std::int64_t final_games = 0;          ///< of which some source says final
  std::int64_t final_with_box_score = 0; ///< of which some source stored player lines
  /// final_with_box_score / final_games; 1 when there are no final games.
  [[nodiscard]] double box_score_ratio() const {
    return final_games == 0 ? 1.0
                            : static_cast<double>(final_with_box_score) / final_games;
  }
};

/// Source-agnostic counts for the phase-4 gate ("< 80 % of final games have box scores").
[[nodiscard]] storage::storage_result<date_completeness> completeness(storage::database& db,
                                                                      std::string_view date);

} // namespace courtside::phases
