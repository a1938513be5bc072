"""The report's stylesheet: system CJK fonts by name (no font file, no URL), readable on a
1280 px screen, printable on A4, and legible in greyscale (the 95% limits dashed, the
99.8% dotted, flagged units filled black)."""

from __future__ import annotations

CSS = """\
:root { --ink: #1a1a1a; --muted: #5a5a5a; --rule: #c8c8c8; --band: #e4e4e4;
  --accent: #1f4e79; --missed: #a11d1d; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1180px; padding: 24px 32px; color: var(--ink);
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
  sans-serif; font-size: 15px; line-height: 1.5; background: #fff; }
header h1 { font-size: 26px; margin: 0 0 6px; }
header dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0;
  color: var(--muted); }
header dt { font-weight: bold; }
header dd { margin: 0; }
section { margin-top: 32px; }
h2 { font-size: 21px; border-bottom: 2px solid var(--accent); padding-bottom: 4px; }
h3 { font-size: 17px; margin: 20px 0 8px; }
table { border-collapse: collapse; margin: 8px 0 12px; font-size: 14px; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 10px; text-align: left;
  vertical-align: top; }
th { background: #f2f2f2; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
#headline td:first-child, #yoy td:first-child, #headline td:nth-child(6) {
  white-space: nowrap; }
#headline tr.missed td:nth-child(6), #headline tr.missed_significant td:nth-child(6) {
  color: var(--missed);
  font-weight: bold; }
p.note, p.legend, figcaption { color: var(--muted); font-size: 13px; }
figure.chart { margin: 12px 0 20px; max-width: 760px; break-inside: avoid;
  page-break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; display: block; }
svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
svg .frame { fill: none; stroke: var(--muted); stroke-width: 1; }
svg .grid { stroke: #ececec; stroke-width: 1; }
svg .tick-mark { stroke: var(--muted); }
svg .band { fill: var(--band); stroke: none; }
svg .centre { stroke: var(--ink); stroke-width: 1.5; }
svg .limit { fill: none; stroke: var(--accent); stroke-width: 1.5; }
svg .limit[data-coverage="0.95"] { stroke-dasharray: 6 4; }
svg .limit[data-coverage="0.998"] { stroke-dasharray: 1.5 3; stroke-width: 2; }
svg .unit { fill: #fff; stroke: var(--ink); stroke-width: 1.2; }
svg .unit[data-flagged="true"] { fill: var(--ink); }
svg .unit-label { font-size: 12px; font-weight: bold; }
svg .series { fill: none; stroke: var(--accent); stroke-width: 2; }
svg .point { fill: var(--accent); }
svg .ci { stroke: var(--ink); stroke-width: 1.5; }
svg .axis-title { fill: var(--muted); }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  section#funnels, section#trends, section#yoy, section#quality { break-before: page;
    page-break-before: always; }
  table, tr { break-inside: avoid; page-break-inside: avoid; }
  figure.chart { max-width: 100%; }
}
"""
