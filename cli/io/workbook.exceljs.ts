/**
 * Node edge of the ledger reader: a file's bytes → grids (shared/workbook/grid.exceljs.ts) → Ledger.
 */
import { readLedger, type ReadResult } from "../../shared/workbook/reader";
import { LedgerReadError } from "../../shared/workbook/reader.grid";
import { loadWorkbookGrid } from "../../shared/workbook/grid.exceljs";
import { FileReadError, readBytes } from "./read-file";

export { loadWorkbookGrid };

/** Reads a filled ledger from a file. Throws LedgerReadError for a file that is not a readable ledger. */
export async function readLedgerFile(path: string): Promise<ReadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(path);
  } catch (e) {
    if (e instanceof FileReadError) throw new LedgerReadError("not-xlsx", e.message);
    throw e;
  }
  return readLedger(await loadWorkbookGrid(bytes, path));
}
