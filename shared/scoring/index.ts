/**
 * Scores of a filled ledger for one quarter: targets, tasks, units (with ranks), sections and the
 * whole plan. The same numbers the workbook's formulas compute (see rules.ts for the rules, units.ts
 * for how collective designations count, plausibility.ts for actuals that count only once confirmed).
 * `refs` give the cell holding each figure, as `locate` says (see locate.ts); without it the scores
 * have no refs.
 */
import type { Actual, Ledger, Quarter, Settings, Status, TaskEntry } from "../ledger/schema";
import { reportingUnits, sharingUnits } from "../plan/reporting";
import type { Task, Target } from "../plan/schema";
import type { LedgerScores, SectionSummary, TargetScore, TaskScore, UnitScore } from "./schema";
import { OVERALL, STATUS, TARGET_STATE, WARNINGS } from "../vocabulary";
import { expectedValue, gt, statusScore, targetCompletion, targetState } from "./rules";
import { orderedUnits, type OrderedUnit } from "./units";
import { sectionList, type SectionRow } from "./sections";
import { NOWHERE, OVERALL_ROW, refsOf, type Locate } from "./locate";
import { countedActual } from "./plausibility";

export { defaultSettings, withDefaults } from "./settings";
export { type Locate } from "./locate";
export * from "./rules";

export function scoreLedger(ledger: Ledger, quarter?: Quarter, locate: Locate = NOWHERE): LedgerScores {
  const q: Quarter = quarter ?? ledger.settings.quarter;
  const settings: Settings = { ...ledger.settings, quarter: q };
  const plan = ledger.plan;

  const entries = new Map<string, TaskEntry>();
  for (const e of ledger.entries) entries.set(`${e.taskId}|${e.quarter}`, e);
  const actuals = new Map<string, number | null>();
  for (const a of ledger.actuals) actuals.set(`${a.targetId}|${a.quarter}`, a.value);
  const confirmed = confirmedTargets(ledger);

  const targets = scoreTargets(plan.tasks, actuals, confirmed, q, settings, locate);
  const tasks = scoreTasks(plan.tasks, entries, targets, q, settings, locate);
  const units = scoreUnits(orderedUnits(plan), plan.tasks, tasks, targets, settings, locate);
  const { sections, overall } = summarize(sectionList(plan), plan.tasks, tasks, targets, locate);
  return { quarter: q, tasks, targets, units, sections, overall };
}

/** Targets whose row is marked 已核实: their actuals count as typed, however implausible. */
export function confirmedTargets(ledger: { actuals: readonly Actual[] }): Set<string> {
  return new Set(ledger.actuals.filter((a) => a.confirmed).map((a) => a.targetId));
}

function scoreTargets(
  planTasks: readonly Task[],
  actuals: Map<string, number | null>,
  confirmed: Set<string>,
  q: Quarter,
  settings: Settings,
  locate: Locate,
): TargetScore[] {
  const all: (Target & { taskId: number })[] = planTasks.flatMap((t) => t.targets.map((g) => ({ ...g, taskId: t.id })));
  return all.map((g) => {
    // An implausible actual nobody confirmed counts as not filled (the 本季度实际值 formula is blank too).
    const actual = countedActual(g, actuals.get(`${g.id}|${q}`) ?? null, confirmed.has(g.id));
    const expected = expectedValue(g.value, g.kind, q, settings);
    return {
      targetId: g.id,
      taskId: g.taskId,
      actual,
      expected,
      completion: actual === null ? null : targetCompletion(g.comparator, g.value, actual),
      state: actual === null ? null : targetState(g.comparator, g.value, expected, actual, settings.tolerance),
      refs: refsOf(locate, { kind: "target", id: g.id }),
    };
  });
}

function scoreTasks(
  planTasks: readonly Task[],
  entries: Map<string, TaskEntry>,
  targets: TargetScore[],
  q: Quarter,
  settings: Settings,
  locate: Locate,
): TaskScore[] {
  const behind = new Set(targets.filter((t) => t.state === TARGET_STATE.behind).map((t) => t.taskId));
  return planTasks.map((t) => {
    const e = entries.get(`${t.id}|${q}`);
    const status: Status | null = e?.status ?? null;
    let warning: string | null = null;
    if (status === STATUS.lagging && (e?.problems ?? "").trim() === "") warning = WARNINGS.lagWithoutProblem;
    else if (status === null) warning = WARNINGS.unreported;
    else if (behind.has(t.id)) warning = WARNINGS.targetBehind;
    return {
      taskId: t.id,
      section: t.section,
      status,
      score: statusScore(status, settings),
      warning,
      refs: refsOf(locate, { kind: "task", id: t.id }),
    };
  });
}

function scoreUnits(
  units: readonly OrderedUnit[],
  planTasks: readonly Task[],
  tasks: TaskScore[],
  targets: TargetScore[],
  settings: Settings,
  locate: Locate,
): UnitScore[] {
  const taskById = new Map(tasks.map((t) => [t.taskId, t]));
  const rows: UnitScore[] = units.map((u) => {
    let lead = 0,
      responsible = 0,
      leadSum = 0,
      respSum = 0,
      completed = 0,
      lagging = 0,
      unreported = 0;
    const mine = new Set<number>();
    for (const t of planTasks) {
      // A task without a lead is reported (and weighed) by each responsible unit as by a lead (reporting.ts).
      const isLead = reportingUnits(t).includes(u.name);
      const isResp = sharingUnits(t).includes(u.name);
      if (!isLead && !isResp) continue;
      const s = taskById.get(t.id)!;
      mine.add(t.id);
      if (isLead) {
        lead++;
        leadSum += s.score;
      }
      if (isResp) {
        responsible++;
        respSum += s.score;
      }
      if (s.status === STATUS.done) completed++;
      else if (s.status === STATUS.lagging) lagging++;
      else if (s.status === null) unreported++;
    }
    let withActual = 0,
      good = 0;
    for (const g of targets) {
      if (!mine.has(g.taskId) || g.state === null) continue;
      withActual++;
      if (g.state === TARGET_STATE.met || g.state === TARGET_STATE.onPace) good++;
    }
    const den = settings.leadWeight * lead + settings.responsibleWeight * responsible;
    const score = den === 0 ? 0 : (settings.leadWeight * leadSum + settings.responsibleWeight * respSum) / den;
    return {
      unit: u.name,
      kind: u.kind,
      lead,
      responsible,
      completed,
      lagging,
      unreported,
      targetRate: withActual === 0 ? null : good / withActual,
      score,
      rank: 0,
      refs: refsOf(locate, { kind: "unit", name: u.name }),
    };
  });
  // RANK(score, group's scores): 1 + the number of group members with a strictly higher score.
  const groupOf = new Map(units.map((u) => [u.name, u.group]));
  for (const m of rows) {
    const members = rows.filter((o) => groupOf.get(o.unit) === groupOf.get(m.unit));
    m.rank = 1 + members.filter((o) => gt(o.score, m.score)).length;
  }
  return rows;
}

function summarize(
  sectionRows: readonly SectionRow[],
  planTasks: readonly Task[],
  tasks: TaskScore[],
  targets: TargetScore[],
  locate: Locate,
): { sections: SectionSummary[]; overall: SectionSummary } {
  const make = (id: string, title: string, ts: TaskScore[], gs: TargetScore[], refs: Record<string, string>): SectionSummary => {
    const count = (s: Status | null) => ts.filter((t) => t.status === s).length;
    const sum = ts.reduce((acc, t) => acc + t.score, 0);
    return {
      section: id,
      title,
      tasks: ts.length,
      byStatus: {
        [STATUS.done]: count(STATUS.done),
        [STATUS.onPace]: count(STATUS.onPace),
        [STATUS.lagging]: count(STATUS.lagging),
        [STATUS.notStarted]: count(STATUS.notStarted),
        未填报: count(null),
      },
      targets: gs.length,
      targetsMet: gs.filter((g) => g.state === TARGET_STATE.met).length,
      targetsOnPace: gs.filter((g) => g.state === TARGET_STATE.onPace).length,
      targetsBehind: gs.filter((g) => g.state === TARGET_STATE.behind).length,
      completion: ts.length === 0 ? 0 : sum / ts.length / 100,
      refs,
    };
  };
  const sectionOfTask = new Map(planTasks.map((t) => [t.id, t.section]));
  const sections = sectionRows.map((s) =>
    make(
      s.id,
      s.title,
      tasks.filter((t) => t.section === s.id),
      targets.filter((g) => sectionOfTask.get(g.taskId) === s.id),
      refsOf(locate, { kind: "section", id: s.id }),
    ),
  );
  const overall = make(OVERALL.section, OVERALL.title, tasks, targets, refsOf(locate, OVERALL_ROW));
  return { sections, overall };
}
