/**
 * The shape the merge's record sheets share (变更记录, 回收情况): a title, a header row of labels and
 * one plain row per record, protected (written by plan-ledger, not by hand). Lays such a sheet out
 * and finds its rows when reading back; each sheet's module (sheet.changelog.ts, sheet.collection.ts)
 * says what its columns are and what a row means.
 */
import type { Plan } from "../plan/schema";
import type { ColumnLayout, LayoutCell, SheetLayout } from "./layout.types";
import { FIRST_DATA_ROW, HEADER_ROW, type SheetKey } from "./labels";
import { colLetter } from "../vocabulary";
import { emptySheet, print, protection, sheetTitle } from "./layout.common";
import { cellText, type RawCell } from "./reader.cells";
import { columnsByKey, locateOptionalTable, type LedgerProblem, type Sheet } from "./reader.grid";
import type { ArchiveCells } from "./sheet.archive";

export type LogCell = string | number | null;

export function logTableSheet<K extends string>(
  key: SheetKey,
  plan: Plan,
  columns: Readonly<Record<K, string>>,
  widths: Readonly<Record<K, number>>,
  rows: readonly Readonly<Record<K, LogCell>>[],
  opts: { demo: boolean; password: string | null },
): SheetLayout {
  const keys = Object.keys(columns) as K[];
  const sheet = emptySheet(key);
  sheet.columns = keys.map((k): ColumnLayout => ({ key: k, label: columns[k], width: widths[k], style: "text" }));
  sheet.rows.push({ cells: [{ value: sheetTitle(plan, key, opts.demo), style: "title" }], height: 24 });
  sheet.rows.push({ cells: sheet.columns.map((c): LayoutCell => ({ value: c.label, style: "header" })), height: 32 });
  for (const r of rows) sheet.rows.push({ cells: keys.map((k): LayoutCell | null => (r[k] === null || r[k] === "" ? null : { value: r[k] })) });
  const last = FIRST_DATA_ROW + rows.length - 1;
  sheet.data = { headerRow: HEADER_ROW, firstRow: FIRST_DATA_ROW, lastRow: last };
  sheet.freeze = { rows: HEADER_ROW, columns: 0 };
  sheet.autoFilter = `A${HEADER_ROW}:${colLetter(keys.length)}${Math.max(HEADER_ROW, last)}`;
  sheet.protection = protection(opts.password);
  sheet.print = print(`1:${HEADER_ROW}`);
  return sheet;
}

/** One data row as found: its 0-based row and a getter by column key. */
export interface LogRow<K extends string> {
  row: number;
  get: (k: K) => RawCell;
  /** 0-based column of a key (undefined: the column is missing). */
  colOf: (k: K) => number | undefined;
}

/**
 * The non-empty rows below the header (none when there is no such sheet). `accept` takes a row the
 * module could read; a row it returns false for is left out of `cells.rows`, so the unread scan names
 * it. A header that cannot be found is a problem (`consequence` says what that means).
 */
export function readLogTable<K extends string>(
  sheet: Sheet | null,
  columns: Readonly<Record<K, string>>,
  required: readonly K[],
  problems: LedgerProblem[],
  consequence: string,
  accept: (row: LogRow<K>) => boolean,
): ArchiveCells | null {
  if (!sheet) return null;
  const t = locateOptionalTable(
    sheet,
    required.map((k) => columns[k]),
    Object.values(columns),
    problems,
    consequence,
    "error",
  );
  if (!t) return null;
  const byKey = columnsByKey(t, columns) as Partial<Record<K, number>>;
  const read = new Set<number>();
  for (let r = t.headerRow + 1; r < sheet.rowCount; r++) {
    let filled = false;
    for (let c = 0; c < sheet.colCount && !filled; c++) filled = cellText(sheet.get(r, c)) !== "";
    if (!filled) continue;
    const row: LogRow<K> = {
      row: r,
      get: (k) => (byKey[k] === undefined ? null : sheet.get(r, byKey[k]!)),
      colOf: (k) => byKey[k],
    };
    if (accept(row)) read.add(r);
  }
  const cols = new Map(Object.entries(byKey).map(([k, c]) => [c as number, k]));
  return { headerRow: t.headerRow, rows: read, cols };
}
