/**
 * Scores of a filled ledger for one quarter: targets, tasks, units (with ranks), sections and the
 * whole plan. The same numbers the workbook's formulas compute (see rules.ts for the rules, units.ts
 * for how collective designations count); `refs` give the cell holding each figure.
 */
import type { Ledger, Quarter, Settings, Status, TaskEntry } from "../ledger/schema";
import type { LedgerScores, SectionSummary, TargetScore, TaskScore, UnitScore } from "./schema";
import { COLS, positions, ref, type Positions } from "../workbook/layout.positions";
import { FIRST_DATA_ROW, SUMMARY_OVERALL, WARNINGS } from "../workbook/labels";
import { expectedValue, gt, statusScore, targetCompletion, targetState } from "./rules";

export { defaultSettings, withDefaults } from "./settings";
export { orderedUnits, rankGroupOf, type RankGroup, type OrderedUnit } from "./units";
export * from "./rules";

export function scoreLedger(ledger: Ledger, quarter?: Quarter): LedgerScores {
  const q: Quarter = quarter ?? ledger.settings.quarter;
  const settings: Settings = { ...ledger.settings, quarter: q };
  const pos = positions(ledger.plan);

  const entries = new Map<string, TaskEntry>();
  for (const e of ledger.entries) entries.set(`${e.taskId}|${e.quarter}`, e);
  const actuals = new Map<string, number | null>();
  for (const a of ledger.actuals) actuals.set(`${a.targetId}|${a.quarter}`, a.value);

  const targets = scoreTargets(pos, actuals, q, settings);
  const tasks = scoreTasks(pos, entries, targets, q, settings);
  const units = scoreUnits(pos, tasks, targets, settings);
  const { sections, overall } = summarize(pos, tasks, targets);
  return { quarter: q, tasks, targets, units, sections, overall };
}

function scoreTargets(pos: Positions, actuals: Map<string, number | null>, q: Quarter, settings: Settings): TargetScore[] {
  const C = COLS.targets;
  return pos.targets.map((g) => {
    const row = pos.targetRow.get(g.id)!;
    const actual = actuals.get(`${g.id}|${q}`) ?? null;
    const expected = expectedValue(g.value, g.kind, q, settings);
    return {
      targetId: g.id,
      taskId: g.taskId,
      actual,
      expected,
      completion: actual === null ? null : targetCompletion(g.comparator, g.value, actual),
      state: actual === null ? null : targetState(g.comparator, g.value, expected, actual, settings.tolerance),
      refs: {
        actual: ref("targets", C.currentActual, row),
        expected: ref("targets", C.expected, row),
        completion: ref("targets", C.completion, row),
        state: ref("targets", C.state, row),
      },
    };
  });
}

function scoreTasks(pos: Positions, entries: Map<string, TaskEntry>, targets: TargetScore[], q: Quarter, settings: Settings): TaskScore[] {
  const C = COLS.tasks;
  const behind = new Set(targets.filter((t) => t.state === "脱幅").map((t) => t.taskId));
  return pos.tasks.map((t) => {
    const row = pos.taskRow.get(t.id)!;
    const e = entries.get(`${t.id}|${q}`);
    const status: Status | null = e?.status ?? null;
    let warning: string | null = null;
    if (status === "滞后" && (e?.problems ?? "").trim() === "") warning = WARNINGS.lagWithoutProblem;
    else if (status === null) warning = WARNINGS.unreported;
    else if (behind.has(t.id)) warning = WARNINGS.targetBehind;
    return {
      taskId: t.id,
      section: t.section,
      status,
      score: statusScore(status, settings),
      warning,
      refs: {
        status: ref("tasks", C.currentStatus, row),
        score: ref("tasks", C.completion, row),
        warning: ref("tasks", C.warning, row),
      },
    };
  });
}

function scoreUnits(pos: Positions, tasks: TaskScore[], targets: TargetScore[], settings: Settings): UnitScore[] {
  const C = COLS.units;
  const taskById = new Map(tasks.map((t) => [t.taskId, t]));
  const rows: UnitScore[] = pos.units.map((u) => {
    const row = pos.unitRow.get(u.name)!;
    let lead = 0, responsible = 0, leadSum = 0, respSum = 0, completed = 0, lagging = 0, unreported = 0;
    const mine = new Set<number>();
    for (const t of pos.tasks) {
      const isLead = t.lead.includes(u.name);
      const isResp = t.responsible.includes(u.name);
      if (!isLead && !isResp) continue;
      const s = taskById.get(t.id)!;
      mine.add(t.id);
      if (isLead) { lead++; leadSum += s.score; }
      if (isResp) { responsible++; respSum += s.score; }
      if (s.status === "已完成") completed++;
      else if (s.status === "滞后") lagging++;
      else if (s.status === null) unreported++;
    }
    let withActual = 0, good = 0;
    for (const g of targets) {
      if (!mine.has(g.taskId) || g.state === null) continue;
      withActual++;
      if (g.state === "达标" || g.state === "序时") good++;
    }
    const den = settings.leadWeight * lead + settings.responsibleWeight * responsible;
    const score = den === 0 ? 0 : (settings.leadWeight * leadSum + settings.responsibleWeight * respSum) / den;
    const cell = (k: keyof typeof C) => ref("units", C[k], row);
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
      refs: {
        lead: cell("lead"), responsible: cell("responsible"), completed: cell("completed"), lagging: cell("lagging"),
        unreported: cell("unreported"), targetRate: cell("targetRate"), score: cell("score"), rank: cell("rank"),
      },
    };
  });
  // RANK(score, group's scores): 1 + the number of group members with a strictly higher score.
  for (const grp of pos.rankGroups) {
    const members = rows.slice(grp.first - FIRST_DATA_ROW, grp.last - FIRST_DATA_ROW + 1);
    for (const m of members) m.rank = 1 + members.filter((o) => gt(o.score, m.score)).length;
  }
  return rows;
}

function summarize(pos: Positions, tasks: TaskScore[], targets: TargetScore[]): { sections: SectionSummary[]; overall: SectionSummary } {
  const C = COLS.summary;
  const make = (id: string, title: string, row: number, ts: TaskScore[], gs: TargetScore[]): SectionSummary => {
    const count = (s: Status | null) => ts.filter((t) => t.status === s).length;
    const sum = ts.reduce((acc, t) => acc + t.score, 0);
    const cell = (k: keyof typeof C) => ref("summary", C[k], row);
    return {
      section: id,
      title,
      tasks: ts.length,
      byStatus: { 已完成: count("已完成"), 序时推进: count("序时推进"), 滞后: count("滞后"), 未启动: count("未启动"), 未填报: count(null) },
      targets: gs.length,
      targetsMet: gs.filter((g) => g.state === "达标").length,
      targetsOnPace: gs.filter((g) => g.state === "序时").length,
      targetsBehind: gs.filter((g) => g.state === "脱幅").length,
      completion: ts.length === 0 ? 0 : sum / ts.length / 100,
      refs: {
        tasks: cell("tasks"), completed: cell("completed"), onPace: cell("onPace"), lagging: cell("lagging"),
        notStarted: cell("notStarted"), unreported: cell("unreported"), targets: cell("targets"),
        targetsMet: cell("targetsMet"), targetsOnPace: cell("targetsOnPace"), targetsBehind: cell("targetsBehind"),
        completion: cell("completion"),
      },
    };
  };
  const sectionOfTask = new Map(pos.tasks.map((t) => [t.id, t.section]));
  const sections = pos.sections.map((s) =>
    make(s.id, s.title, pos.sectionRow.get(s.id)!, tasks.filter((t) => t.section === s.id), targets.filter((g) => sectionOfTask.get(g.taskId) === s.id)),
  );
  const overall = make(SUMMARY_OVERALL.section, SUMMARY_OVERALL.title, pos.overallRow, tasks, targets);
  return { sections, overall };
}
