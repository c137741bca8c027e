#pragma once
// Does the warehouse hold what the ledger says a date's phase produced? The one verdict shared
// by `courtside smoke-test`, the reconciler and self-heal, so they can never disagree.
//
// A phase PASSes when its ledger row is COMPLETE, EMPTY_OK or DEGRADED and, when COMPLETE, its
// primary output table (the phase's first date-keyed table in the table declarations) has rows
// for the date. Anything else FAILs, with the reason ("not planned", "FAILED: <reason>",
// "ledger COMPLETE but <table> has no rows").
#include <string>

#include "runtime/storage/ledger.hpp"
#include "runtime/storage/tables.hpp"

namespace courtside::pipeline {

struct output_verdict {
  bool pass = false;
  std::string why; ///< why it failed, or a note on a pass ("no games", "degraded: ...")
};

/// The table whose rows prove `phase` ran for a date; nullptr when the phase has none.
[[nodiscard]] const storage::table_declaration* primary_output(storage::pipeline_phase phase);

/// The verdict on a ledger row already read (its state and reason): the state decides, and a
/// COMPLETE row also needs rows dated `date` in the phase's primary output table.
[[nodiscard]] storage::storage_result<output_verdict> check_row(storage::database& db,
                                                                const std::string& date,
                                                                storage::pipeline_phase phase,
                                                                storage::output_state state,
                                                                const std::string& reason);

/// Reads the date's ledger row of `phase` and judges it as check_row() does; "not planned"
/// when there is no row.
[[nodiscard]] storage::storage_result<output_verdict> check_output(storage::database& db,
                                                                   const std::string& date,
                                                                   storage::pipeline_phase phase);

} // namespace courtside::pipeline
