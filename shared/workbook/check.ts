/**
 * 检查填报: every problem of a filled ledger, each at its cell ("任务!G7: …"), as data the CLI prints
 * and the add-in groups by unit. Works on plain value grids (reader.grid.ts), so the add-in passes
 * what Office.js `range.values` gives and no exceljs object is involved.
 *
 * Rules (beyond the reading problems: unknown status word, actual not a number / a percent for a
 * non-% unit / an error value / implausible for its target, bad settings):
 * - status-missing: a task without a status for the checked quarter (default: 设置's 当前季度; when
 *   that is invalid and no quarter is given, no quarter is checked: none is guessed), or with
 *   progress / problems / next steps but no status in any other quarter;
 * - lag-without-problem: 滞后 with an empty 存在问题 (any quarter);
 * - actual-without-status: a target has an actual in a quarter for which its task has no status;
 * - actual-negative: a cumulative target's actual below 0 (rates may fall, so they may be negative);
 * - text-too-long: a narrative longer than its limit (TEXT_LIMITS);
 * - warnings: actual-decreasing (a cumulative actual below the previous quarter's), future-quarter
 *   (anything filled for a quarter after both the checked one and 当前季度), and the reader's
 *   warnings (a number typed as text, a percent-formatted number, a padded status word), which
 *   the reader read correctly but the workbook's own formulas would not.
 */
import { QUARTERS, type Quarter } from "../ledger/schema";
import { SHEETS, TEXT_LIMITS, ENTRY_FIELDS } from "./labels";
import { QUARTER_NAMES, cellAddress } from "../vocabulary";
import { LedgerReadError, formatProblem, type LedgerProblem, type WorkbookGrid } from "./reader.grid";
import { readLedger, type ReadResult } from "./reader";
import { quarterInvalid } from "./sheet.settings";

export interface CheckOptions {
  /** The quarter whose statuses must be filled (default: the workbook's 当前季度). */
  quarter?: Quarter;
}

export type CheckResult =
  /** quarter: the one checked; null when 当前季度 is invalid and none was given (its problem says so). */
  | { ok: true; quarter: Quarter | null; problems: LedgerProblem[]; read: ReadResult }
  | { ok: false; error: { code: LedgerReadError["code"]; message: string; sheet?: string; cell?: string } };

const SHEET_RANK: Record<string, number> = { [SHEETS.settings]: 0, [SHEETS.tasks]: 1, [SHEETS.targets]: 2 };

export function checkLedger(grid: WorkbookGrid, options: CheckOptions = {}): CheckResult {
  let read: ReadResult;
  try {
    read = readLedger(grid);
  } catch (e) {
    if (e instanceof LedgerReadError) return { ok: false, error: { code: e.code, message: e.message, sheet: e.sheet, cell: e.cell } };
    throw e;
  }
  const quarter = checkedQuarter(read, options.quarter);
  return { ok: true, quarter, problems: checkRead(read, quarter), read };
}

/** The quarter to check: the one given, else the workbook's 当前季度 when it is valid, else none. */
export function checkedQuarter(read: ReadResult, given: Quarter | undefined): Quarter | null {
  return given ?? (quarterInvalid(read) ? null : read.ledger.settings.quarter);
}

/** The rules, on an already read ledger; `quarter` null: no quarter's statuses are required. */
export function checkRead(read: ReadResult, quarter: Quarter | null): LedgerProblem[] {
  const { ledger, index } = read;
  const out: LedgerProblem[] = [...read.problems];
  const entry = new Map(ledger.entries.map((e) => [`${e.taskId}/${e.quarter}`, e]));
  const unknownStatus = new Set(read.problems.filter((p) => p.code === "status-unknown").map((p) => `${p.taskId}/${p.quarter}`));
  const actualOf = new Map(ledger.actuals.map((a) => [`${a.targetId}/${a.quarter}`, a.value]));
  // entries after both the checked quarter and the workbook's 当前季度 are probably in the wrong column
  // (neither known: no entry is judged to be in the future)
  const current = quarterInvalid(read) ? null : ledger.settings.quarter;
  const latest = Math.max(quarter ?? 0, current ?? 0) || 4;
  const at = (sheet: string, row: number, col: number) => ({ sheet, row, col, cell: cellAddress(row, col), severity: "error" as const });

  for (const task of ledger.plan.tasks) {
    const row = index.taskRow.get(task.id);
    // a task of the plan record without a row: the reader reported it (plan-row-missing)
    if (row === undefined) continue;
    const units = [...task.lead, ...task.responsible];
    const base = { taskId: task.id, units };
    const e = quarter === null ? undefined : entry.get(`${task.id}/${quarter}`);
    // a unit workbook's shared tasks are the leads' to report (their rows are there for context)
    const reports = !read.unit || read.unit.scope.reports.has(task.id);
    if (quarter !== null && reports && (!e || e.status === null) && !unknownStatus.has(`${task.id}/${quarter}`)) {
      out.push({
        ...at(SHEETS.tasks, row, index.entryCols[quarter].status),
        ...base,
        quarter,
        code: "status-missing",
        message: `任务 ${task.id} 未填报${QUARTER_NAMES[quarter]}状态`,
      });
    }
    for (const q of QUARTERS) {
      const eq = entry.get(`${task.id}/${q}`);
      if (!eq) continue;
      const cols = index.entryCols[q];
      if (q !== quarter && eq.status === null && !unknownStatus.has(`${task.id}/${q}`)) {
        out.push({
          ...at(SHEETS.tasks, row, cols.status),
          ...base,
          quarter: q,
          code: "status-missing",
          message: `任务 ${task.id} 已填${QUARTER_NAMES[q]}进展，但未填该季度状态`,
        });
      }
      if (q > latest) {
        out.push({
          ...at(SHEETS.tasks, row, cols.status),
          ...base,
          quarter: q,
          severity: "warning",
          code: "future-quarter",
          message: `已填${QUARTER_NAMES[q]}内容，但当前是第 ${latest} 季度（填错季度了？）`,
        });
      }
      if (eq.status === "滞后" && eq.problems === "") {
        out.push({
          ...at(SHEETS.tasks, row, cols.problems),
          ...base,
          quarter: q,
          code: "lag-without-problem",
          message: `任务 ${task.id} ${QUARTER_NAMES[q]}状态为滞后，但未填写${ENTRY_FIELDS.problems}`,
        });
      }
      for (const f of ["progress", "problems", "nextSteps"] as const) {
        const max = TEXT_LIMITS[f];
        if ([...eq[f]].length > max) {
          out.push({
            ...at(SHEETS.tasks, row, cols[f]),
            ...base,
            quarter: q,
            code: "text-too-long",
            message: `${QUARTER_NAMES[q]}${ENTRY_FIELDS[f]}共 ${[...eq[f]].length} 字，超过 ${max} 字`,
          });
        }
      }
    }
    for (const g of task.targets) {
      const grow = index.targetRow.get(g.id)!;
      let previous: { quarter: Quarter; value: number } | null = null;
      for (const q of QUARTERS) {
        const value = actualOf.get(`${g.id}/${q}`);
        if (value === undefined || value === null) continue;
        const a = { quarter: q, value };
        const acol = index.actualCols[a.quarter];
        const where = { ...at(SHEETS.targets, grow, acol), ...base, targetId: g.id, quarter: a.quarter };
        if (g.kind === "cumulative" && a.value < 0) {
          out.push({
            ...where,
            code: "actual-negative",
            message: `指标 ${g.id}（${g.name}）是累计指标，${QUARTER_NAMES[a.quarter]}实际值 ${a.value} 不能为负数`,
          });
        }
        if (g.kind === "cumulative" && previous && a.value >= 0 && a.value < previous.value) {
          out.push({
            ...where,
            severity: "warning",
            code: "actual-decreasing",
            message: `指标 ${g.id}（${g.name}）是累计指标，${QUARTER_NAMES[a.quarter]}实际值 ${a.value} 小于${QUARTER_NAMES[previous.quarter]}的 ${previous.value}（应填年初至季度末的累计数）`,
          });
        }
        previous = a;
        const eq = entry.get(`${task.id}/${a.quarter}`);
        if ((!eq || eq.status === null) && !unknownStatus.has(`${task.id}/${a.quarter}`)) {
          out.push({
            ...where,
            code: "actual-without-status",
            message: `指标 ${g.id} 已填${QUARTER_NAMES[a.quarter]}实际值，但任务 ${task.id} 未填该季度状态`,
          });
        }
        if (a.quarter > latest) {
          out.push({
            ...where,
            severity: "warning",
            code: "future-quarter",
            message: `已填${QUARTER_NAMES[a.quarter]}实际值，但当前是第 ${latest} 季度（填错季度了？）`,
          });
        }
      }
    }
  }
  return sortProblems(out);
}

/** The same problem with its keys in one fixed order (stable JSON). */
function canonical(p: LedgerProblem): LedgerProblem {
  const out: LedgerProblem = { sheet: p.sheet, cell: p.cell, row: p.row, col: p.col, severity: p.severity, code: p.code, message: p.message };
  if (p.range !== undefined) out.range = p.range;
  if (p.taskId !== undefined) out.taskId = p.taskId;
  if (p.targetId !== undefined) out.targetId = p.targetId;
  if (p.quarter !== undefined) out.quarter = p.quarter;
  if (p.units !== undefined) out.units = p.units;
  return out;
}

function sortProblems(ps: LedgerProblem[]): LedgerProblem[] {
  return ps
    .map(canonical)
    .sort(
      (a, b) =>
        (SHEET_RANK[a.sheet] ?? 9) - (SHEET_RANK[b.sheet] ?? 9) ||
        a.sheet.localeCompare(b.sheet) ||
        a.row - b.row ||
        a.col - b.col ||
        a.code.localeCompare(b.code),
    );
}

/** The group of problems that name no unit (settings, 编号, sheets). */
export const NO_UNIT = "（未指定单位）";

export interface UnitProblems {
  unit: string;
  /** Every problem naming this unit, in the order given. */
  problems: LedgerProblem[];
  /** Of those, the tasks whose status for `quarter` is missing (未填报): counted and listed, not one error each. */
  unreported: LedgerProblem[];
}

/**
 * Problems grouped by every unit a task names (a problem of a task shared by three units is in three
 * groups), for the CLI's count and the task pane's list. `first` (the pane's 我的单位) comes first,
 * then the units in first-seen order; `quarter` is the checked quarter whose missing statuses are 未填报.
 */
export function problemsByUnit(ps: readonly LedgerProblem[], options: { first?: string | null; quarter?: Quarter | null } = {}): UnitProblems[] {
  const groups = new Map<string, UnitProblems>();
  for (const p of ps) {
    for (const unit of p.units && p.units.length ? new Set(p.units) : [NO_UNIT]) {
      let g = groups.get(unit);
      if (!g) groups.set(unit, (g = { unit, problems: [], unreported: [] }));
      g.problems.push(p);
      if (isUnreported(p, options.quarter ?? null)) g.unreported.push(p);
    }
  }
  const out = [...groups.values()];
  const first = out.findIndex((g) => g.unit === options.first);
  return first > 0 ? [out[first]!, ...out.slice(0, first), ...out.slice(first + 1)] : out;
}

/** A task without a status for the checked quarter: not reported yet, rather than reported wrongly. */
export function isUnreported(p: LedgerProblem, quarter: Quarter | null): boolean {
  return p.code === "status-missing" && quarter !== null && p.quarter === quarter;
}

export { formatProblem };
