/**
 * The report stylesheet (served as /assets/report.css). Print-first: A4, margin boxes carry the
 * title and "第 N 页 / 共 M 页" (their text comes from the per-document page.css, see document.ts),
 * table headers repeat, rows never split. Only fonts served from memory are named (the machine's
 * CJK fonts embed as Type 3 and extract as wrong characters): Noto Sans SC, then the fallbacks for
 * what it lacks (reports/pdf/fonts.ts declares their faces and the characters each one draws).
 */

/** The font families the reports name, in fallback order. */
export const FONT_FAMILY = { text: "Noto Sans SC", emoji: "Noto Emoji", rare: "HanaMin" } as const;
/** The CSS font-family list of every text in a report, margin boxes included. */
export const FONT_STACK = Object.values(FONT_FAMILY)
  .map((f) => `"${f}"`)
  .join(", ");
export const PALETTE = {
  ink: "#1d2330",
  muted: "#5b6475",
  rule: "#d9dde5",
  band: "#f4f6f9",
  accent: "#a61b1b",
  accentSoft: "#fbeaea",
  navy: "#1f3a5f",
  status: { 已完成: "#2e7d32", 序时推进: "#1f6fb2", 滞后: "#c62828", 未启动: "#e08a00", 未填报: "#9aa3af" },
  state: { 达标: "#2e7d32", 序时: "#1f6fb2", 脱幅: "#c62828" },
} as const;

export const REPORT_CSS = String.raw`
@page {
  size: A4;
  margin: 20mm 16mm 18mm 16mm;
  font-family: ${FONT_STACK};
}
@page cover { margin: 0; }
@page cover { @top-left { content: none; } @top-right { content: none; } @bottom-center { content: none; } }

/* Reports are printed, never looked at: no screen layout (a page of 100+ pages laid out for nothing
   after each document is swapped in, restyled or printed). The chart script loads the fonts the
   text needs (layout would have), so a print never starts with a face not loaded. */
@media screen { body { display: none !important; } }

html { font-family: ${FONT_STACK}; color: ${PALETTE.ink}; font-size: 9.5pt; line-height: 1.55;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; font-variant-numeric: tabular-nums; }
body { margin: 0; }
* { box-sizing: border-box; }

/* line-height: normal on headings: with a fixed line-height Chromium 156 wrote each bookmark title
   twice ("一、总体情况一、总体情况") for a heading after a forced page break. */
h1, h2, h3 { font-weight: 700; line-height: normal; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 15pt; color: ${PALETTE.navy}; margin: 0 0 4mm; padding: 0 0 2mm; border-bottom: 1.2pt solid ${PALETTE.accent}; }
h2 { font-size: 11.5pt; color: ${PALETTE.navy}; margin: 5mm 0 2.5mm; padding-left: 2.5mm; border-left: 3pt solid ${PALETTE.accent}; }
section.chapter { break-before: page; }
h1.flow-h { margin-top: 9mm; }
p { margin: 0 0 2mm; }
.muted { color: ${PALETTE.muted}; }
.small { font-size: 8pt; }
.num { text-align: right; white-space: nowrap; }
.center { text-align: center; }
.nowrap { white-space: nowrap; }
.lead-text { font-size: 10.5pt; margin-bottom: 4mm; }

/* Cover */
.cover { page: cover; position: relative; width: 210mm; height: 297mm; overflow: hidden; break-after: page; }
.cover .band { position: absolute; left: 0; right: 0; top: 0; height: 9mm; background: ${PALETTE.accent}; }
.cover .band2 { position: absolute; left: 0; right: 0; top: 9mm; height: 1.2mm; background: #d9a441; }
.cover .inner { position: absolute; left: 24mm; right: 24mm; top: 52mm; }
.cover .kicker { font-size: 11pt; letter-spacing: 0.12em; color: ${PALETTE.accent}; font-weight: 700; }
.cover .plan { font-size: 13pt; color: ${PALETTE.muted}; margin-top: 10mm; }
.cover .title { font-size: 28pt; font-weight: 700; color: ${PALETTE.ink}; line-height: 1.3; margin-top: 4mm; }
.cover .title span { display: block; }
.cover .title span:first-child { color: ${PALETTE.accent}; }
.cover .headline { display: grid; grid-template-columns: repeat(3, 1fr); gap: 4mm; margin: 0 0 10mm; }
.cover .headline > div { border-left: 2.5pt solid ${PALETTE.navy}; padding: 1mm 0 1mm 3.5mm; }
.cover .headline > div.warn { border-left-color: ${PALETTE.status.滞后}; }
.cover .headline .v { font-size: 22pt; font-weight: 700; line-height: 1.15; color: ${PALETTE.navy}; }
.cover .headline .warn .v { color: ${PALETTE.status.滞后}; }
.cover .headline .v small { font-size: 11pt; font-weight: 400; color: ${PALETTE.muted}; margin-left: 1mm; }
.cover .headline .k { font-size: 9pt; color: ${PALETTE.muted}; }
.cover .rule { width: 36mm; height: 2pt; background: ${PALETTE.accent}; margin: 8mm 0 9mm; }
.cover dl { display: grid; grid-template-columns: 34mm 1fr; row-gap: 2.5mm; margin: 0; font-size: 10.5pt; }
.cover dt { color: ${PALETTE.muted}; }
.cover dd { margin: 0; }
.cover .sha { font-size: 8.5pt; word-break: break-all; letter-spacing: 0.02em; }
.cover .demo { display: inline-block; margin-top: 10mm; padding: 1.5mm 4mm; border: 1pt solid ${PALETTE.status.未启动}; color: #a05f00; font-weight: 700; }
.cover .foot { position: absolute; left: 24mm; right: 24mm; bottom: 22mm; font-size: 8.5pt; color: ${PALETTE.muted};
  border-top: 0.6pt solid ${PALETTE.rule}; padding-top: 3mm; }
.cover .issuer-big { position: absolute; left: 24mm; right: 24mm; bottom: 36mm; font-size: 13pt; font-weight: 700; }

/* KPI tiles */
.kpis { display: grid; grid-template-columns: repeat(6, 1fr); gap: 2.5mm; margin: 2mm 0 4mm; break-inside: avoid; }
.kpis.four { grid-template-columns: repeat(4, 1fr); }
.kpi { background: ${PALETTE.band}; border-radius: 1.5mm; padding: 2.5mm 3mm; border-top: 2pt solid ${PALETTE.navy}; }
.kpi .v { font-size: 17pt; font-weight: 700; line-height: 1.2; }
.kpi .v small { font-size: 9pt; font-weight: 400; color: ${PALETTE.muted}; margin-left: 0.6mm; }
.kpi .k { font-size: 8.5pt; color: ${PALETTE.muted}; }
.kpi.s-done { border-top-color: ${PALETTE.status.已完成}; } .kpi.s-done .v { color: ${PALETTE.status.已完成}; }
.kpi.s-pace { border-top-color: ${PALETTE.status.序时推进}; } .kpi.s-pace .v { color: ${PALETTE.status.序时推进}; }
.kpi.s-lag { border-top-color: ${PALETTE.status.滞后}; } .kpi.s-lag .v { color: ${PALETTE.status.滞后}; }
.kpi.s-idle { border-top-color: ${PALETTE.status.未启动}; } .kpi.s-idle .v { color: ${PALETTE.status.未启动}; }
.kpi.s-none { border-top-color: ${PALETTE.status.未填报}; } .kpi.s-none .v { color: #6b7280; }
.kpi.accent { border-top-color: ${PALETTE.accent}; } .kpi.accent .v { color: ${PALETTE.accent}; }

/* Tables */
table { width: 100%; border-collapse: collapse; margin: 1mm 0 4mm; font-size: 8.6pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { background: ${PALETTE.navy}; color: #fff; font-weight: 700; text-align: left; padding: 1.6mm 2mm; border: 0.5pt solid ${PALETTE.navy}; }
td { padding: 1.4mm 2mm; border-bottom: 0.5pt solid ${PALETTE.rule}; vertical-align: top; }
tbody tr:nth-child(even) td { background: #fafbfc; }
th.num, td.num { text-align: right; }
/* Header labels may wrap (English ones are long): a table wider than the page makes Chromium
   shrink every page of the document to fit. */
th, th.num, th.nowrap { white-space: normal; }
table { table-layout: auto; max-width: 100%; }
td.task { min-width: 55mm; }
th.w-no { width: 7%; } th.w-task { width: 45%; } th.w-task-wide { width: 58%; } th.w-progress { width: 36%; }
th.w-units { width: 23%; } th.w-status { width: 12%; }
th.t-no { width: 6%; } th.t-name { width: 20%; } th.t-name-wide { width: 30%; } th.t-units { width: 18%; } th.t-rate { width: 15%; } th.t-state { width: 8%; }
.units { color: ${PALETTE.muted}; font-size: 8pt; }
tr.total td { font-weight: 700; border-top: 1pt solid ${PALETTE.navy}; background: ${PALETTE.band}; }

/* Status chips */
.chip { display: inline-block; padding: 0.2mm 1.8mm; border-radius: 1mm; font-size: 8pt; font-weight: 700; color: #fff; white-space: nowrap; }
.chip.s-已完成, .chip.t-达标 { background: ${PALETTE.status.已完成}; }
.chip.s-序时推进, .chip.t-序时 { background: ${PALETTE.status.序时推进}; }
.chip.s-滞后, .chip.t-脱幅 { background: ${PALETTE.status.滞后}; }
.chip.s-未启动 { background: ${PALETTE.status.未启动}; }
.chip.s-未填报 { background: #fff; color: #6b7280; border: 0.6pt solid ${PALETTE.status.未填报}; }
.chip.t-none { background: #fff; color: #6b7280; border: 0.6pt solid ${PALETTE.status.未填报}; }
.tag { display: inline-block; font-size: 7.5pt; color: ${PALETTE.status.滞后}; border: 0.5pt solid ${PALETTE.status.滞后}; border-radius: 1mm; padding: 0 1.2mm; margin-left: 1mm; }
svg.bar { vertical-align: middle; margin-right: 1.5mm; }
.rank-up { color: ${PALETTE.status.已完成}; } .rank-down { color: ${PALETTE.status.滞后}; }

/* Charts */
figure.chart { margin: 2mm 0 5mm; break-inside: avoid; }
figure.chart canvas { display: block; }
.charts-2 { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; break-inside: avoid; }
figure.chart figcaption { font-size: 8.5pt; color: ${PALETTE.muted}; text-align: center; margin-top: 1.5mm; }

/* Issue cards (lagging tasks, problems) */
.issue { border: 0.6pt solid ${PALETTE.rule}; border-left: 3pt solid ${PALETTE.status.滞后}; border-radius: 1mm; padding: 2.5mm 3.5mm; margin: 0 0 3mm; break-inside: avoid; }
.issue .head { font-weight: 700; margin-bottom: 1mm; }
.issue .head .id { color: ${PALETTE.accent}; margin-right: 1.5mm; }
.issue .meta { font-size: 8pt; color: ${PALETTE.muted}; margin-bottom: 1.2mm; }
.issue dl { display: grid; grid-template-columns: 17mm 1fr; gap: 0.8mm 2mm; margin: 0; font-size: 8.8pt; }
.issue dt { color: ${PALETTE.muted}; }
.issue dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.pill-list { display: flex; flex-wrap: wrap; gap: 1.5mm 2mm; }
.pill { background: ${PALETTE.band}; border: 0.5pt solid ${PALETTE.rule}; border-radius: 3mm; padding: 0.5mm 2.5mm; font-size: 8.5pt; }
.pill b { color: ${PALETTE.accent}; margin-left: 1mm; }

/* Sources */
.sources { columns: 2; column-gap: 6mm; font-size: 7.4pt; line-height: 1.45; }
.src { break-inside: avoid; padding: 0.3mm 0; border-bottom: 0.4pt dotted ${PALETTE.rule}; }
.src .subj { font-weight: 700; color: ${PALETTE.ink}; margin-right: 1mm; }
.src .f { color: ${PALETTE.muted}; }
.src .cell { color: ${PALETTE.navy}; white-space: nowrap; }
h2 .h-note { font-size: 8pt; font-weight: 400; color: ${PALETTE.muted}; margin-left: 1mm; }
.trace { break-before: avoid; font-size: 7.5pt; color: ${PALETTE.muted}; word-break: break-all; margin-top: 3mm; border-top: 0.5pt solid ${PALETTE.rule}; padding-top: 1.5mm; }

/* Scorecards */
section.scorecard { break-before: page; }
section.scorecard:first-of-type { break-before: auto; }
.sc-head { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 1.2pt solid ${PALETTE.accent}; padding-bottom: 2mm; margin-bottom: 4mm; }
.sc-head h1 { border: 0; margin: 0; padding: 0; font-size: 19pt; }
.sc-head .sub { font-size: 9pt; color: ${PALETTE.muted}; }
.sc-head .right { text-align: right; }
.sc-score { display: grid; grid-template-columns: 40mm 1fr 68mm; gap: 3.5mm; align-items: stretch; margin: 1mm 0 2mm; break-inside: avoid; }
.sc-score .big { background: ${PALETTE.navy}; color: #fff; border-radius: 2mm; padding: 3mm 4mm; display: flex; flex-direction: column; justify-content: center; }
.sc-score .big .v { font-size: 30pt; font-weight: 700; line-height: 1.1; }
.sc-score .big .k { font-size: 9pt; opacity: 0.85; }
.sc-score .big .r { font-size: 10.5pt; margin-top: 1.5mm; font-weight: 700; }
.sc-score .big .p { font-size: 8pt; opacity: 0.8; }
.sc-score .kpis { margin: 0; grid-template-columns: repeat(2, 1fr); gap: 2mm; }
.sc-score .kpi { padding: 1.6mm 2.5mm; }
.sc-score .kpi .v { font-size: 13pt; }
.sc-score figure.chart { margin: 0; border: 0.5pt solid ${PALETTE.rule}; border-radius: 1.5mm; padding: 1mm; }
.sc-score .charts-2 { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; break-inside: avoid; }
figure.chart figcaption { margin-top: 0; font-size: 7.5pt; }
`;
