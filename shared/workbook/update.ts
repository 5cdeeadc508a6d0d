/**
 * Reloading a revised plan into a filled ledger without losing anything (plan-ledger workbook --update).
 *
 * Tasks are matched old → new by number AND text:
 *   1. identical text (after removing whitespace and punctuation) — a renumbered task keeps its entries;
 *   2. then the best remaining pairs by text similarity (character-bigram Dice coefficient), accepted
 *      when similarity ≥ 0.5 for the same number (an edited task) or ≥ 0.7 for a different number
 *      (edited and renumbered). Pairs are taken greedily, best first; the same number breaks ties.
 * Targets of a matched task are matched by name (identical, then similarity ≥ 0.6, then the same
 * position when the task has as many targets as before). Actuals follow their target.
 * Entries and actuals whose task or target has no counterpart move to the 归档 (archive) sheet:
 * nothing is dropped. Pure: no I/O.
 */
import type { Actual, Ledger, TaskEntry } from "../ledger/schema";
import type { Plan, Task, Target } from "../plan/schema";
import { ARCHIVE_COLUMNS, FIRST_DATA_ROW, HEADER_ROW, QUARTER_NAMES, SHEETS } from "./labels";
import { cellAddress, cellText, labelKey } from "./reader.cells";
import type { LayoutCell, WorkbookLayout } from "./layout.types";
import { ledgerLayout } from "./layout";
import { readLedger, type ReadResult } from "./reader";
import { LedgerReadError, Sheet, type LedgerProblem, type WorkbookGrid } from "./reader.grid";

/** One row of the 归档 sheet: an entry or an actual whose task / target left the plan. */
export interface ArchivedRow {
  kind: "entry" | "actual";
  /** The task's number and text as they were in the ledger. */
  taskId: number;
  taskText: string;
  quarter: 1 | 2 | 3 | 4;
  /** entry fields (kind "entry") */
  status: string | null;
  progress: string;
  problems: string;
  nextSteps: string;
  /** actual fields (kind "actual") */
  targetId: string | null;
  targetName: string | null;
  targetUnit: string | null;
  value: number | null;
  /** 归档原因 (ARCHIVE_REASONS, or what an older archive row says). */
  reason: string;
}

export const ARCHIVE_REASONS = {
  taskRemoved: "任务已从方案中删除",
  targetRemoved: "指标已从方案中删除",
} as const;

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

/** Text reduced to what matters for matching: no whitespace, no punctuation, ASCII brackets. */
export function normalizeForMatch(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/[\s\p{P}\p{S}]+/gu, "")
    .toLowerCase();
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  if (s.length === 1) m.set(s, 1);
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Dice coefficient of character bigrams, 0–1 (1: identical after normalising). */
export function textSimilarity(a: string, b: string): number {
  const x = normalizeForMatch(a);
  const y = normalizeForMatch(b);
  if (x === y) return 1;
  if (!x || !y) return 0;
  return diceOf(bigrams(x), bigrams(y));
}

function diceOf(ga: Map<string, number>, gb: Map<string, number>): number {
  let na = 0;
  let nb = 0;
  let both = 0;
  for (const v of ga.values()) na += v;
  for (const [g, v] of gb) {
    nb += v;
    const w = ga.get(g);
    if (w) both += Math.min(v, w);
  }
  return na + nb === 0 ? 0 : (2 * both) / (na + nb);
}

const SAME_ID_MIN = 0.5;
const OTHER_ID_MIN = 0.7;
const TARGET_MIN = 0.6;

/** Old task id → new task id, for the tasks that have a counterpart. */
export function matchTasks(oldTasks: readonly Task[], newTasks: readonly Task[]): Map<number, number> {
  const result = new Map<number, number>();
  const usedNew = new Set<number>();
  // 1. identical texts; when a text repeats, the same number first, then document order
  const byText = new Map<string, Task[]>();
  for (const t of newTasks) {
    const k = normalizeForMatch(t.text);
    const list = byText.get(k);
    if (list) list.push(t);
    else byText.set(k, [t]);
  }
  const oldSorted = [...oldTasks].sort((a, b) => {
    // tasks whose number also exists with the same text go first, so they keep their own number
    const sa = byText.get(normalizeForMatch(a.text))?.some((t) => t.id === a.id) ? 0 : 1;
    const sb = byText.get(normalizeForMatch(b.text))?.some((t) => t.id === b.id) ? 0 : 1;
    return sa - sb || a.id - b.id;
  });
  for (const o of oldSorted) {
    const cands = (byText.get(normalizeForMatch(o.text)) ?? []).filter((t) => !usedNew.has(t.id));
    if (cands.length === 0) continue;
    const pick = cands.find((t) => t.id === o.id) ?? cands[0]!;
    result.set(o.id, pick.id);
    usedNew.add(pick.id);
  }
  // 2. similarity among the rest
  const restOld = oldTasks.filter((t) => !result.has(t.id));
  const restNew = newTasks.filter((t) => !usedNew.has(t.id));
  if (restOld.length && restNew.length) {
    const gNew = restNew.map((t) => bigrams(normalizeForMatch(t.text)));
    const pairs: { o: number; n: number; sim: number; same: boolean }[] = [];
    for (const o of restOld) {
      const go = bigrams(normalizeForMatch(o.text));
      restNew.forEach((n, j) => {
        const sim = diceOf(go, gNew[j]!);
        const same = n.id === o.id;
        if (sim >= (same ? SAME_ID_MIN : OTHER_ID_MIN)) pairs.push({ o: o.id, n: n.id, sim, same });
      });
    }
    pairs.sort((a, b) => b.sim - a.sim || Number(b.same) - Number(a.same) || a.o - b.o || a.n - b.n);
    for (const p of pairs) {
      if (result.has(p.o) || usedNew.has(p.n)) continue;
      result.set(p.o, p.n);
      usedNew.add(p.n);
    }
  }
  return result;
}

/** Old target id → new target id, for the targets of one matched task. */
export function matchTargets(oldTargets: readonly Target[], newTargets: readonly Target[]): Map<string, string> {
  const result = new Map<string, string>();
  const used = new Set<string>();
  for (const o of oldTargets) {
    const hit = newTargets.find((n) => !used.has(n.id) && normalizeForMatch(n.name) === normalizeForMatch(o.name));
    if (hit) {
      result.set(o.id, hit.id);
      used.add(hit.id);
    }
  }
  const pairs: { o: string; n: string; sim: number }[] = [];
  for (const o of oldTargets) {
    if (result.has(o.id)) continue;
    for (const n of newTargets) {
      if (used.has(n.id)) continue;
      const sim = textSimilarity(o.name, n.name);
      if (sim >= TARGET_MIN) pairs.push({ o: o.id, n: n.id, sim });
    }
  }
  pairs.sort((a, b) => b.sim - a.sim || a.o.localeCompare(b.o) || a.n.localeCompare(b.n));
  for (const p of pairs) {
    if (result.has(p.o) || used.has(p.n)) continue;
    result.set(p.o, p.n);
    used.add(p.n);
  }
  if (oldTargets.length === newTargets.length) {
    oldTargets.forEach((o, i) => {
      const n = newTargets[i]!;
      if (!result.has(o.id) && !used.has(n.id) && o.unit === n.unit) {
        result.set(o.id, n.id);
        used.add(n.id);
      }
    });
  }
  return result;
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
    if (t.responsible[0].join("、") !== t.responsible[1].join("、")) parts.push(`责任单位 ${t.responsible[0].join("、") || "无"} → ${t.responsible[1].join("、") || "无"}`);
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
export function updateLedger(
  read: { ledger: Ledger; archive: readonly ArchivedRow[] },
  newPlan: Plan,
): MergeResult & { archive: ArchivedRow[] } {
  const merged = mergeLedger(read.ledger, newPlan);
  return { ...merged, archive: [...read.archive, ...merged.archived] };
}

/**
 * Puts archive rows into the 归档 sheet of a layout (the layout builder writes that sheet empty), so
 * both writers render them. Returns a new layout; the input is not changed.
 */
export function withArchive(layout: WorkbookLayout, rows: readonly ArchivedRow[]): WorkbookLayout {
  if (rows.length === 0) return layout;
  const keys = Object.keys(ARCHIVE_COLUMNS) as (keyof typeof ARCHIVE_COLUMNS)[];
  return {
    ...layout,
    sheets: layout.sheets.map((sheet) => {
      if (sheet.key !== "archive") return sheet;
      const head = sheet.rows.slice(0, FIRST_DATA_ROW - 1);
      const body = rows.map((a) => {
        const v: Record<keyof typeof ARCHIVE_COLUMNS, string | number | null> = {
          taskId: a.taskId,
          text: a.taskText || null,
          quarter: QUARTER_NAMES[a.quarter],
          status: a.status,
          progress: a.progress || null,
          problems: a.problems || null,
          nextSteps: a.nextSteps || null,
          targetId: a.targetId,
          targetName: a.targetName,
          actual: a.value,
          reason: a.reason || null,
        };
        return { cells: keys.map((k): LayoutCell | null => (v[k] === null ? null : { value: v[k] })) };
      });
      const last = FIRST_DATA_ROW + rows.length - 1;
      return {
        ...sheet,
        rows: [...head, ...body],
        data: { headerRow: HEADER_ROW, firstRow: FIRST_DATA_ROW, lastRow: last },
        autoFilter: `A${HEADER_ROW}:${String.fromCharCode(64 + keys.length)}${last}`,
      };
    }),
  };
}

/**
 * Problems whose cell content would not survive a rewrite: errors on rows or cells the reader
 * skipped (an unknown status word, an actual that is not a number, a row without a valid 序号 …).
 * Warnings are values that were read; a bad setting keeps a default and is reported by check.
 */
export function lossyProblems(read: Pick<ReadResult, "problems">): LedgerProblem[] {
  return read.problems.filter((p) => p.severity === "error" && p.code !== "settings-invalid");
}

/**
 * Content a rewrite would not carry over: a non-empty cell under a column header of 任务 / 指标
 * that the ledger does not have (a 备注 column a unit added), and, when the writer replaces the
 * whole file (`otherSheets`), any non-empty sheet that is not one of the ledger's. One problem per
 * column or sheet, at its first non-empty cell.
 */
export function foreignContent(grid: WorkbookGrid, read: ReadResult, options: { otherSheets: boolean }): LedgerProblem[] {
  const out: LedgerProblem[] = [];
  const layout = ledgerLayout(read.ledger);
  const ours = new Set(Object.values(SHEETS).map((n) => n.replace(/\s+/g, "")));
  const problem = (sheet: string, row: number, col: number, message: string): LedgerProblem => ({
    sheet, row, col, cell: cellAddress(row, col), code: "foreign-content", severity: "error", message,
  });
  for (const g of grid.sheets) {
    const sheet = new Sheet(g);
    const firstFilled = (fromRow: number, col?: number): { row: number; col: number } | null => {
      for (let r = fromRow; r < sheet.rowCount; r++)
        for (let c = col ?? 0; c <= (col ?? sheet.colCount - 1); c++) if (cellText(sheet.get(r, c)) !== "") return { row: r, col: c };
      return null;
    };
    if (!ours.has(g.name.replace(/\s+/g, ""))) {
      const at = options.otherSheets ? firstFilled(0) : null;
      if (at) out.push(problem(g.name, at.row, at.col, `工作表“${g.name}”不是台账的一部分，更新后的台账不含此表（可加 --force 仍然更新，原文件留有备份） (sheet not part of the ledger: it would not be kept)`));
      continue;
    }
    const key = (Object.keys(SHEETS) as (keyof typeof SHEETS)[]).find((k) => SHEETS[k].replace(/\s+/g, "") === g.name.replace(/\s+/g, ""));
    if (key !== "tasks" && key !== "targets") continue;
    const ls = layout.sheets.find((x) => x.key === key);
    const hr = ls?.data?.headerRow;
    if (!ls || !hr) continue;
    const known = new Set(ls.rows[hr - 1]!.cells.map((c) => labelKey(c?.value ?? null)).filter((k) => k !== ""));
    // The grid's header row: the one among the first rows holding most of the known labels.
    let header = -1;
    let best = 0;
    for (let r = 0; r < Math.min(sheet.rowCount, 20); r++) {
      let hits = 0;
      for (let c = 0; c < sheet.colCount; c++) if (known.has(labelKey(sheet.get(r, c)))) hits++;
      if (hits > best) [header, best] = [r, hits];
    }
    if (header < 0) continue;
    for (let c = 0; c < sheet.colCount; c++) {
      const label = labelKey(sheet.get(header, c));
      if (known.has(label)) continue;
      const at = firstFilled(header + 1, c);
      if (!at) continue;
      const name = cellText(sheet.get(header, c)) || cellAddress(header, c).replace(/\d+$/, "");
      out.push(problem(g.name, at.row, at.col, `“${name}”列不是台账的列，更新后不保留其内容 (column not part of the ledger: its content would not be kept)`));
    }
  }
  return out;
}

export type GridUpdate =
  | {
      ok: true;
      /** Render this with a writer (exceljs or Office.js): the new ledger with its 归档 rows. */
      layout: WorkbookLayout;
      ledger: Ledger;
      changes: PlanChanges;
      archive: ArchivedRow[];
      /** Lossy problems dropped because `force` was set. */
      overridden: LedgerProblem[];
    }
  | { ok: false; reason: "not-a-ledger"; error: { code: LedgerReadError["code"]; message: string; sheet?: string; cell?: string } }
  | { ok: false; reason: "lossy"; problems: LedgerProblem[] };

/**
 * Update in one call, from the filled workbook's value grids (exceljs or Office.js) to the layout of
 * the updated workbook. Refuses (reason "lossy") when cells would be dropped, unless `force`.
 * `newPlan` null: rebuild with the workbook's own plan (a repair: formulas, validations, formats).
 */
export function updateFromGrid(
  grid: WorkbookGrid,
  newPlan: Plan | null,
  /** otherSheets: the writer replaces the whole file, so sheets that are not the ledger's would be lost too (the CLI; the add-in keeps them). */
  options: { force?: boolean; password?: string; otherSheets?: boolean } = {},
): GridUpdate {
  let read: ReadResult;
  try {
    read = readLedger(grid);
  } catch (e) {
    if (e instanceof LedgerReadError) return { ok: false, reason: "not-a-ledger", error: { code: e.code, message: e.message, sheet: e.sheet, cell: e.cell } };
    throw e;
  }
  const lossy = [...lossyProblems(read), ...foreignContent(grid, read, { otherSheets: options.otherSheets === true })];
  if (lossy.length > 0 && !options.force) return { ok: false, reason: "lossy", problems: lossy };
  // no new plan: rebuild the workbook around its own plan (restores formulas, validations, formats)
  const merged = updateLedger(read, newPlan ?? read.ledger.plan);
  const layout = withArchive(ledgerLayout(merged.ledger, { password: options.password }), merged.archive);
  return { ok: true, layout, ledger: merged.ledger, changes: merged.changes, archive: merged.archive, overridden: lossy };
}
