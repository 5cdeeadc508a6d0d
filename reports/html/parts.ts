/** Small pieces both report pages use: status chips, bars, chart figures, source tables. */
import type { ReportMeta, SourceRow, StatusKey, TargetRow } from "../model/model.report";
import type { TargetState } from "../../shared/scoring/schema";
import { comparatorSymbol, formatNumber, formatPercent, type Labels } from "./labels";
import { html, jsonScript, type SafeHtml } from "./safe-html";
import type { ChartSpec } from "./script.charts";
import { PALETTE } from "./styles";

export function statusChip(L: Labels, s: StatusKey): SafeHtml {
  return html`<span class="chip s-${s}">${L.status[s]}</span>`;
}

export function stateChip(L: Labels, s: TargetState | null): SafeHtml {
  return s ? html`<span class="chip t-${s}">${L.targetState[s]}</span>` : html`<span class="chip t-none">${L.status.未填报}</span>`;
}

/** A horizontal completion bar as inline SVG (attributes only: allowed by the CSP). */
export function bar(share: number | null, color: string = PALETTE.navy, width = 46): SafeHtml {
  const w = share === null ? 0 : Math.max(0, Math.min(1, share)) * width;
  return html`<svg class="bar" width="${width}" height="7" viewBox="0 0 ${width} 7" aria-hidden="true"><rect width="${width}" height="7" rx="1.5" fill="#e6e9ef"/><rect width="${w.toFixed(1)}" height="7" rx="1.5" fill="${color}"/></svg>`;
}

/** Target bars take the colour of the target's state (a 45% completion can be on pace in Q2). */
export function stateColor(state: TargetState | null): string {
  return state ? PALETTE.state[state] : PALETTE.status.未填报;
}

export function completionColor(share: number | null): string {
  if (share === null) return PALETTE.status.未填报;
  if (share >= 0.999) return PALETTE.status.已完成;
  if (share >= 0.6) return PALETTE.status.序时推进;
  return PALETTE.status.滞后;
}

export function chartFigure(id: string, spec: ChartSpec, caption: string): SafeHtml {
  return html`<figure class="chart">
<canvas data-chart="${id}" role="img" aria-label="${spec.alt}" width="${spec.width}" height="${spec.height}"></canvas>
${jsonScript(`chart-${id}`, spec)}
<figcaption>${caption}</figcaption>
</figure>`;
}

/** Unit names joined; with `max`, the first few and "等N个单位" (tables stay readable for tasks led by many). */
export function unitList(L: Labels, units: readonly string[], max = Infinity): string {
  if (units.length === 0) return "—";
  if (units.length <= max) return units.join(L.listSeparator);
  return units.slice(0, max).join(L.listSeparator) + L.text.andMore(units.length - max, units.length);
}

export function targetValue(t: Pick<TargetRow, "comparator" | "target" | "unit">): string {
  return `${comparatorSymbol(t.comparator)} ${formatNumber(t.target)}${t.unit}`;
}

export function targetsTable(L: Labels, rows: readonly TargetRow[], showLead: boolean): SafeHtml {
  if (rows.length === 0) return html`<p class="muted">${L.text.noTargets}</p>`;
  return html`<table>
<thead><tr><th scope="col" class="nowrap t-no">${L.col.no}</th><th scope="col" class="${showLead ? "t-name" : "t-name-wide"}">${L.col.targetName}</th>${showLead ? html`<th scope="col" class="t-units">${L.col.lead}</th>` : ""}<th scope="col" class="num">${L.col.target}</th><th scope="col" class="num">${L.col.expected}</th><th scope="col" class="num">${L.col.actual}</th><th scope="col" class="t-rate">${L.col.rate}</th><th scope="col" class="t-state">${L.col.state}</th></tr></thead>
<tbody>
${rows.map(
  (
    t,
  ) => html`<tr><td class="nowrap">${t.id}</td><td>${t.name}</td>${showLead ? html`<td class="units">${unitList(L, t.lead, 1)}</td>` : ""}<td class="num">${targetValue(t)}</td><td class="num">${t.expected === null ? "—" : formatNumber(t.expected) + t.unit}</td><td class="num">${t.actual === null ? "—" : formatNumber(t.actual) + t.unit}</td><td class="nowrap">${bar(t.completion, stateColor(t.state), 34)}${formatPercent(t.completion)}</td><td>${stateChip(L, t.state)}</td></tr>
`,
)}
</tbody>
</table>`;
}

/** 数据来源: one line per subject, its figures' cells inline, in two columns to keep the appendix short. */
export function sourcesTable(L: Labels, rows: readonly SourceRow[]): SafeHtml {
  const groups = new Map<string, { subject: SourceRow["subject"]; cells: SourceRow[] }>();
  for (const r of rows) {
    const key = JSON.stringify(r.subject);
    const g = groups.get(key) ?? { subject: r.subject, cells: [] };
    g.cells.push(r);
    groups.set(key, g);
  }
  return html`<p class="small muted">${L.text.sourcesIntro}</p>
<div class="sources">
${[...groups.values()].map(
  (
    g,
  ) => html`<div class="src"><span class="subj">${L.figure(g.subject)}</span>${g.cells.map((c) => html` <span class="f">${L.field[c.field] ?? c.field}</span> <span class="cell">${c.cell}</span>`)}</div>
`,
)}
</div>`;
}

export function traceLine(L: Labels, meta: ReportMeta): SafeHtml {
  return html`<div class="trace">${L.text.traceability(meta.workbookSha256, L.dateTime(meta.generatedAt))}</div>`;
}

export function reportTitle(L: Labels, meta: ReportMeta): string {
  return L.summaryTitle(meta.year, meta.quarter);
}
