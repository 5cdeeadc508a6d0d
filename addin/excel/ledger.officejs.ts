/**
 * What the task pane asks of Excel, as functions on plain data. Every Office.js call of the add-in
 * besides the layout writer lives here; the pane passes `Excel.run` (or the test fake's `run`).
 * Reading always goes through value grids (shared/workbook/reader.grid.ts), so the rules that read,
 * check and merge a ledger are the same code the CLI runs on exceljs.
 */
import type { Plan } from "../../shared/plan/schema";
import type { Quarter } from "../../shared/ledger/schema";
import {
  HEADER_ROW,
  SHEETS,
  SHEET_ORDER,
  TASK_COLUMNS,
  TARGET_COLUMNS,
} from "../../shared/workbook/labels";
import {
  LedgerReadError,
  type SheetGrid,
  type WorkbookGrid,
  type LedgerProblem,
} from "../../shared/workbook/reader.grid";
import {
  readLedger,
  splitUnits,
  type ReadResult,
} from "../../shared/workbook/reader";
import { checkLedger } from "../../shared/workbook/check";
import { buildLayout } from "../../shared/workbook/layout";
import {
  describeChanges,
  updateFromGrid,
  type PlanChanges,
} from "../../shared/workbook/update";
import { jsonBytes } from "./ops.translate";
import {
  writeLayout,
  type ExcelRun,
  type WriteOptions,
  type WriteReport,
} from "./writer.officejs";

/** The ledger's sheets and, once a merge made them, 变更记录 and 回收情况: the merge reads its own record back. */
const LEDGER_SHEETS = [
  ...SHEET_ORDER.map((k) => SHEETS[k]),
  SHEETS.changelog,
  SHEETS.collection,
];

interface ReadOptions {
  /**
   * Response budget of one sync in bytes (JSON of the values loaded). Default 4 MB: Excel on the web
   * refuses responses over 5 MB, which a whole 5,000-task ledger (about 12 MB) would pass.
   */
  responseBytes?: number;
}

/**
 * Bytes per cell assumed for a sheet before any of it was read: above what task and target rows take
 * (about 50–150 with their formulas), so the seed is read in one band; a sheet denser than that (单位's
 * formulas run to a kilobyte, but it has few rows) stays within the 1 MB between budget and limit, and a
 * response Excel still refuses is read again at twice the density. A 方案记录 cell holds up to 32,767
 * characters of JSON. After its first band a sheet's measured density is used.
 */
const FIRST_GUESS = 400;
const RECORD_GUESS = 100_000;
/** Sheets without formulas of their own: their `formulas` would only repeat their values. */
const NO_FORMULAS: readonly string[] = [
  SHEETS.guide,
  SHEETS.archive,
  SHEETS.record,
  SHEETS.changelog,
  SHEETS.collection,
];

/** One band of rows of a sheet's used range still to read (0-based, relative to the used range). */
interface Band {
  sheet: number;
  r0: number;
  r1: number;
}

/** The workbook's ledger sheets, in workbook order (one round trip). */
async function ledgerSheets(
  context: Excel.RequestContext,
): Promise<Excel.Worksheet[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  return sheets.items.filter((s) =>
    LEDGER_SHEETS.includes(s.name as (typeof LEDGER_SHEETS)[number]),
  );
}

/**
 * The ledger sheets present in the workbook as value grids. Read in bands of rows whose response stays
 * under the budget: 2 round trips for the sheets' extents, then as few as the data needs (the seed: 1;
 * a filled 5,000-task ledger: a handful). Number formats only for 指标 (where 12.3% must be told from
 * 0.123); formulas everywhere (computed cells pasted over). The bytes per cell of each sheet are
 * measured as it is read; a response Excel still refuses is read again in smaller bands.
 */
export async function readGrid(
  run: ExcelRun,
  options: ReadOptions = {},
): Promise<WorkbookGrid> {
  const budget = options.responseBytes ?? 4_000_000;
  return run(async (context) => {
    const present = await ledgerSheets(context);
    const merged = mergesSupported();
    const extents = present.map((s) => {
      const r = s.getUsedRangeOrNullObject(true);
      r.load("rowIndex,columnIndex,rowCount,columnCount");
      // Merged areas whose top-left cell holds a value (ExcelApi 1.13; older hosts: not reported).
      const m = merged ? r.getMergedAreasOrNullObject() : null;
      m?.load("address");
      return { ws: s, name: s.name, r, m };
    });
    await context.sync();
    const grids: SheetGrid[] = extents.map(({ name, r, m }) => ({
      name,
      values: [],
      ...(r.isNullObject
        ? {}
        : {
            ...(NO_FORMULAS.includes(name) ? {} : { formulas: [] }),
            ...(name === SHEETS.targets ? { numFmts: [] } : {}),
            origin: { row: r.rowIndex, col: r.columnIndex },
          }),
      ...(m
        ? { merges: m.isNullObject ? [] : mergedAddresses(m.address) }
        : {}),
    }));
    /** Measured bytes per cell of each sheet (null: none read yet). */
    const measured: (number | null)[] = extents.map(() => null);
    const rateOf = (i: number) =>
      measured[i] ??
      (extents[i]!.name === SHEETS.record ? RECORD_GUESS : FIRST_GUESS);
    const queue: Band[] = extents.flatMap(({ r }, i) =>
      r.isNullObject ? [] : [{ sheet: i, r0: 0, r1: r.rowCount - 1 }],
    );
    while (queue.length > 0) {
      // Take bands (splitting the last) while their estimated response fits the budget.
      const batch: Band[] = [];
      let room = budget;
      while (queue.length > 0) {
        const b = queue[0]!;
        const perRow = rateOf(b.sheet) * extents[b.sheet]!.r.columnCount;
        const fit = Math.floor(room / perRow);
        if (fit < 1 && batch.length > 0) break;
        const rows = Math.max(1, Math.min(fit, b.r1 - b.r0 + 1));
        batch.push({ sheet: b.sheet, r0: b.r0, r1: b.r0 + rows - 1 });
        room -= rows * perRow;
        if (b.r0 + rows > b.r1) queue.shift();
        else b.r0 += rows;
      }
      const loads = batch.map((b) => {
        const { ws, r } = extents[b.sheet]!;
        const range = ws.getRangeByIndexes(
          r.rowIndex + b.r0,
          r.columnIndex,
          b.r1 - b.r0 + 1,
          r.columnCount,
        );
        const g = grids[b.sheet]!;
        const fmts = g.numFmts !== undefined;
        const formulas = g.formulas !== undefined;
        range.load(
          [
            "values",
            ...(formulas ? ["formulas"] : []),
            ...(fmts ? ["numberFormat"] : []),
          ].join(","),
        );
        return { b, range, fmts, formulas };
      });
      try {
        await context.sync();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code !== "ResponsePayloadSizeLimitExceeded") throw error;
        // Denser than measured: read the same bands again at twice the assumed size.
        for (const b of batch) measured[b.sheet] = rateOf(b.sheet) * 2;
        queue.unshift(...batch);
        continue;
      }
      for (const { b, range, fmts, formulas } of loads) {
        const g = grids[b.sheet]!;
        g.values.push(...range.values);
        if (formulas) g.formulas!.push(...range.formulas);
        if (fmts) g.numFmts!.push(...range.numberFormat);
        const cells = (b.r1 - b.r0 + 1) * extents[b.sheet]!.r.columnCount;
        const bytes =
          jsonBytes(range.values) +
          (formulas ? jsonBytes(range.formulas) : 0) +
          (fmts ? jsonBytes(range.numberFormat) : 0);
        // A margin over what was measured: the next rows may hold longer text.
        measured[b.sheet] = Math.max(
          measured[b.sheet] ?? 0,
          (1.15 * bytes) / cells,
        );
      }
    }
    return { sheets: grids };
  });
}

/** Range.getMergedAreasOrNullObject is ExcelApi 1.13 (Office 2021 / Microsoft 365); below it merges go unseen. */
function mergesSupported(): boolean {
  const office = (
    globalThis as {
      Office?: {
        context?: {
          requirements?: {
            isSetSupported(name: string, version: string): boolean;
          };
        };
      };
    }
  ).Office;
  return (
    office?.context?.requirements?.isSetSupported("ExcelApi", "1.13") === true
  );
}

/** "任务!H5:H9, 任务!J5:J6" (RangeAreas.address) → ["H5:H9", "J5:J6"]. */
export function mergedAddresses(address: string): string[] {
  return address
    .split(",")
    .map((a) =>
      a
        .slice(a.lastIndexOf("!") + 1)
        .replace(/\$/g, "")
        .trim(),
    )
    .filter((a) => a !== "");
}

function hasLedger(grid: WorkbookGrid): boolean {
  return grid.sheets.some(
    (s) => s.name === SHEETS.tasks && s.values.length > 0,
  );
}

/** What 写入台账 would rewrite: the ledger sheets the workbook already has. */
export interface ExistingLedger {
  /** Ledger sheets present, in workbook order (empty: a new ledger is written). */
  sheets: string[];
  /** 任务 holds rows: the write is an update (entries kept, removed tasks to 归档). */
  filled: boolean;
  /** Some of them are protected (Office.js cannot tell whether with a password). */
  protected: boolean;
}

/** The ledger sheets already in the workbook, for the pane's question before it rewrites them (2 round trips, no cells read). */
export async function existingLedger(run: ExcelRun): Promise<ExistingLedger> {
  return run(async (context) => {
    const present = await ledgerSheets(context);
    for (const s of present) s.protection.load("protected");
    const tasks = present.find((s) => s.name === SHEETS.tasks);
    const used = tasks?.getUsedRangeOrNullObject(true);
    used?.load("rowCount");
    await context.sync();
    return {
      sheets: present.map((s) => s.name),
      filled: used !== undefined && !used.isNullObject,
      protected: present.some((s) => s.protection.protected),
    };
  });
}

export interface ImportResult {
  report: WriteReport;
  /** Set when an existing ledger was updated. */
  changes: PlanChanges | null;
  changesText: string | null;
  kept: { entries: number; actuals: number; archived: number } | null;
}

/**
 * Writes the plan as a new ledger, or — when the workbook holds one — merges it into the filled ledger
 * (same rules as `workbook --update`: nothing filled in is lost; what left the plan goes to 归档).
 */
export async function importPlan(
  run: ExcelRun,
  plan: Plan,
  options: WriteOptions = {},
): Promise<ImportResult> {
  // The sheets are protected with this password (none: protected without one). Office.js cannot read
  // a password back: an update unprotects the ledger with the password given and protects it again
  // with the same one; a wrong or empty one stops the update before anything changed.
  const password = options.password || undefined;
  const grid = await readGrid(run);
  if (!hasLedger(grid)) {
    const report = await writeLayout(
      run,
      buildLayout(plan, { password }),
      options,
    );
    return { report, changes: null, changesText: null, kept: null };
  }
  // Same rules as `workbook --update`: a broken ledger, or cells that could not be read (and would
  // be lost by rewriting), stop the import with a Chinese message naming the cells; nothing is written.
  const up = updateFromGrid(grid, plan, { password });
  if (!up.ok && up.reason === "not-a-ledger")
    throw new LedgerReadError(
      up.error.code,
      up.error.message,
      up.error.sheet,
      up.error.cell,
    );
  const foreign = up.ok
    ? []
    : up.problems.filter((p) => p.code === "foreign-content");
  if (foreign.length > 0) {
    const cells = foreign.map((p) => `${p.sheet}!${p.cell}`).join("、");
    throw new LedgerReadError(
      "lossy-cells",
      `台账表中有不属于台账的列（${cells}），重新写入台账会丢失其内容。请先把这些内容移到另一个工作表后再导入。`,
      foreign[0]!.sheet,
      foreign[0]!.cell,
    );
  }
  if (!up.ok) {
    const cells = up.problems
      .slice(0, 5)
      .map((p) => `${p.sheet}!${p.cell}`)
      .join("、");
    throw new LedgerReadError(
      "lossy-cells",
      `台账中有 ${up.problems.length} 个单元格无法识别（${cells}${up.problems.length > 5 ? " 等" : ""}），更新会丢失这些内容。请先在“检查填报”中修正后再导入。`,
      up.problems[0]?.sheet,
      up.problems[0]?.cell,
    );
  }
  const layout = up.layout;
  const report = await writeLayout(run, layout, options);
  return {
    report,
    changes: up.changes,
    changesText: describeChanges(up.changes),
    kept: {
      entries: up.ledger.entries.length,
      actuals: up.ledger.actuals.length,
      archived: up.archive.length,
    },
  };
}

/** The workbook's ledger as read by the shared reader (throws LedgerReadError when it is not one). */
export async function readWorkbookLedger(run: ExcelRun): Promise<ReadResult> {
  return readLedger(await readGrid(run));
}

/**
 * 检查填报: the problems of the checked quarter (and those tied to no quarter), flat and in workbook
 * order; the pane groups them by unit with shared/workbook/check.ts problemsByUnit, as the CLI does.
 * quarter null: 设置's 当前季度 is invalid (a problem says so) and none was chosen; all are listed.
 */
export async function checkWorkbook(
  run: ExcelRun,
  quarter?: Quarter,
): Promise<{ quarter: Quarter | null; problems: LedgerProblem[] }> {
  const result = checkLedger(await readGrid(run), quarter ? { quarter } : {});
  if (!result.ok)
    throw new LedgerReadError(
      result.error.code,
      result.error.message,
      result.error.sheet,
      result.error.cell,
    );
  return {
    quarter: result.quarter,
    problems: result.problems.filter(
      (p) =>
        p.quarter === undefined ||
        result.quarter === null ||
        p.quarter === result.quarter,
    ),
  };
}

/** Selects one cell (and shows its sheet). */
export async function selectCell(
  run: ExcelRun,
  sheet: string,
  row: number,
  col: number,
): Promise<void> {
  await run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRangeByIndexes(row, col, 1, 1).select();
    await context.sync();
  });
}

/** Runs of consecutive row indexes: [[3,5],[9,9]]. */
export function rowRuns(rows: number[]): [number, number][] {
  const sorted = [...rows].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else out.push([r, r]);
  }
  return out;
}

/**
 * 我的单位: shows on 任务 and 指标 only the rows whose 牵头单位 or 责任单位 names `unit` (null: show all).
 * Rows are hidden rather than filtered because a unit may appear in either of two columns (a table
 * filter ANDs columns). Returns how many task and target rows stay visible.
 */
export async function filterByUnit(
  run: ExcelRun,
  unit: string | null,
): Promise<{ tasks: number; targets: number }> {
  const grid = await readGrid(run);
  const counts = { tasks: 0, targets: 0 };
  await run(async (context) => {
    for (const [sheetName, labels, key] of [
      [SHEETS.tasks, TASK_COLUMNS, "tasks"],
      [SHEETS.targets, TARGET_COLUMNS, "targets"],
    ] as const) {
      const g = grid.sheets.find((s) => s.name === sheetName);
      if (!g || g.values.length === 0) continue;
      const origin = g.origin ?? { row: 0, col: 0 };
      const headerIdx = g.values.findIndex((row) =>
        row.some((v) => v === labels.lead),
      );
      if (headerIdx < 0) continue;
      const header = g.values[headerIdx]!;
      const leadCol = header.indexOf(labels.lead);
      const respCol = header.indexOf(labels.responsible);
      const ws = context.workbook.worksheets.getItem(sheetName);
      const first = headerIdx + 1;
      const last = g.values.length - 1;
      if (last < first) continue;
      const hide: number[] = [];
      for (let i = first; i <= last; i++) {
        const row = g.values[i]!;
        const names = [
          ...splitUnits(String(row[leadCol] ?? "")),
          ...(respCol >= 0 ? splitUnits(String(row[respCol] ?? "")) : []),
        ];
        if (unit === null || names.includes(unit)) counts[key]++;
        else hide.push(i);
      }
      const all = ws.getRange(
        `${origin.row + first + 1}:${origin.row + last + 1}`,
      );
      all.rowHidden = false;
      for (const [a, b] of rowRuns(hide))
        ws.getRange(`${origin.row + a + 1}:${origin.row + b + 1}`).rowHidden =
          true;
    }
    await context.sync();
  });
  return counts;
}

/** Units named in the ledger, in plan order (from the 任务 sheet as read). */
export function unitsOf(read: ReadResult): string[] {
  return read.ledger.plan.units.map((u) => u.name);
}

/** 当前季度: writes the 设置 cell and selects that quarter's columns on 任务. */
export async function setQuarter(
  run: ExcelRun,
  quarter: Quarter,
): Promise<void> {
  const read = await readWorkbookLedger(run);
  const cell = read.index.settingsQuarterCell;
  if (!cell) throw new Error(`找不到“${SHEETS.settings}”表的当前季度单元格`);
  const cols = read.index.entryCols[quarter];
  await run(async (context) => {
    context.workbook.worksheets
      .getItem(SHEETS.settings)
      .getRangeByIndexes(cell.row, cell.col, 1, 1).values = [[quarter]];
    const tasks = context.workbook.worksheets.getItem(SHEETS.tasks);
    tasks.activate();
    const header = HEADER_ROW - 1;
    tasks
      .getRangeByIndexes(
        header,
        cols.status,
        1,
        cols.nextSteps - cols.status + 1,
      )
      .select();
    await context.sync();
  });
}
