/**
 * Node edge of `plan-ledger workbook --plan NEW --update FILE.xlsx`: read the filled ledger, merge
 * the revised plan (shared/workbook/update.ts), render the new ledger with the exceljs writer, the
 * 归档 sheet holding what left the plan.
 */
import type { Plan } from "../../shared/plan/schema";
import { ledgerLayout } from "../../shared/workbook/layout";
import { readLedger, type ReadResult } from "../../shared/workbook/reader";
import type { LedgerProblem } from "../../shared/workbook/reader.grid";
import { updateLedger, withArchive, type ArchivedRow, type PlanChanges } from "../../shared/workbook/update";
import { writeWorkbook } from "../../shared/workbook/writer.exceljs";
import type { Ledger } from "../../shared/ledger/schema";
import { loadWorkbookGrid } from "./reader.exceljs";

export interface UpdateOutcome {
  bytes: Uint8Array;
  ledger: Ledger;
  changes: PlanChanges;
  /** Every row of the new 归档 sheet (the old ones first). */
  archive: ArchivedRow[];
  /** Reading problems of the old workbook that were overridden with `force`. */
  overridden: LedgerProblem[];
}

/** The old workbook has cells whose content the update would drop (an unknown status word, an actual that is not a number …). */
export class UpdateBlocked extends Error {
  constructor(readonly problems: LedgerProblem[]) {
    super(`台账中有 ${problems.length} 处内容无法读取，更新会丢失这些内容；请先改正（plan-ledger check），或加 --force 强制更新 (the ledger has ${problems.length} unreadable cells; fix them first or use --force)`);
    this.name = "UpdateBlocked";
  }
}

/**
 * Problems whose cell content would not survive a rewrite: errors on rows or cells the reader
 * skipped. (Warnings are read values; a bad setting keeps a default and is reported separately.)
 */
export function lossyProblems(read: ReadResult): LedgerProblem[] {
  return read.problems.filter((p) => p.severity === "error" && p.code !== "settings-invalid");
}

export async function updateWorkbook(oldBytes: Uint8Array, newPlan: Plan, options: { force?: boolean; password?: string } = {}): Promise<UpdateOutcome> {
  const read = readLedger(await loadWorkbookGrid(oldBytes));
  const lossy = lossyProblems(read);
  if (lossy.length > 0 && !options.force) throw new UpdateBlocked(lossy);
  const merged = updateLedger(read, newPlan);
  const layout = withArchive(ledgerLayout(merged.ledger, { password: options.password }), merged.archive);
  const bytes = await writeWorkbook(layout);
  return { bytes, ledger: merged.ledger, changes: merged.changes, archive: merged.archive, overridden: lossy };
}
