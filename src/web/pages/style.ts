/** The console's one stylesheet, served as /static/vigil.css (the CSP allows no inline style). Narrow screens first. */
export const STYLESHEET = `
:root { --ink: #1d2430; --muted: #5b6676; --line: #dde2ea; --bg: #f6f7f9; --card: #fff; --accent: #1f5fbf; --warn: #a15c00; --bad: #b3261e; --ok: #1e7a3c; --mark: #fff0a8; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--bg); overflow-wrap: anywhere; }
a { color: var(--accent); }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 16px; padding: 10px 16px; background: #17202e; }
header.top a { color: #dfe6f1; text-decoration: none; }
header.top .brand { font-weight: 700; letter-spacing: .02em; color: #fff; margin-right: 8px; }
header.top nav { display: flex; flex-wrap: wrap; gap: 2px 14px; }
header.top nav a { padding: 2px 0; border-bottom: 2px solid transparent; }
header.top nav a.current { color: #fff; border-bottom-color: #7fb0ff; }
main { max-width: 1100px; margin: 0 auto; padding: 16px; }
footer { max-width: 1100px; margin: 0 auto; padding: 8px 16px 24px; color: var(--muted); font-size: 13px; }
h1 { font-size: 22px; margin: 4px 0 12px; line-height: 1.25; }
h2 { font-size: 17px; margin: 20px 0 8px; }
.muted { color: var(--muted); }
.small { font-size: 13px; }
.notice { background: #e8f1ff; border: 1px solid #bcd3f7; padding: 8px 12px; border-radius: 6px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; margin: 0 0 10px; }
mark { background: var(--mark); color: inherit; padding: 0 1px; border-radius: 2px; }
.badge { display: inline-block; font-size: 12px; line-height: 1.4; padding: 1px 7px; border-radius: 10px; background: #eef1f5; color: var(--ink); border: 1px solid var(--line); white-space: nowrap; }
.badge.topic { background: #eaf2ff; border-color: #c9dbfb; }
.badge.partial { background: #fff4e0; border-color: #f2d29b; color: var(--warn); }
.badge.ok { background: #e7f5ec; border-color: #b7e0c5; color: var(--ok); }
.badge.failing { background: #fff4e0; border-color: #f2d29b; color: var(--warn); }
.badge.disabled { background: #fdecea; border-color: #f4c2bd; color: var(--bad); }
.badge.delivered { background: #f1eefb; border-color: #d8cff5; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: flex-end; margin: 0 0 14px; }
.filters label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); min-width: 0; flex: 1 1 140px; }
.filters select, .filters input { font: inherit; font-size: 14px; padding: 5px 6px; border: 1px solid #c5ccd6; border-radius: 6px; background: #fff; color: var(--ink); width: 100%; min-width: 0; }
.filters .actions { display: flex; gap: 8px; align-items: center; flex: 0 0 auto; }
button, .button { font: inherit; font-size: 14px; padding: 5px 12px; border-radius: 6px; border: 1px solid #9fb3d1; background: #fff; color: var(--accent); cursor: pointer; text-decoration: none; display: inline-block; }
button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
.match .title { font-size: 16px; font-weight: 600; text-decoration: none; }
.match .title:hover { text-decoration: underline; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 10px; font-size: 13px; color: var(--muted); margin: 2px 0 6px; align-items: center; }
.topics { display: flex; flex-wrap: wrap; gap: 4px 6px; margin: 4px 0; }
.snippet { margin: 6px 0 4px; }
.copies { margin: 6px 0 0; padding: 6px 0 0 12px; border-left: 3px solid var(--line); font-size: 13px; }
.copies ul { margin: 2px 0 0; padding: 0 0 0 16px; }
.pager { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; justify-content: space-between; margin: 14px 0; }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); font-size: 14px; }
th { font-size: 13px; color: var(--muted); font-weight: 600; white-space: nowrap; }
th a { color: inherit; }
td .error { color: var(--bad); font-size: 13px; }
table.feeds td:first-child { min-width: 230px; }
table.feeds td:nth-child(2) { min-width: 150px; }
td form { display: inline; }
.row-actions { display: flex; flex-wrap: wrap; gap: 6px; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 4px 14px; margin: 0; }
dl.facts dt { color: var(--muted); font-size: 13px; }
dl.facts dd { margin: 0; min-width: 0; }
.body p { margin: 0 0 10px; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f1f3f6; border: 1px solid var(--line); border-radius: 6px; padding: 10px; font-size: 12.5px; margin: 0; }
ul.plain { margin: 4px 0; padding-left: 18px; }
.explain h3 { font-size: 15px; margin: 0 0 4px; }
.explain code { font-size: 13px; background: #f1f3f6; padding: 0 4px; border-radius: 4px; }
.empty { color: var(--muted); padding: 20px 0; }
@media (max-width: 720px) {
  main { padding: 12px 10px; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack thead { display: none; }
  table.stack { border: 0; background: none; }
  table.stack tr { background: var(--card); border: 1px solid var(--line); border-radius: 8px; margin: 0 0 10px; padding: 6px 0; }
  table.stack td { border: 0; padding: 3px 12px; min-width: 0 !important; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: 12px; }
  dl.facts { grid-template-columns: minmax(0, 1fr); }
  dl.facts dt { margin-top: 6px; }
}
`;
