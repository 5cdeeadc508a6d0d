/** The quarterly summary for evaluators: cover, overview, sections, targets, lagging tasks, ranking, trend, appendices. */
import { STATUS_KEYS, type SummaryModel, type TaskRow, type UnitRow } from "../model/model.report";
import { RANK_GROUP_ORDER } from "../../shared/scoring/units";
import { formatPercent, formatScore, labelsFor, type Labels } from "./labels";
import { bar, chartFigure, completionColor, sourcesTable, statusChip, targetsTable, traceLine, unitList } from "./parts";
import { html, type SafeHtml } from "./safe-html";
import type { ChartSpec } from "./script.charts";
import { PALETTE } from "./styles";
import type { HtmlDocument } from "./document";

const STATUS_CLASS = { 已完成: "s-done", 序时推进: "s-pace", 滞后: "s-lag", 未启动: "s-idle", 未填报: "s-none" } as const;

function cover(L: Labels, m: SummaryModel): SafeHtml {
  const meta = m.meta;
  return html`<section class="cover">
<div class="band"></div><div class="band2"></div>
<div class="inner">
<div class="kicker">${L.cover.kicker}</div>
<div class="plan">${meta.planTitle ?? L.planFallback}</div>
<div class="title">${L.coverTitle(meta.year, meta.quarter).map((line) => html`<span>${line}</span>`)}</div>
<div class="rule"></div>
<div class="headline">
<div><div class="v">${formatPercent(m.overall.completion)}</div><div class="k">${L.kpi.completion}</div></div>
<div><div class="v">${m.overall.byStatus.已完成}<small>/ ${m.overall.tasks}</small></div><div class="k">${L.cover.completedOf}</div></div>
<div class="warn"><div class="v">${m.overall.byStatus.滞后}<small>${L.cover.lagSep}${m.overall.targetsBehind}</small></div><div class="k">${L.cover.lagging}</div></div>
</div>
<dl>
<dt>${L.cover.quarter}</dt><dd>${L.period(meta.year, meta.quarter)}</dd>
${meta.issuer ? html`<dt>${L.cover.issuer}</dt><dd>${meta.issuer}</dd>` : ""}
${meta.documentNumber ? html`<dt>${L.cover.docNumber}</dt><dd>${meta.documentNumber}</dd>` : ""}
<dt>${L.cover.reportDate}</dt><dd>${L.dateTime(meta.generatedAt)}</dd>
<dt>${L.cover.workbook}</dt><dd class="sha">${meta.workbookSha256}</dd>
</dl>
${meta.demo ? html`<div class="demo">${L.cover.demo}</div>` : ""}
</div>
${meta.issuer ? html`<div class="issuer-big">${meta.issuer}</div>` : ""}
<div class="foot">${L.cover.note}</div>
</section>`;
}

function overview(L: Labels, m: SummaryModel): SafeHtml {
  const o = m.overall;
  const q = L.period(m.meta.year, m.meta.quarter);
  return html`<section class="chapter">
<h1>${L.h.overview}</h1>
<p class="lead-text">${L.text.overviewLead(q, o.tasks, o.byStatus.已完成, formatPercent(o.completion))}</p>
<div class="kpis">
<div class="kpi"><div class="v">${o.tasks}</div><div class="k">${L.kpi.tasks}</div></div>
${STATUS_KEYS.map((s) => html`<div class="kpi ${STATUS_CLASS[s]}"><div class="v">${o.byStatus[s]}</div><div class="k">${L.status[s]}</div></div>`)}
</div>
<div class="kpis four">
<div class="kpi accent"><div class="v">${formatPercent(o.completion)}</div><div class="k">${L.kpi.completion}</div></div>
<div class="kpi"><div class="v">${o.targets}</div><div class="k">${L.kpi.targets}</div></div>
<div class="kpi s-done"><div class="v">${o.targetsMet}<small>/ ${o.targetsOnPace}</small></div><div class="k">${L.kpi.targetsMet} / ${L.kpi.targetsOnPace}</div></div>
<div class="kpi s-lag"><div class="v">${o.targetsBehind}</div><div class="k">${L.kpi.targetsBehind}</div></div>
</div>
<h2>${L.h.unitsNotReported}</h2>
<p class="small muted">${L.text.unitsNotReportedNote}</p>
${
  m.unitsNotReported.length === 0
    ? html`<p class="muted">${L.text.allReported}</p>`
    : html`<div class="pill-list">${m.unitsNotReported.map((u) => html`<span class="pill">${u.unit}<b>${u.count}</b></span>`)}</div>`
}
${collectionPart(L, m)}
${sectionsPart(L, m)}
</section>`;
}

/** 回收情况 (plan-ledger merge): who has not returned its unit workbook, who has conflicts; nothing without a merge. */
function collectionPart(L: Labels, m: SummaryModel): SafeHtml | string {
  const c = m.collection;
  if (!c) return "";
  return html`<h2>${L.h.collection}</h2>
${c.notReturned.length === 0 ? html`<p class="muted">${L.text.allReturned}</p>` : html`<p class="small">${L.text.notReturned}</p><div class="pill-list">${c.notReturned.map((u) => html`<span class="pill">${u}</span>`)}</div>`}
${c.withConflicts.length === 0 ? "" : html`<p class="small">${L.text.withConflicts}</p><div class="pill-list">${c.withConflicts.map((u) => html`<span class="pill">${u.unit}<b>${u.count}</b></span>`)}</div>`}`;
}

/** Share of each section's tasks by status (100% bars, so a 5-task section reads as well as a 104-task one). */
function sectionsChart(L: Labels, m: SummaryModel): ChartSpec {
  // Each bar is labelled with its section and its completion (mean task score).
  const labels = m.sections.map((s) => [`${s.id}、${Array.from(s.title).slice(0, 10).join("")}`, `${L.col.completion} ${formatPercent(s.completion)}`]);
  return {
    type: "bar",
    horizontal: true,
    stacked: true,
    percent: true,
    max: 1,
    labels,
    width: 660,
    height: Math.max(160, 64 + m.sections.length * 46),
    valueLabels: true,
    valueText: STATUS_KEYS.map((s) => m.sections.map((x) => (x.byStatus[s] ? String(x.byStatus[s]) : null))),
    alt: `${L.text.chartSections}: ${m.sections.map((s) => `${s.id} ${formatPercent(s.completion)}`).join(", ")}`,
    datasets: STATUS_KEYS.map((s) => ({
      label: L.status[s],
      data: m.sections.map((x) => (x.tasks ? x.byStatus[s] / x.tasks : 0)),
      color: PALETTE.status[s],
      stack: "s",
    })),
  };
}

function sectionsPart(L: Labels, m: SummaryModel): SafeHtml {
  return html`<h1 class="flow-h">${L.h.sections}</h1>
${m.sections.length ? chartFigure("sections", sectionsChart(L, m), L.text.chartSections) : ""}
<table>
<thead><tr><th scope="col">${L.col.section}</th><th scope="col" class="num">${L.col.tasks}</th>${STATUS_KEYS.map((s) => html`<th scope="col" class="num">${L.status[s]}</th>`)}<th scope="col" class="num">${L.kpi.targetsBehind}</th><th scope="col">${L.col.completion}</th></tr></thead>
<tbody>
${m.sections.map(
  (
    s,
  ) => html`<tr><td>${s.id}、${s.title}</td><td class="num">${s.tasks}</td>${STATUS_KEYS.map((k) => html`<td class="num">${s.byStatus[k]}</td>`)}<td class="num">${s.targetsBehind}</td><td class="nowrap">${bar(s.completion, completionColor(s.completion))}${formatPercent(s.completion)}</td></tr>
`,
)}
<tr class="total"><td>${L.text.sectionAll}</td><td class="num">${m.overall.tasks}</td>${STATUS_KEYS.map((k) => html`<td class="num">${m.overall.byStatus[k]}</td>`)}<td class="num">${m.overall.targetsBehind}</td><td class="nowrap">${bar(m.overall.completion, completionColor(m.overall.completion))}${formatPercent(m.overall.completion)}</td></tr>
</tbody>
</table>`;
}

function taskCard(L: Labels, t: TaskRow): SafeHtml {
  return html`<div class="issue">
<div class="head"><span class="id">${t.id}.</span>${t.text} ${statusChip(L, t.status)}${t.behindTargets ? html`<span class="tag">${L.text.behindTag(t.behindTargets)}</span>` : ""}</div>
<div class="meta">${L.col.lead}${L.colon}${unitList(L, t.lead)}${t.warning ? html`${L.gap}${L.col.warning}${L.colon}${L.warning[t.warning] ?? t.warning}` : ""}</div>
<dl>
<dt>${L.col.progress}</dt><dd>${t.progress || L.text.notFilled}</dd>
<dt>${L.col.problems}</dt><dd>${t.problems || L.text.notFilled}</dd>
<dt>${L.col.nextSteps}</dt><dd>${t.nextSteps || L.text.notFilled}</dd>
</dl>
</div>`;
}

function rankingTable(L: Labels, rows: readonly UnitRow[]): SafeHtml {
  return html`<table class="ranking">
<thead><tr><th scope="col" class="num">${L.col.rank}</th><th scope="col">${L.col.unit}</th><th scope="col" class="num">${L.kpi.led}</th><th scope="col" class="num">${L.kpi.shared}</th><th scope="col" class="num">${L.col.completed}</th><th scope="col" class="num">${L.col.lagging}</th><th scope="col" class="num">${L.col.unreported}</th><th scope="col" class="num">${L.col.targetRate}</th><th scope="col">${L.col.score}</th></tr></thead>
<tbody>
${rows.map((u) => {
  const move =
    u.previousRank === null
      ? ""
      : u.previousRank > u.rank
        ? html` <span class="rank-up small">↑${u.previousRank - u.rank}</span>`
        : u.previousRank < u.rank
          ? html` <span class="rank-down small">↓${u.rank - u.previousRank}</span>`
          : "";
  return html`<tr><td class="num nowrap">${u.rank}${move}</td><td>${u.name}</td><td class="num">${u.lead}</td><td class="num">${u.responsible}</td><td class="num">${u.completed}</td><td class="num">${u.lagging}</td><td class="num">${u.unreported}</td><td class="num">${formatPercent(u.targetRate, 0)}</td><td class="nowrap">${bar(u.score / 100, completionColor(u.score / 100), 40)}${formatScore(u.score)}</td></tr>
`;
})}
</tbody>
</table>`;
}

function ranking(L: Labels, m: SummaryModel): SafeHtml {
  return html`<section class="chapter">
<h1>${L.h.ranking}</h1>
<p class="small muted">${L.text.rankingNote}</p>
${RANK_GROUP_ORDER.map((g) => {
  const rows = m.ranking.filter((u) => u.group === g);
  return rows.length ? html`<h2>${L.rankGroup[g]}${L.count(rows.length)}</h2>${rankingTable(L, rows)}` : "";
})}
</section>`;
}

function trendCharts(L: Labels, m: SummaryModel): SafeHtml {
  const labels = m.trend.map((t) => L.quarter(t.quarter));
  const completion: ChartSpec = {
    type: "line",
    labels,
    width: 320,
    height: 220,
    percent: true,
    legend: false,
    valueLabels: true,
    alt: `${L.text.chartTrendCompletion}: ${m.trend.map((t) => `${L.quarter(t.quarter)} ${formatPercent(t.completion)}`).join(", ")}`,
    datasets: [{ label: L.text.completionSeries, data: m.trend.map((t) => t.completion), color: PALETTE.accent }],
  };
  const statuses: ChartSpec = {
    type: "bar",
    stacked: true,
    labels,
    width: 320,
    height: 220,
    valueLabels: true,
    alt: `${L.text.chartTrendStatus}: ${m.trend.map((t) => `${L.quarter(t.quarter)} ${STATUS_KEYS.map((s) => `${L.status[s]} ${t.byStatus[s]}`).join(" ")}`).join("; ")}`,
    datasets: STATUS_KEYS.map((s) => ({ label: L.status[s], data: m.trend.map((t) => t.byStatus[s]), color: PALETTE.status[s], stack: "s" })),
  };
  return html`<div class="charts-2">
${chartFigure("trend-completion", completion, L.text.chartTrendCompletion)}
${chartFigure("trend-status", statuses, L.text.chartTrendStatus)}
</div>`;
}

function trend(L: Labels, m: SummaryModel): SafeHtml {
  return html`<section class="chapter">
<h1>${L.h.trend}</h1>
${trendCharts(L, m)}
<table>
<thead><tr><th scope="col">${L.col.quarter}</th>${STATUS_KEYS.map((s) => html`<th scope="col" class="num">${L.status[s]}</th>`)}<th scope="col" class="num">${L.kpi.targetsMet}</th><th scope="col" class="num">${L.kpi.targetsOnPace}</th><th scope="col" class="num">${L.kpi.targetsBehind}</th><th scope="col">${L.col.completion}</th></tr></thead>
<tbody>
${m.trend.map(
  (
    t,
  ) => html`<tr><td>${L.quarter(t.quarter)}</td>${STATUS_KEYS.map((s) => html`<td class="num">${t.byStatus[s]}</td>`)}<td class="num">${t.targetsMet}</td><td class="num">${t.targetsOnPace}</td><td class="num">${t.targetsBehind}</td><td class="nowrap">${bar(t.completion, completionColor(t.completion))}${formatPercent(t.completion)}</td></tr>
`,
)}
</tbody>
</table>
</section>`;
}

function unreported(L: Labels, m: SummaryModel): SafeHtml {
  return html`<section class="chapter">
<h1>${L.h.unreported}</h1>
${
  m.unreported.length === 0
    ? html`<p class="muted">${L.text.noUnreported}</p>`
    : html`<table>
<thead><tr><th scope="col" class="nowrap w-no">${L.col.no}</th><th scope="col" class="w-task-wide">${L.col.task}</th><th scope="col" class="w-units">${L.col.lead}</th></tr></thead>
<tbody>
${m.unreported.map(
  (t) => html`<tr><td class="num">${t.id}</td><td class="task">${t.text}</td><td class="units">${unitList(L, t.lead, 3)}</td></tr>
`,
)}
</tbody>
</table>`
}
</section>`;
}

export function summaryDocument(m: SummaryModel): HtmlDocument {
  const L = labelsFor(m.meta.lang);
  const title = L.summaryTitle(m.meta.year, m.meta.quarter);
  const body = html`${cover(L, m)}
${overview(L, m)}
<section class="chapter">
<h1>${L.h.targets}</h1>
${targetsTable(L, m.targets, true)}
</section>
<section class="chapter">
<h1>${L.h.lagging}</h1>
${m.lagging.length === 0 ? html`<p class="muted">${L.text.noLagging}</p>` : m.lagging.map((t) => taskCard(L, t))}
</section>
${ranking(L, m)}
${trend(L, m)}
${unreported(L, m)}
<section class="chapter">
<h1>${L.h.sources}</h1>
${sourcesTable(L, m.sources)}
${traceLine(L, m.meta)}
</section>`;
  return {
    title,
    runningTitle: m.meta.demo ? L.demoRunning(title) : title,
    runningRight: m.meta.issuer ?? m.meta.planTitle ?? L.planFallback,
    author: L.author(m.meta.issuer),
    subject: L.summarySubject,
    keywords: L.keywords,
    labels: L,
    body,
  };
}
