/**
 * The whole update of a filled workbook (plan-ledger workbook --update, the add-in's 更新): read it,
 * refuse when a rewrite would lose something (unless forced), merge the revised plan
 * (update.merge.ts) and lay the result out with its 归档 rows. Pure: no I/O.
 */
import type { Ledger } from "../ledger/schema";
import type { Plan } from "../plan/schema";
import { SHEETS } from "./labels";
import { cellAddress } from "../vocabulary";
import { cellText, labelKey } from "./reader.cells";
import type { WorkbookLayout } from "./layout.types";
import { ledgerLayout } from "./layout";
import { readLedger, type ReadResult } from "./reader";
import { LedgerReadError, Sheet, type LedgerProblem, type WorkbookGrid } from "./reader.grid";
import { withArchive, type ArchivedRow } from "./sheet.archive";
import { updateLedger, type PlanChanges } from "./update.merge";

// What callers of the update (the CLI, the add-in) name along with it.
export { describeChanges, type PlanChanges } from "./update.merge";
export type { ArchivedRow } from "./sheet.archive";

/**
 * Problems whose cell content would not survive a rewrite: errors on rows or cells the reader
 * skipped (an unknown status word, an actual that is not a number, a row without a valid 序号 …).
 * Warnings are values that were read; an implausible actual is read and kept (it only waits for
 * confirmation). A setting out of range counts: the rewrite would put a default in its place, a guess.
 */
function lossyProblems(read: Pick<ReadResult, "problems">): LedgerProblem[] {
  return read.problems.filter((p) => p.severity === "error" && p.code !== "actual-implausible");
}

/**
 * Content a rewrite would not carry over: a non-empty cell under a column header of 任务 / 指标
 * that the ledger does not have (a 备注 column a unit added), and, when the writer replaces the
 * whole file (`otherSheets`), any non-empty sheet that is not one of the ledger's. One problem per
 * column or sheet, at its first non-empty cell.
 */
function foreignContent(grid: WorkbookGrid, read: ReadResult, options: { otherSheets: boolean }): LedgerProblem[] {
  const out: LedgerProblem[] = [];
  const layout = ledgerLayout(read.ledger);
  const ours = new Set(Object.values(SHEETS).map((n) => n.replace(/\s+/g, "")));
  const problem = (sheet: string, row: number, col: number, message: string): LedgerProblem => ({
    sheet, row, col, cell: cellAddress(row, col), code: "foreign-content", severity: "error", message,
  });
  for (const g of grid.sheets) {
    const sheet = new Sheet(g);
    const firstFilled = (fromRow: number, col?: number): { row: number; col: number } | null => {
      for (let r = fromRow; r < sheet.rowCount; r++)
        for (let c = col ?? 0; c <= (col ?? sheet.colCount - 1); c++) if (cellText(sheet.get(r, c)) !== "") return { row: r, col: c };
      return null;
    };
    if (!ours.has(g.name.replace(/\s+/g, ""))) {
      const at = options.otherSheets ? firstFilled(0) : null;
      if (at) out.push(problem(g.name, at.row, at.col, `工作表“${g.name}”不是台账的一部分，更新后的台账不含此表（可加 --force 仍然更新，原文件留有备份） (sheet not part of the ledger: it would not be kept)`));
      continue;
    }
    const key = (Object.keys(SHEETS) as (keyof typeof SHEETS)[]).find((k) => SHEETS[k].replace(/\s+/g, "") === g.name.replace(/\s+/g, ""));
    if (key !== "tasks" && key !== "targets") continue;
    const ls = layout.sheets.find((x) => x.key === key);
    const hr = ls?.data?.headerRow;
    if (!ls || !hr) continue;
    const known = new Set(ls.rows[hr - 1]!.cells.map((c) => labelKey(c?.value ?? null)).filter((k) => k !== ""));
    // The grid's header row: the one among the first rows holding most of the known labels.
    let header = -1;
    let best = 0;
    for (let r = 0; r < Math.min(sheet.rowCount, 20); r++) {
      let hits = 0;
      for (let c = 0; c < sheet.colCount; c++) if (known.has(labelKey(sheet.get(r, c)))) hits++;
      if (hits > best) [header, best] = [r, hits];
    }
    if (header < 0) continue;
    for (let c = 0; c < sheet.colCount; c++) {
      const label = labelKey(sheet.get(header, c));
      if (known.has(label)) continue;
      const at = firstFilled(header + 1, c);
      if (!at) continue;
      const name = cellText(sheet.get(header, c)) || cellAddress(header, c).replace(/\d+$/, "");
      out.push(problem(g.name, at.row, at.col, `“${name}”列不是台账的列，更新后不保留其内容 (column not part of the ledger: its content would not be kept)`));
    }
  }
  return out;
}

export type GridUpdate =
  | {
      ok: true;
      /** Render this with a writer (exceljs or Office.js): the new ledger with its 归档 rows. */
      layout: WorkbookLayout;
      ledger: Ledger;
      changes: PlanChanges;
      archive: ArchivedRow[];
      /** Lossy problems dropped because `force` was set. */
      overridden: LedgerProblem[];
    }
  | { ok: false; reason: "not-a-ledger"; error: { code: LedgerReadError["code"]; message: string; sheet?: string; cell?: string } }
  | { ok: false; reason: "lossy"; problems: LedgerProblem[] };

/**
 * Update in one call, from the filled workbook's value grids (exceljs or Office.js) to the layout of
 * the updated workbook. Refuses (reason "lossy") when cells would be dropped, unless `force`.
 * `newPlan` null: rebuild with the workbook's own plan (a repair: formulas, validations, formats).
 */
export function updateFromGrid(
  grid: WorkbookGrid,
  newPlan: Plan | null,
  /** otherSheets: the writer replaces the whole file, so sheets that are not the ledger's would be lost too (the CLI; the add-in keeps them). */
  options: { force?: boolean; password?: string; otherSheets?: boolean } = {},
): GridUpdate {
  let read: ReadResult;
  try {
    read = readLedger(grid);
  } catch (e) {
    if (e instanceof LedgerReadError) return { ok: false, reason: "not-a-ledger", error: { code: e.code, message: e.message, sheet: e.sheet, cell: e.cell } };
    throw e;
  }
  const lossy = [...lossyProblems(read), ...foreignContent(grid, read, { otherSheets: options.otherSheets === true })];
  if (lossy.length > 0 && !options.force) return { ok: false, reason: "lossy", problems: lossy };
  // no new plan: rebuild the workbook around its own plan (restores formulas, validations, formats)
  const merged = updateLedger(read, newPlan ?? read.ledger.plan);
  const layout = withArchive(ledgerLayout(merged.ledger, { password: options.password }), merged.archive);
  return { ok: true, layout, ledger: merged.ledger, changes: merged.changes, archive: merged.archive, overridden: lossy };
}
