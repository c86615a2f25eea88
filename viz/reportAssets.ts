/**
 * The report's inline stylesheet and script. The script reads everything it
 * needs from the page (data attributes), never from interpolated input, and
 * writes text with `textContent` only.
 */

/** Inline CSS of report.html. */
import { escapeHtml } from './html.ts';
import { LEGEND_CSS, LEGEND_SCRIPT } from './legendScript.ts';

export const REPORT_CSS = `
:root { --ink:#1f2328; --muted:#5f6368; --rule:#d8dee4; --bg:#f6f7f9; --card:#ffffff; --accent:#222e50; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", Arial, sans-serif; }
main { max-width: 1540px; margin: 0 auto; padding: 28px 24px 48px; }
header { margin-bottom: 18px; }
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 6px; }
h2 { font-size: 18px; margin: 0 0 10px; }
.question { font-size: 16px; color: var(--muted); margin: 0; max-width: 70em; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 11.5px; color: var(--muted); margin: 0 0 4px; }
section { background: var(--card); border: 1px solid var(--rule); border-radius: 8px; padding: 16px 20px; margin: 0 0 18px; }
.top { display: grid; grid-template-columns: minmax(280px, 1fr) minmax(420px, 2fr); gap: 18px; align-items: start; }
.top > section { margin: 0; }
@media (max-width: 980px) { .top { grid-template-columns: 1fr; } }
.scenario-list { list-style: none; margin: 0; padding: 0; }
.scenario-list li { padding: 6px 0; border-top: 1px solid var(--rule); }
.scenario-list li:first-child { border-top: 0; }
.scenario-list label { display: flex; align-items: flex-start; gap: 8px; cursor: pointer; }
.scenario-list .swatch { margin-top: 5px; }
.scenario-list input { width: 16px; height: 16px; margin: 3px 0 0; flex: none; accent-color: var(--accent); }
.scenario-list .sid { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); }
.scenario-list .desc { margin: 2px 0 0 62px; font-size: 13px; color: var(--muted); }
.scenario-list .base { font-size: 11px; border: 1px solid var(--rule); border-radius: 3px; padding: 0 4px; color: var(--muted); }
.swatch { flex: none; }
.hint { font-size: 12.5px; color: var(--muted); margin: 8px 0 0; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
tr.group th { text-transform: none; letter-spacing: 0; font-size: 13.5px; color: var(--ink); background: #f3f4f6; padding-top: 7px; }
tr.group .swatch { vertical-align: -1px; margin-right: 8px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.significant td.diff { font-weight: 600; }
.sig { display: inline-block; min-width: 2.4em; text-align: center; border-radius: 3px; font-size: 12px; padding: 0 4px; }
.sig.yes { background: #dff3e4; color: #1a5d2b; }
.sig.no { background: #eef0f2; color: var(--muted); }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 560px), 1fr)); gap: 18px; }
figure.chart-figure { margin: 0; background: #fff; border: 1px solid var(--rule); border-radius: 8px; padding: 6px; }
figure.chart-figure svg { display: block; width: 100%; height: auto; }
svg.chart .mark:hover { stroke-width: 2.5; }
svg.chart [data-tip] { cursor: crosshair; }
pre { background: #f3f4f6; border: 1px solid var(--rule); border-radius: 6px; padding: 10px 12px; overflow: auto; font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin: 0; }
pre.manifest { max-height: 420px; }
details summary { cursor: pointer; margin: 12px 0 8px; font-weight: 600; }
.valuebox { position: fixed; z-index: 10; pointer-events: none; max-width: 360px; background: rgba(24,28,36,.94); color: #fff;
  font-size: 12.5px; line-height: 1.35; padding: 6px 9px; border-radius: 5px; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
.valuebox[hidden] { display: none; }
footer { color: var(--muted); font-size: 12.5px; text-align: center; }
@media print { body { background: #fff; } section, figure.chart-figure { break-inside: avoid; border-color: #bbb; } .hint { display: none; } }
`;

/** Inline script of report.html: the hover value box (scenario toggles: LEGEND_SCRIPT of viz/legendScript.ts). */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var box = document.getElementById('valuebox');
  // SVG <title> tooltips become data-tip (shown in the value box instead of the slower native tooltip).
  Array.prototype.forEach.call(document.querySelectorAll('svg.chart title'), function (t) {
    var el = t.parentNode;
    if (!el || el.nodeName.toLowerCase() === 'svg') return;
    el.setAttribute('data-tip', t.textContent || '');
    el.setAttribute('aria-label', t.textContent || '');
    el.removeChild(t);
  });
  function showTip(e) {
    var el = e.target && e.target.closest ? e.target.closest('[data-tip]') : null;
    if (!el) { box.hidden = true; return; }
    box.textContent = el.getAttribute('data-tip');
    box.hidden = false;
    var w = box.offsetWidth, h = box.offsetHeight;
    var x = e.clientX + 14, y = e.clientY + 14;
    if (x + w > window.innerWidth - 8) x = Math.max(8, e.clientX - w - 14);
    if (y + h > window.innerHeight - 8) y = Math.max(8, e.clientY - h - 14);
    box.style.left = x + 'px';
    box.style.top = y + 'px';
  }
  document.addEventListener('mousemove', showTip);
  document.addEventListener('mouseleave', function () { box.hidden = true; });
})();
`;

/**
 * The one page shell of every self-contained report (a run's or comparison's, a sweep's):
 * the CSP, the report and legend CSS plus `extraCss`, the body in <main>, the value box, the report
 * and legend scripts, then `extraScripts` (whole <script> elements, each followed by a newline).
 */
export function reportPage(title: string, body: string, extraCss: string, extraScripts: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}${LEGEND_CSS}${extraCss}</style>
</head>
<body>
<main>
${body}
</main>
<div id="valuebox" class="valuebox" role="status" hidden></div>
<script>${REPORT_SCRIPT}${LEGEND_SCRIPT}</script>
${extraScripts}</body>
</html>
`;
}
