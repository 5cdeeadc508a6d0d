/**
 * The reader's input: a workbook as plain 2-D grids of cell values, one per sheet, so the same
 * reading and checking code runs on exceljs (Node) and on Office.js `range.values` (the add-in).
 * Also: finding a table's header row and columns BY LABEL (columns may be moved, hidden or
 * added; rows may be added above the header), and the problem / error shapes.
 */
import { cellAddress, labelKey, type RawCell } from "./reader.cells";

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
  /** Content the ledger does not hold (a column or sheet a user added): an update would not keep it. */
  | "foreign-content";

/** "Sheet!Cell: message" */
export function formatProblem(p: Pick<LedgerProblem, "sheet" | "cell" | "message">): string {
  return `${p.sheet}!${p.cell}: ${p.message}`;
}

/** Why a file is not a readable ledger (CLI exit 2). */
export type LedgerErrorCode = "not-xlsx" | "missing-sheet" | "missing-column" | "missing-setting" | "no-tasks" | "lossy-cells";

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

  address(row: number, col: number): string {
    return cellAddress(row, col);
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
 * Finds the header row among the first rows: the first row holding every one of `required`
 * (compared by labelKey). Throws a "missing column" error naming the labels that are not found,
 * judged on the row that holds most of them.
 */
export function locateTable(sheet: Sheet, required: readonly string[], searchRows = 20): Table {
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
    if (hits === want.length) return { sheet, headerRow: r, columns: found };
    if (hits > 0 && (!best || hits > want.filter((w) => best!.found.has(w)).length)) best = { row: r, found };
  }
  const missing = best ? required.filter((l) => !best!.found.has(labelKey(l))) : required;
  const where = best ? `第${best.row + 1}行` : "表头";
  throw new LedgerReadError(
    "missing-column",
    `不是可读取的台账：工作表“${sheet.name}”${where}找不到列“${missing.join("”“")}”（表头被改名或删除？） ` +
      `(not a readable ledger: sheet "${sheet.name}" has no column ${missing.map((m) => `"${m}"`).join(", ")})`,
    sheet.name,
    best ? cellAddress(best.row, 0) : undefined,
  );
}

/** Column of a label in a located table (the label must have been required or be optional). */
export function col(t: Table, label: string): number | undefined {
  return t.columns.get(labelKey(label));
}
