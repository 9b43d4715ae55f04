/**
 * The style sheet of the HTML report: inlined, system fonts only, light and print friendly.
 *
 * @module
 */

/**
 * The CSS of `renderReport()`'s page. It uses only the system font stack (no web fonts), lets the
 * inline SVG figures shrink to the page width, and keeps the tables readable when printed.
 */
export const REPORT_CSS: string = `
:root {
  --ink: #1d2733; --muted: #5b6775; --line: #dfe4ea; --soft: #f5f7f9; --accent: #1f5f8b;
  --card: #ffffff; --page: #eef1f4;
  font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  color: var(--ink); background: var(--page);
}
* { box-sizing: border-box; }
body { margin: 0; line-height: 1.45; font-size: 15px; }
header.top { background: #17324d; color: #fff; padding: 28px 40px 22px; }
header.top h1 { margin: 0 0 4px; font-size: 28px; font-weight: 650; letter-spacing: -0.01em; }
header.top p { margin: 0; color: #c9d6e3; }
nav.toc { background: #fff; border-bottom: 1px solid var(--line); padding: 10px 40px;
  display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 14px; }
nav.toc a { color: var(--accent); text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
nav.toc .label { color: var(--muted); }
main { max-width: 1360px; margin: 0 auto; padding: 24px 32px 48px; }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 20px 24px 24px; margin: 0 0 24px; box-shadow: 0 1px 2px rgba(16, 24, 40, 0.04); }
section.card > h2 { margin: 0 0 4px; font-size: 21px; font-weight: 650; }
section.card > p.lead { margin: 0 0 16px; color: var(--muted); }
h3 { font-size: 16px; margin: 22px 0 8px; font-weight: 600; }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; }
.table-wrap.tall { max-height: 480px; overflow-y: auto; }
.table-tools, .figure-tools { display: flex; gap: 10px; align-items: center; margin: 6px 0;
  font-size: 13px; color: var(--muted); }
.table-tools input { font: inherit; padding: 3px 8px; border: 1px solid var(--line);
  border-radius: 6px; min-width: 16em; }
a.download { border: 1px solid var(--line); border-radius: 6px; padding: 1px 8px;
  text-decoration: none; color: var(--accent); }
th.sortable { cursor: pointer; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
p.warning { background: #fff4e5; border-left: 4px solid #d55e00; padding: 8px 12px; }
details.traits { margin: 8px 0 14px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { padding: 6px 9px; border-bottom: 1px solid var(--line); white-space: nowrap; }
thead th { white-space: normal; vertical-align: bottom; line-height: 1.25; }
thead th { background: var(--soft); text-align: right; font-weight: 600; color: #334155;
  position: sticky; top: 0; }
thead th:first-child, thead th.text, tbody th { text-align: left; }
tbody th { font-weight: 600; }
tbody th a { color: var(--accent); text-decoration: none; }
td { text-align: right; font-variant-numeric: tabular-nums; }
td.text, th.text { text-align: left; }
table caption { caption-side: bottom; text-align: left; padding: 6px 10px; color: var(--muted);
  font-size: 13px; }
td.missing { color: #a0a8b2; }
td.product { white-space: normal; min-width: 32ch; width: 60%; }
table.families tbody th { font-weight: 500; font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace;
  font-size: 12.5px; }
tbody tr:nth-child(even) { background: #fafbfc; }
tbody tr:last-child th, tbody tr:last-child td { border-bottom: none; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr));
  gap: 20px 28px; align-items: start; }
.figures.single { grid-template-columns: 1fr; }
figure.plot { margin: 0 0 18px; min-width: 0; }
.figures > figure.wide { grid-column: 1 / -1; }
figure.plot svg { display: block; max-width: 100%; height: auto; overflow: visible; }
figure.plot figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; max-width: 80ch; }
.facts { display: flex; flex-wrap: wrap; gap: 8px 10px; margin: 4px 0 18px; padding: 0; }
.facts li { list-style: none; background: var(--soft); border: 1px solid var(--line);
  border-radius: 999px; padding: 3px 12px; font-size: 13px; }
.facts li b { font-weight: 600; }
.note { color: var(--muted); font-size: 13.5px; }
dl.versions { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0; }
dl.versions dt { color: var(--muted); }
dl.versions dd { margin: 0; }
footer { color: var(--muted); font-size: 13px; text-align: center; padding: 0 0 32px; }
@media print {
  :root { background: #fff; }
  nav.toc { display: none; }
  section.card { box-shadow: none; break-inside: avoid-page; }
  thead th { position: static; }
}
`;
