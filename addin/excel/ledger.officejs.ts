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
import {
  writeLayout,
  type ExcelRun,
  type WriteOptions,
  type WriteReport,
} from "./writer.officejs";

const LEDGER_SHEETS = SHEET_ORDER.map((k) => SHEETS[k]);

/** The ledger sheets present in the workbook as value grids (2 round trips). */
export async function readGrid(run: ExcelRun): Promise<WorkbookGrid> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const present = sheets.items.filter((s) =>
      LEDGER_SHEETS.includes(s.name as (typeof LEDGER_SHEETS)[number]),
    );
    const merged = mergesSupported();
    const ranges = present.map((s) => {
      const r = s.getUsedRangeOrNullObject(true);
      // Number formats tell a typed 12.3% (stored 0.123) from 0.123; formulas show computed cells pasted over.
      r.load("values,numberFormat,formulas,rowIndex,columnIndex");
      // Merged areas whose top-left cell holds a value (ExcelApi 1.13; older hosts: not reported).
      const m = merged ? r.getMergedAreasOrNullObject() : null;
      m?.load("address");
      return { name: s.name, r, m };
    });
    await context.sync();
    const out: SheetGrid[] = [];
    for (const { name, r, m } of ranges)
      out.push(
        r.isNullObject
          ? { name, values: [] }
          : {
              name,
              values: r.values,
              numFmts: r.numberFormat,
              formulas: r.formulas,
              origin: { row: r.rowIndex, col: r.columnIndex },
              ...(m
                ? { merges: m.isNullObject ? [] : mergedAddresses(m.address) }
                : {}),
            },
      );
    return { sheets: out };
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

interface ImportResult {
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
  options: WriteOptions & { password?: string } = {},
): Promise<ImportResult> {
  // The sheets are protected with this password (none: protected without one). An existing ledger's
  // password cannot be read back, so an update asks for it again.
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
      `台账表中有不属于台账的列（${cells}），重新写入台账会丢失其内容。请先把这些内容移到另一个工作表后再导入。 (columns that are not the ledger's would be lost: move them to another sheet first)`,
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
      `台账中有 ${up.problems.length} 个单元格无法识别（${cells}${up.problems.length > 5 ? " 等" : ""}），更新会丢失这些内容。请先在“检查填报”中修正后再导入。 (unreadable cells would be lost: fix them first)`,
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

interface UnitProblems {
  unit: string;
  problems: LedgerProblem[];
}

/**
 * 检查填报: the problems of the checked quarter (and those tied to no quarter), grouped by lead unit.
 * quarter null: 设置's 当前季度 is invalid (a problem says so) and none was chosen; all are listed.
 */
export async function checkWorkbook(
  run: ExcelRun,
  quarter?: Quarter,
): Promise<{ quarter: Quarter | null; groups: UnitProblems[]; total: number }> {
  const result = checkLedger(await readGrid(run), quarter ? { quarter } : {});
  if (!result.ok) throw new Error(result.error.message);
  const relevant = result.problems.filter(
    (p) =>
      p.quarter === undefined ||
      result.quarter === null ||
      p.quarter === result.quarter,
  );
  const groups = new Map<string, LedgerProblem[]>();
  for (const p of relevant) {
    const unit = p.units?.[0] ?? "其他（设置、编号等）";
    groups.set(unit, [...(groups.get(unit) ?? []), p]);
  }
  return {
    quarter: result.quarter,
    groups: [...groups]
      .map(([unit, problems]) => ({ unit, problems }))
      .sort(
        (a, b) =>
          b.problems.length - a.problems.length ||
          a.unit.localeCompare(b.unit, "zh"),
      ),
    total: relevant.length,
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
