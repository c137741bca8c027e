#pragma once
// The dashboard: one self-contained HTML page (CSS and JS inline, no CDN, no web fonts) that
// polls /api/status every 2 s and draws the supervision tree, breakers, the date x phase
// ledger grid, recent alerts and jobs; with a token entered it offers run-now and backfill.
// Everything it shows is set through textContent, never innerHTML, so data cannot inject markup.
#include <string_view>

namespace courtside::control {

[[nodiscard]] std::string_view dashboard_html();

} // namespace courtside::control
