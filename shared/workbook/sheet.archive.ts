/**
 * 归档 sheet: entries and actuals whose task or target left the plan (moved there by --update);
 * empty in a new ledger. Lays the sheet out (archiveSheet, withArchive for the rows) and reads it
 * back (readArchive). An archive that cannot be read is a problem, never an empty archive: an update
 * would otherwise drop its rows.
 */
import type { Plan } from "../plan/schema";
import type { ColumnLayout, LayoutCell, SheetLayout, WorkbookLayout } from "./layout.types";
import { ARCHIVE_COLUMNS, FIRST_DATA_ROW, HEADER_ROW } from "./labels";
import { QUARTER_NAMES, colLetter, parseQuarter, type Quarter } from "../vocabulary";
import { emptySheet, print, protection, sheetTitle } from "./layout.common";
import { cellNumber, cellStatus, cellText } from "./reader.cells";
import { col, columnsByKey, intOf, locateOptionalTable, problem, type LedgerProblem, type Sheet } from "./reader.grid";

/** One row of the 归档 sheet: an entry or an actual whose task / target left the plan. */
export interface ArchivedRow {
  kind: "entry" | "actual";
  /** The task's number and text as they were in the ledger. */
  taskId: number;
  taskText: string;
  quarter: Quarter;
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

type ArchiveKey = keyof typeof ARCHIVE_COLUMNS;
const KEYS = Object.keys(ARCHIVE_COLUMNS) as ArchiveKey[];

const WIDTHS: Record<ArchiveKey, number> = {
  taskId: 7,
  text: 40,
  quarter: 7,
  status: 9,
  progress: 30,
  problems: 24,
  nextSteps: 24,
  targetId: 9,
  targetName: 20,
  actual: 10,
  reason: 20,
};

export function archiveSheet(plan: Plan, opts: { demo: boolean; password: string | null }): SheetLayout {
  const sheet = emptySheet("archive");
  sheet.columns = KEYS.map((key): ColumnLayout => ({ key, label: ARCHIVE_COLUMNS[key], width: WIDTHS[key], style: "text" }));
  sheet.rows.push({ cells: [{ value: sheetTitle(plan, "archive", opts.demo), style: "title" }], height: 24 });
  sheet.rows.push({ cells: sheet.columns.map((c): LayoutCell => ({ value: c.label, style: "header" })), height: 32 });
  sheet.data = { headerRow: HEADER_ROW, firstRow: FIRST_DATA_ROW, lastRow: FIRST_DATA_ROW - 1 };
  sheet.freeze = { rows: HEADER_ROW, columns: 0 };
  sheet.autoFilter = `A${HEADER_ROW}:${colLetter(KEYS.length)}${HEADER_ROW}`;
  sheet.protection = protection(opts.password);
  sheet.print = print(`1:${HEADER_ROW}`);
  return sheet;
}

/**
 * Puts archive rows into the 归档 sheet of a layout (the layout builder writes that sheet empty), so
 * both writers render them. Returns a new layout; the input is not changed.
 */
export function withArchive(layout: WorkbookLayout, rows: readonly ArchivedRow[]): WorkbookLayout {
  if (rows.length === 0) return layout;
  return {
    ...layout,
    sheets: layout.sheets.map((sheet) => {
      if (sheet.key !== "archive") return sheet;
      const head = sheet.rows.slice(0, FIRST_DATA_ROW - 1);
      const body = rows.map((a) => {
        const v: Record<ArchiveKey, string | number | null> = {
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
        return { cells: KEYS.map((k): LayoutCell | null => (v[k] === null ? null : { value: v[k] })) };
      });
      const last = FIRST_DATA_ROW + rows.length - 1;
      return {
        ...sheet,
        rows: [...head, ...body],
        data: { headerRow: HEADER_ROW, firstRow: FIRST_DATA_ROW, lastRow: last },
        autoFilter: `A${HEADER_ROW}:${colLetter(KEYS.length)}${last}`,
      };
    }),
  };
}

/**
 * The rows of the 归档 sheet (none when there is no such sheet). A header that cannot be read, or a
 * row with content whose 原序号 or 季度 cannot be read, is an error problem: an update refuses to
 * drop them unless forced.
 */
/** Where readArchive read: the header row, the rows it took, and each column's key (0-based). */
export interface ArchiveCells {
  headerRow: number;
  rows: ReadonlySet<number>;
  cols: ReadonlyMap<number, string>;
}

export function readArchive(sheet: Sheet | null, problems: LedgerProblem[]): { rows: ArchivedRow[]; cells: ArchiveCells | null } {
  if (!sheet) return { rows: [], cells: null };
  const t = locateOptionalTable(
    sheet,
    [ARCHIVE_COLUMNS.taskId, ARCHIVE_COLUMNS.quarter],
    Object.values(ARCHIVE_COLUMNS),
    problems,
    "归档内容未读取（更新台账会丢失这些归档行）",
    "error",
  );
  if (!t) return { rows: [], cells: null };
  const get = (r: number, label: string) => {
    const cc = col(t, label);
    return cc === undefined ? null : sheet.get(r, cc);
  };
  const out: ArchivedRow[] = [];
  const read = new Set<number>();
  for (let r = t.headerRow + 1; r < sheet.rowCount; r++) {
    const idCell = get(r, ARCHIVE_COLUMNS.taskId);
    const taskId = intOf(idCell);
    const qText = cellText(get(r, ARCHIVE_COLUMNS.quarter));
    const quarter = parseQuarter(qText);
    if (taskId === null || quarter === null) {
      let filled = false;
      for (let c = 0; c < sheet.colCount && !filled; c++) filled = cellText(sheet.get(r, c)) !== "";
      if (filled) {
        const [c, what] =
          taskId === null
            ? [col(t, ARCHIVE_COLUMNS.taskId)!, `${ARCHIVE_COLUMNS.taskId}“${cellText(idCell)}”不是正整数`]
            : [col(t, ARCHIVE_COLUMNS.quarter)!, `${ARCHIVE_COLUMNS.quarter}“${qText}”无法识别`];
        problems.push(problem(sheet, r, c, "archive-row-invalid", `${what}，本归档行未读取（更新台账会丢失此行）`));
      }
      continue;
    }
    read.add(r);
    const targetId = cellText(get(r, ARCHIVE_COLUMNS.targetId)) || null;
    const st = cellStatus(get(r, ARCHIVE_COLUMNS.status));
    const value = cellNumber(get(r, ARCHIVE_COLUMNS.actual));
    out.push({
      kind: targetId ? "actual" : "entry",
      taskId,
      taskText: cellText(get(r, ARCHIVE_COLUMNS.text)),
      quarter,
      status: st.ok ? st.status : cellText(get(r, ARCHIVE_COLUMNS.status)),
      progress: cellText(get(r, ARCHIVE_COLUMNS.progress)),
      problems: cellText(get(r, ARCHIVE_COLUMNS.problems)),
      nextSteps: cellText(get(r, ARCHIVE_COLUMNS.nextSteps)),
      targetId,
      targetName: cellText(get(r, ARCHIVE_COLUMNS.targetName)) || null,
      targetUnit: null,
      value: value.ok ? value.value : null,
      reason: cellText(get(r, ARCHIVE_COLUMNS.reason)),
    });
  }
  const cols = new Map(Object.entries(columnsByKey(t, ARCHIVE_COLUMNS)).map(([k, c]) => [c as number, k]));
  return { rows: out, cells: { headerRow: t.headerRow, rows: read, cols } };
}
