/**
 * What one unit's workbook (单位填报表) holds, decided once for the split, the reader and the merge:
 * the tasks the unit reports (reportingUnits includes it) and the tasks it only shares (named as
 * responsible, reported by the leads), and which units get a file at all. Pure.
 */
import type { Plan, Task } from "../plan/schema";
import { reportingUnits } from "../plan/reporting";

export interface UnitScope {
  unit: string;
  /** Tasks the unit reports, in plan order: this quarter's inputs are its to fill. */
  reports: ReadonlySet<number>;
  /** Tasks the unit is named on but does not report: shown read-only, for context. */
  shares: ReadonlySet<number>;
}

export function unitScope(plan: Pick<Plan, "tasks">, unit: string): UnitScope {
  const reports = new Set<number>();
  const shares = new Set<number>();
  for (const t of plan.tasks) {
    if (reportingUnits(t).includes(unit)) reports.add(t.id);
    else if (t.lead.includes(unit) || t.responsible.includes(unit)) shares.add(t.id);
  }
  return { unit, reports, shares };
}

/**
 * The plan as the unit's workbook shows it: its tasks in plan order (shared ones without their
 * targets: those are the leads' to fill), the sections and units they name. The unit workbook is laid
 * out from it by the master's own sheet modules, and read back as it.
 */
export function unitPlan(plan: Plan, scope: UnitScope): Plan {
  const tasks: Task[] = plan.tasks
    .filter((t) => scope.reports.has(t.id) || scope.shares.has(t.id))
    .map((t) => (scope.reports.has(t.id) ? t : { ...t, targets: [] }));
  const sections = new Set(tasks.map((t) => t.section));
  const named = new Set(tasks.flatMap((t) => [...t.lead, ...t.responsible]));
  return {
    meta: plan.meta,
    sections: plan.sections.filter((s) => sections.has(s.id)),
    tasks,
    units: plan.units.filter((u) => named.has(u.name)),
  };
}

/**
 * The units that get a workbook, in plan order: every named unit that reports or shares a task.
 * Collectives (各乡镇（街道）, 有关单位 …) name many units and no one answers for them as a body: they
 * get none (their tasks are reported by the leads, README 分发与回收).
 */
export function unitsToSplit(plan: Plan): string[] {
  const collective = new Set(plan.units.filter((u) => u.kind === "collective").map((u) => u.name));
  const seen = new Set<string>();
  const order = [...plan.units.map((u) => u.name), ...plan.tasks.flatMap((t) => [...t.lead, ...t.responsible])];
  const out: string[] = [];
  for (const name of order) {
    if (seen.has(name) || collective.has(name)) continue;
    seen.add(name);
    const s = unitScope(plan, name);
    if (s.reports.size + s.shares.size > 0) out.push(name);
  }
  return out;
}

/** What a split of every unit leaves out: said by `split` and by the pane's 分发, never silent. */
export interface SplitGaps {
  /** Tasks no named unit reports (only collectives lead them): in nobody's file, filled in the master. */
  unfiled: number[];
  /** Collectives named on a task, in plan order: they get no file. */
  collectives: string[];
}

export function splitGaps(plan: Plan): SplitGaps {
  const named = new Set(unitsToSplit(plan));
  const onTask = new Set(plan.tasks.flatMap((t) => [...t.lead, ...t.responsible]));
  return {
    unfiled: plan.tasks.filter((t) => !reportingUnits(t).some((u) => named.has(u))).map((t) => t.id),
    collectives: plan.units.filter((u) => u.kind === "collective" && onTask.has(u.name)).map((u) => u.name),
  };
}

/** The line telling the office which tasks to fill in the master itself (none: null). */
export function unfiledNote(gaps: SplitGaps): string | null {
  const n = gaps.unfiled.length;
  return n === 0
    ? null
    : `提示：任务 ${gaps.unfiled.join("、")} 只由统称填报，不在任何单位填报表中，请在总台账中直接填写 (${n} tasks are reported by collectives only: fill them in the master)`;
}

/** The clause naming the collectives that got no file (none: null). */
export function collectivesNote(gaps: SplitGaps): string | null {
  const c = gaps.collectives;
  return c.length === 0 ? null : `统称 ${c.length} 个（${c.join("、")}）不单独分发（它们参与的任务由具名的牵头单位填报）`;
}
