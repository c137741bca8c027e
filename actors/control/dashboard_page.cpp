#include "actors/control/dashboard_page.hpp"

namespace courtside::control {
namespace {

// Kept as one raw string so the binary carries the page; edit it like an HTML file.
constexpr std::string_view page = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>courtside control</title>
<style>
  :root { --bg:#f6f7f9; --panel:#fff; --ink:#1d2330; --muted:#667085; --line:#e2e5ea;
          --ok:#2e9d5b; --warn:#d99a1e; --bad:#d14343; --run:#3b7dd8; --idle:#c9ced6; }
  * { box-sizing: border-box; }
  body { margin:0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
         background:var(--bg); color:var(--ink); }
  header { display:flex; align-items:center; gap:16px; padding:10px 20px; background:#1d2330; color:#fff; }
  header h1 { font-size:18px; margin:0; font-weight:600; }
  header .summary { color:#cfd5df; }
  header .updated { margin-left:auto; color:#9aa3b2; font-size:12px; }
  header .stale { color:#ffb4b4; }
  main { display:grid; grid-template-columns: minmax(280px, 1fr) minmax(420px, 2fr); gap:14px; padding:14px 20px; }
  section { background:var(--panel); border:1px solid var(--line); border-radius:8px; padding:10px 14px; min-width:0; overflow-x:auto; }
  section h2 { font-size:13px; text-transform:uppercase; letter-spacing:.05em; color:var(--muted); margin:0 0 8px; }
  .span2 { grid-column: 1 / -1; }
  table { border-collapse:collapse; width:100%; }
  th, td { text-align:left; padding:3px 6px; border-bottom:1px solid var(--line); white-space:nowrap; }
  th { font-weight:600; color:var(--muted); font-size:12px; }
  td.wrap { white-space:normal; }
  .badge { display:inline-block; padding:0 7px; border-radius:9px; font-size:12px; color:#fff; background:var(--idle); }
  .s-running, .s-closed, .s-COMPLETE, .s-sent, .s-ok { background:var(--ok); }
  .s-restarting, .s-half_open, .s-RUNNING, .s-pending { background:var(--run); }
  .s-DEGRADED, .s-EXPECTED, .s-skipped, .s-warning { background:var(--warn); }
  .s-info { background:var(--run); }
  .s-stopped, .s-EMPTY_OK, .s-dropped { background:#8a94a6; }
  .s-escalated, .s-open, .s-FAILED, .s-BLOCKED, .s-failed, .s-critical { background:var(--bad); }
  .tree .node { display:flex; gap:8px; align-items:center; padding:2px 0; }
  .tree .name { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
  .tree .sup > .name { font-weight:600; }
  .tree .restarts { color:var(--muted); font-size:12px; }
  .tree .restarts.hot { color:var(--bad); font-weight:600; }
  .grid td.cell { text-align:center; min-width:64px; color:#fff; font-size:12px; border:2px solid #fff; }
  .grid td.cell.none { background:#eef0f3; color:#9aa3b2; }
  .grid td.cell.s-COMPLETE, .grid td.cell.s-EMPTY_OK { opacity:.85; }
  .legend { display:flex; gap:6px; flex-wrap:wrap; margin-top:8px; }
  .muted { color:var(--muted); }
  .error { color:var(--bad); }
  .actions input { font:inherit; padding:4px 6px; border:1px solid var(--line); border-radius:4px; }
  .actions button, td button { font:inherit; padding:3px 10px; border:1px solid #1d2330; background:#1d2330;
                    color:#fff; border-radius:4px; cursor:pointer; }
  .actions button:disabled, td button:disabled { opacity:.4; cursor:default; }
  .actions .row { display:flex; gap:8px; align-items:center; margin:6px 0; flex-wrap:wrap; }
  #action-result { min-height:1.4em; }
</style>
</head>
<body>
<header>
  <h1 id="engine">courtside</h1>
  <span class="summary" id="summary">loading…</span>
  <span class="updated" id="updated"></span>
</header>
<main>
  <section id="tree-panel"><h2>Supervision tree</h2><div id="tree" class="tree"></div></section>
  <section id="grid-panel"><h2>Ledger: date × phase</h2><div id="grid" class="grid"></div>
    <div class="legend" id="legend"></div></section>
  <section id="breakers-panel"><h2>Circuit breakers</h2><div id="breakers"></div></section>
  <section id="jobs-panel"><h2>Jobs</h2><div id="jobs"></div></section>
  <section id="alerts-panel" class="span2"><h2>Recent alerts</h2><div id="alerts"></div></section>
  <section id="actions-panel" class="span2 actions"><h2>Actions</h2>
    <div class="row"><label for="token">Bearer token</label>
      <input id="token" type="password" autocomplete="off" placeholder="from [http] token" size="28">
      <span class="muted" id="actions-state"></span></div>
    <div class="row"><label>Backfill from <input id="bf-from" type="date"></label>
      <label>to <input id="bf-to" type="date"></label>
      <button id="bf-run" disabled>Backfill</button></div>
    <div id="action-result" class="muted"></div>
  </section>
</main>
<script>
"use strict";
const STATES = ["COMPLETE","EMPTY_OK","RUNNING","EXPECTED","DEGRADED","BLOCKED","FAILED"];
let actionsEnabled = false;

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
}
const badge = (s) => el("span", {class: "badge s-" + s, text: s || "none"});
const when = (ms) => ms == null ? "" : new Date(ms).toLocaleString([], {month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit"});
const token = () => document.getElementById("token").value.trim();
function fill(id, node) { const t = document.getElementById(id); t.replaceChildren(node); }
function table(head, rows) {
  return el("table", {}, el("thead", {}, el("tr", {}, ...head.map(h => el("th", {text: h})))),
            el("tbody", {}, ...rows));
}

function drawTree(s) {
  if (!s.tree) { fill("tree", el("div", {class: "error", text: "tree unavailable: " + s.tree_error})); return; }
  const box = el("div", {});
  for (const n of s.tree) {
    const row = el("div", {class: "node" + (n.is_supervisor ? " sup" : ""), "data-path": n.path, "data-state": n.state});
    row.style.paddingLeft = (n.depth * 18) + "px";
    row.append(el("span", {class: "name", text: n.name}), badge(n.state),
               el("span", {class: "restarts" + (n.restarts > 0 ? " hot" : ""), text: "restarts " + n.restarts}));
    if (n.pending_delay_ms > 0) row.append(el("span", {class: "muted", text: "restart in " + n.pending_delay_ms + " ms"}));
    if (n.last_reason && n.state !== "running") row.append(el("span", {class: "muted", text: n.last_reason}));
    box.append(row);
  }
  if (!s.tree.length) box.append(el("div", {class: "muted", text: "no actors reported yet"}));
  fill("tree", box);
}

function drawGrid(s) {
  const g = s.grid;
  const head = el("tr", {}, el("th", {text: "date"}), ...g.phases.map(p => el("th", {text: p})));
  const rows = g.rows.map(r => el("tr", {"data-date": r.date}, el("td", {text: r.date}),
    ...r.cells.map((c, i) => {
      const td = el("td", {class: "cell " + (c.state ? "s-" + c.state : "none"), "data-phase": g.phases[i],
                           "data-state": c.state || "none", text: c.state ? c.finished + "/" + c.outputs : "—"});
      td.title = (c.state || "no ledger rows") + (c.reason ? ": " + c.reason : "");
      return td;
    })));
  fill("grid", el("table", {}, el("thead", {}, head), el("tbody", {}, ...rows)));
  const legend = document.getElementById("legend");
  if (!legend.childElementCount) for (const st of STATES) legend.append(badge(st));
}

function drawBreakers(s) {
  if (!s.breakers.length) { fill("breakers", el("div", {class: "muted", text: "no breaker has reported"})); return; }
  // The reason goes under the name: the panel is narrow, and the reason is what an operator reads.
  fill("breakers", table(["breaker", "state", "failures", "next probe"], s.breakers.map(b =>
    el("tr", {class: "breaker " + b.state, "data-name": b.name},
       el("td", {class: "wrap"}, el("div", {text: b.name}), b.reason ? el("div", {class: "muted", text: b.reason}) : null),
       el("td", {}, badge(b.state)), el("td", {text: String(b.failures)}), el("td", {text: when(b.next_probe_at)})))));
}

function drawJobs(s) {
  if (!s.jobs.length) { fill("jobs", el("div", {class: "muted", text: "no jobs"})); return; }
  fill("jobs", table(["job", "next", "last run", ""], s.jobs.map(j => {
    const last = j.last_run ? el("span", {}, badge(j.last_run.outcome), " " + when(j.last_run.scheduled_at)) : el("span", {class: "muted", text: "never"});
    const btn = el("button", {text: "Run now", "data-job": j.name});
    btn.disabled = !(actionsEnabled && token());
    btn.onclick = () => act("/api/jobs/" + encodeURIComponent(j.name) + "/run", "");
    return el("tr", {"data-job": j.name}, el("td", {text: j.name}),
              el("td", {text: j.next_fire ? when(j.next_fire) : (j.enabled ? "" : "disabled")}), el("td", {}, last), el("td", {}, btn));
  })));
}

function drawAlerts(s) {
  if (!s.alerts.length) { fill("alerts", el("div", {class: "muted", text: "no alerts"})); return; }
  fill("alerts", table(["when", "severity", "title", "state", "attempts"], s.alerts.map(a =>
    el("tr", {}, el("td", {text: when(a.created_at)}), el("td", {}, badge(a.severity)), el("td", {class: "wrap", text: a.title}),
       el("td", {}, badge(a.state)), el("td", {text: String(a.attempts)})))));
}

function summarize(s) {
  const t = s.tree || [];
  const count = (st) => t.filter(n => n.state === st).length;
  const restarts = t.reduce((a, n) => a + n.restarts, 0);
  const open = s.breakers.filter(b => b.state === "open").length;
  return count("running") + " running, " + count("restarting") + " restarting, " + count("escalated") +
         " escalated; " + restarts + " restarts; " + open + " breaker(s) open" +
         (s.warehouse_error ? " — warehouse: " + s.warehouse_error : "");
}

async function act(path, body) {
  const out = document.getElementById("action-result");
  out.textContent = "sending…";
  try {
    const r = await fetch(path, {method: "POST", body, headers: {"Authorization": "Bearer " + token(),
                                 "Content-Type": "application/x-www-form-urlencoded"}});
    const j = await r.json().catch(() => ({}));
    out.textContent = r.status + ": " + (j.message || j.error || r.statusText);
    out.className = r.ok ? "muted" : "error";
  } catch (e) { out.textContent = "request failed: " + e; out.className = "error"; }
}

function updateActions() {
  const ok = actionsEnabled && token() !== "";
  document.getElementById("bf-run").disabled = !ok;
  for (const b of document.querySelectorAll("button[data-job]")) b.disabled = !ok;
  document.getElementById("actions-state").textContent =
    actionsEnabled ? (token() ? "" : "enter the token to enable the buttons") : "disabled: no token configured on the engine";
}

async function refresh() {
  try {
    const r = await fetch("/api/status", {cache: "no-store"});
    const s = await r.json();
    actionsEnabled = !!s.actions_enabled;
    document.getElementById("engine").textContent = s.engine;
    document.title = s.engine + " control";
    document.getElementById("summary").textContent = summarize(s);
    drawTree(s); drawGrid(s); drawBreakers(s); drawJobs(s); drawAlerts(s); updateActions();
    const up = document.getElementById("updated");
    up.textContent = "updated " + new Date().toLocaleTimeString(); up.className = "updated";
  } catch (e) {
    const up = document.getElementById("updated");
    up.textContent = "engine unreachable (" + e + ")"; up.className = "updated stale";
  }
}

document.getElementById("token").addEventListener("input", updateActions);
document.getElementById("bf-run").onclick = () => {
  const from = document.getElementById("bf-from").value, to = document.getElementById("bf-to").value || from;
  act("/api/backfill", "from=" + encodeURIComponent(from) + "&to=" + encodeURIComponent(to));
};
refresh();
setInterval(refresh, 2000);
</script>
</body>
</html>
)HTML";

} // namespace

std::string_view dashboard_html() { return page; }

} // namespace courtside::control
