/**
 * The report model: plain, language-neutral data for one quarter, computed from a Ledger and its
 * scores (Q1..QN). Templates only format it; every figure a page shows is here, with the workbook
 * cell it came from (refs → 数据来源).
 */
import type { CollectionRow } from "../../shared/workbook/sheet.collection";
import type { Ledger, Quarter, Status, TaskEntry } from "../../shared/ledger/schema";
import { reportingUnits, sharingUnits } from "../../shared/plan/reporting";
import type { Task, Target, UnitKind } from "../../shared/plan/schema";
import type { LedgerScores, SectionSummary, TargetState, UnitScore } from "../../shared/scoring/schema";
import { RANK_GROUP_ORDER, rankGroupOf, type RankGroup } from "../../shared/scoring/units";
import { STATUS_WORDS, UNREPORTED } from "../../shared/vocabulary";

export type Lang = "zh" | "en";
/** A task's status in a report: a ledger status, or 未填报 when the unit entered none. */
export type StatusKey = Status | typeof UNREPORTED;
export const STATUS_KEYS: readonly StatusKey[] = [...STATUS_WORDS, UNREPORTED];

export interface ReportMeta {
  lang: Lang;
  planTitle: string | null;
  year: number | null;
  issuer: string | null;
  documentNumber: string | null;
  quarter: Quarter;
  /** ISO 8601 timestamp. */
  generatedAt: string;
  workbookSha256: string;
  demo: boolean;
}

/** What a cited figure is about; the template turns it into words in the report's language. */
export type FigureSubject =
  | { kind: "overall" }
  | { kind: "section"; id: string; title: string }
  | { kind: "task"; id: number }
  | { kind: "target"; id: string; name: string }
  | { kind: "unit"; name: string };

export interface SourceRow {
  subject: FigureSubject;
  /** The refs key: "status", "actual", "score", … */
  field: string;
  /** "Sheet!Cell" */
  cell: string;
}

export interface TaskRow {
  id: number;
  section: string;
  subsection: string | null;
  text: string;
  lead: string[];
  responsible: string[];
  status: StatusKey;
  score: number;
  warning: string | null;
  progress: string;
  problems: string;
  nextSteps: string;
  /** States of its targets this quarter (behind-pace tasks are listed as lagging too). */
  behindTargets: number;
}

export interface TargetRow {
  id: string;
  taskId: number;
  name: string;
  unit: string;
  comparator: Target["comparator"];
  kind: Target["kind"];
  /** The full-year target value. */
  target: number;
  actual: number | null;
  expected: number | null;
  completion: number | null;
  state: TargetState | null;
  lead: string[];
}

export interface SectionRow {
  id: string;
  title: string;
  tasks: number;
  byStatus: Record<StatusKey, number>;
  targets: number;
  targetsMet: number;
  targetsOnPace: number;
  targetsBehind: number;
  completion: number;
}

export interface UnitRow {
  name: string;
  kind: UnitKind;
  /** Units are ranked within their group (departments, townships, collective designations). */
  group: RankGroup;
  /** Size of its rank group: "rank r of N". */
  of: number;
  lead: number;
  responsible: number;
  completed: number;
  lagging: number;
  unreported: number;
  targetRate: number | null;
  score: number;
  rank: number;
  /** Rank in the previous quarter, when there is one. */
  previousRank: number | null;
}

export interface TrendPoint {
  quarter: Quarter;
  completion: number;
  byStatus: Record<StatusKey, number>;
  targetsMet: number;
  targetsOnPace: number;
  targetsBehind: number;
}

export interface SummaryModel {
  meta: ReportMeta;
  overall: SectionRow;
  /** Units with tasks not reported this quarter, most missing first. */
  unitsNotReported: { unit: string; count: number }[];
  sections: SectionRow[];
  targets: TargetRow[];
  lagging: TaskRow[];
  ranking: UnitRow[];
  trend: TrendPoint[];
  unreported: TaskRow[];
  sources: SourceRow[];
  /**
   * 回收情况 of the quarter when the ledger was collected from unit workbooks (plan-ledger merge):
   * units whose file has not come back, units with conflicts; null when the ledger never had a merge.
   */
  collection: { notReturned: string[]; withConflicts: { unit: string; count: number }[] } | null;
}

export interface UnitTrendPoint {
  quarter: Quarter;
  score: number | null;
  rank: number | null;
  of: number;
}

export interface ScorecardModel {
  meta: ReportMeta;
  unit: UnitRow;
  /** Number of units in its rank group. */
  of: number;
  led: TaskRow[];
  shared: TaskRow[];
  targets: TargetRow[];
  trend: UnitTrendPoint[];
  /** Its tasks with 存在问题 written, or lagging / behind pace. */
  problems: TaskRow[];
  sources: SourceRow[];
}

export interface QuarterReport {
  summary: SummaryModel;
  scorecards: ScorecardModel[];
}

export interface ReportRunMeta {
  workbookSha256: string;
  generatedAt: Date | string;
  lang: Lang;
  /** The 回收情况 rows the reader read (ReadResult.collection); absent or empty: no collection section. */
  collection?: readonly CollectionRow[];
}

export class ReportInputError extends Error {}

function sectionRow(s: SectionSummary): SectionRow {
  return {
    id: s.section,
    title: s.title,
    tasks: s.tasks,
    byStatus: { ...s.byStatus },
    targets: s.targets,
    targetsMet: s.targetsMet,
    targetsOnPace: s.targetsOnPace,
    targetsBehind: s.targetsBehind,
    completion: s.completion,
  };
}

function refsToSources(subject: FigureSubject, refs: Record<string, string>): SourceRow[] {
  return Object.entries(refs).map(([field, cell]) => ({ subject, field, cell }));
}

function sectionOrder(ledger: Ledger): Map<string, number> {
  return new Map(ledger.plan.sections.map((s, i) => [s.id, i]));
}

export function buildQuarterReport(ledger: Ledger, scoresByQuarter: readonly LedgerScores[], quarter: Quarter, run: ReportRunMeta): QuarterReport {
  const scores = scoresByQuarter.find((s) => s.quarter === quarter);
  if (!scores) throw new ReportInputError(`缺少第 ${quarter} 季度的评分 (no scores for quarter ${quarter})`);
  const history = ([1, 2, 3, 4] as Quarter[])
    .filter((q) => q <= quarter)
    .map((q) => scoresByQuarter.find((s) => s.quarter === q))
    .filter((s): s is LedgerScores => s !== undefined);

  const plan = ledger.plan;
  const meta: ReportMeta = {
    lang: run.lang,
    planTitle: plan.meta.title,
    year: plan.meta.year,
    issuer: plan.meta.issuer,
    documentNumber: plan.meta.documentNumber,
    quarter,
    generatedAt: typeof run.generatedAt === "string" ? run.generatedAt : run.generatedAt.toISOString(),
    workbookSha256: run.workbookSha256,
    demo: ledger.demo,
  };

  const entryOf = new Map<number, TaskEntry>();
  for (const e of ledger.entries) if (e.quarter === quarter) entryOf.set(e.taskId, e);
  const taskScoreOf = new Map(scores.tasks.map((t) => [t.taskId, t]));
  const targetScoreOf = new Map(scores.targets.map((t) => [t.targetId, t]));
  const order = sectionOrder(ledger);
  const taskOf = new Map(plan.tasks.map((t) => [t.id, t]));

  const targetRow = (task: Task, target: Target): TargetRow => {
    const s = targetScoreOf.get(target.id);
    return {
      id: target.id,
      taskId: task.id,
      name: target.name,
      unit: target.unit,
      comparator: target.comparator,
      kind: target.kind,
      target: target.value,
      actual: s?.actual ?? null,
      expected: s?.expected ?? null,
      completion: s?.completion ?? null,
      state: s?.state ?? null,
      lead: [...reportingUnits(task)],
    };
  };
  const targets: TargetRow[] = plan.tasks.flatMap((task) => task.targets.map((t) => targetRow(task, t)));
  const targetsOfTask = new Map<number, TargetRow[]>();
  for (const t of targets) targetsOfTask.set(t.taskId, [...(targetsOfTask.get(t.taskId) ?? []), t]);

  const taskRows: TaskRow[] = plan.tasks.map((task) => {
    const s = taskScoreOf.get(task.id);
    const e = entryOf.get(task.id);
    return {
      id: task.id,
      section: task.section,
      subsection: task.subsection,
      text: task.text,
      lead: [...reportingUnits(task)],
      responsible: task.responsible,
      status: s?.status ?? e?.status ?? UNREPORTED,
      score: s?.score ?? 0,
      warning: s?.warning ?? null,
      progress: e?.progress ?? "",
      problems: e?.problems ?? "",
      nextSteps: e?.nextSteps ?? "",
      behindTargets: (targetsOfTask.get(task.id) ?? []).filter((t) => t.state === "脱幅").length,
    };
  });
  const byTaskOrder = (a: TaskRow, b: TaskRow) => (order.get(a.section) ?? 99) - (order.get(b.section) ?? 99) || a.id - b.id;
  taskRows.sort(byTaskOrder);
  const rowOf = new Map(taskRows.map((r) => [r.id, r]));

  const previous = history.find((s) => s.quarter === quarter - 1);
  const previousRankOf = new Map((previous?.units ?? []).map((u) => [u.unit, u.rank]));
  const groupSize = (s: LedgerScores, g: RankGroup) => s.units.filter((x) => rankGroupOf(x.kind) === g).length;
  const unitRow = (u: UnitScore): UnitRow => ({
    name: u.unit,
    kind: u.kind,
    group: rankGroupOf(u.kind),
    of: groupSize(scores, rankGroupOf(u.kind)),
    lead: u.lead,
    responsible: u.responsible,
    completed: u.completed,
    lagging: u.lagging,
    unreported: u.unreported,
    targetRate: u.targetRate,
    score: u.score,
    rank: u.rank,
    previousRank: previousRankOf.get(u.unit) ?? null,
  });
  const groupIndex = (u: UnitScore) => RANK_GROUP_ORDER.indexOf(rankGroupOf(u.kind));
  const ranking = [...scores.units].sort((a, b) => groupIndex(a) - groupIndex(b) || a.rank - b.rank || a.unit.localeCompare(b.unit, "zh-CN")).map(unitRow);

  const trend: TrendPoint[] = history.map((s) => ({
    quarter: s.quarter,
    completion: s.overall.completion,
    byStatus: { ...s.overall.byStatus },
    targetsMet: s.overall.targetsMet,
    targetsOnPace: s.overall.targetsOnPace,
    targetsBehind: s.overall.targetsBehind,
  }));

  const summarySources: SourceRow[] = [
    ...refsToSources({ kind: "overall" }, scores.overall.refs),
    ...scores.sections.flatMap((s) => refsToSources({ kind: "section", id: s.section, title: s.title }, s.refs)),
    ...scores.targets.flatMap((t) =>
      refsToSources({ kind: "target", id: t.targetId, name: targets.find((r) => r.id === t.targetId)?.name ?? t.targetId }, t.refs),
    ),
    ...scores.units.flatMap((u) => refsToSources({ kind: "unit", name: u.unit }, u.refs)),
    ...scores.tasks.flatMap((t) => refsToSources({ kind: "task", id: t.taskId }, t.refs)),
  ];

  const summary: SummaryModel = {
    meta,
    overall: sectionRow(scores.overall),
    unitsNotReported: scores.units
      .filter((u) => u.unreported > 0)
      .map((u) => ({ unit: u.unit, count: u.unreported }))
      .sort((a, b) => b.count - a.count || a.unit.localeCompare(b.unit, "zh-CN")),
    sections: scores.sections.map(sectionRow),
    targets,
    lagging: taskRows.filter((t) => t.status === "滞后" || t.behindTargets > 0),
    ranking,
    trend,
    unreported: taskRows.filter((t) => t.status === UNREPORTED),
    sources: summarySources,
    collection: collectionOf(run.collection ?? [], quarter),
  };

  // Scorecards are for named units; collective designations (各乡镇（街道）…) answer as no one.
  const scorecards: ScorecardModel[] = ranking
    .filter((u) => u.group !== "collective")
    .map((unit) => {
      const led = plan.tasks
        .filter((t) => reportingUnits(t).includes(unit.name))
        .map((t) => rowOf.get(t.id)!)
        .sort(byTaskOrder);
      const shared = plan.tasks
        .filter((t) => !reportingUnits(t).includes(unit.name) && sharingUnits(t).includes(unit.name))
        .map((t) => rowOf.get(t.id)!)
        .sort(byTaskOrder);
      const own = [...led, ...shared];
      const unitScore = scores.units.find((u) => u.unit === unit.name)!;
      return {
        meta,
        unit,
        of: unit.of,
        led,
        shared,
        targets: led.flatMap((t) => targetsOfTask.get(t.id) ?? []),
        trend: history.map((s) => {
          const u = s.units.find((x) => x.unit === unit.name);
          return { quarter: s.quarter, score: u?.score ?? null, rank: u?.rank ?? null, of: groupSize(s, unit.group) };
        }),
        problems: led.filter((t) => t.problems.trim() !== "" || t.status === "滞后" || t.behindTargets > 0),
        sources: [
          ...refsToSources({ kind: "unit", name: unit.name }, unitScore.refs),
          ...own.flatMap((t) => refsToSources({ kind: "task", id: t.id }, taskScoreOf.get(t.id)?.refs ?? {})),
          ...led.flatMap((t) =>
            (taskOf.get(t.id)?.targets ?? []).flatMap((tg) =>
              refsToSources({ kind: "target", id: tg.id, name: tg.name }, targetScoreOf.get(tg.id)?.refs ?? {}),
            ),
          ),
        ],
      };
    });

  return { summary, scorecards };
}

function collectionOf(rows: readonly CollectionRow[], quarter: Quarter): SummaryModel["collection"] {
  const mine = rows.filter((r) => r.quarter === quarter);
  if (mine.length === 0) return null;
  return {
    notReturned: mine.filter((r) => !r.returned).map((r) => r.unit),
    withConflicts: mine.filter((r) => r.conflicts > 0).map((r) => ({ unit: r.unit, count: r.conflicts })),
  };
}
