/**
 * The reader's input: a workbook as plain 2-D grids of cell values, one per sheet, so the same
 * reading and checking code runs on exceljs (Node) and on Office.js `range.values` (the add-in).
 * Also: finding a table's header row and columns BY LABEL (columns may be moved, hidden or
 * added; rows may be added above the header), and the problem / error shapes.
 */
import { cellAddress } from "../vocabulary";
import { cellNumber, cellText, labelKey, type RawCell } from "./reader.cells";

export interface SheetGrid {
  /** The sheet's tab name. */
  name: string;
  /** values[r][c]: row r, column c, 0-based from `origin` (default A1). Ragged rows are fine. */
  values: RawCell[][];
  /** Optional number formats in the same shape (Office.js `range.numberFormat`, exceljs `cell.numFmt`). */
  numFmts?: (string | null | undefined)[][];
  /** 0-based position of values[0][0] in the sheet (Office.js used ranges may not start at A1). */
  origin?: { row: number; col: number };
  /**
   * Optional formulas in the same shape: a string starting with "=" for a formula cell, anything
   * else for a constant (Office.js `range.formulas` gives exactly that). When present, check warns
   * of computed cells whose formula was replaced by a value.
   */
  formulas?: unknown[][];
  /** True when the sheet is protected with a password (known to exceljs; Office.js cannot tell). */
  passwordProtected?: boolean;
  /**
   * Merged ranges as A1 ranges ("H5:H9"), when the host can tell. A merged range's value belongs to
   * its top-left cell: the other cells read empty, so a merge over input cells is reported (unread.ts).
   */
  merges?: string[];
}

export interface WorkbookGrid {
  sheets: SheetGrid[];
}

/** One problem in a filled ledger, located at a cell. */
export interface LedgerProblem {
  sheet: string;
  /** "C7" */
  cell: string;
  /** 0-based row and column in the sheet (for selecting the cell). */
  row: number;
  col: number;
  /** The cells the problem is about when more than one ("C7:F9"); `cell` is one of them. */
  range?: string;
  code: ProblemCode;
  /** zh-CN message (without the location). */
  message: string;
  severity: "error" | "warning";
  taskId?: number;
  targetId?: string;
  quarter?: 1 | 2 | 3 | 4;
  /** Units of the task (lead first, then responsible), for grouping by unit. */
  units?: string[];
}

export type ProblemCode =
  | "status-unknown"
  | "status-missing"
  | "status-not-exact"
  | "actual-text"
  | "actual-percent-format"
  | "lag-without-problem"
  | "actual-not-number"
  | "actual-percent-unit"
  | "actual-error"
  | "actual-negative"
  | "actual-without-status"
  | "actual-decreasing"
  | "future-quarter"
  | "formula-overwritten"
  | "text-too-long"
  | "task-id-invalid"
  | "task-id-duplicate"
  | "task-text-missing"
  | "target-invalid"
  | "target-id-duplicate"
  | "target-task-unknown"
  | "settings-invalid"
  /** A sheet present but not readable (a header renamed or deleted): what it holds was not read. */
  | "sheet-unreadable"
  /** A 归档 row with content whose 原序号 or 季度 cannot be read: an update would not keep it. */
  | "archive-row-invalid"
  /** A 变更记录 / 回收情况 row whose 处理, 季度 or 单位 cannot be read: not read (a re-merge may merge its file again). */
  | "changelog-row-invalid"
  /** Content the ledger does not hold (a column or sheet a user added): not read, and an update would not keep it. */
  | "foreign-content"
  /** A merged range over data rows of a table: the rows below its top-left cell read empty. */
  | "merged-cells"
  /** A constant where the layout has a formula (a value typed or pasted into a computed column): not read. */
  | "computed-value"
  /** A table row with content but no readable 序号 (or otherwise skipped by the reader): not read. */
  | "unread-row"
  /** Content outside a table (above its header, below its last row) or off the read cells of 设置 / 说明: not read. */
  | "unread-outside"
  /** No 方案记录 sheet (a workbook from before records): the plan was read from the visible cells. */
  | "plan-record-missing"
  /** The 方案记录 sheet does not match its SHA-256 or holds no plan: the plan was read from the visible cells. */
  | "plan-record-invalid"
  /** A visible plan cell (task, units, target, unit kind, section title, metadata) differs from the plan record. */
  | "plan-changed"
  /** A task, target, unit or section of the plan record has no row in its sheet: counted from the record. */
  | "plan-row-missing"
  /** A 任务 / 指标 row whose 序号 / 编号 is not in the plan record: not read, never a task. */
  | "plan-row-unknown"
  /** A 说明 / 单位 / 汇总 sheet deleted or unreadable: its part of the plan comes from the plan record. */
  | "sheet-rebuilt"
  /** An actual implausible for its target (plausibility.ts): error until its row's 核实 says 已核实, then a warning. */
  | "actual-implausible"
  /** A 核实 cell holding something other than 已核实: it confirms nothing. */
  | "confirm-unknown";

/** "Sheet!Cell: message" */
export function formatProblem(p: Pick<LedgerProblem, "sheet" | "cell" | "message">): string {
  return `${p.sheet}!${p.cell}: ${p.message}`;
}

/** Why a file is not a readable ledger (CLI exit 2). */
export type LedgerErrorCode =
  | "not-xlsx"
  | "missing-sheet"
  | "missing-column"
  | "missing-setting"
  | "no-tasks"
  | "lossy-cells"
  /** readUnitWorkbook on a file without the 填报表标识 sheet (a master ledger, another workbook). */
  | "not-unit-workbook"
  /** A unit workbook whose 填报表标识 or 方案记录 cannot be trusted (edited, cleared, another plan). */
  | "unit-identity-invalid";

export class LedgerReadError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    /** zh-CN message with an English gloss, e.g. "缺少工作表“任务” (missing sheet)". */
    message: string,
    readonly sheet?: string,
    readonly cell?: string,
  ) {
    super(message);
    this.name = "LedgerReadError";
  }
}

/** A sheet with accessors that apply the origin. */
export class Sheet {
  readonly name: string;
  private readonly values: RawCell[][];
  private readonly fmts: (string | null | undefined)[][] | undefined;
  private readonly formulaGrid: unknown[][] | undefined;
  private readonly r0: number;
  private readonly c0: number;

  constructor(g: SheetGrid) {
    this.name = g.name;
    this.values = g.values;
    this.fmts = g.numFmts;
    this.formulaGrid = g.formulas;
    this.r0 = g.origin?.row ?? 0;
    this.c0 = g.origin?.col ?? 0;
  }

  /** Number of rows (sheet rows, counting from row 0). */
  get rowCount(): number {
    return this.r0 + this.values.length;
  }

  get(row: number, col: number): RawCell {
    return this.values[row - this.r0]?.[col - this.c0] ?? null;
  }

  /** True / false when the grid carries formulas, null when it does not. */
  isFormula(row: number, col: number): boolean | null {
    if (!this.formulaGrid) return null;
    const f = this.formulaGrid[row - this.r0]?.[col - this.c0];
    return typeof f === "string" && f.startsWith("=");
  }

  numFmt(row: number, col: number): string | null {
    return this.fmts?.[row - this.r0]?.[col - this.c0] ?? null;
  }

  private widest = -1;

  /** The widest row (computed once). */
  get colCount(): number {
    if (this.widest < 0) {
      let n = 0;
      for (const r of this.values) n = Math.max(n, r?.length ?? 0);
      this.widest = n;
    }
    return this.c0 + this.widest;
  }
}

/** Finds a sheet by name (exact, then ignoring spaces). */
export function findSheet(grid: WorkbookGrid, name: string): Sheet | null {
  const exact = grid.sheets.find((s) => s.name === name);
  if (exact) return new Sheet(exact);
  const loose = grid.sheets.find((s) => s.name.replace(/\s+/g, "") === name);
  return loose ? new Sheet(loose) : null;
}

export function requireSheet(grid: WorkbookGrid, name: string): Sheet {
  const s = findSheet(grid, name);
  if (!s) {
    const have = grid.sheets.map((x) => `“${x.name}”`).join("、") || "无";
    throw new LedgerReadError("missing-sheet", `不是目标任务台账：缺少工作表“${name}”（现有工作表：${have}） (not a ledger: missing sheet "${name}")`, name);
  }
  return s;
}

/** A table located by its header labels. */
export interface Table {
  sheet: Sheet;
  /** 0-based header row. */
  headerRow: number;
  /** label → 0-based column (first occurrence). */
  columns: Map<string, number>;
}

/**
 * The header row among the first rows: the first row holding every one of `required` (compared by
 * labelKey). When there is none: the row that holds most of them and the labels it lacks.
 */
function findHeader(sheet: Sheet, required: readonly string[], searchRows = 20): { table: Table } | { table: null; row: number | null; missing: string[] } {
  const want = required.map(labelKey);
  let best: { row: number; found: Map<string, number> } | null = null;
  const last = Math.min(sheet.rowCount, searchRows);
  for (let r = 0; r < last; r++) {
    const found = new Map<string, number>();
    for (let c = 0; c < sheet.colCount; c++) {
      const k = labelKey(sheet.get(r, c));
      if (k && !found.has(k)) found.set(k, c);
    }
    const hits = want.filter((w) => found.has(w)).length;
    if (hits === want.length) return { table: { sheet, headerRow: r, columns: found } };
    if (hits > 0 && (!best || hits > want.filter((w) => best!.found.has(w)).length)) best = { row: r, found };
  }
  return { table: null, row: best?.row ?? null, missing: best ? required.filter((l) => !best!.found.has(labelKey(l))) : [...required] };
}

/** Finds a table the ledger cannot be read without; throws a "missing column" error naming the labels not found. */
export function locateTable(sheet: Sheet, required: readonly string[], searchRows = 20): Table {
  const found = findHeader(sheet, required, searchRows);
  if (found.table) return found.table;
  const { row, missing } = found;
  const where = row !== null ? `第${row + 1}行` : "表头";
  throw new LedgerReadError(
    "missing-column",
    `不是可读取的台账：工作表“${sheet.name}”${where}找不到列“${missing.join("”“")}”（表头被改名或删除？） ` +
      `(not a readable ledger: sheet "${sheet.name}" has no column ${missing.map((m) => `"${m}"`).join(", ")})`,
    sheet.name,
    row !== null ? cellAddress(row, 0) : undefined,
  );
}

/**
 * Finds a table the ledger can be read without (单位, 汇总, 归档). When its header cannot be found,
 * a "sheet-unreadable" problem says where and what follows (`consequence`), and the result is null:
 * never an empty table without a word. The problem sits on the renamed header when it can tell which
 * (the first cell of the header row that is none of `known`, the sheet's own labels), else on the
 * header row's first cell.
 */
export function locateOptionalTable(
  sheet: Sheet,
  required: readonly string[],
  known: readonly string[],
  problems: LedgerProblem[],
  consequence: string,
  severity: LedgerProblem["severity"],
): Table | null {
  const found = findHeader(sheet, required);
  if (found.table) return found.table;
  const row = found.row ?? 0;
  const ours = new Set(known.map(labelKey));
  let c = 0;
  if (found.row !== null) {
    for (let x = 0; x < sheet.colCount; x++) {
      const k = labelKey(sheet.get(row, x));
      if (k && !ours.has(k)) {
        c = x;
        break;
      }
    }
  }
  problems.push(
    problem(
      sheet,
      row,
      c,
      "sheet-unreadable",
      `工作表“${sheet.name}”找不到列“${found.missing.join("”“")}”（表头被改名或删除？），${consequence}`,
      {},
      severity,
    ),
  );
  return null;
}

/** A problem at a cell of a sheet. */
export function problem(
  sheet: Sheet,
  row: number,
  c: number,
  code: LedgerProblem["code"],
  message: string,
  extra: Partial<Pick<LedgerProblem, "taskId" | "targetId" | "quarter" | "units">> = {},
  severity: LedgerProblem["severity"] = "error",
): LedgerProblem {
  return { sheet: sheet.name, cell: cellAddress(row, c), row, col: c, code, message, severity, ...extra };
}

/** A positive whole number (序号, 任务序号), else null. */
export function intOf(v: RawCell): number | null {
  const r = cellNumber(v);
  if (!r.ok || r.value === null) return null;
  return Number.isInteger(r.value) && r.value > 0 ? r.value : null;
}

/**
 * Computed columns whose formulas were deleted (cells emptied): the workbook no longer computes
 * them. One warning per column, at its first such cell. Only when the grid carries formulas.
 * (A value in place of a formula is not read: unread.ts reports it, naming where it belongs.)
 */
export function formulaCheck(sheet: Sheet, t: Table, labels: readonly string[], rows: readonly number[], problems: LedgerProblem[]): void {
  for (const label of labels) {
    const c = col(t, label);
    if (c === undefined) continue;
    const lost = rows.filter((r) => sheet.isFormula(r, c) === false && cellText(sheet.get(r, c)) === "").sort((a, b) => a - b);
    if (lost.length === 0) continue;
    problems.push(
      problem(
        sheet,
        lost[0]!,
        c,
        "formula-overwritten",
        `“${label}”列有 ${lost.length} 个单元格的公式被删除，这些单元格不再自动计算（评分按填报内容计算；可用 plan-ledger workbook --update 本文件 重建台账恢复公式）`,
        {},
        "warning",
      ),
    );
  }
}

/** Columns of a located table by key, for the labels it has (an optional column may be absent). */
export function columnsByKey<K extends string>(t: Table, labels: Readonly<Record<K, string>>): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const k of Object.keys(labels) as K[]) {
    const c = col(t, labels[k]);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/** Column of a label in a located table (the label must have been required or be optional). */
export function col(t: Table, label: string): number | undefined {
  return t.columns.get(labelKey(label));
}
