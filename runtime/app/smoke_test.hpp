#pragma once
// `courtside smoke-test DATE | D1..D2`: for each date and phase, does the warehouse hold what
// the ledger says it produced? Reads the warehouse read-only (the engine may be running).
// A phase PASSes when its ledger row is COMPLETE, EMPTY_OK or DEGRADED and, when COMPLETE,
// its primary output table (the phase's first date-keyed table in the table declarations)
// has rows for the date. Anything else FAILs, with the reason.
#include <iosfwd>
#include <string>

namespace courtside::app {

/// Exit codes: 0 every phase of every date passed, 1 any failed, 2 an error (bad range,
/// unreadable warehouse).
int run_smoke_test(const std::string& warehouse_file, const std::string& range,
                   std::ostream& out, std::ostream& err);

} // namespace courtside::app
