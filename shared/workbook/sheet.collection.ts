/**
 * 回收情况 sheet: per quarter collected and per unit that reports tasks, whether its file came back,
 * when, which file, how many cells were merged, conflicts, cells not applied, and how many of its
 * tasks are still 未填报. Derived from 变更记录 and the ledger at each merge (shared/collect/status.ts);
 * laid out here (collectionSheet) and read back (readCollection) for the reports.
 */
import type { Plan } from "../plan/schema";
import type { SheetLayout } from "./layout.types";
import { COLLECTION_COLUMNS, COLLECTION_WORDS } from "./labels";
import { QUARTER_NAMES, parseQuarter, type Quarter } from "../vocabulary";
import { cellText } from "./reader.cells";
import { intOf, problem, type LedgerProblem, type Sheet } from "./reader.grid";
import { logTableSheet, readLogTable, type LogCell } from "./sheet.log-table";
import type { ArchiveCells } from "./sheet.archive";

export interface CollectionRow {
  quarter: Quarter;
  unit: string;
  returned: boolean;
  /** Time of the last merge of its file ("" when not returned). */
  time: string;
  fileName: string;
  applied: number;
  conflicts: number;
  notApplied: number;
  /** Tasks the unit reports whose status for the quarter is still blank. */
  unreported: number;
}

type Col = keyof typeof COLLECTION_COLUMNS;
const WIDTHS: Record<Col, number> = { quarter: 7, unit: 22, returned: 9, time: 20, fileName: 26, applied: 11, conflicts: 7, notApplied: 8, unreported: 12 };

export function collectionSheet(plan: Plan, rows: readonly CollectionRow[], opts: { demo: boolean; password: string | null }): SheetLayout {
  const cells = rows.map((r): Record<Col, LogCell> => ({
    quarter: QUARTER_NAMES[r.quarter],
    unit: r.unit,
    returned: r.returned ? COLLECTION_WORDS.returned : COLLECTION_WORDS.missing,
    time: r.time,
    fileName: r.fileName,
    applied: r.applied,
    conflicts: r.conflicts,
    notApplied: r.notApplied,
    unreported: r.unreported,
  }));
  return logTableSheet("collection", plan, COLLECTION_COLUMNS, WIDTHS, cells, opts);
}

export function readCollection(sheet: Sheet | null, problems: LedgerProblem[]): { rows: CollectionRow[]; cells: ArchiveCells | null } {
  const rows: CollectionRow[] = [];
  const cells = readLogTable<Col>(sheet, COLLECTION_COLUMNS, ["quarter", "unit", "returned"], problems, "回收情况未读取", (row) => {
    const text = (k: Col) => cellText(row.get(k));
    const quarter = parseQuarter(text("quarter"));
    const unit = text("unit");
    if (quarter === null || unit === "") {
      const c = quarter === null ? row.colOf("quarter")! : row.colOf("unit")!;
      problems.push(
        problem(
          sheet!,
          row.row,
          c,
          "changelog-row-invalid",
          `${quarter === null ? `季度“${text("quarter")}”无法识别` : "单位为空"}，本行回收情况未读取`,
          {},
          "warning",
        ),
      );
      return false;
    }
    const n = (k: Col) => intOf(row.get(k)) ?? 0;
    rows.push({
      quarter,
      unit,
      returned: text("returned") === COLLECTION_WORDS.returned,
      time: text("time"),
      fileName: text("fileName"),
      applied: n("applied"),
      conflicts: n("conflicts"),
      notApplied: n("notApplied"),
      unreported: n("unreported"),
    });
    return true;
  });
  return { rows, cells };
}
