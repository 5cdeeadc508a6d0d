/**
 * Node edge of `plan-ledger workbook --plan NEW --update FILE.xlsx`: .xlsx bytes → value grids →
 * updateFromGrid (shared/workbook/update.ts: read, merge the revised plan, layout with the 归档
 * rows) → the exceljs writer.
 */
import type { Ledger } from "../../shared/ledger/schema";
import type { Plan } from "../../shared/plan/schema";
import { LedgerReadError, type LedgerProblem } from "../../shared/workbook/reader.grid";
import { updateFromGrid, type ArchivedRow, type PlanChanges } from "../../shared/workbook/update";
import { writeWorkbook } from "../../shared/workbook/writer.exceljs";
import { loadWorkbookGrid } from "./workbook.exceljs";

interface UpdateOutcome {
  bytes: Uint8Array;
  ledger: Ledger;
  changes: PlanChanges;
  /** Every row of the new 归档 sheet (the old ones first). */
  archive: ArchivedRow[];
  /** Reading problems of the old workbook that were overridden with `force`. */
  overridden: LedgerProblem[];
  /** The old workbook's sheets had a protection password (it cannot be read back, only set again). */
  oldPassword: boolean;
}

/** The old workbook has cells whose content the update would drop (an unknown status word, an actual that is not a number …). */
export class UpdateBlocked extends Error {
  constructor(readonly problems: LedgerProblem[]) {
    const foreign = problems.filter((p) => p.code === "foreign-content").length;
    super(
      foreign === problems.length
        ? `台账中有 ${foreign} 处不属于台账的内容（上列的列或工作表），更新后不会保留；请先移到别的文件，或加 --force 强制更新（原文件留有备份） (${foreign} places hold content outside the ledger; move it first or use --force)`
        : `台账中有 ${problems.length} 处内容无法读取或不属于台账，更新会丢失这些内容；请先改正（plan-ledger check），或加 --force 强制更新 (the ledger has ${problems.length} cells an update would lose; fix them first or use --force)`,
    );
    this.name = "UpdateBlocked";
  }
}

/** Throws LedgerReadError (not a ledger) or UpdateBlocked (cells would be lost). newPlan null: rebuild with the workbook's own plan. */
export async function updateWorkbook(
  oldBytes: Uint8Array,
  newPlan: Plan | null,
  options: { force?: boolean; password?: string; fileName?: string } = {},
): Promise<UpdateOutcome> {
  // A new file is written: sheets that are not the ledger's would be lost, so they block the update too.
  const grid = await loadWorkbookGrid(oldBytes, options.fileName);
  const r = updateFromGrid(grid, newPlan, { ...options, otherSheets: true });
  if (!r.ok) {
    if (r.reason === "lossy") throw new UpdateBlocked(r.problems);
    throw new LedgerReadError(r.error.code, r.error.message, r.error.sheet, r.error.cell);
  }
  return {
    bytes: await writeWorkbook(r.layout),
    ledger: r.ledger,
    changes: r.changes,
    archive: r.archive,
    overridden: r.overridden,
    oldPassword: grid.sheets.some((s) => s.passwordProtected === true),
  };
}
