/**
 * Reading a returned unit workbook (单位填报表): the ledger as readLedger reads it (against the unit's
 * rows of the plan record) and the identity it carries. Files that are not unit workbooks are refused.
 */
import type { UnitWorkbookIdentity } from "../collect/identity";
import { UNIT_SHEETS } from "./labels";
import { readLedger } from "./reader";
import type { ReadResult } from "./read-result";
import { LedgerReadError, type WorkbookGrid } from "./reader.grid";

/**
 * Throws LedgerReadError: "not-unit-workbook" for a workbook without 填报表标识 (a master ledger, any
 * other workbook), "unit-identity-invalid" for one whose identity or plan record was changed, and the
 * reader's own errors for a file that is not a readable ledger.
 */
export function readUnitWorkbook(grid: WorkbookGrid): { identity: UnitWorkbookIdentity; read: ReadResult } {
  const read = readLedger(grid);
  if (!read.unit) {
    throw new LedgerReadError(
      "not-unit-workbook",
      `不是单位填报表：缺少隐藏的工作表“${UNIT_SHEETS.identity}”（是总台账或其他工作簿？单位填报表由 plan-ledger split 生成） (not a unit workbook)`,
    );
  }
  return { identity: read.unit.identity, read };
}
