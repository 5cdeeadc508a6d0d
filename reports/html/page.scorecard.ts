/** Unit scorecards for leaders: score and rank, tasks led and shared, targets, trend, problems. */
import type { ScorecardModel, TaskRow } from "../model/model.report";
import { formatPercent, formatScore, labelsFor, type Labels } from "./labels";
import { chartFigure, sourcesTable, statusChip, targetsTable, traceLine, unitList } from "./parts";
import { html, type SafeHtml } from "./safe-html";
import type { ChartSpec } from "./script.charts";
import { PALETTE } from "./styles";
import type { HtmlDocument } from "./document";

function trendChart(L: Labels, m: ScorecardModel, id: string): SafeHtml {
  // Score as bars, the rank written under each quarter (a second axis for rank crowded the small chart).
  const spec: ChartSpec = {
    type: "bar",
    labels: m.trend.map((t) => [L.quarter(t.quarter), t.rank === null ? "—" : L.kpi.rankShort(t.rank, t.of)]),
    width: 250,
    height: 150,
    max: 100,
    legend: false,
    valueLabels: true,
    alt: `${m.unit.name} ${L.text.chartUnitTrend}: ${m.trend.map((t) => `${L.quarter(t.quarter)} ${formatScore(t.score)}`).join(", ")}`,
    datasets: [{ label: L.text.scoreSeries, data: m.trend.map((t) => (t.score === null ? null : Math.round(t.score * 10) / 10)), color: PALETTE.navy }],
  };
  return chartFigure(id, spec, L.text.chartUnitTrend);
}

/** Shared tasks are a reference list: their text is clipped (the summary prints it in full). */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? chars.slice(0, max).join("") + "…" : text;
}

function tasksTable(L: Labels, rows: readonly TaskRow[], lead: boolean): SafeHtml {
  if (rows.length === 0) return html`<p class="muted">${L.text.noTasks}</p>`;
  return html`<table>
<thead><tr><th scope="col" class="nowrap w-no">${L.col.no}</th><th scope="col" class="${lead ? "w-task" : "w-task-wide"}">${L.col.task}</th>${lead ? html`<th scope="col" class="w-progress">${L.col.progress}</th>` : html`<th scope="col" class="w-units">${L.col.lead}</th>`}<th scope="col" class="w-status">${L.col.status}</th></tr></thead>
<tbody>
${rows.map(
  (
    t,
  ) => html`<tr><td class="num">${t.id}</td><td class="task">${lead ? t.text : clip(t.text, 90)}${t.behindTargets ? html`<span class="tag">${L.text.behindTag(t.behindTargets)}</span>` : ""}</td>${lead ? html`<td>${t.progress || html`<span class="muted">${L.text.notFilled}</span>`}</td>` : html`<td class="units">${unitList(L, t.lead, 3)}</td>`}<td>${statusChip(L, t.status)}</td></tr>
`,
)}
</tbody>
</table>`;
}

function problems(L: Labels, rows: readonly TaskRow[]): SafeHtml {
  if (rows.length === 0) return html`<p class="muted">${L.text.none}</p>`;
  return html`${rows.map(
    (t) => html`<div class="issue">
<div class="head"><span class="id">${t.id}.</span>${t.text} ${statusChip(L, t.status)}</div>
<dl>
<dt>${L.col.problems}</dt><dd>${t.problems || L.text.notFilled}</dd>
<dt>${L.col.nextSteps}</dt><dd>${t.nextSteps || L.text.notFilled}</dd>
</dl>
</div>`,
  )}`;
}

/**
 * A card's markup before and after its trend chart, which do not depend on where the card stands in
 * its document: rendered once per model (the package measures each card alone, then prints it in its
 * batch; only the section's index and the chart's id differ).
 */
const cardParts = new WeakMap<ScorecardModel, { head: SafeHtml; tail: SafeHtml }>();
function partsOf(L: Labels, m: ScorecardModel): { head: SafeHtml; tail: SafeHtml } {
  let parts = cardParts.get(m);
  if (parts) return parts;
  const u = m.unit;
  parts = {
    head: html`
<div class="sc-head">
<div><div class="sub">${L.scorecardTitle(m.meta.year, m.meta.quarter)}</div><h1>${u.name}</h1></div>
<div class="right sub">${L.unitKind[u.kind]}</div>
</div>
<div class="sc-score">
<div class="big"><div class="k">${L.kpi.score}</div><div class="v">${formatScore(u.score)}</div><div class="r">${L.kpi.rankOf(u.rank, m.of)}</div>${u.previousRank !== null ? html`<div class="p">${L.kpi.previousRank(u.previousRank)}</div>` : ""}</div>
<div class="kpis">
<div class="kpi"><div class="v">${u.lead}</div><div class="k">${L.kpi.led}</div></div>
<div class="kpi"><div class="v">${u.responsible}</div><div class="k">${L.kpi.shared}</div></div>
<div class="kpi s-done"><div class="v">${u.completed}</div><div class="k">${L.status.已完成}</div></div>
<div class="kpi s-lag"><div class="v">${u.lagging}</div><div class="k">${L.status.滞后}</div></div>
<div class="kpi s-none"><div class="v">${u.unreported}</div><div class="k">${L.status.未填报}</div></div>
<div class="kpi s-pace"><div class="v">${formatPercent(u.targetRate, 0)}</div><div class="k">${L.kpi.targetRate}</div></div>
</div>
`,
    tail: html`
</div>
<h2>${L.h.ledTasks}${L.count(m.led.length)}</h2>
${tasksTable(L, m.led, true)}
<h2>${L.h.sharedTasks}${L.count(m.shared.length)}</h2>
${tasksTable(L, m.shared, false)}
<h2>${L.h.unitTargets}</h2>
${targetsTable(L, m.targets, false)}
<h2>${L.h.unitProblems}</h2>
${problems(L, m.problems)}
<h2>${L.h.unitSources}</h2>
${sourcesTable(L, m.sources)}
${traceLine(L, m.meta)}
`,
  };
  cardParts.set(m, parts);
  return parts;
}

function scorecardSection(m: ScorecardModel, index: number): SafeHtml {
  const L = labelsFor(m.meta.lang);
  const { head, tail } = partsOf(L, m);
  return html`<section class="scorecard" data-group="${index}">${head}${trendChart(L, m, `unit-${index}`)}${tail}</section>`;
}

/**
 * One document for one or many scorecards (each starts a page; each unit's <h1> is a bookmark), each
 * unit a page group: its pages numbered on their own and its name in the top-right margin box, so
 * that the document printed once is the combined PDF and, cut by units, every unit's own PDF.
 */
export function scorecardsDocument(cards: readonly ScorecardModel[]): HtmlDocument {
  if (cards.length === 0) throw new Error("scorecardsDocument: no scorecards");
  const meta = cards[0]!.meta;
  const L = labelsFor(meta.lang);
  const title = cards.length === 1 ? `${cards[0]!.unit.name} · ${L.scorecardTitle(meta.year, meta.quarter)}` : L.scorecardTitle(meta.year, meta.quarter);
  return {
    title,
    runningTitle: meta.demo ? L.demoRunning(L.scorecardTitle(meta.year, meta.quarter)) : L.scorecardTitle(meta.year, meta.quarter),
    runningRight: cards.length === 1 ? cards[0]!.unit.name : (meta.issuer ?? meta.planTitle ?? L.planFallback),
    author: L.author(meta.issuer),
    subject: cards.length === 1 ? L.scorecardSubject(cards[0]!.unit.name) : L.scorecardTitle(meta.year, meta.quarter),
    keywords: L.keywords,
    labels: L,
    body: html`${cards.map((c, i) => scorecardSection(c, i))}`,
    groups: cards.map((c) => ({ bookmark: c.unit.name, runningRight: c.unit.name })),
  };
}
