/**
 * The plan a ledger is scored by: the plan record (sheet.record.ts), never the visible plan cells a
 * unit could edit. This module compares the plan read from the cells with the record, cell by cell
 * (task text, lead / responsible units, 板块 / 分项, target name, comparator, value, unit, kind, the
 * target's clause, 单位!类型, 汇总's section titles, 说明's metadata), and reports every difference at
 * its cell with the written and the found value. Rows of the record missing from 任务 / 指标 are
 * problems and count as unreported; rows whose 序号 / 编号 the record does not hold are problems and
 * never tasks; a deleted or unreadable 说明 / 单位 / 汇总 is rebuilt from the record.
 *
 * Without a record (a workbook from before records) the visible plan is used, with one warning; with
 * a record that fails its SHA-256, the visible plan is used with that problem.
 */
import type { Plan, PlanMeta, Target, Task } from "../plan/schema";
import type { Actual, TaskEntry } from "../ledger/schema";
import { COMPARATOR, OVERALL, UNIT_KIND_WORDS, cellAddress } from "../vocabulary";
import { FIRST_DATA_ROW, KIND_WORDS, SHEETS, SUMMARY_COLUMNS, TARGET_COLUMNS, TASK_COLUMNS, UNIT_COLUMNS, UNIT_SEPARATOR } from "./labels";
import type { LedgerCells, TableCells } from "./cells";
import { findSheet, type LedgerProblem, type ProblemCode, type WorkbookGrid } from "./reader.grid";
import { META_LABELS } from "./sheet.guide";
import type { RecordRead } from "./sheet.record";

/** Problems a rewrite from the plan record repairs (`workbook --update FILE`): they do not block an update. */
export const REPAIRED_BY_UPDATE: ReadonlySet<ProblemCode> = new Set<ProblemCode>(["plan-changed", "plan-row-missing", "sheet-rebuilt"]);

const UPDATE_HINT = "修改方案请用 plan-ledger workbook --update";
const RESTORE_HINT = "用 plan-ledger workbook --update 本文件 可恢复";

/**
 * The tasks to read the 指标 rows into: those read from 任务, plus (empty copies of) the record's tasks
 * whose 任务 row could not be read, so that a broken or deleted task row does not drop its targets'
 * actuals. Without a valid record: the tasks read.
 */
export function targetOwners(tasks: readonly Task[], record: RecordRead): Task[] {
  if (record.kind !== "ok") return [...tasks];
  const read = new Set(tasks.map((t) => t.id));
  return [...tasks, ...record.plan.tasks.filter((t) => !read.has(t.id)).map((t) => ({ ...t, targets: [] }))];
}

/** What the reader found, as the plan it rebuilt from the cells and where each row and column is. */
export interface VisiblePlan {
  plan: Plan;
  /** The tasks the 指标 rows were read into (targetOwners). */
  owners: readonly Task[];
  entries: TaskEntry[];
  actuals: Actual[];
  /** Rows found (mutable: rows the record does not hold are taken out) and columns. */
  cells: LedgerCells;
  /** 说明: 0-based row of each metadata label found (its value is in the next column). */
  metaRows: ReadonlyMap<keyof PlanMeta, number>;
}

/**
 * The plan, entries and actuals to score: the record's plan when the workbook has a valid one
 * (differences reported), else the visible plan with a problem saying why.
 */
export function planFromRecord(
  grid: WorkbookGrid,
  record: RecordRead,
  visible: VisiblePlan,
  problems: LedgerProblem[],
  /** A unit workbook: it has no 单位 / 汇总 sheets to compare, by design. */
  unitWorkbook = false,
): { plan: Plan; entries: TaskEntry[]; actuals: Actual[] } {
  if (record.kind === "absent") {
    problems.push(
      at(
        SHEETS.tasks,
        0,
        0,
        "plan-record-missing",
        `无方案记录，按表内内容读取（任务、单位、指标被改动时无法发现）；用 plan-ledger workbook --update 本文件 补上`,
        {},
        "warning",
      ),
    );
    return visible;
  }
  if (record.kind === "invalid") {
    problems.push(record.problem);
    return visible;
  }
  const plan = record.plan;
  const present = (name: string) => findSheet(grid, name) !== null;
  compareTasks(plan, visible, problems);
  compareTargets(plan, visible, problems);
  if (!unitWorkbook || present(SHEETS.units)) compareUnits(plan, visible, present(SHEETS.units), problems);
  if (!unitWorkbook || present(SHEETS.summary)) compareSections(plan, visible, present(SHEETS.summary), problems);
  compareMeta(plan, visible, present(SHEETS.guide), problems);
  const taskIds = new Set(plan.tasks.map((t) => t.id));
  const targetIds = new Set(plan.tasks.flatMap((t) => t.targets.map((g) => g.id)));
  return {
    plan,
    entries: visible.entries.filter((e) => taskIds.has(e.taskId)),
    actuals: visible.actuals.filter((a) => targetIds.has(a.targetId)),
  };
}

function at(
  sheet: string,
  row: number,
  col: number,
  code: ProblemCode,
  message: string,
  extra: Partial<Pick<LedgerProblem, "taskId" | "targetId" | "units">> = {},
  severity: LedgerProblem["severity"] = "error",
): LedgerProblem {
  return { sheet, cell: cellAddress(row, col), row, col, code, message, severity, ...extra };
}

const shown = (s: string | null) => (s === null || s === "" ? "（空）" : s);
const numberText = (n: number) => String(Number(n.toPrecision(15)));
const short = (s: string) => ([...s].length > 24 ? [...s].slice(0, 24).join("") + "…" : s);

/** "目标值被改为“5”，方案原文为“7”；…" at the cell, when the found value differs from the written one. */
function changed(
  problems: LedgerProblem[],
  sheet: string,
  row: number,
  col: number | undefined,
  field: string,
  written: string | null,
  found: string | null,
  extra: Partial<Pick<LedgerProblem, "taskId" | "targetId" | "units">> = {},
): void {
  if (col === undefined || (written ?? "") === (found ?? "")) return;
  problems.push(
    at(sheet, row, col, "plan-changed", `${field}被改为“${shown(found)}”，方案原文为“${shown(written)}”；评分按方案原文计算。${UPDATE_HINT}`, extra),
  );
}

/** Where a missing row belongs: below the row of the previous record item that has one, else above the next one. */
function placeOf<Id>(order: readonly Id[], rows: ReadonlyMap<Id, number>, i: number): number {
  for (let j = i - 1; j >= 0; j--) {
    const r = rows.get(order[j]!);
    if (r !== undefined) return r + 1;
  }
  for (let j = i + 1; j < order.length; j++) {
    const r = rows.get(order[j]!);
    if (r !== undefined) return Math.max(0, r - 1);
  }
  return FIRST_DATA_ROW - 1;
}

/**
 * Rows whose id the record does not hold: one problem per run of consecutive rows (a pasted list is
 * one problem, not thousands), and the rows are taken out of the index.
 */
function unknownRows<Id>(problems: LedgerProblem[], sheet: string, table: TableCells<Id, string>, col: number, known: (id: Id) => boolean, what: string): void {
  const rows = table.rows as Map<Id, number>;
  const unknown = [...rows].filter(([id]) => !known(id)).sort((a, b) => a[1] - b[1]);
  for (const [id] of unknown) rows.delete(id);
  let i = 0;
  while (i < unknown.length) {
    let j = i;
    while (j + 1 < unknown.length && unknown[j + 1]![1] === unknown[j]![1] + 1) j++;
    const ids = unknown.slice(i, j + 1).map(([id]) => String(id));
    const head =
      ids.length === 1
        ? `${what} ${ids[0]} 不在方案记录中`
        : `从本行起连续 ${ids.length} 行的${what}（${ids.slice(0, 3).join("、")}${ids.length > 3 ? " 等" : ""}）不在方案记录中`;
    problems.push(
      at(
        sheet,
        unknown[i]![1],
        col,
        "plan-row-unknown",
        `${head}（自行添加的行，或粘贴在表下方的编号列表？），未计入台账；新增任务或指标请用 plan-ledger workbook --plan 新方案 --update 本文件`,
      ),
    );
    i = j + 1;
  }
}

function compareTasks(plan: Plan, visible: VisiblePlan, problems: LedgerProblem[]): void {
  const { rows, cols } = visible.cells.tasks;
  const S = SHEETS.tasks;
  const inRecord = new Set(plan.tasks.map((t) => t.id));
  unknownRows(problems, S, visible.cells.tasks, cols.id ?? 0, (id) => inRecord.has(id), TASK_COLUMNS.id);
  const seen = new Map(visible.plan.tasks.map((t) => [t.id, t]));
  const order = plan.tasks.map((t) => t.id);
  plan.tasks.forEach((t, i) => {
    const extra = { taskId: t.id, units: [...t.lead, ...t.responsible] };
    const row = rows.get(t.id);
    const v = seen.get(t.id);
    if (row === undefined || !v) {
      problems.push(
        at(
          S,
          placeOf(order, rows, i),
          cols.id ?? 0,
          "plan-row-missing",
          `任务 ${t.id}（${short(t.text)}）在“${S}”表中找不到（行被删除，或序号、任务内容被改动或清空？）；按方案记录计入台账，视为未填报。${RESTORE_HINT}该行`,
          extra,
        ),
      );
      return;
    }
    changed(problems, S, row, cols.text, TASK_COLUMNS.text, t.text, v.text, extra);
    changed(problems, S, row, cols.lead, TASK_COLUMNS.lead, t.lead.join(UNIT_SEPARATOR), v.lead.join(UNIT_SEPARATOR), extra);
    changed(problems, S, row, cols.responsible, TASK_COLUMNS.responsible, t.responsible.join(UNIT_SEPARATOR), v.responsible.join(UNIT_SEPARATOR), extra);
    changed(problems, S, row, cols.section, TASK_COLUMNS.section, t.section, v.section, extra);
    changed(problems, S, row, cols.subsection, TASK_COLUMNS.subsection, t.subsection, v.subsection, extra);
  });
}

function compareTargets(plan: Plan, visible: VisiblePlan, problems: LedgerProblem[]): void {
  const { rows, cols } = visible.cells.targets;
  const S = SHEETS.targets;
  const written: { task: Task; target: Target }[] = plan.tasks.flatMap((task) => task.targets.map((target) => ({ task, target })));
  const inRecord = new Set(written.map((w) => w.target.id));
  unknownRows(problems, S, visible.cells.targets, cols.id ?? 0, (id) => inRecord.has(id), TARGET_COLUMNS.id);
  const seen = new Map(visible.owners.flatMap((t) => t.targets.map((g) => [g.id, g] as const)));
  const order = written.map((w) => w.target.id);
  written.forEach(({ task, target: g }, i) => {
    const extra = { taskId: task.id, targetId: g.id, units: [...task.lead, ...task.responsible] };
    const row = rows.get(g.id);
    const v = seen.get(g.id);
    if (row === undefined || !v) {
      problems.push(
        at(
          S,
          placeOf(order, rows, i),
          cols.id ?? 0,
          "plan-row-missing",
          `指标 ${g.id}（${short(g.name)}）在“${S}”表中没有可读的行（行被删除，或编号、任务序号、目标值被改动？）；按方案记录计入台账，实际值视为未填报。${RESTORE_HINT}该行`,
          extra,
        ),
      );
      return;
    }
    changed(problems, S, row, cols.name, TARGET_COLUMNS.name, g.name, v.name, extra);
    changed(problems, S, row, cols.comparator, TARGET_COLUMNS.comparator, COMPARATOR[g.comparator].word, COMPARATOR[v.comparator].word, extra);
    changed(problems, S, row, cols.value, TARGET_COLUMNS.value, numberText(g.value), numberText(v.value), extra);
    changed(problems, S, row, cols.unit, TARGET_COLUMNS.unit, g.unit, v.unit, extra);
    changed(problems, S, row, cols.kind, TARGET_COLUMNS.kind, KIND_WORDS[g.kind], KIND_WORDS[v.kind], extra);
    // 原文 is read only when the column is there (older workbooks rebuild the clause from the cells)
    changed(problems, S, row, cols.text, TARGET_COLUMNS.text, g.text, v.text, extra);
  });
}

const REBUILT = {
  [SHEETS.units]: "单位类型和排名分组",
  [SHEETS.summary]: "板块名称",
  [SHEETS.guide]: "方案名称、年度、文号、印发单位和日期",
} as Record<string, string>;

/**
 * A 说明 / 单位 / 汇总 sheet that is gone, or whose header the reader could not find: one
 * "sheet-rebuilt" problem (the reader's own "not read" problem is replaced: nothing was lost).
 * True when the sheet's rows can be compared.
 */
function sheetReadable(sheet: string, present: boolean, problems: LedgerProblem[]): boolean {
  if (!present) {
    problems.push(at(sheet, 0, 0, "sheet-rebuilt", `工作表“${sheet}”已被删除，${REBUILT[sheet]}已按方案记录重建（不作推测）；${RESTORE_HINT}该表`));
    return false;
  }
  const i = problems.findIndex((p) => p.sheet === sheet && p.code === "sheet-unreadable");
  if (i < 0) return true;
  const p = problems[i]!;
  const what = sheet === SHEETS.guide ? p.message.replace(/，方案的.*$/, "") : `工作表“${sheet}”无法读取（表头被改名、删除或表被清空）`;
  problems[i] = at(sheet, p.row, p.col, "sheet-rebuilt", `${what}，${REBUILT[sheet]}已按方案记录重建（不作推测）；${RESTORE_HINT}`);
  // 说明: the rows that were found can still be compared
  return sheet === SHEETS.guide;
}

function compareUnits(plan: Plan, visible: VisiblePlan, present: boolean, problems: LedgerProblem[]): void {
  if (!sheetReadable(SHEETS.units, present, problems)) return;
  const S = SHEETS.units;
  const { rows, cols } = visible.cells.units;
  if (cols.name === undefined) return;
  const written = new Map(plan.units.map((u) => [u.name, u]));
  const found = new Map(visible.plan.units.map((u) => [u.name, u]));
  for (const [name, row] of [...rows].sort((a, b) => a[1] - b[1])) {
    if (written.has(name)) continue;
    problems.push(at(S, row, cols.name, "plan-changed", `单位“${name}”不在方案记录中（改名或新增的行？），未计入；单位以方案原文为准。${UPDATE_HINT}`));
  }
  const order = plan.units.map((u) => u.name);
  plan.units.forEach((u, i) => {
    const row = rows.get(u.name);
    if (row === undefined) {
      problems.push(
        at(
          S,
          placeOf(order, rows, i),
          cols.name!,
          "plan-row-missing",
          `单位“${u.name}”在“${S}”表中找不到（行被删除或改名？）；按方案记录计入排名。${RESTORE_HINT}该行`,
          { units: [u.name] },
        ),
      );
      return;
    }
    const v = found.get(u.name);
    changed(problems, S, row, cols.kind, UNIT_COLUMNS.kind, UNIT_KIND_WORDS[u.kind], v ? UNIT_KIND_WORDS[v.kind] : null, { units: [u.name] });
  });
}

function compareSections(plan: Plan, visible: VisiblePlan, present: boolean, problems: LedgerProblem[]): void {
  if (!sheetReadable(SHEETS.summary, present, problems)) return;
  const S = SHEETS.summary;
  const { rows, cols } = visible.cells.summary;
  if (cols.section === undefined) return;
  const written = new Set(plan.sections.map((s) => s.id));
  for (const [id, row] of [...rows].sort((a, b) => a[1] - b[1])) {
    if (id === OVERALL.section || written.has(id)) continue;
    problems.push(at(S, row, cols.section, "plan-changed", `板块“${id}”不在方案记录中（改动或新增的行？），未计入。${UPDATE_HINT}`));
  }
  const titles = new Map(visible.plan.sections.map((s) => [s.id, s.title]));
  const order = plan.sections.map((s) => s.id);
  plan.sections.forEach((s, i) => {
    const row = rows.get(s.id);
    if (row === undefined) {
      problems.push(
        at(
          S,
          placeOf(order, rows, i),
          cols.section!,
          "plan-row-missing",
          `板块“${s.id}、${s.title}”在“${S}”表中找不到（行被删除或改动？）；板块名称按方案记录。${RESTORE_HINT}该行`,
        ),
      );
      return;
    }
    changed(problems, S, row, cols.title, `板块${s.id}的${SUMMARY_COLUMNS.title}`, s.title, titles.get(s.id) ?? null);
  });
}

const NOT_GIVEN = "（未注明）";

function compareMeta(plan: Plan, visible: VisiblePlan, present: boolean, problems: LedgerProblem[]): void {
  if (!sheetReadable(SHEETS.guide, present, problems)) return;
  for (const k of Object.keys(META_LABELS) as (keyof typeof META_LABELS)[]) {
    const row = visible.metaRows.get(k);
    if (row === undefined) continue;
    changed(problems, SHEETS.guide, row, 1, META_LABELS[k][0], plan.meta[k] ?? NOT_GIVEN, visible.plan.meta[k] ?? NOT_GIVEN);
  }
}
