/** 归档 sheet: entries of tasks that left the plan (written by --update); empty in a new ledger. */
import type { Plan } from "../plan/schema";
import type { ColumnLayout, LayoutCell, SheetLayout } from "./layout.types";
import { ARCHIVE_COLUMNS, FIRST_DATA_ROW, HEADER_ROW } from "./labels";
import { colLetter } from "./layout.positions";
import { emptySheet, print, protection, sheetTitle } from "./layout.common";

const WIDTHS: Record<keyof typeof ARCHIVE_COLUMNS, number> = {
  taskId: 7, text: 40, quarter: 7, status: 9, progress: 30, problems: 24, nextSteps: 24, targetId: 9, targetName: 20, actual: 10, reason: 20,
};

export function archiveSheet(plan: Plan, opts: { demo: boolean; password: string | null }): SheetLayout {
  const sheet = emptySheet("archive");
  const keys = Object.keys(ARCHIVE_COLUMNS) as (keyof typeof ARCHIVE_COLUMNS)[];
  sheet.columns = keys.map((key): ColumnLayout => ({ key, label: ARCHIVE_COLUMNS[key], width: WIDTHS[key], style: "text" }));
  sheet.rows.push({ cells: [{ value: sheetTitle(plan, "archive", opts.demo), style: "title" }], height: 24 });
  sheet.rows.push({ cells: sheet.columns.map((c): LayoutCell => ({ value: c.label, style: "header" })), height: 32 });
  sheet.data = { headerRow: HEADER_ROW, firstRow: FIRST_DATA_ROW, lastRow: FIRST_DATA_ROW - 1 };
  sheet.freeze = { rows: HEADER_ROW, columns: 0 };
  sheet.autoFilter = `A${HEADER_ROW}:${colLetter(keys.length)}${HEADER_ROW}`;
  sheet.protection = protection(opts.password);
  sheet.print = print(`1:${HEADER_ROW}`);
  return sheet;
}
