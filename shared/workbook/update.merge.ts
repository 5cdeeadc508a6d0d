/**
 * Merging a revised plan into a filled ledger (plan-ledger workbook --update) once tasks and targets
 * are matched (update.match.ts): entries and actuals follow their task / target; those whose task or
 * target has no counterpart move to the 归档 sheet (sheet.archive.ts): nothing is dropped. Also the
 * report of what changed. Pure: no I/O.
 */
import type { Actual, Ledger, TaskEntry } from "../ledger/schema";
import type { Plan, Task, Target } from "../plan/schema";
import { ARCHIVE_REASONS, type ArchivedRow } from "./sheet.archive";
import { matchTargets, matchTasks, normalizeForMatch, textSimilarity } from "./update.match";

export interface TaskRef {
  id: number;
  text: string;
}

export interface PlanChanges {
  added: TaskRef[];
  removed: (TaskRef & { entries: number; actuals: number })[];
  renumbered: { from: number; to: number; text: string }[];
  edited: { from: number; to: number; before: string; after: string; similarity: number }[];
  /** Matched tasks whose lead or responsible units changed. */
  reassigned: { from: number; to: number; lead: [string[], string[]]; responsible: [string[], string[]] }[];
  targets: {
    added: { taskId: number; targetId: string; name: string }[];
    removed: { taskId: number; targetId: string; name: string; actuals: number }[];
    renamed: { from: string; to: string; before: string; after: string }[];
  };
  /** Entries / actuals kept but now under another task number / target id. */
  movedEntries: number;
  movedActuals: number;
  /** Entries / actuals moved to the 归档 sheet. */
  archivedEntries: number;
  archivedActuals: number;
}

export interface MergeResult {
  ledger: Ledger;
  archived: ArchivedRow[];
  changes: PlanChanges;
}

function entryHasContent(e: TaskEntry): boolean {
  return e.status !== null || e.progress !== "" || e.problems !== "" || e.nextSteps !== "";
}

/**
 * Writes a revised plan into a filled ledger. The result's ledger has the new plan, the old
 * settings and demo flag, every entry / actual whose task / target still exists (renumbered as
 * needed); `archived` holds the others.
 */
export function mergeLedger(oldLedger: Ledger, newPlan: Plan): MergeResult {
  const oldTasks = oldLedger.plan.tasks;
  const taskMap = matchTasks(oldTasks, newPlan.tasks);
  const oldById = new Map(oldTasks.map((t) => [t.id, t]));
  const newById = new Map(newPlan.tasks.map((t) => [t.id, t]));
  const oldTargetById = new Map<string, { task: Task; target: Target }>();
  for (const t of oldTasks) for (const g of t.targets) oldTargetById.set(g.id, { task: t, target: g });

  const targetMap = new Map<string, string>();
  const changes: PlanChanges = {
    added: [],
    removed: [],
    renumbered: [],
    edited: [],
    reassigned: [],
    targets: { added: [], removed: [], renamed: [] },
    movedEntries: 0,
    movedActuals: 0,
    archivedEntries: 0,
    archivedActuals: 0,
  };
  const countEntries = (id: number) => oldLedger.entries.filter((e) => e.taskId === id && entryHasContent(e)).length;
  const countActuals = (ids: Set<string>) => oldLedger.actuals.filter((a) => ids.has(a.targetId) && a.value !== null).length;

  for (const o of oldTasks) {
    const nid = taskMap.get(o.id);
    if (nid === undefined) {
      changes.removed.push({
        id: o.id,
        text: o.text,
        entries: countEntries(o.id),
        actuals: countActuals(new Set(o.targets.map((g) => g.id))),
      });
      continue;
    }
    const n = newById.get(nid)!;
    if (nid !== o.id) changes.renumbered.push({ from: o.id, to: nid, text: n.text });
    if (o.text !== n.text) {
      changes.edited.push({ from: o.id, to: nid, before: o.text, after: n.text, similarity: round3(textSimilarity(o.text, n.text)) });
    }
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    if (!same(o.lead, n.lead) || !same(o.responsible, n.responsible)) {
      changes.reassigned.push({ from: o.id, to: nid, lead: [o.lead, n.lead], responsible: [o.responsible, n.responsible] });
    }
    const tm = matchTargets(o.targets, n.targets);
    for (const g of o.targets) {
      const ng = tm.get(g.id);
      if (ng === undefined) {
        const ids = new Set([g.id]);
        changes.targets.removed.push({ taskId: o.id, targetId: g.id, name: g.name, actuals: countActuals(ids) });
        continue;
      }
      targetMap.set(g.id, ng);
      const ngt = n.targets.find((x) => x.id === ng)!;
      if (normalizeForMatch(ngt.name) !== normalizeForMatch(g.name)) {
        changes.targets.renamed.push({ from: g.id, to: ng, before: g.name, after: ngt.name });
      }
    }
    const usedNew = new Set(tm.values());
    for (const g of n.targets) if (!usedNew.has(g.id)) changes.targets.added.push({ taskId: n.id, targetId: g.id, name: g.name });
  }
  const matchedNew = new Set(taskMap.values());
  for (const n of newPlan.tasks) {
    if (!matchedNew.has(n.id)) {
      changes.added.push({ id: n.id, text: n.text });
      for (const g of n.targets) changes.targets.added.push({ taskId: n.id, targetId: g.id, name: g.name });
    }
  }

  const entries: TaskEntry[] = [];
  const actuals: Actual[] = [];
  const archived: ArchivedRow[] = [];
  for (const e of oldLedger.entries) {
    if (!entryHasContent(e)) continue;
    const nid = taskMap.get(e.taskId);
    if (nid !== undefined) {
      if (nid !== e.taskId) changes.movedEntries++;
      entries.push({ ...e, taskId: nid });
    } else {
      changes.archivedEntries++;
      archived.push({
        kind: "entry",
        taskId: e.taskId,
        taskText: oldById.get(e.taskId)?.text ?? "",
        quarter: e.quarter,
        status: e.status,
        progress: e.progress,
        problems: e.problems,
        nextSteps: e.nextSteps,
        targetId: null,
        targetName: null,
        targetUnit: null,
        value: null,
        reason: ARCHIVE_REASONS.taskRemoved,
      });
    }
  }
  for (const a of oldLedger.actuals) {
    if (a.value === null) continue;
    const nid = targetMap.get(a.targetId);
    if (nid !== undefined) {
      if (nid !== a.targetId) changes.movedActuals++;
      actuals.push({ ...a, targetId: nid });
    } else {
      changes.archivedActuals++;
      const src = oldTargetById.get(a.targetId);
      archived.push({
        kind: "actual",
        taskId: src?.task.id ?? Number(a.targetId.split(".")[0]),
        taskText: src?.task.text ?? "",
        quarter: a.quarter,
        status: null,
        progress: "",
        problems: "",
        nextSteps: "",
        targetId: a.targetId,
        targetName: src?.target.name ?? null,
        targetUnit: src?.target.unit ?? null,
        value: a.value,
        reason: src && taskMap.has(src.task.id) ? ARCHIVE_REASONS.targetRemoved : ARCHIVE_REASONS.taskRemoved,
      });
    }
  }
  entries.sort((x, y) => x.taskId - y.taskId || x.quarter - y.quarter);
  const targetOrder = new Map<string, number>();
  newPlan.tasks.forEach((t) => t.targets.forEach((g) => targetOrder.set(g.id, targetOrder.size)));
  actuals.sort((x, y) => targetOrder.get(x.targetId)! - targetOrder.get(y.targetId)! || x.quarter - y.quarter);
  archived.sort((x, y) => x.taskId - y.taskId || (x.kind === y.kind ? 0 : x.kind === "entry" ? -1 : 1) || x.quarter - y.quarter);

  return {
    ledger: { plan: newPlan, settings: oldLedger.settings, entries, actuals, demo: oldLedger.demo },
    archived,
    changes,
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** A short zh-CN report of the changes, one line per item, for the CLI. */
export function describeChanges(c: PlanChanges): string {
  const lines: string[] = [];
  const clip = (s: string) => (s.length > 30 ? s.slice(0, 30) + "…" : s);
  lines.push(
    `新增任务 ${c.added.length} 项，删除任务 ${c.removed.length} 项，重新编号 ${c.renumbered.length} 项，修改内容 ${c.edited.length} 项` +
      ` (added ${c.added.length}, removed ${c.removed.length}, renumbered ${c.renumbered.length}, edited ${c.edited.length})`,
  );
  for (const t of c.added) lines.push(`  + 新增 ${t.id}. ${clip(t.text)}`);
  for (const t of c.removed) lines.push(`  - 删除 ${t.id}. ${clip(t.text)}（${t.entries} 条填报、${t.actuals} 个实际值移入归档）`);
  for (const t of c.renumbered) lines.push(`  ~ 编号 ${t.from} → ${t.to}: ${clip(t.text)}`);
  for (const t of c.edited) lines.push(`  ~ 修改 ${t.from}${t.from !== t.to ? ` → ${t.to}` : ""}（相似度 ${t.similarity}）: ${clip(t.after)}`);
  for (const t of c.reassigned) {
    const parts: string[] = [];
    if (t.lead[0].join("、") !== t.lead[1].join("、")) parts.push(`牵头单位 ${t.lead[0].join("、") || "无"} → ${t.lead[1].join("、") || "无"}`);
    if (t.responsible[0].join("、") !== t.responsible[1].join("、"))
      parts.push(`责任单位 ${t.responsible[0].join("、") || "无"} → ${t.responsible[1].join("、") || "无"}`);
    lines.push(`  ~ 单位调整 ${t.to}: ${parts.join("；")}`);
  }
  for (const g of c.targets.added) lines.push(`  + 新增指标 ${g.targetId} ${clip(g.name)}`);
  for (const g of c.targets.removed) lines.push(`  - 删除指标 ${g.targetId} ${clip(g.name)}（${g.actuals} 个实际值移入归档）`);
  for (const g of c.targets.renamed) lines.push(`  ~ 指标 ${g.from} → ${g.to}: ${clip(g.before)} → ${clip(g.after)}`);
  lines.push(
    `保留的填报随任务移动 ${c.movedEntries} 条、实际值 ${c.movedActuals} 个；移入归档：填报 ${c.archivedEntries} 条、实际值 ${c.archivedActuals} 个` +
      ` (moved ${c.movedEntries} entries, ${c.movedActuals} actuals; archived ${c.archivedEntries} entries, ${c.archivedActuals} actuals)`,
  );
  return lines.join("\n");
}

/**
 * The whole update on a ledger already read (readLedger): merge the revised plan, and append what
 * left the plan to the rows the 归档 sheet already had. Writers then render `ledger` with `archive`.
 */
export function updateLedger(read: { ledger: Ledger; archive: readonly ArchivedRow[] }, newPlan: Plan): MergeResult & { archive: ArchivedRow[] } {
  const merged = mergeLedger(read.ledger, newPlan);
  return { ...merged, archive: [...read.archive, ...merged.archived] };
}
