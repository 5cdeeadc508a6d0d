/**
 * The whole update of a filled workbook (plan-ledger workbook --update, the add-in's 更新): read it,
 * refuse when a rewrite would lose something (unless forced), merge the revised plan
 * (update.merge.ts) and lay the result out with its 归档 rows. Pure: no I/O.
 */
import type { Ledger } from "../ledger/schema";
import type { Plan } from "../plan/schema";
import { SHEETS } from "./labels";
import type { WorkbookLayout } from "./layout.types";
import { ledgerLayout } from "./layout";
import { readLedger, type ReadResult } from "./reader";
import { LedgerReadError, type LedgerProblem, type WorkbookGrid } from "./reader.grid";
import { withArchive, type ArchivedRow } from "./sheet.archive";
import { updateLedger, type PlanChanges } from "./update.merge";
import { REPAIRED_BY_UPDATE } from "./plan-compare";
import { withCollection } from "../collect/layout";

// What callers of the update (the CLI, the add-in) name along with it.
export { describeChanges, type PlanChanges } from "./update.merge";
export type { ArchivedRow } from "./sheet.archive";

/**
 * Problems whose cell content would not survive a rewrite: errors on rows or cells the reader
 * skipped (an unknown status word, an actual that is not a number, a row without a valid 序号 …)
 * and what it did not read at all (unread.ts: a column or, when the writer replaces the whole file
 * (`otherSheets`), a sheet of one's own, a value over a formula, a merged input cell …).
 * Warnings are values that were read; an implausible actual is read and kept (it only waits for
 * confirmation). A setting out of range counts: the rewrite would put a default in its place, a guess.
 * Plan cells that differ from the plan record are what the rewrite repairs (REPAIRED_BY_UPDATE).
 */
export function lossyProblems(read: Pick<ReadResult, "problems">, options: { otherSheets: boolean }): LedgerProblem[] {
  const ours = new Set(Object.values(SHEETS).map((n) => n.replace(/\s+/g, "")));
  return read.problems.filter(
    (p) =>
      p.severity === "error" &&
      p.code !== "actual-implausible" &&
      !REPAIRED_BY_UPDATE.has(p.code) &&
      (options.otherSheets || ours.has(p.sheet.replace(/\s+/g, ""))),
  );
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
  const lossy = lossyProblems(read, { otherSheets: options.otherSheets === true });
  if (lossy.length > 0 && !options.force) return { ok: false, reason: "lossy", problems: lossy };
  // no new plan: rebuild the workbook around its own plan (restores formulas, validations, formats)
  const merged = updateLedger(read, newPlan ?? read.ledger.plan);
  // 变更记录 (merges of returned unit workbooks) is kept as read; 回收情况 is recomputed from it
  const layout = withCollection(
    withArchive(ledgerLayout(merged.ledger, { password: options.password }), merged.archive),
    merged.ledger,
    read.changelog,
    options.password,
  );
  return { ok: true, layout, ledger: merged.ledger, changes: merged.changes, archive: merged.archive, overridden: lossy };
}
